"""`GET /api/v1/policies/` and `GET /api/v1/questions/?matter=<code>`: public, read-only."""

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, serializers
from rest_framework.exceptions import ValidationError

from services.api import Pagination, PublicApiMixin
from services.models import Matter

from .markup import render
from .models import Policy, Question

MATTER_PARAM = OpenApiParameter("matter", str, description="事项编码；不存在时返回 400")


def _matter(request):
    """The Matter named by ?matter=, None when absent; an unknown code is a 400."""
    code = request.query_params.get("matter", "").strip()
    if not code:
        return None
    # PostgreSQL refuses NUL in a string: such a code cannot exist.
    matter = None if "\x00" in code else Matter.objects.filter(code=code).first()
    if matter is None:
        raise ValidationError({"matter": [f"没有编码为“{code[:50]}”的事项。"]})
    return matter


class PolicySerializer(serializers.ModelSerializer):
    department = serializers.CharField(source="department.name")
    body_html = serializers.SerializerMethodField(help_text="已清理的 HTML")
    poster_url = serializers.SerializerMethodField()
    matters = serializers.SlugRelatedField(many=True, read_only=True, slug_field="code")
    url = serializers.SerializerMethodField()

    class Meta:
        model = Policy
        fields = ["id", "title", "published_on", "department", "summary", "body_html",
                  "video_url", "poster_url", "matters", "url"]  # fmt: skip

    def get_body_html(self, policy) -> str:
        return str(render(policy.body))

    def get_poster_url(self, policy) -> str | None:
        return (
            self.context["request"].build_absolute_uri(policy.poster.url) if policy.poster else None
        )

    def get_url(self, policy) -> str:
        return self.context["request"].build_absolute_uri(policy.get_absolute_url())


class QuestionSerializer(serializers.ModelSerializer):
    matter = serializers.CharField(source="matter.code")
    matter_name = serializers.CharField(source="matter.name")
    department = serializers.CharField(source="matter.department.name")
    asker = serializers.CharField(source="get_asker_display")
    asked_on = serializers.DateTimeField(source="asked_at")
    answered_on = serializers.DateTimeField(source="answered_at")

    class Meta:
        model = Question
        fields = ["id", "matter", "matter_name", "department", "asker", "text", "answer",
                  "asked_on", "answered_on"]  # fmt: skip


@extend_schema(summary="政务有料（政策解读）", parameters=[MATTER_PARAM])
class PolicyList(PublicApiMixin, generics.ListAPIView):
    serializer_class = PolicySerializer
    pagination_class = Pagination

    def get_queryset(self):
        policies = (
            Policy.objects.published().select_related("department").prefetch_related("matters")
        )
        matter = _matter(self.request)
        return policies.about(matter) if matter else policies


@extend_schema(
    summary="问政事儿（已答复并公开的问答）",
    description="只列出已答复且审核公开的问答，新答复的在前。不含提问人的任何联系方式。",
    parameters=[MATTER_PARAM],
)
class QuestionList(PublicApiMixin, generics.ListAPIView):
    serializer_class = QuestionSerializer
    pagination_class = Pagination

    def get_queryset(self):
        questions = Question.objects.public().select_related("matter__department")
        matter = _matter(self.request)
        if matter is not None:
            questions = questions.filter(matter=matter)
        return questions.order_by("-answered_at", "-id")
