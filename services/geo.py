"""Distances between venues and a resident, for "nearest first".

Coordinates are WGS-84 everywhere (what browsers' geolocation reports, and what the venue
page's map links declare); a venue's coordinates taken from a Chinese map app (GCJ-02) must be
converted before they are stored, or "nearest" is off by several hundred metres.

The network has a few hundred venues, so distances are computed in Python over the venues
already fetched; no spatial database is needed.
"""

import math
import re

EARTH_RADIUS_M = 6_371_000


# "<lat>,<lng>" in decimal degrees within range, exactly what parse_latlng accepts; the API's
# description declares it, so a client (or a fuzzer) knows the rule without trying.
_LAT = r"[+-]?(?:90(?:\.0+)?|[0-8]?[0-9](?:\.[0-9]+)?)"
_LNG = r"[+-]?(?:180(?:\.0+)?|(?:1[0-7][0-9]|0?[0-9]?[0-9])(?:\.[0-9]+)?)"
LATLNG_PATTERN = rf"^ *({_LAT}) *[,，] *({_LNG}) *$"
_LATLNG = re.compile(LATLNG_PATTERN)


class BadLocation(ValueError):
    """A location string that is not `<lat>,<lng>` within range."""


def parse_latlng(text):
    """'34.72,113.64' -> (34.72, 113.64); raises BadLocation with a Chinese message."""
    text = text or ""
    # re.search, as JSON Schema validators apply a pattern (its $ allows one final newline).
    if match := _LATLNG.search(text):
        return float(match[1]), float(match[2])
    parts = text.replace("，", ",").split(",")
    if len(parts) != 2:
        raise BadLocation("位置格式应为“纬度,经度”，例如 34.72,113.64。")
    try:
        lat, lng = (float(p.strip()) for p in parts)
    except ValueError:
        raise BadLocation("纬度和经度必须是数字，例如 34.72,113.64。") from None
    if not (math.isfinite(lat) and math.isfinite(lng)):
        raise BadLocation("纬度和经度必须是有限的数字。")
    if not -90 <= lat <= 90:
        raise BadLocation("纬度必须在 -90 到 90 之间。")
    if not -180 <= lng <= 180:
        raise BadLocation("经度必须在 -180 到 180 之间。")
    raise BadLocation("纬度和经度请写成普通的小数，例如 34.72,113.64。")


def distance_m(lat1, lng1, lat2, lng2):
    """Great-circle (haversine) distance in metres."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi = phi2 - phi1
    dlmb = math.radians(lng2 - lng1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlmb / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(a)))


def by_distance(venues, lat, lng):
    """The venues nearest first, each with `distance_m` (whole metres) set on it."""
    venues = list(venues)
    for venue in venues:
        venue.distance_m = round(
            distance_m(lat, lng, float(venue.latitude), float(venue.longitude))
        )
    return sorted(venues, key=lambda v: (v.distance_m, v.code))
