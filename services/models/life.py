"""一件事: life-event guides that bundle matters (高效办成一件事, 国发〔2024〕3号).

A life event (新生儿出生一件事) bundles matters of several departments in order, each required
or needed "only if …"; its materials are merged, one list for the whole event, each material
once, saying which bundled matters need it (services.actions.life_event_merge_materials).

A bundled matter that is deleted leaves its row behind (matter set to NULL) with the code,
name and department recorded at the last 核实, so the data-quality page can say what is gone.
"""

import re
import unicodedata

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.db.models.functions import Coalesce
from django.urls import reverse
from simple_history.models import HistoricalRecords

from .catalogue import Department, Handling, Material, Matter
from .network import Venue

# What a material's name may carry that does not make it another material.
_NAME_NOISE = re.compile(r"[\s·・,，.。:：;；、\-—_（）()【】\[\]《》<>“”\"'‘’]")
_NAME_PREFIXES = ("申请人本人", "申请人", "本人", "有效", "居民")
_NAME_SUFFIXES = ("原件及复印件", "原件和复印件", "原件", "复印件", "复印", "一份")


def material_key(name: str) -> str:
    """The form under which two material names are the same material: 申请人居民身份证（原件）
    and 居民身份证 are one ID card."""
    text = _NAME_NOISE.sub("", unicodedata.normalize("NFKC", name or ""))
    changed = True
    while changed:
        changed = False
        for prefix in _NAME_PREFIXES:
            if text.startswith(prefix) and len(text) > len(prefix):
                text, changed = text[len(prefix) :], True
        for suffix in _NAME_SUFFIXES:
            if text.endswith(suffix) and len(text) > len(suffix):
                text, changed = text[: -len(suffix)], True
    return text.lower()


class LifeEventQuerySet(models.QuerySet):
    def public(self):
        return self.filter(published=True)

    def for_audience(self, audience):
        """`audience` as stored (person) or as said (个人)."""
        labels = {label: value for value, label in LifeEvent.Audience.choices}
        return self.filter(audience=labels.get(audience, audience))

    def with_matter_counts(self):
        """matters_count: the bundled matters that still exist, by subquery (no GROUP BY)."""
        bundled = (
            LifeEventMatter.objects.filter(event=models.OuterRef("pk"), matter__isnull=False)
            .order_by()
            .values("event")
            .annotate(n=models.Count("pk"))
            .values("n")
        )
        count = Coalesce(models.Subquery(bundled, output_field=models.IntegerField()), 0)
        return self.annotate(matters_count=count)

    def listed(self):
        """The public list (home page, /life-events/): 个人 first, with matter counts (1 query)."""
        return self.public().with_matter_counts().order_by("-audience", "position", "code")

    def including(self, matter):
        """The life events that bundle `matter`."""
        return self.filter(bundled__matter=matter).distinct()

    def get_by_natural_key(self, code):
        return self.get(code=code)


class LifeEvent(models.Model):
    class Audience(models.TextChoices):
        PERSON = "person", "个人"
        ENTERPRISE = "enterprise", "企业"

    code = models.CharField("一件事编码", max_length=40, unique=True)
    name = models.CharField(
        "一件事名称", max_length=64, unique=True, help_text="如 新生儿出生一件事"
    )
    audience = models.CharField("服务对象", max_length=16, choices=Audience.choices)
    summary = models.TextField("适用对象", help_text="一段话：什么情况下、谁需要办这件事")
    keywords = models.TextField(
        "关键词 / 常见说法", blank=True, help_text="群众常用的说法，用空格或逗号分隔"
    )
    lead_department = models.ForeignKey(
        Department,
        verbose_name="牵头部门",
        on_delete=models.PROTECT,
        related_name="led_life_events",
    )
    promised_days = models.PositiveSmallIntegerField(
        "承诺办结时限（工作日）", help_text="一件事整体办结的工作日数"
    )
    conditions = models.TextField("办理条件", blank=True)
    online_url = models.URLField("网上办理地址", blank=True)
    venue = models.ForeignKey(
        Venue,
        verbose_name="一件事窗口所在场所",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="life_events",
        help_text="设有“一件事”综合窗口的场所；留空则按办理全部必办事项的场所计算",
    )
    position = models.PositiveSmallIntegerField("排序", default=0)
    published = models.BooleanField("公开", default=True)
    verified_at = models.DateTimeField("最近核实时间", null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="核实人",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    objects = LifeEventQuerySet.as_manager()
    history = HistoricalRecords(verbose_name="一件事历史", excluded_fields=["updated_at"])

    class Meta:
        verbose_name = "一件事"
        verbose_name_plural = "一件事"
        ordering = ["audience", "position", "code"]
        constraints = [
            models.CheckConstraint(
                name="life_event_code_not_blank",
                condition=~Q(code=""),
                violation_error_message="一件事编码不能为空。",
            ),
            models.CheckConstraint(
                name="life_event_name_not_blank",
                condition=~Q(name=""),
                violation_error_message="一件事名称不能为空。",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("services:life_event", args=[self.code])

    def natural_key(self):
        return (self.code,)

    def one_visit_venues(self):
        """Where the whole event can be done in one visit: the venue with the 一件事 window, or
        else every venue that handles (accepts or does) all its required matters (two queries)."""
        if self.venue_id:
            return Venue.objects.filter(pk=self.venue_id)
        required = list(
            self.bundled.filter(required=True, matter__isnull=False).values_list(
                "matter", flat=True
            )
        )
        if not required:
            return Venue.objects.none()
        # A venue that only advises on a matter (咨询 / 帮办代办) cannot do it.
        handled = Q(handlings__matter__in=required) & ~Q(handlings__mode=Handling.Mode.ASSIST)
        return (
            Venue.objects.filter(handled)
            .annotate(required_handled=models.Count("handlings"))
            .filter(required_handled=len(required))
        )

    def clean(self):
        if self.code and not re.fullmatch(r"[A-Za-z0-9_-]+", self.code):
            raise ValidationError({"code": "一件事编码只能由字母、数字、连字符和下划线组成。"})


class LifeEventMatter(models.Model):
    """One step of a life event: a bundled matter, required or needed only in a stated case."""

    event = models.ForeignKey(
        LifeEvent, verbose_name="一件事", on_delete=models.CASCADE, related_name="bundled"
    )
    matter = models.ForeignKey(
        Matter,
        verbose_name="事项",
        on_delete=models.SET_NULL,  # the row stays, so the data-quality page can name the loss
        null=True,
        related_name="life_event_links",
    )
    position = models.PositiveSmallIntegerField("序号", default=0)
    required = models.BooleanField("必办", default=True)
    condition = models.CharField(
        "办理情形", max_length=200, blank=True, help_text="非必办事项写明何时需要办，如“仅外地户籍”"
    )
    # What the matter was at the last 核实 (services.actions.life_event_verify).
    verified_code = models.CharField("核实时事项编码", max_length=40, blank=True, editable=False)
    verified_name = models.CharField("核实时事项名称", max_length=200, blank=True, editable=False)
    verified_department = models.ForeignKey(
        Department,
        verbose_name="核实时实施部门",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )

    history = HistoricalRecords(verbose_name="一件事事项历史")

    class Meta:
        verbose_name = "一件事包含的事项"
        verbose_name_plural = "一件事包含的事项"
        ordering = ["event", "position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "matter"],
                name="life_event_matter_unique",
                violation_error_message="同一事项在一件事中只能出现一次。",
            ),
            models.CheckConstraint(
                name="life_event_matter_optional_says_when",
                condition=Q(required=True) | ~Q(condition=""),
                violation_error_message="非必办事项必须写明办理情形。",
            ),
        ]

    def __str__(self):
        return self.matter.name if self.matter_id else (self.verified_name or "（事项已删除）")

    def clean(self):
        if not self.required and not self.condition.strip():
            raise ValidationError({"condition": "非必办事项必须写明办理情形。"})


class LifeEventMaterial(models.Model):
    """One line of a life event's merged material list."""

    event = models.ForeignKey(
        LifeEvent, verbose_name="一件事", on_delete=models.CASCADE, related_name="materials"
    )
    position = models.PositiveSmallIntegerField("序号", default=0)
    name = models.CharField("材料名称", max_length=200)
    required = models.BooleanField("必要", default=True)
    form = models.CharField(
        "材料形式", max_length=24, choices=Material.Form.choices, default=Material.Form.ORIGINAL
    )
    copies = models.PositiveSmallIntegerField("份数", default=1)
    for_matters = models.ManyToManyField(
        Matter, verbose_name="用于事项", blank=True, related_name="life_event_materials"
    )

    history = HistoricalRecords(verbose_name="一件事材料历史", m2m_fields=[for_matters])

    class Meta:
        verbose_name = "一件事材料"
        verbose_name_plural = "一件事材料"
        ordering = ["event", "position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "name"],
                name="life_event_material_unique",
                violation_error_message="同一材料在一件事中只能出现一次。",
            ),
            models.CheckConstraint(
                name="life_event_material_copies_positive",
                condition=Q(copies__gte=1),
                violation_error_message="份数至少为 1。",
            ),
            models.CheckConstraint(
                name="life_event_material_name_not_blank",
                condition=~Q(name=""),
                violation_error_message="材料名称不能为空。",
            ),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        if not self.event_id or not self.name:
            return
        key = material_key(self.name)
        others = LifeEventMaterial.objects.filter(event_id=self.event_id).exclude(pk=self.pk)
        for other in others.only("name"):
            if material_key(other.name) == key:
                raise ValidationError({"name": f"与“{other.name}”是同一材料，只能出现一次。"})
