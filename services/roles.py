"""The three staff roles: Django groups, their model permissions, and whose rows each may edit.

Model permissions (what kind of record) come from the group; the scope (which rows) comes from
the user's StaffProfile, set by the data office. The admin checks both.
"""

from django.contrib.auth.models import Group, Permission
from django.db.models import Q

DATA_OFFICE = "数据管理员"
DEPARTMENT_MANAGER = "部门管理员"
VENUE_MANAGER = "场所管理员"
ROLES = (DATA_OFFICE, DEPARTMENT_MANAGER, VENUE_MANAGER)

CATALOGUE = [
    "department",
    "theme",
    "calendarday",
    "venue",
    "openingperiod",
    "venueexception",
    "matter",
    "material",
    "step",
    "handling",
    "synonym",
    # 一件事: edited by the data office only; the other roles may look.
    "lifeevent",
    "lifeeventmatter",
    "lifeeventmaterial",
]

# (model, actions) per role; "view" of the whole catalogue is added to every role below.
ROLE_GRANTS = {
    DEPARTMENT_MANAGER: [
        ("matter", ("add", "change", "delete")),
        ("material", ("add", "change", "delete")),
        ("step", ("add", "change", "delete")),
        ("handling", ("add", "change", "delete")),
    ],
    VENUE_MANAGER: [
        ("venue", ("change",)),
        ("openingperiod", ("add", "change", "delete")),
        ("venueexception", ("add", "change", "delete")),
        ("handling", ("add", "change", "delete")),
    ],
}


# Apps built on the catalogue (services/benefits, services/outreach) add the permissions of their
# own models here from AppConfig.ready(), with grant(), and connect ensure_groups to their own
# post_migrate (their permissions are created after the catalogue's): a role is then set up
# whole, and setting it up again keeps what the apps granted.
APP_GRANTS = {role: [] for role in ROLES}


def grant(role, app_label, codenames=None):
    """Give `role` the permissions of `app_label` (all of them, or only `codenames`)."""
    entry = (app_label, tuple(codenames) if codenames else None)
    if entry not in APP_GRANTS[role]:
        APP_GRANTS[role].append(entry)


def _app_grants(role):
    granted = Q(pk__in=[])
    for app_label, codenames in APP_GRANTS[role]:
        app = Q(content_type__app_label=app_label)
        granted |= app & Q(codename__in=codenames) if codenames else app
    return granted


def role_permissions(role, *, using="default"):
    """The Permission rows a role's group holds."""
    perms = Permission.objects.using(using).select_related("content_type")
    if role == DATA_OFFICE:
        return list(
            perms.filter(
                Q(content_type__app_label="services") | auth_admin_perms() | _app_grants(role)
            )
        )
    codenames = [f"view_{model}" for model in CATALOGUE]
    for model, actions in ROLE_GRANTS[role]:
        codenames += [f"{action}_{model}" for action in actions]
    return list(
        perms.filter(
            Q(content_type__app_label="services", codename__in=codenames) | _app_grants(role)
        )
    )


def auth_admin_perms():
    return Q(content_type__app_label="auth", content_type__model__in=["user", "group"])


def ensure_groups(sender=None, *, using="default", **kwargs):
    """post_migrate: create the three groups and (re)set their permissions. Idempotent."""
    for role in ROLES:
        group, _ = Group.objects.using(using).get_or_create(name=role)
        group.permissions.set(role_permissions(role, using=using))


# Scope: which rows a user may edit ---------------------------------------------------------


def user_groups(user):
    if not hasattr(user, "_erqi_groups"):
        user._erqi_groups = set(user.groups.values_list("name", flat=True))
    return user._erqi_groups


def _profile(user):
    if not hasattr(user, "_erqi_profile"):
        from .models import StaffProfile

        user._erqi_profile = StaffProfile.objects.filter(user=user).first()
    return user._erqi_profile


def is_data_office(user):
    return user.is_active and (user.is_superuser or DATA_OFFICE in user_groups(user))


def department_id(user):
    """The department a 部门管理员 maintains, or None."""
    profile = _profile(user)
    if profile is None or DEPARTMENT_MANAGER not in user_groups(user):
        return None
    return profile.department_id


def venue_id(user):
    """The venue a 场所管理员 maintains, or None."""
    profile = _profile(user)
    if profile is None or VENUE_MANAGER not in user_groups(user):
        return None
    return profile.venue_id


def can_edit_matter(user, matter):
    dept = department_id(user)
    return is_data_office(user) or (dept is not None and matter.department_id == dept)


def can_edit_venue(user, venue):
    own = venue_id(user)
    return is_data_office(user) or (own is not None and venue.pk == own)


def can_edit_handling(user, handling):
    own = venue_id(user)
    if own is not None and handling.venue_id == own:
        return True
    return can_edit_matter(user, handling.matter)


def editable_matters(user, queryset):
    if is_data_office(user):
        return queryset
    return (
        queryset.filter(department_id=department_id(user))
        if department_id(user)
        else queryset.none()
    )


def editable_venues(user, queryset):
    if is_data_office(user):
        return queryset
    return queryset.filter(pk=venue_id(user)) if venue_id(user) else queryset.none()
