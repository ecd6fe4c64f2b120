"""The "1+2+18+174" network: service venues and how they nest, with their opening hours."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from .calendar import CalendarDay


class VenueQuerySet(models.QuerySet):
    def at_level(self, level):
        return self.filter(level=level)

    def streets(self):
        return self.filter(level=Venue.Level.STREET_CENTRE)

    def get_by_natural_key(self, code):
        return self.get(code=code)


class Venue(models.Model):
    class Level(models.TextChoices):
        DISTRICT_CENTRE = "district_centre", "区政务服务中心"
        ENTERPRISE_HALL = "enterprise_hall", "企业服务专厅"
        STREET_CENTRE = "street_centre", "街道便民服务中心"
        COMMUNITY_STATION = "community_station", "社区便民服务站"
        SELF_SERVICE_KIOSK = "self_service_kiosk", "自助服务终端"
        # 人民帮办's N platforms (in malls, office buildings, enterprise parks): services/help.
        HELP_PLATFORM = "help_platform", "人民帮办服务平台"

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
        Level.HELP_PLATFORM: Level.STREET_CENTRE,
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

    def natural_key(self):
        return (self.code,)

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
