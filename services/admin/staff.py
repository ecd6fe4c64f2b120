"""Staff accounts and what each maintains (归属), and who may grant what.

Roles cannot escalate: only a superuser grants superuser status, raw permissions, or the data
office's own group, changes a group's permissions, or changes the account of a superuser or
of a 数据管理员. The data office creates and edits the other staff accounts (部门管理员,
场所管理员). The form leaves out what this user may not set, so a crafted POST cannot set it.
"""

from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group, User

from ..models import StaffProfile
from ..roles import DATA_OFFICE, DEPARTMENT_MANAGER, VENUE_MANAGER
from .scoping import ScopedAdmin, ScopedInline

# The groups the data office may put staff in; the others are a superuser's to give.
GRANTABLE_GROUPS = (DEPARTMENT_MANAGER, VENUE_MANAGER)
SUPERUSER_ONLY_FIELDS = ("is_superuser", "user_permissions")


def is_privileged(user):
    """A superuser or a 数据管理员: only a superuser changes such an account."""
    return user.is_superuser or user.groups.filter(name=DATA_OFFICE).exists()


@admin.register(StaffProfile)
class StaffProfileAdmin(ScopedAdmin):
    list_display = ("user", "department", "venue")
    list_select_related = ("user", "department", "venue")
    search_fields = ("user__username", "user__first_name", "user__last_name")
    autocomplete_fields = ("user", "department", "venue")
    list_filter = ("department",)


class StaffProfileInline(ScopedInline, admin.StackedInline):
    model = StaffProfile
    can_delete = False
    autocomplete_fields = ("department", "venue")
    verbose_name_plural = "归属（部门管理员填部门，场所管理员填场所）"


admin.site.unregister(User)


@admin.register(User)
class StaffUserAdmin(UserAdmin):
    inlines = [StaffProfileInline]

    def can_edit(self, user, obj):
        """Used by the 归属 inline too (ScopedInline)."""
        return user.is_superuser or not is_privileged(obj)

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if request.user.is_superuser:
            return fieldsets
        return [
            (
                name,
                {**opts, "fields": [f for f in opts["fields"] if f not in SUPERUSER_ONLY_FIELDS]},
            )
            for name, opts in fieldsets
        ]

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "groups" and not request.user.is_superuser:
            kwargs["queryset"] = Group.objects.filter(name__in=GRANTABLE_GROUPS)
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or self.can_edit(request.user, obj))

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        return allowed and (obj is None or self.can_edit(request.user, obj))

    def get_actions(self, request):
        found = super().get_actions(request)
        if not request.user.is_superuser:  # bulk delete checks no row: superusers only
            found.pop("delete_selected", None)
        return found


admin.site.unregister(Group)


@admin.register(Group)
class RoleGroupAdmin(GroupAdmin):
    """The roles' permissions are (re)set by roles.py at every migrate; here only a superuser
    changes a group, so that nobody grants raw permissions that bypass the roles."""

    def has_add_permission(self, request):
        return request.user.is_superuser

    def has_change_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser
