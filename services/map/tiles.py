"""The map's background tiles as settings configure them, and the one coordinate shift they need.

Venues are stored in WGS-84. Most Chinese tile providers draw their maps in GCJ-02, an
obfuscated datum a few hundred metres off; a WGS-84 point drawn on such tiles lands in the
wrong street. When MAP_TILE_CRS is gcj02 the points are shifted for display only, with
prcoords (a public-domain implementation of the published formula); distances, "nearest"
and the API's own coordinates stay WGS-84.
"""

import warnings

import prcoords
from django.conf import settings

WGS84 = "wgs84"
GCJ02 = "gcj02"


def wgs84_to_gcj02(lat, lng):
    """(lat, lng) in WGS-84 -> (lat, lng) in GCJ-02; outside China they are returned unchanged."""
    with warnings.catch_warnings():
        # prcoords warns about points outside China, which GCJ-02 leaves as they are anyway.
        warnings.simplefilter("ignore", UserWarning)
        shifted = prcoords.wgs_gcj(prcoords.Coords(float(lat), float(lng)))
    return shifted.lat, shifted.lon


def tile_layer():
    """What the map's script needs to draw the configured tiles, or None for a plain background."""
    if not settings.MAP_TILE_URL:
        return None
    return {
        # The key goes into the URL the browser asks for: that is how tile keys work, so use a
        # key restricted to this site's domain.
        "url": settings.MAP_TILE_URL.replace("{key}", settings.MAP_TILE_KEY),
        "attribution": settings.MAP_TILE_ATTRIBUTION,
        "subdomains": settings.MAP_TILE_SUBDOMAINS or "abc",
        "maxZoom": settings.MAP_TILE_MAX_ZOOM,
        "crs": settings.MAP_TILE_CRS,
    }


def display_crs():
    """The datum the map draws points in: the tiles', or WGS-84 on a plain background."""
    return settings.MAP_TILE_CRS if settings.MAP_TILE_URL else WGS84
