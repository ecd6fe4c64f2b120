"""Benefits (惠民政策) as data: who qualifies, how much, from when, paid how, on what basis.

A Benefit belongs to a benefit matter of the catalogue (a matter may carry two, e.g. 困难残疾人
生活补贴 and 重度残疾人护理补贴) and is deleted with it; its history stays. Its conditions are all required together: age (one of its
AgeBands, which also carry the amounts), 户籍, veteran and retirement status; then, if it has
Qualifiers, at least one of them (低保, 特困, 低收入, a disability certificate of some grades and
categories, or a combination). `rules.evaluate` applies them to a person.
"""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from services.models import Matter, Venue

ASSISTANCE = [("低保", "低保对象"), ("特困", "特困人员"), ("低收入", "低收入家庭成员")]
DISABILITY_CATEGORIES = ["视力", "听力", "言语", "肢体", "智力", "精神", "多重"]
GRADE_NAMES = {1: "一级", 2: "二级", 3: "三级", 4: "四级"}
GRADE_VALIDATORS = [MinValueValidator(1), MaxValueValidator(4)]


class BenefitQuerySet(models.QuerySet):
    def with_rules(self):
        return self.select_related("matter__department").prefetch_related(
            "bands", "qualifiers", "streets"
        )

    def for_residents(self):
        return self.filter(audience=Benefit.Audience.PERSON)

    def automatic(self):
        return self.filter(mode=Benefit.Mode.AUTOMATIC)

    def with_published_beneficiaries(self):
        return self.filter(beneficiaries_count__isnull=False)


class Benefit(models.Model):
    class Mode(models.TextChoices):
        AUTOMATIC = "automatic", "免申即享"
        QUICK = "quick", "快申快享"
        APPLY = "apply", "依申请"

    class Audience(models.TextChoices):
        PERSON = "person", "个人"
        ENTERPRISE = "enterprise", "企业"

    class Hukou(models.TextChoices):
        ANY = "any", "不限户籍"
        ERQI = "erqi", "二七区户籍"
        STREETS = "streets", "指定街道（乡镇）户籍"

    class Status(models.TextChoices):
        ANY = "any", "不限"
        REQUIRED = "required", "必须是"
        EXCLUDED = "excluded", "不能是"

    class Starts(models.TextChoices):
        AFTER_AGE = "after_age", "年满条件年龄的次月起"
        AFTER_APPROVAL = "after_approval", "审核通过的次月起"
        YEARLY = "yearly", "按年度发放或代缴"
        ONE_OFF = "one_off", "一次性发放"

    matter = models.ForeignKey(
        Matter, verbose_name="事项", on_delete=models.CASCADE, related_name="benefits"
    )
    name = models.CharField("政策名称", max_length=100, unique=True)
    summary = models.CharField("一句话说明", max_length=200, blank=True)
    mode = models.CharField("享受方式", max_length=16, choices=Mode.choices)
    audience = models.CharField(
        "对象", max_length=16, choices=Audience.choices, default=Audience.PERSON
    )
    hukou = models.CharField("户籍要求", max_length=16, choices=Hukou.choices, default=Hukou.ANY)
    streets = models.ManyToManyField(
        Venue,
        verbose_name="限定街道",
        blank=True,
        related_name="+",
        limit_choices_to={"level": Venue.Level.STREET_CENTRE},
        help_text="户籍要求为“指定街道户籍”时，选择这些街道的便民服务中心",
    )
    veteran = models.CharField(
        "退役军人 / 优抚对象", max_length=16, choices=Status.choices, default=Status.ANY
    )
    retired = models.CharField(
        "已退休（领取职工养老金）", max_length=16, choices=Status.choices, default=Status.ANY
    )
    excludes_assisted = models.BooleanField(
        "低保、特困对象不适用", default=False, help_text="已是低保对象或特困人员的不列出"
    )
    amount_per_month = models.DecimalField(
        "每月金额（元）",
        max_digits=9,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="不分年龄段时填写；按年龄段的金额填在下方年龄段中",
    )
    amount_note = models.CharField(
        "金额说明", max_length=200, blank=True, help_text="不按月的金额或算法，如“每人每年 100 元”"
    )
    amounts_verified = models.BooleanField(
        "金额已核实", default=False, help_text="金额与主管部门公布的标准核对过；否则页面注明待核实"
    )
    starts = models.CharField("何时开始享受", max_length=16, choices=Starts.choices)
    payment_method = models.CharField(
        "发放方式", max_length=100, blank=True, help_text="如 发放至本人社会保障卡"
    )
    check_reason = models.CharField(
        "须另行核实的条件",
        max_length=200,
        blank=True,
        help_text="自查无法判断的条件（如家庭收入）；填写后符合其余条件者列为“可能符合”",
    )
    legal_basis = models.TextField("政策依据")
    beneficiaries_count = models.PositiveIntegerField("已享受人数", null=True, blank=True)
    beneficiaries_label = models.CharField(
        "享受人群", max_length=50, blank=True, help_text="如“80 岁以上老年人”"
    )
    beneficiaries_as_of = models.DateField("人数截至日期", null=True, blank=True)
    beneficiaries_source = models.CharField(
        "人数来源", max_length=200, blank=True, help_text="公布人数的文件或报道"
    )
    beneficiaries_source_url = models.URLField("来源网址", blank=True)
    position = models.PositiveSmallIntegerField("排序", default=0)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    objects = BenefitQuerySet.as_manager()
    history = HistoricalRecords(
        verbose_name="惠民政策历史", excluded_fields=["updated_at"], m2m_fields=[streets]
    )

    class Meta:
        verbose_name = "惠民政策"
        verbose_name_plural = "惠民政策"
        ordering = ["position", "name"]
        constraints = [
            models.CheckConstraint(
                name="benefit_amount_not_negative",
                condition=Q(amount_per_month__isnull=True) | Q(amount_per_month__gte=0),
                violation_error_message="金额不能为负数。",
            ),
            models.CheckConstraint(
                name="benefit_beneficiaries_have_source",
                condition=Q(beneficiaries_count__isnull=True)
                | (Q(beneficiaries_label__gt="") & Q(beneficiaries_source__gt="")),
                violation_error_message="公布已享受人数时，必须写明享受人群和来源。",
            ),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        errors = {}
        matter = self.matter if self.matter_id else None
        if matter is not None:
            if self.mode == self.Mode.AUTOMATIC and not matter.no_application:
                errors["mode"] = (
                    f"事项“{matter.name}”没有标为免申即享，不能按免申即享发放；"
                    "请先在事项中勾选免申即享，或改为快申快享 / 依申请。"
                )
            if self.mode != self.Mode.AUTOMATIC and matter.no_application:
                errors["mode"] = f"事项“{matter.name}”标为免申即享，享受方式应为免申即享。"
            if self.audience == self.Audience.PERSON and matter.audience == "enterprise":
                errors["audience"] = "这个事项的服务对象是法人，政策对象应为企业。"
        if self.beneficiaries_count is not None:
            if not self.beneficiaries_label:
                errors["beneficiaries_label"] = "公布已享受人数时，请写明享受人群。"
            if not self.beneficiaries_source:
                errors["beneficiaries_source"] = "公布已享受人数时，请写明来源。"
        if self.mode != self.Mode.AUTOMATIC and self.beneficiaries_count is not None:
            errors["beneficiaries_count"] = "已享受人数只为免申即享的政策公布。"
        if self.amount_per_month is not None and self.amount_per_month < 0:
            errors["amount_per_month"] = "金额不能为负数。"
        if errors:
            raise ValidationError(errors)


class AgeBand(models.Model):
    """An age range (周岁, at the reference date) and its amount; the bands may not overlap."""

    benefit = models.ForeignKey(
        Benefit, verbose_name="政策", on_delete=models.CASCADE, related_name="bands"
    )
    min_age = models.PositiveSmallIntegerField(
        "起始年龄（周岁）", validators=[MaxValueValidator(130)]
    )
    max_age = models.PositiveSmallIntegerField(
        "截止年龄（周岁，含）",
        null=True,
        blank=True,
        validators=[MaxValueValidator(130)],
        help_text="留空表示不设上限",
    )
    amount_per_month = models.DecimalField(
        "每月金额（元）", max_digits=9, decimal_places=2, null=True, blank=True
    )

    history = HistoricalRecords(verbose_name="年龄段历史")

    class Meta:
        verbose_name = "年龄段"
        verbose_name_plural = "年龄段"
        ordering = ["benefit", "min_age"]
        constraints = [
            models.CheckConstraint(
                name="band_max_not_below_min",
                condition=Q(max_age__isnull=True) | Q(max_age__gte=models.F("min_age")),
                violation_error_message="截止年龄不能小于起始年龄。",
            ),
            models.CheckConstraint(
                name="band_amount_not_negative",
                condition=Q(amount_per_month__isnull=True) | Q(amount_per_month__gte=0),
                violation_error_message="金额不能为负数。",
            ),
            models.UniqueConstraint(
                fields=["benefit", "min_age"],
                name="band_unique_start",
                violation_error_message="已有从这个年龄开始的年龄段。",
            ),
        ]

    def __str__(self):
        return self.label

    @property
    def label(self):
        if self.max_age is None:
            return f"{self.min_age} 周岁以上"
        if self.max_age == self.min_age:
            return f"{self.min_age} 周岁"
        return f"{self.min_age}–{self.max_age} 周岁"

    def contains(self, age):
        return self.min_age <= age and (self.max_age is None or age <= self.max_age)


class Qualifier(models.Model):
    """One way to qualify (the benefit's qualifiers are alternatives): every filled part must hold."""

    benefit = models.ForeignKey(
        Benefit, verbose_name="政策", on_delete=models.CASCADE, related_name="qualifiers"
    )
    assistance = models.CharField("救助身份", max_length=8, choices=ASSISTANCE, blank=True)
    grade_from = models.PositiveSmallIntegerField(
        "残疾等级从",
        null=True,
        blank=True,
        validators=GRADE_VALIDATORS,
        help_text="1 = 一级（最重）……4 = 四级；留空表示不要求残疾人证",
    )
    grade_to = models.PositiveSmallIntegerField(
        "残疾等级到", null=True, blank=True, validators=GRADE_VALIDATORS
    )
    categories = models.CharField(
        "残疾类别",
        max_length=100,
        blank=True,
        help_text="用逗号分隔，如“智力,精神”；留空表示不限类别。可选："
        + "、".join(DISABILITY_CATEGORIES),
    )

    history = HistoricalRecords(verbose_name="符合情形历史")

    class Meta:
        verbose_name = "符合情形（满足其一即可）"
        verbose_name_plural = "符合情形（满足其一即可）"
        ordering = ["benefit", "id"]
        constraints = [
            models.CheckConstraint(
                name="qualifier_grades_in_range",
                condition=(Q(grade_from__isnull=True) | Q(grade_from__gte=1, grade_from__lte=4))
                & (Q(grade_to__isnull=True) | Q(grade_to__gte=1, grade_to__lte=4)),
                violation_error_message="残疾等级为一级到四级（1–4）。",
            ),
            models.CheckConstraint(
                name="qualifier_grades_paired",
                condition=Q(grade_from__isnull=True, grade_to__isnull=True)
                | Q(grade_from__isnull=False, grade_to__gte=models.F("grade_from")),
                violation_error_message="残疾等级的起止要同时填写，且“到”不小于“从”。",
            ),
        ]

    def __str__(self):
        return self.describe()

    @property
    def category_list(self):
        return [c.strip() for c in self.categories.replace("，", ",").split(",") if c.strip()]

    def describe(self):
        parts = []
        if self.assistance:
            parts.append(dict(ASSISTANCE)[self.assistance])
        if self.grade_from is not None:
            grades = GRADE_NAMES[self.grade_from]
            if self.grade_to != self.grade_from:
                grades += f"至{GRADE_NAMES.get(self.grade_to, self.grade_to)}"
            kinds = "、".join(self.category_list)
            parts.append(f"持{grades}{kinds}残疾人证" if kinds else f"持{grades}残疾人证")
        return "且".join(parts) or "（未填写）"

    def clean(self):
        errors = {}
        unknown = [c for c in self.category_list if c not in DISABILITY_CATEGORIES]
        if unknown:
            errors["categories"] = (
                f"没有这个残疾类别：{'、'.join(unknown)}。可选：{'、'.join(DISABILITY_CATEGORIES)}。"
            )
        elif self.category_list:
            self.categories = ",".join(self.category_list)
        if (self.grade_from is None) != (self.grade_to is None):
            errors["grade_to"] = "残疾等级的“从”和“到”要同时填写。"
        elif self.grade_from is not None and self.grade_to < self.grade_from:
            errors["grade_to"] = "“到”的等级不能比“从”更重（数字不能更小）。"
        if self.category_list and self.grade_from is None:
            errors["categories"] = "填写残疾类别时，请同时填写残疾等级。"
        if not self.assistance and self.grade_from is None:
            raise ValidationError("请至少填写救助身份或残疾等级中的一项；不需要的行请删除。")
        if errors:
            raise ValidationError(errors)
