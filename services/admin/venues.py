"""Venues, their opening periods and exceptions: a 场所管理员 edits only their own venue."""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html

from .. import actions
from ..models import Handling, OpeningPeriod, Venue, VenueException
from ..roles import can_edit_venue, editable_venues, is_data_office, venue_id
from .bulk import BulkMixin, bulk_action
from .history import ScopedHistoryAdmin
from .quality import FreshnessFilter, VenueProblemFilter
from .scoping import ScopedInline
from .versions import VersionedAdminMixin


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
class VenueAdmin(BulkMixin, VersionedAdminMixin, ScopedHistoryAdmin):
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
    actions = [
        bulk_action(
            "verify",
            actions.venue_verify,
            "venues",
            description="核实所选场所（记录核实时间和核实人）",
            done="核实场所",
        )
    ]
    scope = staticmethod(editable_venues)
    skipped_message = "有 {n} 个场所不是您管理的场所，未作处理。"
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
