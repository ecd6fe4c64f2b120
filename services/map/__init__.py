"""办事地图: the service network on a map (/map/) and its data (/api/v1/venues.geojson).

It reads the catalogue and is never imported by it.
"""
