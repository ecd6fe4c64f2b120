"""The network drawn on the server as SVG: the map for browsers without JavaScript.

A plain equirectangular projection, with longitude scaled by cos(latitude) so that distances
look right at Zhengzhou's latitude; over a district that is as good as any map projection.
"""

import math

WIDTH = 600
PAD = 16
# Drawn sizes per level: the district centre largest, kiosks smallest.
RADIUS = {
    "district_centre": 9,
    "enterprise_hall": 7,
    "street_centre": 6,
    "community_station": 4,
    "self_service_kiosk": 3,
}


def network_svg(venues, *, chosen=None, origin=None):
    """{width, height, points, chosen, origin} for templates/map/_svg.html, or None if empty.

    Larger points are drawn last so kiosks never hide a centre."""
    located = [(v, float(v.latitude), float(v.longitude)) for v in venues]
    if not located:
        return None
    lats = [lat for _, lat, _ in located] + ([origin[0]] if origin else [])
    lngs = [lng for _, _, lng in located] + ([origin[1]] if origin else [])
    kx = math.cos(math.radians((min(lats) + max(lats)) / 2))
    span_x = max((max(lngs) - min(lngs)) * kx, 1e-4)
    span_y = max(max(lats) - min(lats), 1e-4)
    scale = (WIDTH - 2 * PAD) / max(span_x, span_y)
    height = round(span_y * scale + 2 * PAD)
    width = round(span_x * scale + 2 * PAD)

    def xy(lat, lng):
        return round(PAD + (lng - min(lngs)) * kx * scale, 1), round(
            PAD + (max(lats) - lat) * scale, 1
        )

    points = []
    for venue, lat, lng in sorted(located, key=lambda p: RADIUS.get(p[0].level, 4)):
        x, y = xy(lat, lng)
        points.append(
            {
                "x": x,
                "y": y,
                "r": RADIUS.get(venue.level, 4),
                "level": venue.level,
                "open": venue.open_now,
                "name": venue.name,
                "code": venue.code,
            }
        )
    mark = None
    if chosen is not None:
        x, y = xy(float(chosen.latitude), float(chosen.longitude))
        mark = {"x": x, "y": y, "name": chosen.name, "anchor": "end" if x > width / 2 else "start"}
    here = None
    if origin:
        x, y = xy(*origin)
        here = {"x": x, "y": y}
    return {"width": width, "height": height, "points": points, "chosen": mark, "origin": here}
