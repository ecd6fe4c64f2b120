"""The Erqi service network and its catalogue of matters (事项).

Rules about one record live here, as named database constraints and in `clean()`; rules
across records (every delegated matter at every street centre, …) live in `integrity.py`.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords


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


class VenueQuerySet(models.QuerySet):
    def at_level(self, level):
        return self.filter(level=level)

    def streets(self):
        return self.filter(level=Venue.Level.STREET_CENTRE)


class Venue(models.Model):
    class Level(models.TextChoices):
        DISTRICT_CENTRE = "district_centre", "区政务服务中心"
        ENTERPRISE_HALL = "enterprise_hall", "企业服务专厅"
        STREET_CENTRE = "street_centre", "街道便民服务中心"
        COMMUNITY_STATION = "community_station", "社区便民服务站"
        SELF_SERVICE_KIOSK = "self_service_kiosk", "自助服务终端"

    class Host(models.TextChoices):
        BANK = "bank", "银行网点"
        MALL = "mall", "商场"
        RESIDENTIAL = "residential", "住宅小区"
        GOVERNMENT = "government", "政务场所"

    # The level each level belongs to in the "1+2+18+174" network.
    PARENT_LEVEL = {
        Level.ENTERPRISE_HALL: Level.DISTRICT_CENTRE,
        Level.STREET_CENTRE: Level.DISTRICT_CENTRE,
        Level.COMMUNITY_STATION: Level.STREET_CENTRE,
        Level.SELF_SERVICE_KIOSK: Level.STREET_CENTRE,
    }

    code = models.CharField("场所编码", max_length=32, unique=True)
    name = models.CharField("场所名称", max_length=100)
    level = models.CharField("层级", max_length=24, choices=Level.choices, db_index=True)
    parent = models.ForeignKey(
        "self",
        verbose_name="上级场所",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        help_text="社区便民服务站、自助终端属于某个街道便民服务中心；街道中心和企业专厅属于区中心",
    )
    host = models.CharField(
        "设置地点", max_length=16, choices=Host.choices, blank=True, help_text="自助终端所在地"
    )
    street_name = models.CharField(
        "所属街道（乡镇）", max_length=32, blank=True, db_index=True, help_text="如 长江路街道"
    )
    name_checked = models.BooleanField(
        "名称已核实", default=False, help_text="名称见于公开报道并已核对；否则待核实"
    )
    address = models.CharField("地址", max_length=200)
    phone = models.CharField("电话", max_length=32, blank=True)
    latitude = models.DecimalField("纬度", max_digits=9, decimal_places=6)
    longitude = models.DecimalField("经度", max_digits=9, decimal_places=6)
    always_open = models.BooleanField("7×24 小时", default=False)
    hours_note = models.CharField("时间说明", max_length=200, blank=True)
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

    objects = VenueQuerySet.as_manager()
    history = HistoricalRecords(verbose_name="服务场所历史")

    class Meta:
        verbose_name = "服务场所"
        verbose_name_plural = "服务场所"
        ordering = ["level", "code"]
        constraints = [
            models.CheckConstraint(
                name="venue_latitude_range",
                condition=Q(latitude__gte=-90, latitude__lte=90),
                violation_error_message="纬度必须在 -90 到 90 之间。",
            ),
            models.CheckConstraint(
                name="venue_longitude_range",
                condition=Q(longitude__gte=-180, longitude__lte=180),
                violation_error_message="经度必须在 -180 到 180 之间。",
            ),
            models.CheckConstraint(
                name="venue_district_centre_has_no_parent",
                condition=~Q(level="district_centre") | Q(parent__isnull=True),
                violation_error_message="区政务服务中心没有上级场所。",
            ),
            models.CheckConstraint(
                name="venue_others_have_parent",
                condition=Q(level="district_centre") | Q(parent__isnull=False),
                violation_error_message="除区政务服务中心外，每个场所都必须有上级场所。",
            ),
            models.CheckConstraint(
                name="venue_host_only_for_kiosks",
                condition=Q(level="self_service_kiosk", host__gt="")
                | (~Q(level="self_service_kiosk") & Q(host="")),
                violation_error_message="自助终端必须注明设置地点（银行、商场、小区等），其他场所不填。",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("services:venue", args=[self.code])

    def clean(self):
        errors = {}
        wanted = self.PARENT_LEVEL.get(self.level)
        if self.parent_id and self.parent_id == self.pk:
            errors["parent"] = "场所不能以自己为上级。"
        elif wanted and self.parent is not None and self.parent.level != wanted:
            errors["parent"] = (
                f"{self.get_level_display()}的上级必须是{self.Level(wanted).label}，"
                f"而“{self.parent}”是{self.parent.get_level_display()}。"
            )
        elif wanted and self.parent_id is None:
            errors["parent"] = f"{self.get_level_display()}必须属于一个{self.Level(wanted).label}。"
        if self.level == self.Level.SELF_SERVICE_KIOSK and not self.host:
            errors["host"] = "自助终端必须注明设置地点（银行、商场或住宅小区）。"
        if self.level != self.Level.SELF_SERVICE_KIOSK and self.host:
            errors["host"] = "只有自助终端填写设置地点。"
        if errors:
            raise ValidationError(errors)

    # Opening hours -------------------------------------------------------------------------

    def periods_on(self, day, *, calendar=None):
        """The (opens, closes) periods of this venue on `day`, holidays and 调休 included.

        `calendar` maps dates to CalendarDay rows; pass it to avoid one query per venue.
        """
        if self.always_open:
            return [(datetime.time(0, 0), datetime.time(23, 59, 59))]
        for exception in self.exceptions.all():
            if exception.date == day:
                if exception.closed:
                    return []
                return [(exception.opens, exception.closes)]
        if calendar is None:
            calendar = {c.date: c for c in CalendarDay.objects.filter(date=day)}
        special = calendar.get(day)
        weekday = day.weekday()
        if special is not None:
            if special.kind == CalendarDay.Kind.HOLIDAY:
                return []
            weekday = special.as_weekday
        return sorted((p.opens, p.closes) for p in self.periods.all() if p.weekday == weekday)

    def is_open_at(self, moment=None, *, calendar=None):
        moment = timezone.localtime(moment)
        now = moment.time()
        return any(
            opens <= now < closes
            for opens, closes in self.periods_on(moment.date(), calendar=calendar)
        )


class OpeningPeriod(models.Model):
    class Weekday(models.IntegerChoices):
        MONDAY = 0, "周一"
        TUESDAY = 1, "周二"
        WEDNESDAY = 2, "周三"
        THURSDAY = 3, "周四"
        FRIDAY = 4, "周五"
        SATURDAY = 5, "周六"
        SUNDAY = 6, "周日"

    venue = models.ForeignKey(
        Venue, verbose_name="场所", on_delete=models.CASCADE, related_name="periods"
    )
    weekday = models.PositiveSmallIntegerField("星期", choices=Weekday.choices)
    opens = models.TimeField("开始")
    closes = models.TimeField("结束")

    history = HistoricalRecords(verbose_name="办公时间历史")

    class Meta:
        verbose_name = "办公时间"
        verbose_name_plural = "办公时间"
        ordering = ["venue", "weekday", "opens"]
        constraints = [
            models.CheckConstraint(
                name="period_closes_after_opens",
                condition=Q(closes__gt=models.F("opens")),
                violation_error_message="结束时间必须晚于开始时间。",
            ),
            models.CheckConstraint(
                name="period_weekday_range",
                condition=Q(weekday__gte=0, weekday__lte=6),
                violation_error_message="星期必须是周一到周日。",
            ),
            models.UniqueConstraint(
                fields=["venue", "weekday", "opens"],
                name="period_unique_start",
                violation_error_message="同一天已有从这个时间开始的时段。",
            ),
        ]

    def __str__(self):
        return f"{self.get_weekday_display()} {self.opens:%H:%M}–{self.closes:%H:%M}"


class CalendarDay(models.Model):
    """A district-wide public holiday (closed) or 调休 make-up working day (open)."""

    class Kind(models.TextChoices):
        HOLIDAY = "holiday", "法定节假日（休息）"
        WORKDAY = "workday", "调休上班"

    date = models.DateField("日期", unique=True)
    kind = models.CharField("类型", max_length=16, choices=Kind.choices)
    name = models.CharField("名称", max_length=32, help_text="如 春节、国庆节")
    as_weekday = models.PositiveSmallIntegerField(
        "按星期几的时间办公",
        choices=OpeningPeriod.Weekday.choices,
        default=OpeningPeriod.Weekday.MONDAY,
        help_text="调休上班日按哪一天的办公时间开放",
    )

    class Meta:
        verbose_name = "节假日与调休"
        verbose_name_plural = "节假日与调休"
        ordering = ["date"]

    def __str__(self):
        return f"{self.date:%Y-%m-%d} {self.name}（{self.get_kind_display()}）"


class VenueException(models.Model):
    """One venue's own exception on one date: closed, or open with special hours."""

    venue = models.ForeignKey(
        Venue, verbose_name="场所", on_delete=models.CASCADE, related_name="exceptions"
    )
    date = models.DateField("日期")
    closed = models.BooleanField("全天不开放", default=True)
    opens = models.TimeField("开始", null=True, blank=True)
    closes = models.TimeField("结束", null=True, blank=True)
    reason = models.CharField("原因", max_length=100, blank=True)

    history = HistoricalRecords(verbose_name="特殊安排历史")

    class Meta:
        verbose_name = "特殊安排"
        verbose_name_plural = "特殊安排"
        ordering = ["venue", "date"]
        constraints = [
            models.UniqueConstraint(
                fields=["venue", "date"],
                name="exception_one_per_day",
                violation_error_message="这个场所在这一天已有特殊安排。",
            ),
            models.CheckConstraint(
                name="exception_hours_when_open",
                condition=Q(closed=True) | Q(opens__isnull=False, closes__gt=models.F("opens")),
                violation_error_message="不是全天关闭时，必须填写开始和结束时间，且结束晚于开始。",
            ),
        ]

    def __str__(self):
        return f"{self.venue} {self.date:%Y-%m-%d}"


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

    def most_available(self):
        """Handled at the most venues first: the everyday matters, near every resident."""
        return self.annotate(venue_count=models.Count("handlings")).order_by("-venue_count", "code")

    def handled_at(self, level):
        return self.filter(handlings__venue__level=level).distinct()

    def search(self, q):
        """Matters matching everyday words `q`, most relevant first (see services.search)."""
        from .search import search

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


class Synonym(models.Model):
    """An everyday word and the catalogue words it stands for, edited by staff."""

    term = models.CharField(
        "群众说法", max_length=32, unique=True, help_text="如 生孩子、丢了、开饭馆"
    )
    expansions = models.CharField(
        "对应的规范用词",
        max_length=400,
        help_text="用空格或逗号分隔，如“生育 出生”",
    )
    note = models.CharField("备注", max_length=200, blank=True)

    history = HistoricalRecords(verbose_name="同义词历史")

    class Meta:
        verbose_name = "同义词"
        verbose_name_plural = "同义词"
        ordering = ["term"]

    def __str__(self):
        return f"{self.term} → {self.expansions}"


class StaffProfile(models.Model):
    """Ties a staff member to the department or venue they maintain (set by the data office)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name="用户",
        on_delete=models.CASCADE,
        related_name="staff_profile",
    )
    department = models.ForeignKey(
        Department, verbose_name="所属部门", on_delete=models.SET_NULL, null=True, blank=True
    )
    venue = models.ForeignKey(
        Venue, verbose_name="所属场所", on_delete=models.SET_NULL, null=True, blank=True
    )

    class Meta:
        verbose_name = "工作人员归属"
        verbose_name_plural = "工作人员归属"

    def __str__(self):
        return str(self.user)
