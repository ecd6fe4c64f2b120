"""政务有料 (policy explainers) and 问政事儿 (questions answered in public).

Explainers are written by the data office in Markdown and shown only through `markup.render`,
which drops anything a sanitiser does not allow (no script, no outside images). Questions come
from a public form; a department's staff answer them; only answered and approved ones are public.
"""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from services.models import Department, Matter

from .images import validate_image


def image_path(instance, filename):
    """A random name with the extension of the checked format: the uploader's name is not kept."""
    extension = getattr(instance, "_image_extension", "") or filename.rsplit(".", 1)[-1].lower()
    return f"policies/{uuid.uuid4().hex}.{extension}"


class PolicyQuerySet(models.QuerySet):
    def published(self):
        return self.filter(published=True)

    def about(self, matter):
        return self.filter(matters=matter)


class Policy(models.Model):
    title = models.CharField("标题", max_length=100)
    published_on = models.DateField("发布日期")
    department = models.ForeignKey(
        Department, verbose_name="发布部门", on_delete=models.PROTECT, related_name="policies"
    )
    summary = models.CharField("摘要", max_length=200, help_text="列表和订阅中显示的一两句话")
    body = models.TextField(
        "正文",
        help_text="Markdown：空行分段，## 小标题，- 列表，**加粗**，[链接](https://…)，"
        "插图 ![说明](/media/…)（先在下方“插图”上传）。脚本和站外图片会被去掉。",
    )
    video_url = models.URLField(
        "视频链接", blank=True, help_text="视频在别处播放：这里只放链接（https），页面不嵌入"
    )
    poster = models.ImageField(
        "封面图",
        upload_to=image_path,
        blank=True,
        validators=[validate_image],
        help_text="JPEG、PNG 或 WebP，不超过 2 MB",
    )
    poster_alt = models.CharField("封面图说明", max_length=100, blank=True)
    matters = models.ManyToManyField(
        Matter, verbose_name="相关事项", blank=True, related_name="policies"
    )
    published = models.BooleanField("公开发布", default=False)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    objects = PolicyQuerySet.as_manager()
    history = HistoricalRecords(
        verbose_name="政务有料历史", excluded_fields=["updated_at"], m2m_fields=[matters]
    )

    class Meta:
        verbose_name = "政务有料（政策解读）"
        verbose_name_plural = "政务有料（政策解读）"
        ordering = ["-published_on", "-id"]
        indexes = [models.Index(fields=["published", "-published_on"], name="policy_listing")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("outreach:policy", args=[self.pk])

    def clean(self):
        errors = {}
        if self.video_url and not self.video_url.startswith("https://"):
            errors["video_url"] = "视频链接必须以 https:// 开头。"
        if self.poster and not self.poster_alt:
            errors["poster_alt"] = "有封面图时，请用一句话说明图上是什么（供读屏软件朗读）。"
        if errors:
            raise ValidationError(errors)


class PolicyImage(models.Model):
    """An illustration of an explainer, shown under its text and usable in it by URL."""

    policy = models.ForeignKey(
        Policy, verbose_name="政策解读", on_delete=models.CASCADE, related_name="images"
    )
    image = models.ImageField(
        "图片",
        upload_to=image_path,
        validators=[validate_image],
        help_text="JPEG、PNG 或 WebP，不超过 2 MB",
    )
    alt = models.CharField("图片说明", max_length=100, help_text="图上是什么，供读屏软件朗读")
    position = models.PositiveSmallIntegerField("序号", default=0)

    history = HistoricalRecords(verbose_name="插图历史")

    class Meta:
        verbose_name = "插图"
        verbose_name_plural = "插图"
        ordering = ["policy", "position", "id"]

    def __str__(self):
        return self.alt


class QuestionQuerySet(models.QuerySet):
    def public(self):
        return self.filter(public=True).exclude(answer="")

    def unanswered(self):
        return self.filter(answer="")


class Question(models.Model):
    class Asker(models.TextChoices):
        PERSON = "person", "个人"
        ENTERPRISE = "enterprise", "企业"

    matter = models.ForeignKey(
        Matter, verbose_name="事项", on_delete=models.CASCADE, related_name="questions"
    )
    text = models.TextField(
        "问题", max_length=500, help_text="公开前可删去其中的个人信息（姓名、电话、证件号）"
    )
    asker = models.CharField("提问人", max_length=16, choices=Asker.choices)
    # Personal data: optional, never public, never in the history, erased once answered.
    contact = models.CharField("联系方式（不公开）", max_length=50, blank=True)
    asked_at = models.DateTimeField("提问时间", auto_now_add=True)
    answer = models.TextField("答复", blank=True)
    answered_at = models.DateTimeField("答复时间", null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="答复人",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    public = models.BooleanField(
        "审核通过，公开展示", default=False, help_text="只有已答复并审核通过的问答才会公开"
    )

    objects = QuestionQuerySet.as_manager()
    history = HistoricalRecords(verbose_name="问答历史", excluded_fields=["contact"])

    class Meta:
        verbose_name = "问政事儿（群众提问）"
        verbose_name_plural = "问政事儿（群众提问）"
        ordering = ["-asked_at", "-id"]
        indexes = [models.Index(fields=["matter", "public"], name="question_by_matter")]
        constraints = [
            models.CheckConstraint(
                name="question_public_needs_answer",
                condition=Q(public=False) | ~Q(answer=""),
                violation_error_message="没有答复的问题不能公开。",
            ),
        ]

    def __str__(self):
        return self.text[:30]

    def clean(self):
        if self.public and not self.answer.strip():
            raise ValidationError({"public": "请先填写答复，再公开。"})
