"""人民帮办: help requests (帮办工单), the helpers who take them, and what happened to each.

Every change of state is written by a function in `actions.py` through `states.target()`;
reads are the QuerySet methods below. Personal data (name, phone, address, need) lives only
on HelpRequest, so that `help_anonymise` has one place to clear.
"""

from django.conf import settings
from django.db import models
from django.db.models import Case, F, Q, When

from services.models import Matter, Venue

from .states import ACTION_LABELS, CLOSED, OPEN, WORKING, State


class Category(models.TextChoices):
    ELDERLY = "elderly", "老年人"
    FAMILY = "family", "儿童 / 家庭"
    DISABLED = "disabled", "残疾人"
    HARDSHIP = "hardship", "困难群众"
    ENTERPRISE = "enterprise", "企业定制"
    MAJOR_PROJECT = "major_project", "重大项目"


class Channel(models.TextChoices):
    ONLINE = "online", "网上"
    PHONE = "phone", "电话"
    WINDOW = "window", "窗口"
    HOME_VISIT = "home_visit", "上门走访"
    THROUGH_TRAIN = "through_train", "政务直通车"


class Rating(models.IntegerChoices):
    """好差评's five levels (GB/T 39734-2020); 不满意 and 非常不满意 are 差评."""

    VERY_SATISFIED = 5, "非常满意"
    SATISFIED = 4, "满意"
    FAIR = 3, "基本满意"
    DISSATISFIED = 2, "不满意"
    VERY_DISSATISFIED = 1, "非常不满意"


BAD_RATINGS = (Rating.DISSATISFIED, Rating.VERY_DISSATISFIED)


class Helper(models.Model):
    """A 帮办员 (staff of a station or platform) or a registered 志愿者, with a login."""

    class Kind(models.TextChoices):
        STAFF = "staff", "帮办员"
        VOLUNTEER = "volunteer", "志愿者"

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name="登录账号",
        on_delete=models.CASCADE,
        related_name="helper",
    )
    kind = models.CharField("类型", max_length=16, choices=Kind.choices)
    name = models.CharField("姓名", max_length=32)
    phone = models.CharField("手机号", max_length=11, blank=True, help_text="用于接收提醒短信")
    venue = models.ForeignKey(
        Venue,
        verbose_name="所在站点 / 平台",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="helpers",
    )
    street = models.ForeignKey(
        Venue,
        verbose_name="服务街道",
        on_delete=models.PROTECT,
        limit_choices_to={"level": Venue.Level.STREET_CENTRE},
        related_name="+",
    )
    skills = models.CharField(
        "擅长", max_length=200, blank=True, help_text="如 社保医保、老年人业务、企业开办"
    )
    availability = models.CharField(
        "可服务时间", max_length=100, blank=True, help_text="如 工作日上午"
    )
    active = models.BooleanField("在岗", default=True)
    demo = models.BooleanField("演示数据", default=False, editable=False)

    class Meta:
        verbose_name = "帮办员 / 志愿者"
        verbose_name_plural = "帮办员 / 志愿者"
        ordering = ["street__code", "kind", "name"]

    def __str__(self):
        return f"{self.name}（{self.get_kind_display()}）"


class HelpRequestQuerySet(models.QuerySet):
    def open(self):
        return self.filter(state__in=OPEN)

    def working(self):
        return self.filter(state__in=WORKING)

    def closed(self):
        return self.filter(state__in=CLOSED)

    def assigned_to(self, helper):
        return self.filter(helper=helper)

    def with_due(self):
        """`due`: the deadline of the stage the request is at (None once closed)."""
        return self.annotate(
            due=Case(
                When(
                    state__in=[State.PENDING, State.RETURNED, State.DISPATCHED],
                    then=F("due_accept"),
                ),
                When(state__in=[State.ACCEPTED, State.IN_PROGRESS], then=F("due_finish")),
                When(state__in=[State.DONE, State.RECTIFYING], then=F("due_follow_up")),
                default=None,
            )
        )

    def overdue(self, today):
        return self.with_due().filter(due__lt=today)

    def due_on(self, today):
        return self.with_due().filter(due=today)

    def by_deadline(self):
        return self.with_due().order_by(F("due").asc(nulls_last=True), "received_at")

    def finished(self):
        return self.filter(finished_at__isnull=False)

    def on_time(self):
        return self.finished().filter(finished_on__lte=F("due_finish"))

    def rated(self):
        return self.filter(rating__isnull=False)

    def satisfied(self):
        return self.filter(rating__gte=Rating.FAIR)

    def rectification_open(self):
        return self.filter(state=State.RECTIFYING)

    def archived_before(self, moment):
        return self.filter(
            Q(state=State.ARCHIVED, archived_at__lt=moment)
            | Q(state=State.WITHDRAWN, closed_at__lt=moment)
        )


class HelpRequest(models.Model):
    number = models.CharField("受理编号", max_length=20, unique=True)
    channel = models.CharField("来源渠道", max_length=16, choices=Channel.choices)
    name = models.CharField("姓名", max_length=32)
    phone = models.CharField("手机号", max_length=11)
    street = models.ForeignKey(
        Venue,
        verbose_name="所在街道",
        on_delete=models.PROTECT,
        limit_choices_to={"level": Venue.Level.STREET_CENTRE},
        related_name="+",
    )
    community = models.ForeignKey(
        Venue,
        verbose_name="所在社区",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        limit_choices_to={"level": Venue.Level.COMMUNITY_STATION},
        related_name="+",
    )
    address = models.CharField("详细地址", max_length=120, blank=True)
    category = models.CharField("服务类别", max_length=16, choices=Category.choices)
    need = models.TextField("需要帮什么", max_length=1000)
    matter = models.ForeignKey(
        Matter,
        verbose_name="相关事项",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    door_to_door = models.BooleanField("需要上门", default=False)
    preferred_time = models.CharField("方便的时间", max_length=60, blank=True)
    consent = models.BooleanField("同意使用个人信息", default=False)

    state = models.CharField("状态", max_length=16, choices=State.choices, default=State.PENDING)
    escalated = models.BooleanField("督办", default=False)
    platform = models.ForeignKey(
        Venue,
        verbose_name="承办站点 / 平台",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="help_requests",
    )
    helper = models.ForeignKey(
        Helper,
        verbose_name="帮办人",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="requests",
    )
    result = models.TextField("办理结果", blank=True)
    rating = models.PositiveSmallIntegerField("评价", choices=Rating.choices, null=True, blank=True)
    rating_comment = models.CharField("评价意见", max_length=500, blank=True)

    received_at = models.DateTimeField("受理时间")
    due_accept = models.DateField("接单期限")
    due_finish = models.DateField("办结期限")
    due_follow_up = models.DateField("回访期限", null=True, blank=True)
    finished_at = models.DateTimeField("办结时间", null=True, blank=True)
    finished_on = models.DateField("办结日期", null=True, blank=True, editable=False)
    archived_at = models.DateTimeField("归档时间", null=True, blank=True)
    closed_at = models.DateTimeField("撤回时间", null=True, blank=True)
    anonymised_at = models.DateTimeField("匿名化时间", null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="登记人",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    demo = models.BooleanField("演示数据", default=False, editable=False)

    objects = HelpRequestQuerySet.as_manager()

    class Meta:
        verbose_name = "帮办工单"
        verbose_name_plural = "帮办工单"
        ordering = ["-received_at"]
        permissions = [
            ("dispatch_helprequest", "调度帮办工单（派单、督办、回访、整改、归档）"),
            ("work_helprequest", "办理分派给自己的帮办工单"),
            ("view_full_phone", "查看完整手机号（会被记录）"),
        ]
        indexes = [
            models.Index(fields=["state", "due_accept"], name="help_state_due_accept"),
            models.Index(fields=["received_at"], name="help_received"),
        ]
        constraints = [
            models.CheckConstraint(
                name="help_rating_range",
                condition=Q(rating__isnull=True) | Q(rating__gte=1, rating__lte=5),
                violation_error_message="评价只能是五个等级之一。",
            ),
            models.CheckConstraint(
                name="help_consent_given",
                condition=Q(consent=True) | Q(anonymised_at__isnull=False),
                violation_error_message="必须同意使用个人信息才能受理。",
            ),
        ]

    def __str__(self):
        return self.number

    @property
    def seen_token(self):
        """What a workbench form saw of this request: if it has moved on since (another
        dispatcher assigned it, the helper returned it), acting on the old page is refused."""
        return f"{self.state}:{self.helper_id or ''}:{int(self.escalated)}"

    @property
    def is_bad_rating(self):
        return self.rating in BAD_RATINGS


class HelpEvent(models.Model):
    """One step in a request's life: who, when, what, why; `public_note` is shown to the resident."""

    request = models.ForeignKey(HelpRequest, on_delete=models.CASCADE, related_name="events")
    action = models.CharField("操作", max_length=24)
    from_state = models.CharField("原状态", max_length=16, choices=State.choices, blank=True)
    to_state = models.CharField("新状态", max_length=16, choices=State.choices)
    at = models.DateTimeField("时间")
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="操作人",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    by_label = models.CharField("操作人", max_length=40)
    reason = models.TextField("说明", blank=True)
    public_note = models.CharField("对群众公开的说明", max_length=200, blank=True)

    class Meta:
        verbose_name = "工单记录"
        verbose_name_plural = "工单记录"
        ordering = ["at", "id"]

    def __str__(self):
        return f"{self.request} {self.action}"

    @property
    def label(self):
        return ACTION_LABELS.get(self.action, self.action)


class Visit(models.Model):
    request = models.ForeignKey(HelpRequest, on_delete=models.CASCADE, related_name="visits")
    helper = models.ForeignKey(
        Helper, verbose_name="上门人", on_delete=models.PROTECT, related_name="visits"
    )
    at = models.DateTimeField("上门时间")
    done = models.TextField("办了什么", max_length=1000)

    class Meta:
        verbose_name = "上门记录"
        verbose_name_plural = "上门记录"
        ordering = ["at", "id"]

    def __str__(self):
        return f"{self.request} {self.at:%Y-%m-%d %H:%M}"


class Rectification(models.Model):
    """整改 after a 差评: verified, rectified, answered to the resident, then followed up again."""

    request = models.ForeignKey(
        HelpRequest, on_delete=models.CASCADE, related_name="rectifications"
    )
    rating = models.PositiveSmallIntegerField("差评等级", choices=Rating.choices)
    comment = models.CharField("群众意见", max_length=500, blank=True)
    opened_at = models.DateTimeField("差评时间")
    verified_note = models.TextField("核实情况", blank=True)
    verified_at = models.DateTimeField("核实时间", null=True, blank=True)
    rectified_note = models.TextField("整改措施", blank=True)
    rectified_at = models.DateTimeField("整改时间", null=True, blank=True)
    answered_note = models.TextField("答复群众", blank=True)
    answered_at = models.DateTimeField("答复时间", null=True, blank=True)

    class Meta:
        verbose_name = "差评整改"
        verbose_name_plural = "差评整改"
        ordering = ["opened_at", "id"]

    def __str__(self):
        return f"{self.request} {self.get_rating_display()}"


class PhoneView(models.Model):
    """A record that someone saw a requester's full phone number."""

    request = models.ForeignKey(HelpRequest, on_delete=models.CASCADE, related_name="phone_views")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="查看人", on_delete=models.PROTECT
    )
    at = models.DateTimeField("查看时间")

    class Meta:
        verbose_name = "手机号查看记录"
        verbose_name_plural = "手机号查看记录"
        ordering = ["-at"]

    def __str__(self):
        return f"{self.user} {self.at:%Y-%m-%d %H:%M}"


class DeadlineRule(models.Model):
    """Working days allowed per category, set by the data office (defaults: DEFAULT_DAYS)."""

    category = models.CharField("服务类别", max_length=16, choices=Category.choices, unique=True)
    accept_days = models.PositiveSmallIntegerField("接单时限（工作日）", default=1)
    finish_days = models.PositiveSmallIntegerField(
        "办结时限（工作日）", default=5, help_text="关联事项的承诺时限更长时，以事项承诺时限为准"
    )
    follow_up_days = models.PositiveSmallIntegerField("回访时限（工作日）", default=3)
    rectify_days = models.PositiveSmallIntegerField("整改时限（工作日）", default=5)

    class Meta:
        verbose_name = "帮办时限"
        verbose_name_plural = "帮办时限"
        ordering = ["category"]

    def __str__(self):
        return self.get_category_display()
