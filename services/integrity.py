"""Rules across records that a single row's constraints cannot express.

Each check yields problems as Chinese sentences; `manage.py check_integrity` prints them and
the tests run them on the demo data.
"""

from django.db.models import Count, F, Q

from .models import Handling, LifeEvent, LifeEventMatter, Matter, Venue


def _matters(matters):
    return Matter.objects.all() if matters is None else matters


def self_service_without_kiosk(matters=None):
    missing = (
        _matters(matters)
        .self_service()
        .exclude(handlings__venue__level=Venue.Level.SELF_SERVICE_KIOSK)
    )
    for matter in missing:
        yield f"“{matter.name}”（{matter.code}）标为 7×24 自助，但没有任何自助终端办理。"


def kiosk_matter_not_self_service(matters=None):
    wrong = (
        _matters(matters)
        .filter(handlings__venue__level=Venue.Level.SELF_SERVICE_KIOSK, self_service=False)
        .distinct()
    )
    for matter in wrong:
        yield f"“{matter.name}”（{matter.code}）在自助终端办理，但没有标为 7×24 自助。"


def delegated_missing_streets(matters=None):
    streets = Venue.objects.streets().count()
    short = (
        _matters(matters)
        .delegated_to_street()
        .annotate(n=Count("handlings", filter=Q(handlings__venue__level=Venue.Level.STREET_CENTRE)))
        .filter(n__lt=streets)
    )
    for matter in short:
        yield (
            f"“{matter.name}”（{matter.code}）已下沉街道，但只在 {matter.n} 个街道便民服务中心办理，"
            f"应为全部 {streets} 个。"
        )


def matters_missing_district_centre(matters=None):
    centre = Venue.objects.filter(level=Venue.Level.DISTRICT_CENTRE).first()
    if centre is None:
        yield "没有区政务服务中心。"
        return
    missing = _matters(matters).exclude(handlings__venue=centre)
    for matter in missing:
        yield f"“{matter.name}”（{matter.code}）没有在区政务服务中心办理（区中心应办理全部事项）。"


def venues_with_wrong_parent():
    """Each venue sits under the level the network gives it (a station under a street centre …)."""
    venues = Venue.objects.exclude(level=Venue.Level.DISTRICT_CENTRE).select_related("parent")
    for venue in venues:
        wanted = Venue.Level(Venue.PARENT_LEVEL[venue.level])
        if venue.parent is None or venue.parent.level != wanted:
            yield f"{venue.get_level_display()}“{venue.name}”不属于任何{wanted.label}。"


def venues_in_another_street():
    """A community station or kiosk lies in the street of the street centre it belongs to."""
    venues = Venue.objects.filter(
        level__in=[Venue.Level.COMMUNITY_STATION, Venue.Level.SELF_SERVICE_KIOSK],
        parent__level=Venue.Level.STREET_CENTRE,
    ).exclude(street_name=F("parent__street_name"))
    for venue in venues.select_related("parent"):
        yield (
            f"{venue.get_level_display()}“{venue.name}”登记在“{venue.street_name}”，"
            f"但属于“{venue.parent.name}”（{venue.parent.street_name}）。"
        )


def handlings_on_no_application(matters=None):
    full = Handling.objects.filter(
        matter__in=_matters(matters), matter__no_application=True, mode=Handling.Mode.FULL
    ).select_related("matter", "venue")
    for handling in full:
        yield (
            f"“{handling.matter.name}”是免申即享事项，无需申请，"
            f"却在“{handling.venue.name}”登记为全流程办理（应为咨询）。"
        )


MATTER_CHECKS = [
    self_service_without_kiosk,
    kiosk_matter_not_self_service,
    delegated_missing_streets,
    matters_missing_district_centre,
    handlings_on_no_application,
]


def life_event_steps_without_matter():
    """A bundled matter was deleted: the step keeps what it was, and the guide needs fixing."""
    gone = LifeEventMatter.objects.filter(matter__isnull=True).select_related("event")
    for step in gone:
        yield (
            f"一件事“{step.event.name}”第 {step.position} 步的事项"
            f"“{step.verified_name or '（未记录名称）'}”（{step.verified_code or '无编码'}）已被删除。"
        )


def life_events_without_required_matter():
    required = LifeEventMatter.objects.filter(required=True, matter__isnull=False)
    for event in LifeEvent.objects.exclude(pk__in=required.values("event")):
        yield f"一件事“{event.name}”（{event.code}）没有任何必办事项。"


def life_event_venue_misses_required():
    """The 一件事 window's venue must handle every required bundled matter."""
    events = LifeEvent.objects.filter(venue__isnull=False).select_related("venue")
    for event in events:
        missing = (
            Matter.objects.filter(life_event_links__event=event, life_event_links__required=True)
            .exclude(handlings__venue=event.venue_id)
            .order_by("code")
        )
        for matter in missing:
            yield (
                f"一件事“{event.name}”的一件事窗口设在“{event.venue.name}”，"
                f"但该场所不办理必办事项“{matter.name}”（{matter.code}）。"
            )


CHECKS = [
    self_service_without_kiosk,
    kiosk_matter_not_self_service,
    delegated_missing_streets,
    matters_missing_district_centre,
    venues_with_wrong_parent,
    venues_in_another_street,
    handlings_on_no_application,
    life_event_steps_without_matter,
    life_events_without_required_matter,
    life_event_venue_misses_required,
]


def problems():
    for check in CHECKS:
        yield from check()


def matter_problems(matter):
    """The cross-record rules one matter breaks, e.g. right after staff saved it."""
    matters = Matter.objects.filter(pk=matter.pk)
    for check in MATTER_CHECKS:
        yield from check(matters)
