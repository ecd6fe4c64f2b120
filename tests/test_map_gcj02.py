"""WGS-84 → GCJ-02 for tiles drawn in GCJ-02, checked against known points."""

import pytest

from services.geo import distance_m
from services.map.tiles import wgs84_to_gcj02


def test_it_matches_the_published_example_point():
    # The worked example of the widely used coordtransform library (Beijing, 116.404 E 39.915 N):
    # wgs84togcj02 -> [116.41024449916938, 39.91640428150164].
    lat, lng = wgs84_to_gcj02(39.915, 116.404)

    assert lat == pytest.approx(39.91640428150164, abs=1e-9)
    assert lng == pytest.approx(116.41024449916938, abs=1e-9)


def test_in_erqi_the_shift_is_about_half_a_kilometre_eastwards():
    # What residents see when WGS-84 points are drawn on a Chinese map unshifted.
    lat, lng = wgs84_to_gcj02(34.725, 113.626)

    assert lng > 113.626
    assert 400 < distance_m(34.725, 113.626, lat, lng) < 700


def test_points_outside_china_are_left_as_they_are():
    assert wgs84_to_gcj02(35.68, 139.76) == (35.68, 139.76)  # Tokyo
    assert wgs84_to_gcj02(51.5, -0.12) == (51.5, -0.12)  # London
