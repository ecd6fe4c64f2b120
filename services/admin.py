"""The staff tool: the Django admin in Chinese, scoped by role (see roles.py).

Every admin checks two things: the model permission from the user's group, and the row's scope
(a 部门管理员's own department, a 场所管理员's own venue) in get_queryset and
has_*_permission(obj), so a crafted request for someone else's row gets a 403 or 404.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.admin.utils import unquote
from django.contrib.admin.widgets import AutocompleteSelect, FilteredSelectMultiple
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import User
from django.core.exceptions import FieldDoesNotExist, PermissionDenied, ValidationError
from django.db import models
from django.db.models import Q
from django.http import Http404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html
from simple_history.admin import SimpleHistoryAdmin

from . import actions, integrity, quality, ratelimit
from .admin_io import CatalogueIOMixin
from .models import (
    CalendarDay,
    Department,
    Handling,
    Material,
    Matter,
    OpeningPeriod,
    StaffProfile,
    Step,
    Synonym,
    Theme,
    Venue,
    VenueException,
)
from .roles import (
    VENUE_MANAGER,
    can_edit_handling,
    can_edit_matter,
    can_edit_venue,
    department_id,
    editable_matters,
    editable_venues,
    is_data_office,
    user_groups,
    venue_id,
)
from .search import pinyin_fields

admin.site.site_header = "二七区政务服务目录 · 工作人员后台"
admin.site.site_title = "二七区政务服务目录后台"
admin.site.index_title = "目录维护"
admin.site.enable_nav_sidebar = True

MAX_MESSAGES = 20


class RateLimitedLoginForm(AdminAuthenticationForm):
    """Refuses a username+IP after too many failures (services/ratelimit.py)."""

    def clean(self):
        username = self.cleaned_data.get("username") or ""
        ip = ratelimit.client_ip(self.request)
        if ratelimit.is_blocked(username, ip):
            raise ValidationError(ratelimit.blocked_message(), code="too_many_attempts")
        try:
            cleaned = super().clean()
        except ValidationError:
            ratelimit.record_failure(username, ip)
            raise
        ratelimit.reset(username, ip)
        return cleaned


admin.site.login_form = RateLimitedLoginForm


def is_venue_scoped(user):
    """A 场所管理员 (not also in the data office): sees the rest read-only, edits only their venue."""
    return not is_data_office(user) and VENUE_MANAGER in user_groups(user)


def report_to_messages(modeladmin, request, report, done):
    """Turn an actions.Report into admin messages: a summary, then problems first, then notes."""
    summary = f"{done}：{report.changed} 条已修改，{report.unchanged} 条原本如此无需修改。"
    if report.problems:
        summary += f"{len(report.problems)} 条未能修改，原因见下。"
    level = messages.WARNING if report.problems else messages.SUCCESS
    modeladmin.message_user(request, summary, level)
    lines = [(p, messages.ERROR) for p in report.problems]
    lines += [(n, messages.INFO) for n in report.notes]
    for text, line_level in lines[:MAX_MESSAGES]:
        modeladmin.message_user(request, text, line_level)
    if len(lines) > MAX_MESSAGES:
        hidden = len(lines) - MAX_MESSAGES
        modeladmin.message_user(request, f"……另有 {hidden} 条说明未列出。", messages.INFO)


# Links typed without a scheme are taken as https (Django 6's default, stated now).
URL_FIELDS = {models.URLField: {"assume_scheme": "https"}}


def warn_broken_rules(modeladmin, request, matter):
    """Rules across records (a 7×24 matter at a kiosk, a 下沉 matter at every street centre) can
    only hold once the links are saved too, so a save is not refused: what is wrong is said."""
    for problem in integrity.matter_problems(matter):
        modeladmin.message_user(request, f"请注意：{problem}", messages.WARNING)


class ScopedMixin:
    """Model permission from the group AND row scope from can_edit() / can_view()."""

    formfield_overrides = URL_FIELDS

    def can_edit(self, user, obj):
        return is_data_office(user)

    def can_view(self, user, obj):
        return True

    def has_view_permission(self, request, obj=None):
        allowed = super().has_view_permission(request, obj)
        return allowed and (obj is None or self.can_view(request.user, obj))

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or self.can_edit(request.user, obj))

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        return allowed and (obj is None or self.can_edit(request.user, obj))

    def get_actions(self, request):
        found = super().get_actions(request)
        # Bulk delete checks no row scope, so only the data office gets it.
        if not is_data_office(request.user):
            found.pop("delete_selected", None)
        return found

    def save_model(self, request, obj, form, change):
        if not self.can_edit(request.user, obj):
            raise PermissionDenied
        super().save_model(request, obj, form, change)

    def _get_obj_does_not_exist_redirect(self, request, opts, object_id):
        # Django redirects to the index for a row outside get_queryset(); answer 404 instead.
        raise Http404("没有找到这条记录，或您无权查看。")


class ScopedAdmin(ScopedMixin, admin.ModelAdmin):
    pass


PART_CHANGES_SHOWN = 200
HISTORY_ACTIONS = {"+": "新增", "~": "修改", "-": "删除"}


def _shown(field, value, names):
    if value is None or value == "":
        return "（空）"
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if field.is_relation:
        return names.get((field.name, value), str(value))
    if isinstance(value, bool):
        return "是" if value else "否"
    return str(value)


def part_changes(parts, parent_pk):
    """The history of a record's parts (materials, hours, links…), newest first, with who, when
    and what changed field by field: one query per part model, and one per related model named."""
    rows = []
    for model, parent_field, label in parts:
        fields = [f for f in model._meta.concrete_fields if f.name not in ("id", parent_field)]
        history = list(
            model.history.filter(**{f"{parent_field}_id": parent_pk})
            .select_related("history_user")
            .order_by("id", "history_date", "history_id")
        )
        names = {}
        for field in fields:
            if field.is_relation:
                pks = {getattr(r, field.attname) for r in history}
                for obj in field.related_model._default_manager.filter(pk__in=pks):
                    names[(field.name, obj.pk)] = str(obj)
        previous = {}
        for record in history:
            before = previous.get(record.id)
            previous[record.id] = record
            changes = []
            # A change to a row whose earlier version was never recorded (e.g. loaded from the
            # demo fixture) shows its new values only: the old ones are unknown.
            unknown_before = record.history_type == "~" and before is None
            if unknown_before:
                changes.append("此前的版本没有记录，修改后为：")
            for field in fields:
                new = getattr(record, field.attname)
                old = None if before is None else getattr(before, field.attname)
                if record.history_type == "~" and before is not None and old == new:
                    continue
                if record.history_type == "-":
                    continue
                if record.history_type == "+" or unknown_before:
                    changes.append(f"{field.verbose_name}：{_shown(field, new, names)}")
                else:
                    old_text, new_text = _shown(field, old, names), _shown(field, new, names)
                    changes.append(f"{field.verbose_name}：{old_text} → {new_text}")
            if record.history_type == "~" and not changes:
                continue  # a save that changed nothing
            rows.append(
                {
                    "when": record.history_date,
                    "who": record.history_user,
                    "kind": model._meta.verbose_name,
                    "what": label(record, names),
                    "action": HISTORY_ACTIONS.get(record.history_type, record.history_type),
                    "changes": changes,
                }
            )
    rows.sort(key=lambda row: row["when"], reverse=True)
    return rows[:PART_CHANGES_SHOWN], len(rows)


def same_values(obj, current):
    """Whether saving obj would change no stored field (auto_now stamps aside)."""
    return all(
        getattr(obj, f.attname) == getattr(current, f.attname)
        for f in obj._meta.concrete_fields
        if not getattr(f, "auto_now", False)
    )


def is_number(text):
    return str(text).isascii() and str(text).isdigit()


class ScopedHistoryAdmin(ScopedMixin, SimpleHistoryAdmin):
    """History from each object's page; reverting needs the right to change that object.

    A revert saves the old version through the same form as the change page, so the fields that
    are read-only for this user keep their current values (see save_model).
    """

    def save_model(self, request, obj, form, change):
        current = self.model._default_manager.filter(pk=obj.pk).first() if change else None
        if current is not None:
            self._keep_read_only_fields(request, obj, current)
            if same_values(obj, current) and self.can_edit(request.user, obj):
                return  # nothing changed: no history row (the inlines are saved on their own)
        super().save_model(request, obj, form, change)

    def _keep_read_only_fields(self, request, obj, current):
        # The form leaves read-only fields out, so a revert would write the old version's values.
        for name in self.get_readonly_fields(request, current):
            try:
                field = self.model._meta.get_field(name)
            except FieldDoesNotExist:
                continue  # an admin method such as handled_matters
            if field.concrete and not field.many_to_many:
                setattr(obj, field.attname, getattr(current, field.attname))

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if not (is_number(unquote(object_id)) and is_number(version_id)):
            raise Http404("没有找到这条记录。")
        obj = self.get_object(request, unquote(object_id))
        if obj is None and not is_data_office(request.user):
            raise Http404("没有找到这条记录，或您无权查看。")
        # simple_history saves a POSTed revert with only a view check: require change here.
        if request.method == "POST" and not self.has_change_permission(request, obj):
            raise PermissionDenied
        if obj is not None and not self.has_view_permission(request, obj):
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)

    # (part model, its foreign key to this model, label(historical row, related names)):
    # their changes are listed on this model's history page too.
    history_parts = ()
    object_history_template = "admin/services/object_history.html"

    def history_view(self, request, object_id, extra_context=None):
        if not is_number(unquote(object_id)):
            raise Http404("没有找到这条记录。")
        if self.history_parts:
            shown, total = part_changes(self.history_parts, int(unquote(object_id)))
            extra_context = {
                **(extra_context or {}),
                "part_changes": shown,
                "part_changes_total": total,
                "part_kinds": "、".join(m._meta.verbose_name for m, _, _ in self.history_parts),
            }
        if self.get_object(request, unquote(object_id)) is None and not is_data_office(
            request.user
        ):
            raise Http404("没有找到这条记录，或您无权查看。")
        return super().history_view(request, object_id, extra_context)


class ScopedInline:
    """An inline is editable only where its parent object is.

    Each row's __str__ and its read-only foreign keys are read from rows joined in once
    (inline_select_related), not one query per row.
    """

    formfield_overrides = URL_FIELDS
    inline_select_related = ()

    def get_queryset(self, request):
        return super().get_queryset(request).select_related(*self.inline_select_related)

    def _parent_editable(self, request, obj):
        parent_admin = self.admin_site._registry[self.parent_model]
        return obj is None or parent_admin.can_edit(request.user, obj)

    def has_add_permission(self, request, obj=None):
        return super().has_add_permission(request, obj) and self._parent_editable(request, obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self._parent_editable(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self._parent_editable(request, obj)


# Reference data ----------------------------------------------------------------------------


@admin.register(Department)
class DepartmentAdmin(ScopedAdmin):
    list_display = ("code", "name", "short_name", "kind", "phone", "position")
    list_filter = ("kind",)
    search_fields = ("code", "name", "short_name")


@admin.register(Theme)
class ThemeAdmin(ScopedAdmin):
    list_display = ("name", "slug", "audience", "position")
    list_filter = ("audience",)
    search_fields = ("name", "slug")


@admin.register(CalendarDay)
class CalendarDayAdmin(ScopedAdmin):
    list_display = ("date", "name", "kind", "as_weekday")
    list_filter = ("kind",)
    search_fields = ("name",)
    date_hierarchy = "date"


@admin.register(Synonym)
class SynonymAdmin(ScopedHistoryAdmin):
    list_display = ("term", "expansions", "note")
    search_fields = ("term", "expansions", "note")


# Data-quality filters, shared with the data-quality page (services/quality.py) ----------------


class FreshnessFilter(admin.SimpleListFilter):
    title = "核实情况"
    parameter_name = "verified"

    def lookups(self, request, model_admin):
        days = quality.STALE_AFTER_DAYS
        return [
            ("recent", f"{days} 天内已核实"),
            ("stale", f"超过 {days} 天未核实（含从未核实）"),
            ("never", "从未核实"),
        ]

    def queryset(self, request, queryset):
        if self.value() == "recent":
            return quality.recently_verified(queryset)
        if self.value() == "stale":
            return quality.stale(queryset)
        if self.value() == "never":
            return quality.never_verified(queryset)
        return queryset


class ProblemFilter(admin.SimpleListFilter):
    title = "数据问题"
    parameter_name = "problem"
    problems = {}

    def lookups(self, request, model_admin):
        return [(key, label) for key, (label, _) in self.problems.items()]

    def queryset(self, request, queryset):
        if self.value() in self.problems:
            return self.problems[self.value()][1](queryset)
        return queryset


class MatterProblemFilter(ProblemFilter):
    problems = quality.MATTER_PROBLEMS


class VenueProblemFilter(ProblemFilter):
    problems = quality.VENUE_PROBLEMS


# Venues ------------------------------------------------------------------------------------


class OpeningPeriodInline(ScopedInline, admin.TabularInline):
    model = OpeningPeriod
    inline_select_related = ("venue",)
    extra = 0
    fields = ("weekday", "opens", "closes")


class VenueExceptionInline(ScopedInline, admin.TabularInline):
    model = VenueException
    inline_select_related = ("venue",)
    extra = 0
    fields = ("date", "closed", "opens", "closes", "reason")


@admin.register(Venue)
class VenueAdmin(ScopedHistoryAdmin):
    list_display = (
        "code",
        "name",
        "level",
        "street_name",
        "parent",
        "phone",
        "always_open",
        "name_checked",
        "verified_at",
    )
    list_display_links = ("code", "name")
    list_select_related = ("parent",)
    list_filter = (
        "level",
        "street_name",
        "host",
        "always_open",
        "name_checked",
        FreshnessFilter,
        VenueProblemFilter,
    )
    search_fields = ("code", "name", "address", "street_name")
    autocomplete_fields = ("parent",)
    inlines = [OpeningPeriodInline, VenueExceptionInline]
    actions = ["verify"]
    history_parts = (
        (
            OpeningPeriod,
            "venue",
            lambda r, names: f"{r.get_weekday_display()} {r.opens:%H:%M}–{r.closes:%H:%M}",
        ),
        (VenueException, "venue", lambda r, names: f"{r.date:%Y-%m-%d}"),
        (Handling, "venue", lambda r, names: names.get(("matter", r.matter_id), r.matter_id)),
    )
    fieldsets = (
        (None, {"fields": ("code", "name", "name_checked", "level", "parent", "host")}),
        ("地址与联系", {"fields": ("street_name", "address", "phone", "latitude", "longitude")}),
        ("办公时间", {"fields": ("always_open", "hours_note")}),
        ("办理事项", {"fields": ("handled_matters",)}),
        ("核实", {"fields": ("verified_at", "verified_by", "updated_at")}),
    )
    # Only the data office changes what a venue is and where it sits in the network.
    identity_fields = ("code", "name", "name_checked", "level", "parent", "host", "street_name")

    # A 场所管理员 sees every venue read-only and edits only their own (can_edit).
    def can_edit(self, user, obj):
        return can_edit_venue(user, obj)

    def get_readonly_fields(self, request, obj=None):
        fixed = ("handled_matters", "verified_at", "verified_by", "updated_at")
        if is_data_office(request.user):
            return fixed
        return fixed + self.identity_fields

    @admin.display(description="办理的事项")
    def handled_matters(self, obj):
        if obj.pk is None:
            return "保存后可在“办理地点”中登记本场所办理的事项。"
        url = reverse("admin:services_handling_changelist")
        return format_html(
            '<a href="{}?venue__id__exact={}">查看和修改本场所办理的事项（{} 项）</a>',
            url,
            obj.pk,
            obj.handlings.count(),
        )

    @admin.action(description="核实所选场所（记录核实时间和核实人）", permissions=["change"])
    def verify(self, request, queryset):
        report = actions.venue_verify(
            venues=editable_venues(request.user, queryset), by=request.user
        )
        report_to_messages(self, request, report, "核实场所")


class VenuePartAdmin(ScopedHistoryAdmin):
    """Opening periods and exceptions listed on their own: a 场所管理员 edits only their venue's."""

    list_select_related = ("venue",)
    autocomplete_fields = ("venue",)
    search_fields = ("venue__name", "venue__code")

    def can_edit(self, user, obj):
        return obj.venue_id is not None and can_edit_venue(user, obj.venue)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "venue" and not is_data_office(request.user):
            kwargs["queryset"] = Venue.objects.filter(pk=venue_id(request.user))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(OpeningPeriod)
class OpeningPeriodAdmin(VenuePartAdmin):
    list_display = ("venue", "weekday", "opens", "closes")
    list_filter = ("weekday", "venue__level")


@admin.register(VenueException)
class VenueExceptionAdmin(VenuePartAdmin):
    list_display = ("venue", "date", "closed", "opens", "closes", "reason")
    list_filter = ("closed", "venue__level")
    date_hierarchy = "date"


# Matters -----------------------------------------------------------------------------------


class MaterialInline(ScopedInline, admin.TabularInline):
    model = Material
    inline_select_related = ("matter",)
    extra = 0
    fields = ("position", "name", "requirement", "condition", "form", "copies", "source")


class StepInline(ScopedInline, admin.TabularInline):
    model = Step
    inline_select_related = ("matter",)
    extra = 0
    fields = ("position", "name", "description")


class KnownChoiceAutocomplete(AutocompleteSelect):
    """An autocomplete whose chosen row is already known (`known`), so it is not queried again."""

    known = None

    def optgroups(self, name, value, attr=None):
        chosen = {str(v) for v in value if v not in ("", None)}
        if self.known is None or chosen != {str(self.known.pk)}:
            return super().optgroups(name, value, attr)
        option = self.create_option(name, self.known.pk, str(self.known), chosen, 0)
        return [(None, [option], 0)]


class KnownVenueFormSet(forms.BaseInlineFormSet):
    """Hands each row's already joined-in venue to its autocomplete widget."""

    def _construct_form(self, i, **kwargs):
        form = super()._construct_form(i, **kwargs)
        widget = form.fields["venue"].widget
        venue = form.instance.venue if form.instance.venue_id else None
        # The admin wraps the autocomplete in a RelatedFieldWidgetWrapper.
        inner = getattr(widget, "widget", widget)
        if isinstance(inner, KnownChoiceAutocomplete):
            inner.known = venue
        return form


class HandlingInline(ScopedInline, admin.TabularInline):
    model = Handling
    inline_select_related = ("venue", "matter")
    formset = KnownVenueFormSet
    extra = 0
    fields = ("venue", "mode", "window")
    autocomplete_fields = ("venue",)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "venue":
            kwargs["widget"] = KnownChoiceAutocomplete(db_field, self.admin_site)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class HandledAtLevelFilter(admin.SimpleListFilter):
    title = "办理场所层级"
    parameter_name = "handled_at"

    def lookups(self, request, model_admin):
        return Venue.Level.choices

    def queryset(self, request, queryset):
        if self.value() in Venue.Level.values:
            return queryset.handled_at(self.value())
        return queryset


class HandledInStreetFilter(admin.SimpleListFilter):
    title = "办理街道"
    parameter_name = "street"

    def lookups(self, request, model_admin):
        names = Venue.objects.exclude(street_name="").order_by("street_name")
        return [(n, n) for n in names.values_list("street_name", flat=True).distinct()]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(handlings__venue__street_name=self.value()).distinct()
        return queryset


class VenueChoiceForm(forms.Form):
    venues = forms.ModelMultipleChoiceField(
        Venue.objects.all(),
        label="场所",
        required=False,
        widget=FilteredSelectMultiple("场所", is_stacked=False),
    )
    levels = forms.MultipleChoiceField(
        label="或选择整个层级的全部场所",
        choices=Venue.Level.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    mode = forms.ChoiceField(
        label="办理方式", choices=Handling.Mode.choices, initial=Handling.Mode.FULL
    )
    window = forms.CharField(label="窗口", max_length=64, required=False)

    def __init__(self, *args, adding, **kwargs):
        super().__init__(*args, **kwargs)
        if not adding:
            del self.fields["mode"], self.fields["window"]

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("venues") and not cleaned.get("levels"):
            raise ValidationError("请至少选择一个场所或一个层级。")
        return cleaned

    def chosen_venues(self):
        picked = [v.pk for v in self.cleaned_data["venues"]]
        return Venue.objects.filter(Q(pk__in=picked) | Q(level__in=self.cleaned_data["levels"]))


def record_once_with_themes(obj, form):
    """One history row holding the new themes, written once they are saved (after save_model,
    on the change page and on a revert), instead of a row before them and one per add/remove."""
    obj.skip_history_when_saving = True
    save_m2m = form.save_m2m

    def save_m2m_then_record():
        try:
            save_m2m()
        finally:
            del obj.skip_history_when_saving
        obj.save()

    form.save_m2m = save_m2m_then_record


@admin.register(Matter)
class MatterAdmin(CatalogueIOMixin, ScopedHistoryAdmin):
    list_display = (
        "code",
        "name",
        "department",
        "handling_type",
        "promised_days",
        "instant",
        "self_service",
        "delegated_to_street",
        "no_application",
        "cross_province",
        "verified_at",
    )
    list_display_links = ("code", "name")
    list_select_related = ("department",)
    list_filter = (
        "department",
        "themes",
        HandledAtLevelFilter,
        HandledInStreetFilter,
        "kind",
        "audience",
        "handling_type",
        "scope",
        "instant",
        "no_application",
        "self_service",
        "delegated_to_street",
        "cross_province",
        FreshnessFilter,
        MatterProblemFilter,
    )
    search_fields = ("code", "name", "keywords")
    autocomplete_fields = ("department", "themes")
    inlines = [MaterialInline, StepInline, HandlingInline]
    history_parts = (
        (Material, "matter", lambda r, names: r.name),
        (Step, "matter", lambda r, names: r.name),
        (Handling, "matter", lambda r, names: names.get(("venue", r.venue_id), r.venue_id)),
    )
    readonly_fields = ("verified_at", "verified_by", "updated_at")
    fieldsets = (
        (None, {"fields": ("code", "name", "department", "kind", "audience", "themes")}),
        (
            "办理要求",
            {"fields": ("conditions", "basis", "fee", "online_url", "visits", "scope")},
        ),
        ("时限", {"fields": ("handling_type", "legal_days", "promised_days")}),
        (
            "标记",
            {
                "fields": (
                    "instant",
                    "no_application",
                    "self_service",
                    "delegated_to_street",
                    "cross_province",
                )
            },
        ),
        ("检索与咨询", {"fields": ("keywords", "consult_phone")}),
        ("核实", {"fields": ("verified_at", "verified_by", "updated_at")}),
    )
    actions = [
        "mark_instant",
        "unmark_instant",
        "mark_self_service",
        "unmark_self_service",
        "delegate_to_streets",
        "add_to_venues",
        "remove_from_venues",
        "verify",
    ]

    def can_edit(self, user, obj):
        return can_edit_matter(user, obj)

    def save_model(self, request, obj, form, change):
        # The stored pinyin search fields follow the name and keywords.
        full, initials = pinyin_fields(obj.name, obj.keywords)
        limit = Matter._meta.get_field("search_initials").max_length
        obj.search_pinyin, obj.search_initials = full, initials[:limit]
        if change and "themes" in form.changed_data:
            record_once_with_themes(obj, form)
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        warn_broken_rules(self, request, form.instance)

    def get_autocomplete_fields(self, request):
        if is_data_office(request.user):
            return self.autocomplete_fields
        return ("themes",)  # a plain select that offers only their own department

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "department" and not is_data_office(request.user):
            kwargs["queryset"] = Department.objects.filter(pk=department_id(request.user))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def _editable(self, request, queryset):
        """The selected rows this user may change; the others are reported and left alone."""
        allowed = editable_matters(request.user, queryset)
        skipped = queryset.count() - allowed.count()
        if skipped:
            self.message_user(
                request, f"有 {skipped} 个事项不属于您的部门，未作处理。", messages.WARNING
            )
        return allowed

    @admin.action(description="标为即来即办（即办件，承诺时限 0 天）", permissions=["change"])
    def mark_instant(self, request, queryset):
        matters = self._editable(request, queryset)
        report = actions.matters_mark_instant(matters=matters, by=request.user)
        report_to_messages(self, request, report, "标为即来即办")

    @admin.action(description="标为 7×24 自助", permissions=["change"])
    def mark_self_service(self, request, queryset):
        matters = self._editable(request, queryset)
        report = actions.matters_mark_self_service(matters=matters, by=request.user)
        report_to_messages(self, request, report, "标为 7×24 自助")

    @admin.action(description="取消即来即办（办件类型和承诺时限不变）", permissions=["change"])
    def unmark_instant(self, request, queryset):
        matters = self._editable(request, queryset)
        report = actions.matters_unmark_instant(matters=matters, by=request.user)
        report_to_messages(self, request, report, "取消即来即办")

    @admin.action(description="取消 7×24 自助", permissions=["change"])
    def unmark_self_service(self, request, queryset):
        matters = self._editable(request, queryset)
        report = actions.matters_unmark_self_service(matters=matters, by=request.user)
        report_to_messages(self, request, report, "取消 7×24 自助")

    @admin.action(description="下沉街道（在全部街道便民服务中心办理）", permissions=["change"])
    def delegate_to_streets(self, request, queryset):
        matters = self._editable(request, queryset)
        report = actions.matter_delegate_to_streets(matters=matters, by=request.user)
        report_to_messages(self, request, report, "下沉街道")

    @admin.action(description="在选定场所添加办理…", permissions=["change"])
    def add_to_venues(self, request, queryset):
        return self._venues_form(request, queryset, adding=True)

    @admin.action(description="从选定场所移除办理…", permissions=["change"])
    def remove_from_venues(self, request, queryset):
        return self._venues_form(request, queryset, adding=False)

    @admin.action(description="核实所选事项（记录核实时间和核实人）", permissions=["change"])
    def verify(self, request, queryset):
        report = actions.matter_verify(matters=self._editable(request, queryset), by=request.user)
        report_to_messages(self, request, report, "核实事项")

    def _venues_form(self, request, queryset, *, adding):
        """The intermediate page: choose venues, then apply to the selected matters."""
        if "apply" in request.POST:
            form = VenueChoiceForm(request.POST, adding=adding)
            if form.is_valid():
                matters = self._editable(request, queryset)
                venues = form.chosen_venues()
                if adding:
                    report = actions.matter_add_to_venues(
                        matters=matters,
                        venues=venues,
                        by=request.user,
                        mode=form.cleaned_data["mode"],
                        window=form.cleaned_data["window"],
                    )
                else:
                    report = actions.matter_remove_from_venues(
                        matters=matters, venues=venues, by=request.user
                    )
                verb = "添加办理地点" if adding else "移除办理地点"
                report_to_messages(self, request, report, verb)
                return None
        else:
            form = VenueChoiceForm(adding=adding)
        context = {
            **self.admin_site.each_context(request),
            "title": "在选定场所添加办理" if adding else "从选定场所移除办理",
            "adding": adding,
            "form": form,
            "matters": queryset,
            "action": request.POST.get("action"),
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            "opts": self.model._meta,
            "media": self.media + form.media,
        }
        return TemplateResponse(request, "admin/services/matter/venues_action.html", context)


class MatterPartAdmin(ScopedHistoryAdmin):
    """Materials and steps listed on their own; edited by the matter's department."""

    list_select_related = ("matter", "matter__department")
    list_filter = ("matter__department",)
    search_fields = ("name", "matter__name", "matter__code")
    autocomplete_fields = ("matter",)

    def can_edit(self, user, obj):
        return obj.matter_id is not None and can_edit_matter(user, obj.matter)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "matter" and not is_data_office(request.user):
            kwargs["queryset"] = editable_matters(request.user, Matter.objects.all())
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Material)
class MaterialAdmin(MatterPartAdmin):
    list_display = ("name", "matter", "requirement", "form", "copies")
    list_filter = ("matter__department", "requirement", "form")


@admin.register(Step)
class StepAdmin(MatterPartAdmin):
    list_display = ("name", "matter", "position")


@admin.register(Handling)
class HandlingAdmin(ScopedHistoryAdmin):
    """Which matters each venue handles, at which window: a 场所管理员 edits their venue's."""

    list_display = ("matter", "venue", "mode", "window")
    list_select_related = ("matter", "venue")
    list_filter = ("venue__level", "venue__street_name", "mode", "matter__department")
    search_fields = ("matter__name", "matter__code", "venue__name", "venue__code", "window")
    autocomplete_fields = ("matter", "venue")

    def can_edit(self, user, obj):
        return obj.matter_id is not None and can_edit_handling(user, obj)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        warn_broken_rules(self, request, obj.matter)

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        warn_broken_rules(self, request, obj.matter)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        user = request.user
        if db_field.name == "venue" and is_venue_scoped(user) and not department_id(user):
            kwargs["queryset"] = Venue.objects.filter(pk=venue_id(user))
        if db_field.name == "matter" and not is_data_office(user) and not is_venue_scoped(user):
            kwargs["queryset"] = editable_matters(user, Matter.objects.all())
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


# Staff -------------------------------------------------------------------------------------


@admin.register(StaffProfile)
class StaffProfileAdmin(ScopedAdmin):
    list_display = ("user", "department", "venue")
    list_select_related = ("user", "department", "venue")
    search_fields = ("user__username", "user__first_name", "user__last_name")
    autocomplete_fields = ("user", "department", "venue")
    list_filter = ("department",)


class StaffProfileInline(admin.StackedInline):
    model = StaffProfile
    can_delete = False
    autocomplete_fields = ("department", "venue")
    verbose_name_plural = "归属（部门管理员填部门，场所管理员填场所）"


admin.site.unregister(User)


@admin.register(User)
class StaffUserAdmin(UserAdmin):
    inlines = [StaffProfileInline]


# The data-quality page ---------------------------------------------------------------------


MAX_RULE_PROBLEMS = 100


def quality_view(request):
    """/admin/quality/: incomplete guides, venues missing facts, stale records, live figures."""
    if not is_data_office(request.user):
        raise PermissionDenied
    sections = [
        {
            "title": title,
            "count": qs.count(),
            "items": qs.order_by("pk")[:MAX_MESSAGES],
            "url_name": f"admin:services_{model}_change",
            "all_url": f"{reverse(f'admin:services_{model}_changelist')}?{query}",
        }
        for title, model, qs, query in quality.checks()
    ]
    rule_problems = list(integrity.problems())
    context = {
        **admin.site.each_context(request),
        "title": "数据质量",
        "figures": quality.figure_rows(),
        "rule_problems": rule_problems[:MAX_RULE_PROBLEMS],
        "rule_problem_count": len(rule_problems),
        "sections": sections,
        "shown": MAX_MESSAGES,
    }
    return TemplateResponse(request, "admin/quality.html", context)
