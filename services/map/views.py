"""/map/: the network on a map, with the list of venues next to it as its accessible equivalent.

Everything the page offers works without JavaScript, from the query string: which levels are
shown (`level`, several, with `shown=1`), only venues open now (`open=1`), a matter's venues
(`matter`), nearest first from a chosen street (`street`) and a chosen venue (`venue`), drawn
on a server-made SVG. The script (static/map/map.js) turns it into a Leaflet map; "用我的位置"
is computed in the browser, so the resident's position never reaches the server.
"""

from urllib.parse import urlencode

from django.http import QueryDict
from django.shortcuts import render
from django.urls import reverse

from services.geo import by_distance
from services.models import Matter, Venue
from services.views import _origin, clean_query

from .geojson import map_venues
from .svg import network_svg
from .tiles import GCJ02, display_crs, tile_layer

LEVELS = Venue.Level
# Short names for the layer switches, so that five fit on a phone's screen.
SHORT = {
    LEVELS.DISTRICT_CENTRE: "区政务服务中心",
    LEVELS.ENTERPRISE_HALL: "企业专厅",
    LEVELS.STREET_CENTRE: "街道中心",
    LEVELS.COMMUNITY_STATION: "社区服务站",
    LEVELS.SELF_SERVICE_KIOSK: "自助终端",
    LEVELS.HELP_PLATFORM: "帮办平台",
}


def network_map(request):
    matter, notices = _matter(request.GET.get("matter", ""))
    _, venues = map_venues(QueryDict(urlencode({"matter": matter.code} if matter else {})))
    shown_levels = _shown_levels(request.GET)
    open_only = request.GET.get("open") == "1"
    streets = list(Venue.objects.streets().values_list("street_name", "latitude", "longitude"))
    origin, location_notice = _origin(request, streets)
    if origin:
        venues = by_distance(venues, *origin)
    for venue in venues:
        venue.shown = venue.level in shown_levels and (venue.open_now or not open_only)
    shown = [v for v in venues if v.shown]
    nearest = next((v for v in shown if v.open_now), None) if origin else None
    chosen = _chosen(request.GET.get("venue", ""), shown) or nearest
    return render(
        request,
        "map/map.html",
        {
            "matter": matter,
            "venues": shown,
            "levels": [
                (
                    value,
                    SHORT.get(value, label),
                    value in shown_levels,
                    sum(v.level == value for v in venues),
                )
                for value, label in LEVELS.choices
            ],
            "open_only": open_only,
            "streets": [name for name, _, _ in streets if name],
            "street": request.GET.get("street", ""),
            "origin": origin,
            "nearest": nearest,
            "chosen": chosen,
            "svg": network_svg(shown, chosen=chosen, origin=origin),
            "notices": [*notices, location_notice],
            "keep_query": _keep_query(request.GET),
            "config": _config(matter, shown_levels, open_only, chosen, origin),
        },
    )


def _matter(code):
    """(matter or None, notices) for ?matter=: an unknown code shows the whole network."""
    code = code.strip()
    if not code:
        return None, []
    matter = Matter.objects.filter(code=code.replace("\x00", "")).first()
    if matter is None:
        shown = clean_query(code)[0][:40]
        return None, [f"没有找到编码为“{shown}”的事项，已显示全部场所。"]
    return matter, []


def _shown_levels(data):
    """The levels ticked in the layer form (`shown=1` marks a submitted form), else all."""
    if data.get("shown") != "1":
        return set(LEVELS.values)
    return {level for level in data.getlist("level") if level in LEVELS.values}


def _keep_query(data):
    """The page's query string without `venue`, ready for `&venue=…` to be appended."""
    kept = data.copy()
    kept.pop("venue", None)
    return kept.urlencode() + "&" if kept else ""


def _chosen(code, venues):
    return next((v for v in venues if v.code == code), None) if code else None


def _config(matter, shown_levels, open_only, chosen, origin):
    """What map.js needs, given to it as JSON in the page (json_script), not as inline code."""
    crs = display_crs()
    query = {"matter": matter.code} if matter else {}
    if crs == GCJ02:
        query["crs"] = GCJ02
    geojson = reverse("venues-geojson") + (f"?{urlencode(query)}" if query else "")
    return {
        "geojson": geojson,
        "tiles": tile_layer(),
        "levels": [level for level in LEVELS.values if level in shown_levels],
        "openOnly": open_only,
        "chosen": chosen.code if chosen else None,
        "origin": list(origin) if origin else None,
    }
