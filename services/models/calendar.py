"""Opening hours: a venue's weekly periods, its own exceptions, and the district's holidays
and 调休 days. Venue is named by label here, so that network.py can import this module."""

from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords


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
        "services.Venue", verbose_name="场所", on_delete=models.CASCADE, related_name="periods"
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
        "services.Venue", verbose_name="场所", on_delete=models.CASCADE, related_name="exceptions"
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
