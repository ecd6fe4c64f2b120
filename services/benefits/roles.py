"""Benefit rules are the district data office's: its group gets every permission on them.

services.roles (re)sets the groups on each migrate; this runs after it (the app comes later in
INSTALLED_APPS) and adds this app's permissions. Other roles may read the rules on the site.
"""

from django.contrib.auth.models import Group, Permission

from services.roles import DATA_OFFICE


def grant_data_office(sender=None, *, using="default", **kwargs):
    group, _ = Group.objects.using(using).get_or_create(name=DATA_OFFICE)
    perms = Permission.objects.using(using).filter(content_type__app_label="benefits")
    group.permissions.add(*perms)
