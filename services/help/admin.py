"""The data office keeps helpers and deadlines here. Requests are read-only and masked: they
are run on the workbenches (/help/work/), where full phone numbers are shown only to those
who need them and every view is recorded."""

from django.contrib import admin

from .models import DeadlineRule, Helper, HelpRequest, PhoneView
from .privacy import mask_address, mask_name, mask_phone


@admin.register(Helper)
class HelperAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "street", "venue", "skills", "availability", "active"]
    list_filter = ["kind", "active", "street"]
    search_fields = ["name", "skills"]
    autocomplete_fields = ["user"]
    raw_id_fields = ["venue"]


@admin.register(DeadlineRule)
class DeadlineRuleAdmin(admin.ModelAdmin):
    list_display = ["category", "accept_days", "finish_days", "follow_up_days", "rectify_days"]


@admin.register(HelpRequest)
class HelpRequestAdmin(admin.ModelAdmin):
    list_display = [
        "number",
        "state",
        "category",
        "channel",
        "street",
        "masked_name",
        "received_at",
    ]
    list_filter = ["state", "category", "channel", "escalated", "demo"]
    search_fields = ["number"]
    fields = [
        "number",
        "state",
        "escalated",
        "channel",
        "category",
        "street",
        "community",
        "masked_name",
        "masked_phone",
        "masked_address",
        "matter",
        "door_to_door",
        "platform",
        "helper",
        "rating",
        "received_at",
        "due_accept",
        "due_finish",
        "due_follow_up",
        "finished_at",
        "archived_at",
        "anonymised_at",
        "demo",
    ]
    readonly_fields = fields

    @admin.display(description="姓名")
    def masked_name(self, obj):
        return mask_name(obj.name)

    @admin.display(description="手机号")
    def masked_phone(self, obj):
        return mask_phone(obj.phone)

    @admin.display(description="详细地址")
    def masked_address(self, obj):
        return mask_address(obj.address)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(PhoneView)
class PhoneViewAdmin(admin.ModelAdmin):
    list_display = ["at", "user", "request"]
    list_filter = ["user"]
    date_hierarchy = "at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
