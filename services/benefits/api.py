"""`GET /api/v1/benefits/` (the rules, machine-readable) and `POST /api/v1/benefits/check/`.

The check stores and logs nothing: the JSON body is read, evaluated and answered.
"""

from drf_spectacular.utils import OpenApiExample, extend_schema
from rest_framework import generics, serializers
from rest_framework.exceptions import ParseError
from rest_framework.response import Response
from rest_framework.views import APIView

from services.api import Pagination, PublicApiMixin

from .inputs import BIRTH_PATTERN, BadInput, person_from_json
from .models import ASSISTANCE, DISABILITY_CATEGORIES, Benefit
from .rules import APPLY, AUTOMATIC, MAYBE, check, conditions

MONEY = {"max_digits": 9, "decimal_places": 2, "allow_null": True}


class BandSerializer(serializers.Serializer):
    min_age = serializers.IntegerField()
    max_age = serializers.IntegerField(allow_null=True, help_text="null：不设上限")
    amount_per_month = serializers.DecimalField(**MONEY)


class QualifierSerializer(serializers.Serializer):
    assistance = serializers.ChoiceField(
        [a for a, _ in ASSISTANCE], allow_null=True, help_text="null：不要求"
    )
    disability_grades = serializers.ListField(
        child=serializers.IntegerField(), allow_null=True, help_text="1 = 一级（最重）"
    )
    disability_categories = serializers.ListField(
        child=serializers.ChoiceField(DISABILITY_CATEGORIES), help_text="空列表：不限类别"
    )

    def to_representation(self, qualifier):
        grades = (
            list(range(qualifier.grade_from, qualifier.grade_to + 1))
            if qualifier.grade_from is not None
            else None
        )
        return {
            "assistance": qualifier.assistance or None,
            "disability_grades": grades,
            "disability_categories": qualifier.category_list,
        }


class BenefitSerializer(serializers.ModelSerializer):
    code = serializers.CharField(source="matter.code", help_text="事项编码")
    matter_name = serializers.CharField(source="matter.name")
    department = serializers.CharField(source="matter.department.name")
    mode_label = serializers.CharField(source="get_mode_display")
    hukou_streets = serializers.SlugRelatedField(
        source="streets", many=True, read_only=True, slug_field="code"
    )
    bands = BandSerializer(many=True)
    qualifiers = QualifierSerializer(many=True, help_text="满足其一即可；空列表表示不要求")
    conditions = serializers.SerializerMethodField(help_text="条件的文字说明")
    beneficiaries = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField()

    class Meta:
        model = Benefit
        fields = [
            "code",
            "name",
            "matter_name",
            "department",
            "mode",
            "mode_label",
            "audience",
            "summary",
            "bands",
            "hukou",
            "hukou_streets",
            "veteran",
            "retired",
            "excludes_assisted",
            "qualifiers",
            "check_reason",
            "amount_per_month",
            "amount_note",
            "amounts_verified",
            "starts",
            "payment_method",
            "legal_basis",
            "beneficiaries",
            "conditions",
            "url",
        ]

    def get_conditions(self, benefit) -> list[str]:
        return conditions(benefit)

    def get_beneficiaries(self, benefit) -> dict | None:
        if benefit.beneficiaries_count is None:
            return None
        return {
            "count": benefit.beneficiaries_count,
            "label": benefit.beneficiaries_label,
            "as_of": benefit.beneficiaries_as_of.isoformat()
            if benefit.beneficiaries_as_of
            else None,
            "source": benefit.beneficiaries_source,
            "source_url": benefit.beneficiaries_source_url or None,
        }

    def get_url(self, benefit) -> str:
        return self.context["request"].build_absolute_uri(benefit.matter.get_absolute_url())


@extend_schema(
    summary="惠民政策及其规则",
    description=(
        "每项政策的条件（年龄段及金额、户籍、退役军人、退休、符合情形）、享受方式"
        "（automatic 免申即享 / quick 快申快享 / apply 依申请）、何时开始、发放方式、依据，"
        "以及免申即享政策公布的已享受人数。金额为字符串（元，两位小数）。"
    ),
)
class BenefitList(PublicApiMixin, generics.ListAPIView):
    queryset = Benefit.objects.with_rules()
    serializer_class = BenefitSerializer
    pagination_class = Pagination


class CheckRequest(serializers.Serializer):
    birth = serializers.RegexField(
        BIRTH_PATTERN, help_text="出生年月 YYYY-MM，不能晚于本月，不早于 130 年前"
    )
    # Only birth is required: a field left out is read as null (person_from_json).
    hukou_street = serializers.CharField(
        required=False,
        allow_null=True,
        help_text="户籍所在街道便民服务中心的编码；非二七区户籍为 null",
    )
    disability_grade = serializers.IntegerField(
        required=False,
        allow_null=True,
        min_value=1,
        max_value=4,
        help_text="残疾等级 1–4（一级最重）或 null",
    )
    disability_category = serializers.ChoiceField(
        DISABILITY_CATEGORIES, required=False, allow_null=True
    )
    assistance = serializers.ChoiceField(
        [a for a, _ in ASSISTANCE], required=False, allow_null=True
    )
    veteran = serializers.BooleanField(default=False)
    retired = serializers.BooleanField(default=False)


class AutomaticItem(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    amount_per_month = serializers.DecimalField(**MONEY)
    # "from" is a Python keyword: the field is declared below.


AutomaticItem._declared_fields["from"] = serializers.CharField(
    allow_null=True, help_text="当前金额从哪个月起发放，YYYY-MM"
)


class ApplyItem(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    url = serializers.URLField(help_text="办事指南")


class MaybeItem(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    reason = serializers.CharField()


class CheckResponse(serializers.Serializer):
    automatic = AutomaticItem(many=True)
    apply = ApplyItem(many=True)
    maybe = MaybeItem(many=True)


class BenefitCheck(PublicApiMixin, APIView):
    @extend_schema(
        summary="惠民政策自查",
        description=(
            "按今天（北京时间）计算。只给出生年月，按出生当月 1 日满周岁；“满周岁次月起”的政策"
            "从满周岁当月的下一个月起发放。不保存、不记录任何输入。输入有误返回 400 与中文 detail。"
        ),
        request=CheckRequest,
        responses=CheckResponse,
        examples=[
            OpenApiExample(
                "85 岁、二七区户籍",
                request_only=True,
                value={
                    "birth": "1941-05",
                    "hukou_street": None,
                    "disability_grade": None,
                    "disability_category": None,
                    "assistance": None,
                    "veteran": False,
                    "retired": True,
                },
            )
        ],
    )
    def post(self, request):
        try:
            person = person_from_json(request.data)
        except ParseError:
            return _unlogged_400("请求体不是有效的 JSON。")
        except BadInput as error:
            return _unlogged_400(str(error))
        groups = check(Benefit.objects.with_rules(), person)
        return Response(
            {
                "automatic": [
                    {
                        "code": o.benefit.matter.code,
                        "name": o.benefit.name,
                        "amount_per_month": _money(o.amount_per_month),
                        "from": o.starts.strftime("%Y-%m") if o.starts else None,
                    }
                    for o in groups[AUTOMATIC]
                ],
                "apply": [
                    {
                        "code": o.benefit.matter.code,
                        "name": o.benefit.name,
                        "url": request.build_absolute_uri(o.benefit.matter.get_absolute_url()),
                    }
                    for o in groups[APPLY]
                ],
                "maybe": [
                    {
                        "code": o.benefit.matter.code,
                        "name": o.benefit.name,
                        "reason": "；".join(o.reasons),
                    }
                    for o in groups[MAYBE]
                ],
            }
        )


def _unlogged_400(detail):
    response = Response({"detail": detail}, status=400)
    # Django logs every 4xx ("Bad Request: <path>"); the check promises no log line at all.
    response._has_been_logged = True
    return response


def _money(amount):
    return None if amount is None else f"{amount:.2f}"
