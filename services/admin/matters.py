"""Matters (事项) with their materials and steps: a 部门管理员 edits their department's."""

from django import forms
from django.contrib import admin
from django.contrib.admin import helpers
from django.contrib.admin.widgets import FilteredSelectMultiple
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.template.response import TemplateResponse

from .. import actions
from ..models import Department, Handling, Material, Matter, Step, Venue
from ..roles import can_edit_matter, department_id, editable_matters, is_data_office
from .bulk import BulkMixin, bulk_action
from .filters import HandledAtLevelFilter, HandledInStreetFilter
from .handlings import HandlingInline
from .history import ScopedHistoryAdmin
from .import_export import CatalogueIOMixin
from .quality import FreshnessFilter, MatterProblemFilter
from .reports import report_to_messages, warn_broken_rules
from .scoping import ScopedInline
from .versions import VersionedAdminMixin


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
class MatterAdmin(CatalogueIOMixin, BulkMixin, VersionedAdminMixin, ScopedHistoryAdmin):
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
        (
            None,
            {
                "fields": (
                    "code",
                    "code_is_demo",
                    "name",
                    "department",
                    "kind",
                    "audience",
                    "themes",
                )
            },
        ),
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
        bulk_action(
            "mark_instant",
            actions.matters_mark_instant,
            "matters",
            description="标为即来即办（即办件，承诺时限 0 天）",
            done="标为即来即办",
        ),
        bulk_action(
            "unmark_instant",
            actions.matters_unmark_instant,
            "matters",
            description="取消即来即办（办件类型和承诺时限不变）",
            done="取消即来即办",
        ),
        bulk_action(
            "mark_self_service",
            actions.matters_mark_self_service,
            "matters",
            description="标为 7×24 自助",
            done="标为 7×24 自助",
        ),
        bulk_action(
            "unmark_self_service",
            actions.matters_unmark_self_service,
            "matters",
            description="取消 7×24 自助",
            done="取消 7×24 自助",
        ),
        bulk_action(
            "delegate_to_streets",
            actions.matter_delegate_to_streets,
            "matters",
            description="下沉街道（在全部街道便民服务中心办理）",
            done="下沉街道",
        ),
        "add_to_venues",
        "remove_from_venues",
        bulk_action(
            "verify",
            actions.matter_verify,
            "matters",
            description="核实所选事项（记录核实时间和核实人）",
            done="核实事项",
        ),
    ]
    scope = staticmethod(editable_matters)
    skipped_message = "有 {n} 个事项不属于您的部门，未作处理。"

    def can_edit(self, user, obj):
        return can_edit_matter(user, obj)

    def save_model(self, request, obj, form, change):
        obj.set_search_fields()  # the stored pinyin search fields follow the name and keywords
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

    @admin.action(description="在选定场所添加办理…", permissions=["change"])
    def add_to_venues(self, request, queryset):
        return self._venues_form(request, queryset, adding=True)

    @admin.action(description="从选定场所移除办理…", permissions=["change"])
    def remove_from_venues(self, request, queryset):
        return self._venues_form(request, queryset, adding=False)

    def _venues_form(self, request, queryset, *, adding):
        """The intermediate page: choose venues, then apply to the selected matters."""
        if "apply" in request.POST:
            form = VenueChoiceForm(request.POST, adding=adding)
            if form.is_valid():
                matters = self.editable(request, queryset)
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
