"""一件事 (life events): the data office edits one on one page, with its bundled matters in
order and its merged material list, generated from those matters and then editable. Other
staff may look, not change (services/roles.py gives them view only)."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.urls import reverse

from .. import actions
from ..models import LifeEvent, LifeEventMaterial, LifeEventMatter, Matter
from ..roles import is_data_office
from .bulk import BulkMixin, bulk_action
from .handlings import KnownChoiceAutocomplete, KnownChoiceFormSet
from .history import ScopedHistoryAdmin
from .quality import FreshnessFilter, LifeEventProblemFilter
from .scoping import ScopedInline
from .versions import VersionedAdminMixin

REGENERATE = "_regenerate"
CODE_SEPS = ";；、,，\n "
MAX_CODES = 100


class KnownMatterFormSet(KnownChoiceFormSet):
    known_field = "matter"

    def get_unique_error_message(self, unique_check):
        if "matter" in unique_check:
            return "同一事项在一件事中只能出现一次，请删除重复的一行。"
        return super().get_unique_error_message(unique_check)


class LifeEventMatterInline(ScopedInline, admin.TabularInline):
    model = LifeEventMatter
    formset = KnownMatterFormSet
    inline_select_related = ("matter", "event")
    extra = 0
    fields = ("position", "matter", "required", "condition")
    autocomplete_fields = ("matter",)
    verbose_name = "包含的事项（按办理顺序）"
    verbose_name_plural = "包含的事项（按序号排列，非必办事项请写明办理情形）"

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "matter":
            kwargs["widget"] = KnownChoiceAutocomplete(db_field, self.admin_site)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


def split_codes(text):
    codes = [text]
    for sep in CODE_SEPS:
        codes = [part for code in codes for part in code.split(sep)]
    return list(dict.fromkeys(c.strip() for c in codes if c.strip()))


class LifeEventMaterialForm(forms.ModelForm):
    """The matters a material is for, as their codes in one text box: an inline row stays one
    line, and the page asks nothing per row (the codes come from one prefetch)."""

    matter_codes = forms.CharField(
        label="用于事项（事项编码）",
        required=False,
        widget=forms.TextInput(attrs={"size": 24}),
        help_text="多个编码用分号或顿号分隔",
    )

    class Meta:
        model = LifeEventMaterial
        fields = ("position", "name", "required", "form", "copies")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            codes = [m.code for m in self.instance.for_matters.all()]
            self.initial["matter_codes"] = "；".join(codes)

    def clean_matter_codes(self):
        codes = split_codes(self.cleaned_data["matter_codes"])
        if len(codes) > MAX_CODES:
            raise ValidationError(f"最多填 {MAX_CODES} 个事项编码。")
        found = {m.code: m for m in Matter.objects.filter(code__in=codes)}
        unknown = [c for c in codes if c not in found]
        if unknown:
            raise ValidationError(f"没有这些事项编码：{'、'.join(unknown[:10])}")
        return [found[c] for c in codes]

    def _save_m2m(self):
        super()._save_m2m()
        if "matter_codes" in self.cleaned_data:
            wanted = self.cleaned_data["matter_codes"]
            if {m.pk for m in wanted} != {m.pk for m in self.instance.for_matters.all()}:
                self.instance.for_matters.set(wanted)


class LifeEventMaterialInline(ScopedInline, admin.TabularInline):
    model = LifeEventMaterial
    form = LifeEventMaterialForm
    inline_select_related = ("event",)
    extra = 0
    fields = ("position", "name", "required", "form", "copies", "matter_codes")
    verbose_name = "材料（合并后的一套材料）"
    verbose_name_plural = "一套材料（由所含事项的材料合并生成，可再修改）"

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("for_matters")

    def get_readonly_fields(self, request, obj=None):
        if self.has_change_permission(request, obj):
            return ()
        return ("for_matters_shown",)

    def get_fields(self, request, obj=None):
        if self.has_change_permission(request, obj):
            return self.fields
        return (*self.fields[:-1], "for_matters_shown")

    @admin.display(description="用于事项")
    def for_matters_shown(self, obj):
        return "；".join(m.code for m in obj.for_matters.all())


def _event_label(record, names):
    return names.get(("matter", record.matter_id)) or record.verified_name or "（事项已删除）"


def editable_events(user, queryset):
    return queryset if is_data_office(user) else queryset.none()


def _set_materials(*, events, by):
    """The bulk action: each selected event's list merged again (one action call each)."""
    report = actions.Report()
    for event in events:
        actions.life_event_set_materials(event=event, by=by)
        report.changed += 1
    return report


@admin.register(LifeEvent)
class LifeEventAdmin(BulkMixin, VersionedAdminMixin, ScopedHistoryAdmin):
    list_display = (
        "code",
        "name",
        "audience",
        "lead_department",
        "matters_count",
        "promised_days",
        "published",
        "verified_at",
    )
    list_display_links = ("code", "name")
    list_select_related = ("lead_department",)
    list_filter = ("audience", "published", "lead_department", FreshnessFilter)
    list_filter += (LifeEventProblemFilter,)
    search_fields = ("code", "name", "keywords")
    autocomplete_fields = ("lead_department", "venue")
    inlines = [LifeEventMatterInline, LifeEventMaterialInline]
    history_parts = (
        (LifeEventMatter, "event", _event_label),
        (LifeEventMaterial, "event", lambda r, names: r.name),
    )
    readonly_fields = ("verified_at", "verified_by", "created_at", "updated_at")
    fieldsets = (
        (None, {"fields": ("code", "name", "audience", "summary", "keywords")}),
        (
            "办理",
            {
                "fields": (
                    "lead_department",
                    "promised_days",
                    "conditions",
                    "online_url",
                    "venue",
                )
            },
        ),
        ("展示", {"fields": ("position", "published")}),
        ("核实", {"fields": ("verified_at", "verified_by", "created_at", "updated_at")}),
    )
    change_form_template = "admin/services/lifeevent/change_form.html"
    actions = [
        bulk_action(
            "set_materials",
            _set_materials,
            "events",
            description="按所含事项重新生成材料清单（替换现有材料）",
            done="重新生成材料清单",
        ),
        bulk_action(
            "verify",
            actions.life_event_verify,
            "events",
            description="核实所选一件事（记录核实时间、核实人和所含事项的现状）",
            done="核实一件事",
        ),
    ]
    scope = staticmethod(editable_events)
    skipped_message = "有 {n} 个一件事您无权修改，未作处理。"

    def get_queryset(self, request):
        return super().get_queryset(request).with_matter_counts()

    @admin.display(description="所含事项数", ordering="matters_count")
    def matters_count(self, obj):
        return obj.matters_count

    def get_autocomplete_fields(self, request):
        return self.autocomplete_fields if is_data_office(request.user) else ()

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        context["can_regenerate"] = self.has_change_permission(request, obj)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def response_change(self, request, obj):
        if REGENERATE in request.POST:
            return self._regenerated(request, obj)
        return super().response_change(request, obj)

    def response_add(self, request, obj, post_url_continue=None):
        if REGENERATE in request.POST:
            return self._regenerated(request, obj)
        return super().response_add(request, obj, post_url_continue)

    def _regenerated(self, request, obj):
        """Saved; now the material list is merged again from the bundled matters as saved."""
        actions.life_event_set_materials(event=obj, by=request.user)
        count = obj.materials.count()
        if count:
            message = f"已保存，并按所含事项重新生成材料清单：共 {count} 项材料，请核对。"
            self.message_user(request, message, messages.SUCCESS)
        else:
            message = "已保存。所含事项都没有申请材料，材料清单现在是空的。"
            self.message_user(request, message, messages.WARNING)
        return HttpResponseRedirect(reverse("admin:services_lifeevent_change", args=[obj.pk]))
