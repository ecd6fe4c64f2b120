"""The three 人民帮办 roles and who may see which request.

帮办调度员 (the platform's dispatchers) see and run every request; 帮办员 and 志愿者 see only the
requests assigned to them. Groups are (re)made after every migrate, like the catalogue's roles.
"""

from django.contrib.auth.models import Group, Permission
from django.db.models import Q

DISPATCHER = "帮办调度员"
HELPER = "帮办员"
VOLUNTEER = "志愿者"
ROLES = (DISPATCHER, HELPER, VOLUNTEER)

GRANTS = {
    DISPATCHER: [
        "dispatch_helprequest",
        "view_full_phone",
        "view_helprequest",
        "add_helprequest",
        "view_helper",
    ],
    HELPER: ["work_helprequest"],
    VOLUNTEER: ["work_helprequest"],
}
# The data office keeps helpers and deadlines in the admin, and reads requests there (masked).
DATA_OFFICE_GRANTS = [
    "add_helper",
    "change_helper",
    "delete_helper",
    "view_helper",
    "view_helprequest",
    "add_deadlinerule",
    "change_deadlinerule",
    "delete_deadlinerule",
    "view_deadlinerule",
    "view_phoneview",
]


def ensure_groups(sender=None, *, using="default", **kwargs):
    """post_migrate: create the help groups and (re)set their permissions. Idempotent.
    The data office's share (DATA_OFFICE_GRANTS) is granted through services.roles.grant()."""
    perms = Permission.objects.using(using).filter(content_type__app_label="help")
    for role, codenames in GRANTS.items():
        group, _ = Group.objects.using(using).get_or_create(name=role)
        group.permissions.set(perms.filter(codename__in=codenames))


def is_dispatcher(user):
    return user.is_active and user.has_perm("help.dispatch_helprequest")


def helper_of(user):
    """The user's Helper row if they may work on requests, else None."""
    if not (user.is_active and user.has_perm("help.work_helprequest")):
        return None
    from .models import Helper

    return Helper.objects.filter(user=user, active=True).first()


def visible_requests(user, queryset):
    """Dispatchers see all; a helper or volunteer only what is assigned to them; others none."""
    if is_dispatcher(user):
        return queryset
    helper = helper_of(user)
    return queryset.filter(helper=helper) if helper else queryset.none()


def may_see_full(user, request):
    """Full phone and address: the dispatchers and the person assigned, nobody else."""
    if is_dispatcher(user):
        return True
    helper = helper_of(user)
    return helper is not None and request.helper_id == helper.pk


def dispatcher_users():
    from django.contrib.auth import get_user_model

    return (
        get_user_model()
        .objects.filter(Q(groups__name=DISPATCHER) | Q(is_superuser=True), is_active=True)
        .distinct()
    )
