"""The catalogue: departments, themes and matters (事项), with their materials, steps and the
venues that handle them.

Rules about one record live here, as named database constraints and in `clean()`; rules
across records (every delegated matter at every street centre, …) live in `integrity.py`.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connections, models
from django.db.models import Q
from django.db.models.functions import Coalesce
from django.urls import reverse
from simple_history.models import HistoricalRecords

from .network import Venue


class Department(models.Model):
    code = models.CharField("部门编码", max_length=32, unique=True)
    name = models.CharField("部门名称", max_length=64, unique=True)
    short_name = models.CharField("简称", max_length=16)
    kind = models.CharField(
        "职能类别", max_length=32, blank=True, help_text="如 公安、民政、人力资源和社会保障"
    )
    phone = models.CharField("咨询电话", max_length=32, blank=True)
    position = models.PositiveSmallIntegerField("排序", default=0)

    class Meta:
        verbose_name = "部门"
        verbose_name_plural = "部门"
        ordering = ["position", "code"]

    def __str__(self):
        return self.name


class Theme(models.Model):
    class Audience(models.TextChoices):
        PERSON = "person", "个人"
        ENTERPRISE = "enterprise", "法人"

    slug = models.SlugField("标识", max_length=32, unique=True)
    name = models.CharField("主题名称", max_length=32, unique=True)
    audience = models.CharField("服务对象", max_length=16, choices=Audience.choices)
    position = models.PositiveSmallIntegerField("排序", default=0)

    class Meta:
        verbose_name = "主题分类"
        verbose_name_plural = "主题分类"
        ordering = ["audience", "position", "name"]

    def __str__(self):
        return self.name


# The derived fields search reads, filled by Matter.search_fields_for.
SEARCH_FIELDS = ("search_pinyin", "search_initials")


# The flags a matter shows in every list (the API's list rows, the search results).
LIST_FLAGS = ["instant", "no_application", "self_service", "delegated_to_street", "cross_province"]


class MatterQuerySet(models.QuerySet):
    def instant(self):
        return self.filter(instant=True)

    def no_application(self):
        return self.filter(no_application=True)

    def self_service(self):
        return self.filter(self_service=True)

    def delegated_to_street(self):
        return self.filter(delegated_to_street=True)

    def cross_province(self):
        return self.filter(cross_province=True)

    def for_residents(self):
        return self.filter(audience__in=[Matter.Audience.PERSON, Matter.Audience.BOTH])

    def list_rows(self, pks):
        """(pk, code, name, department name, *LIST_FLAGS) of the matters with these ids, in
        plain SQL: a search lists up to 500 and the ORM's compiling and per-value converters
        cost more than the search itself. Reads by ids alone; the ids are ints from our own
        search index, so they are written into the SQL as integer literals."""
        if not pks:
            return []
        connection = connections[self.db]
        qn = connection.ops.quote_name
        matter, department = Matter._meta, Department._meta
        fk = matter.get_field("department")
        flags = ", ".join(f"m.{qn(matter.get_field(f).column)}" for f in LIST_FLAGS)
        sql = (
            f"SELECT m.{qn(matter.pk.column)}, m.{qn(matter.get_field('code').column)}, "
            f"m.{qn(matter.get_field('name').column)}, d.{qn(department.get_field('name').column)}, "
            f"{flags} FROM {qn(matter.db_table)} m INNER JOIN {qn(department.db_table)} d "
            f"ON d.{qn(fk.target_field.column)} = m.{qn(fk.column)} "
            f"WHERE m.{qn(matter.pk.column)} IN ({','.join(str(int(pk)) for pk in pks)})"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql)
            return [(*row[:4], *map(bool, row[4:])) for row in cursor.fetchall()]

    def most_available(self):
        """Handled at the most venues first: the everyday matters, near every resident."""
        # A count per matter by subquery: a join with GROUP BY would group on every column.
        venues = (
            Handling.objects.filter(matter=models.OuterRef("pk"))
            .order_by()
            .values("matter")
            .annotate(n=models.Count("pk"))
            .values("n")
        )
        count = Coalesce(models.Subquery(venues, output_field=models.IntegerField()), 0)
        return self.annotate(venue_count=count).order_by("-venue_count", "code")

    def handled_at(self, level):
        return self.filter(handlings__venue__level=level).distinct()

    def get_by_natural_key(self, code):
        return self.get(code=code)

    def search(self, q):
        """Matters matching everyday words `q`, most relevant first (see services.search)."""
        from ..search import search

        return search(self, q)


class Matter(models.Model):
    class Kind(models.TextChoices):
        LICENSING = "licensing", "行政许可"
        CONFIRMATION = "confirmation", "行政确认"
        PAYMENT = "payment", "行政给付"
        AWARD = "award", "行政奖励"
        ADJUDICATION = "adjudication", "行政裁决"
        OTHER_POWER = "other_power", "其他行政权力"
        PUBLIC_SERVICE = "public_service", "公共服务"

    class Audience(models.TextChoices):
        PERSON = "person", "个人"
        ENTERPRISE = "enterprise", "法人"
        BOTH = "both", "个人和法人"

    class HandlingType(models.TextChoices):
        INSTANT = "instant", "即办件"
        PROMISED = "promised", "承诺件"

    class Scope(models.TextChoices):
        NATIONAL = "national", "全国通办"
        PROVINCE = "province", "全省通办"
        CITY = "city", "全市通办"
        DISTRICT = "district", "全区通办"
        STREET = "street", "跨街道通办"
        LOCAL = "local", "属地办理"

    code = models.CharField(
        "事项编码", max_length=40, unique=True, help_text="基本编码（GB/T 39554.1-2020）或实施编码"
    )
    code_is_demo = models.BooleanField(
        "演示编码",
        default=False,
        help_text="编码不是来自二七区或河南省的事项目录（演示数据中的编码）；核对为正式编码后取消勾选",
    )
    name = models.CharField("事项名称", max_length=200, db_index=True)
    department = models.ForeignKey(
        Department, verbose_name="实施部门", on_delete=models.PROTECT, related_name="matters"
    )
    kind = models.CharField("事项类型", max_length=24, choices=Kind.choices)
    audience = models.CharField("服务对象", max_length=16, choices=Audience.choices)
    themes = models.ManyToManyField(
        Theme, verbose_name="主题分类", blank=True, related_name="matters"
    )
    conditions = models.TextField("受理条件", blank=True)
    basis = models.TextField("设定依据", blank=True)
    handling_type = models.CharField("办件类型", max_length=16, choices=HandlingType.choices)
    legal_days = models.PositiveSmallIntegerField(
        "法定时限（工作日）", null=True, blank=True, help_text="法律未规定时限的留空"
    )
    promised_days = models.PositiveSmallIntegerField("承诺时限（工作日）")
    fee = models.CharField("收费标准", max_length=200, default="不收费")
    online_url = models.URLField("网上办理地址", blank=True)
    visits = models.PositiveSmallIntegerField("到现场次数", default=1)
    scope = models.CharField("通办范围", max_length=16, choices=Scope.choices, default=Scope.LOCAL)
    consult_phone = models.CharField("咨询电话", max_length=32, blank=True)
    instant = models.BooleanField("即来即办", default=False)
    no_application = models.BooleanField("免申即享", default=False)
    self_service = models.BooleanField("7×24 自助", default=False)
    delegated_to_street = models.BooleanField("下沉街道", default=False)
    cross_province = models.BooleanField("跨省通办", default=False)
    keywords = models.TextField(
        "关键词 / 俗称",
        blank=True,
        help_text="群众常用的说法，用空格或逗号分隔，如“身份证 办身份证 换证”",
    )
    # Derived search fields, filled by services.search from name and keywords.
    search_pinyin = models.TextField("拼音（检索用）", blank=True, editable=False)
    search_initials = models.CharField(
        "拼音首字母（检索用）", max_length=400, blank=True, editable=False
    )
    verified_at = models.DateTimeField("最近核实时间", null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="核实人",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    objects = MatterQuerySet.as_manager()
    history = HistoricalRecords(
        verbose_name="事项历史", excluded_fields=["updated_at"], m2m_fields=[themes]
    )

    class Meta:
        verbose_name = "政务服务事项"
        verbose_name_plural = "政务服务事项"
        ordering = ["department__position", "code"]
        constraints = [
            models.CheckConstraint(
                name="matter_instant_is_same_day",
                condition=Q(instant=False) | Q(handling_type="instant", promised_days=0),
                violation_error_message="即来即办事项必须是即办件，承诺时限为 0 个工作日。",
            ),
            models.CheckConstraint(
                name="matter_promised_within_legal",
                condition=Q(legal_days__isnull=True) | Q(promised_days__lte=models.F("legal_days")),
                violation_error_message="承诺时限不能超过法定时限。",
            ),
            models.CheckConstraint(
                name="matter_no_application_needs_no_visit",
                condition=Q(no_application=False) | Q(visits=0),
                violation_error_message="免申即享事项无需到现场，到现场次数必须为 0。",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("services:matter", args=[self.code])

    def natural_key(self):
        return (self.code,)

    @classmethod
    def search_fields_for(cls, name, keywords):
        """The stored pinyin search fields for a name and keywords, each cut to its column: the
        one computation every write path uses (a long keyword list must not overflow a column)."""
        from ..search import pinyin_fields

        values = dict(zip(SEARCH_FIELDS, pinyin_fields(name, keywords), strict=True))
        for f, value in values.items():
            limit = cls._meta.get_field(f).max_length
            values[f] = value[:limit] if limit else value
        return values

    def set_search_fields(self):
        for f, value in self.search_fields_for(self.name, self.keywords).items():
            setattr(self, f, value)

    def clean(self):
        errors = {}
        if self.instant and self.handling_type != self.HandlingType.INSTANT:
            errors["handling_type"] = "即来即办事项的办件类型必须是即办件。"
        if self.instant and self.promised_days not in (0, None):
            errors["promised_days"] = "即来即办事项的承诺时限必须为 0 个工作日。"
        if (
            self.legal_days is not None
            and self.promised_days is not None
            and self.promised_days > self.legal_days
        ):
            errors["promised_days"] = (
                f"承诺时限（{self.promised_days} 个工作日）不能超过法定时限"
                f"（{self.legal_days} 个工作日）。"
            )
        if self.no_application and self.visits:
            errors["visits"] = "免申即享事项无需到现场，到现场次数必须为 0。"
        if errors:
            raise ValidationError(errors)


class Material(models.Model):
    class Requirement(models.TextChoices):
        REQUIRED = "required", "必要"
        CONDITIONAL = "conditional", "容缺 / 特定情形需要"

    class Form(models.TextChoices):
        ORIGINAL = "original", "原件"
        COPY = "copy", "复印件"
        ORIGINAL_AND_COPY = "original_and_copy", "原件和复印件"
        ELECTRONIC = "electronic", "电子证照"

    matter = models.ForeignKey(
        Matter, verbose_name="事项", on_delete=models.CASCADE, related_name="materials"
    )
    position = models.PositiveSmallIntegerField("序号", default=0)
    name = models.CharField("材料名称", max_length=200)
    requirement = models.CharField(
        "是否必要", max_length=16, choices=Requirement.choices, default=Requirement.REQUIRED
    )
    condition = models.CharField("需要情形", max_length=200, blank=True)
    form = models.CharField("材料形式", max_length=24, choices=Form.choices, default=Form.ORIGINAL)
    copies = models.PositiveSmallIntegerField("份数", default=1)
    source = models.CharField(
        "来源渠道", max_length=100, blank=True, help_text="如 申请人自备、公安机关"
    )
    form_url = models.URLField("空白表格", blank=True)
    sample_url = models.URLField("示例样表", blank=True)

    history = HistoricalRecords(verbose_name="申请材料历史")

    class Meta:
        verbose_name = "申请材料"
        verbose_name_plural = "申请材料"
        ordering = ["matter", "position", "id"]
        constraints = [
            models.CheckConstraint(
                name="material_copies_positive",
                condition=Q(copies__gte=1),
                violation_error_message="份数至少为 1。",
            ),
        ]

    def __str__(self):
        return self.name


class Step(models.Model):
    matter = models.ForeignKey(
        Matter, verbose_name="事项", on_delete=models.CASCADE, related_name="steps"
    )
    position = models.PositiveSmallIntegerField("序号", default=0)
    name = models.CharField("环节", max_length=32, help_text="申请、受理、审查、决定、送达")
    description = models.TextField("办理说明", blank=True)

    history = HistoricalRecords(verbose_name="办理流程历史")

    class Meta:
        verbose_name = "办理流程"
        verbose_name_plural = "办理流程"
        ordering = ["matter", "position", "id"]

    def __str__(self):
        return self.name


class Handling(models.Model):
    """Where a matter is handled: the matter × venue link."""

    class Mode(models.TextChoices):
        FULL = "full", "全流程办理"
        ACCEPT = "accept", "受理（收件）"
        ASSIST = "assist", "咨询 / 帮办代办"

    matter = models.ForeignKey(
        Matter, verbose_name="事项", on_delete=models.CASCADE, related_name="handlings"
    )
    venue = models.ForeignKey(
        Venue, verbose_name="场所", on_delete=models.CASCADE, related_name="handlings"
    )
    window = models.CharField("窗口", max_length=64, blank=True)
    mode = models.CharField("办理方式", max_length=16, choices=Mode.choices, default=Mode.FULL)

    history = HistoricalRecords(verbose_name="办理地点历史")

    class Meta:
        verbose_name = "办理地点"
        verbose_name_plural = "办理地点"
        ordering = ["venue__level", "venue__code"]
        constraints = [
            models.UniqueConstraint(
                fields=["matter", "venue"],
                name="handling_unique_matter_venue",
                violation_error_message="这个事项已在该场所登记。",
            ),
        ]

    def __str__(self):
        return f"{self.matter} @ {self.venue}"
