"""The self-check page: a short form, answered on one page; nothing is stored or logged."""

from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from services.geo import by_distance
from services.models import Handling, Venue

from .inputs import CheckForm, street_choices
from .models import Benefit
from .rules import APPLY, MAYBE, check, conditions


# The check writes nothing, so it needs no CSRF token (and so no cookie); it is a POST so that
# the answers never appear in a URL, an access log or the browser's history.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def self_check(request):
    streets = street_choices()
    benefits = list(Benefit.objects.with_rules())
    form = CheckForm(request.POST or None, streets=streets)
    groups = None
    if request.method == "POST" and form.is_valid():
        person = form.person()
        groups = check(benefits, person)
        _add_nearest(groups[APPLY] + groups[MAYBE], person.hukou_street)
    return render(
        request,
        "benefits/self_check.html",
        {
            "form": form,
            "groups": groups,
            "benefits": [(b, conditions(b)) for b in benefits],
        },
    )


def _add_nearest(outcomes, street_code):
    """Set `nearest` on each outcome: the venue handling its matter nearest the 户籍 street."""
    if not outcomes:
        return
    origin = Venue.objects.filter(code=street_code).values_list("latitude", "longitude").first()
    handlings = Handling.objects.filter(
        matter__in={o.benefit.matter_id for o in outcomes}
    ).select_related("venue")
    venues = {}
    for handling in handlings:
        venues.setdefault(handling.matter_id, []).append(handling.venue)
    levels = Venue.Level.values
    for outcome in outcomes:
        found = venues.get(outcome.benefit.matter_id, [])
        if origin and found:
            found = by_distance(found, float(origin[0]), float(origin[1]))
        else:
            found = sorted(found, key=lambda v: (levels.index(v.level), v.code))
        outcome.nearest = found[0] if found else None
