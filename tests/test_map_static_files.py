"""collectstatic (as `make serve` runs it) gathers the map's packaged scripts and styles."""

import json


def test_the_maps_packaged_files_are_collected_with_hashed_names(static_root):
    manifest = json.loads((static_root / "staticfiles.json").read_text())["paths"]

    for name in (
        "leaflet/leaflet.js",
        "leaflet/leaflet.css",
        "leaflet-markercluster/leaflet.markercluster-src.js",
        "map/map.js",
        "map/map.css",
    ):
        assert (static_root / manifest[name]).exists(), name
