"""政务有料 is written by the data office; 问政事儿 is answered by the matter's department
(部门管理员, scoped by services.roles) or the data office."""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.html import format_html

from services import actions as catalogue_actions
from services.admin.history import ScopedHistoryAdmin

from .actions import question_answer
from .markup import render
from .models import Policy, PolicyImage, Question
from .roles import answerable_questions, can_answer


class PolicyImageInline(admin.TabularInline):
    model = PolicyImage
    extra = 1
    readonly_fields = ["markdown"]

    @admin.display(description="在正文中插入")
    def markdown(self, image):
        return f"![{image.alt}]({image.image.url})" if image.pk and image.image else "保存后显示"


@admin.register(Policy)
class PolicyAdmin(ScopedHistoryAdmin):
    inlines = [PolicyImageInline]
    history_parts = ((PolicyImage, "policy", lambda row, names: row.alt),)
    list_display = ["title", "published_on", "department", "published"]
    list_filter = ["published", "department"]
    search_fields = ["title", "summary", "body"]
    date_hierarchy = "published_on"
    autocomplete_fields = ["matters"]
    readonly_fields = ["preview"]
    fields = [
        "title",
        "published_on",
        "department",
        "summary",
        "body",
        "preview",
        "video_url",
        "poster",
        "poster_alt",
        "matters",
        "published",
    ]

    @admin.display(description="正文预览（已清理，保存后更新）")
    def preview(self, policy):
        return format_html('<div class="article-body">{}</div>', render(policy.body))


class AnsweredFilter(admin.SimpleListFilter):
    title = "答复情况"
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [("open", "待答复"), ("answered", "已答复未公开"), ("public", "已公开")]

    def queryset(self, request, queryset):
        if self.value() == "open":
            return queryset.unanswered()
        if self.value() == "answered":
            return queryset.exclude(answer="").filter(public=False)
        if self.value() == "public":
            return queryset.public()
        return queryset


@admin.register(Question)
class QuestionAdmin(ScopedHistoryAdmin):
    list_display = ["short_text", "matter", "asker", "asked_at", "answered", "public"]
    list_filter = [AnsweredFilter, "asker"]
    search_fields = ["text", "answer", "matter__name", "matter__code"]
    list_select_related = ["matter"]
    fields = [
        "matter",
        "asker",
        "asked_at",
        "contact",
        "text",
        "answer",
        "public",
        "answered_by",
        "answered_at",
    ]
    readonly_fields = ["matter", "asker", "asked_at", "contact", "answered_by", "answered_at"]

    @admin.display(description="问题")
    def short_text(self, question):
        return question.text[:40]

    @admin.display(description="已答复", boolean=True)
    def answered(self, question):
        return bool(question.answer)

    def get_queryset(self, request):
        return answerable_questions(request.user, super().get_queryset(request))

    def has_add_permission(self, request):
        return False  # questions come from the public form

    def can_edit(self, user, question):
        return can_answer(user, question)

    def can_view(self, user, question):
        return can_answer(user, question)

    def save_model(self, request, obj, form, change):
        if not self.can_edit(request.user, obj):
            raise PermissionDenied
        with transaction.atomic():
            question_answer(
                question=obj,
                answer=form.cleaned_data["answer"],
                public=form.cleaned_data["public"],
                text=form.cleaned_data["text"],
                by=request.user,
            )
            # Matter pages are cached per data generation: show the answer on the next request.
            catalogue_actions.generation_bump(
                kind=catalogue_actions.generation_kind(Question, form.changed_data)
            )
