"""The API's query counts are fixed: they do not grow with the page size or the data."""

import pytest

from services.models import Venue
from tests import factories as f

pytestmark = pytest.mark.django_db

Level = Venue.Level


@pytest.fixture
def network():
    """60 matters at a district centre and a street centre, 60 community stations."""
    department = f.department(code="GA")
    centre = f.venue(code="C1")
    street = f.venue(Level.STREET_CENTRE, code="S1", parent=centre, street_name="长江路街道")
    f.weekday_hours(street)
    for n in range(60):
        matter = f.matter(
            code=f"M{n:03d}",
            name=f"居民身份证换领{n}",
            department=department,
            instant=True,
            themes=[f.theme()],
        )
        f.material(matter)
        f.material(matter, name="户口簿")
        f.step(matter)
        f.handling(matter, centre)
        f.handling(matter, street)
    for _ in range(60):
        f.weekday_hours(f.venue(Level.COMMUNITY_STATION, parent=street))


@pytest.fixture
def get(client, django_assert_num_queries):
    """GET `url` and check it took exactly `queries` queries; returns the JSON body."""

    def get(url, params, *, queries):
        with django_assert_num_queries(queries):
            response = client.get(url, params)
        assert response.status_code == 200, response.content
        return response.json()

    return get


def test_the_matter_list_with_q_and_facets_takes_four_queries_whatever_the_page_size(get, network):
    # 1. the data generation (services.caching; the search index reuses it)
    # 2. the department named by `department` (form validation)
    # 3. COUNT of the matching matters
    # 4. the page, joined to its departments
    params = {"q": "身份证", "department": "GA", "instant": "1", "level": "street_centre"}
    get("/api/v1/matters/", params, queries=6)  # the first search builds the index (2 more)
    small = get("/api/v1/matters/", {**params, "page_size": 5}, queries=4)
    large = get("/api/v1/matters/", {**params, "page_size": 50}, queries=4)
    assert (len(small["results"]), len(large["results"])) == (5, 50)


def test_the_matter_guide_takes_six_queries_however_many_venues_and_materials(get, network):
    # 1. the data generation (services.caching); 2. the matter with its department;
    # 3. themes; 4. materials; 5. steps; 6. handlings with their venues
    body = get("/api/v1/matters/M000/", {}, queries=6)
    assert len(body["venues"]) == 2 and len(body["materials"]) == 2


def test_the_venue_list_near_a_point_takes_two_queries_whatever_the_page_size(get, network):
    # 1. the data generation (services.caching)
    # 2. the venues (all of them: they are sorted by distance in Python, then paginated)
    near = {"near": "34.72,113.64"}
    small = get("/api/v1/venues/", {**near, "page_size": 5}, queries=2)
    large = get("/api/v1/venues/", {**near, "page_size": 50}, queries=2)
    assert (len(small["results"]), len(large["results"])) == (5, 50)


def test_the_venue_list_by_street_takes_three_queries_whatever_the_page_size(get, network):
    # 1. the data generation (services.caching); 2. COUNT; 3. the page. The street names that
    # `street` is checked against are read once per data generation (a fourth query, first time).
    street = {"street": "长江路街道"}
    get("/api/v1/venues/", {**street, "page_size": 10}, queries=4)
    small = get("/api/v1/venues/", {**street, "page_size": 5}, queries=3)
    large = get("/api/v1/venues/", {**street, "page_size": 50}, queries=3)
    assert (len(small["results"]), len(large["results"])) == (5, 50)


def test_the_venue_page_takes_eight_queries_however_many_matters_it_handles(get, network):
    # 1. the data generation and 2. the opening and closing times in the data, for the cache
    # key (services.caching; once per generation); 3. the venue with its parent; 4. its
    # weekly periods; 5. its coming exceptions; 6. today's holiday / make-up day row;
    # 7. COUNT of its matters; 8. the matters shown
    body = get("/api/v1/venues/S1/", {}, queries=8)
    assert body["matters_count"] == 60
    assert len(body["hours"]) == 5
