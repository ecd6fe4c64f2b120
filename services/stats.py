"""The network's figures, always counted from the database, never typed in."""

from django.conf import settings
from django.db.models import Count, Q
from django.utils.module_loading import import_string

from .models import Department, Matter, Venue


def network_figures():
    by_level = dict(Venue.objects.values_list("level").annotate(n=Count("id")).order_by())
    counts = Matter.objects.aggregate(
        matters=Count("id"),
        instant=Count("id", filter=Q(instant=True)),
        self_service=Count("id", filter=Q(self_service=True)),
        no_application=Count("id", filter=Q(no_application=True)),
        delegated_to_street=Count("id", filter=Q(delegated_to_street=True)),
        cross_province=Count("id", filter=Q(cross_province=True)),
    )
    share = round(100 * counts["instant"] / counts["matters"], 2) if counts["matters"] else 0.0
    return {
        "venues": {level: by_level.get(level, 0) for level in Venue.Level.values},
        "departments": Department.objects.count(),
        "matters": counts["matters"],
        "instant": counts["instant"],
        "instant_share": share,
        "self_service": counts["self_service"],
        "no_application": counts["no_application"],
        "delegated_to_street": counts["delegated_to_street"],
        "cross_province": counts["cross_province"],
        **extra_figures(),
    }


def extra_figures():
    """The figures of apps inside services/ (人民帮办, …), named in settings.STATS_EXTRA_FIGURES
    as key → dotted path of a function returning a dict. The hook keeps the catalogue from
    importing those apps; each function counts live and must not return personal data."""
    extra = getattr(settings, "STATS_EXTRA_FIGURES", {})
    return {key: import_string(path)() for key, path in extra.items()}
