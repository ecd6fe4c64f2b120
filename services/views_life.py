"""一件事 pages: the list of life events and one life event's guide."""

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from .caching import cached
from .models import LifeEvent, LifeEventMatter, Matter
from .views import _by_level, _code, _network_order, _today_prefetch, _with_status


@cached()
def life_events(request):
    return render(request, "services/life_events.html", {"life_events": LifeEvent.objects.listed()})


@cached(clock=True)
def life_event(request, code):
    now = timezone.localtime()
    events = LifeEvent.objects.public().select_related("lead_department", "venue")
    event = get_object_or_404(events, code=_code(code))
    steps = list(LifeEventMatter.objects.filter(event=event).select_related("matter__department"))
    step_of = {s.matter_id: n for n, s in enumerate(steps, start=1) if s.matter_id}
    materials = list(
        event.materials.prefetch_related(
            Prefetch("for_matters", queryset=Matter.objects.only("pk", "code", "name"))
        )
    )
    for material in materials:
        material.steps = sorted(
            step_of[m.pk] for m in material.for_matters.all() if m.pk in step_of
        )
    calendar, hours = _today_prefetch(now)
    venues = event.one_visit_venues().order_by(_network_order(), "code").prefetch_related(*hours)
    venues = _with_status(list(venues), now, calendar)
    return render(
        request,
        "services/life_event.html",
        {
            "event": event,
            "steps": steps,
            "required_count": sum(1 for s in steps if s.required),
            "materials": materials,
            "groups": _by_level(venues),
            "venue_count": len(venues),
        },
    )
