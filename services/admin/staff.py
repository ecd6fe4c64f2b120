"""Staff accounts and what each maintains (归属)."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import User

from ..models import StaffProfile
from .scoping import ScopedAdmin


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
