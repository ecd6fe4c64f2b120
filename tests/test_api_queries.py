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
    # 1. the department named by `department` (form validation)
    # 2. the search index's freshness check (services.search.index)
    # 3. COUNT of the matching matters
    # 4. the page, joined to its departments
    params = {"q": "身份证", "department": "GA", "instant": "1", "level": "street_centre"}
    get("/api/v1/matters/", params, queries=6)  # the first search builds the index (2 more)
    small = get("/api/v1/matters/", {**params, "page_size": 5}, queries=4)
    large = get("/api/v1/matters/", {**params, "page_size": 50}, queries=4)
    assert (len(small["results"]), len(large["results"])) == (5, 50)


def test_the_matter_guide_takes_five_queries_however_many_venues_and_materials(get, network):
    # 1. the matter with its department; 2. themes; 3. materials; 4. steps;
    # 5. handlings with their venues
    body = get("/api/v1/matters/M000/", {}, queries=5)
    assert len(body["venues"]) == 2 and len(body["materials"]) == 2


def test_the_venue_list_near_a_point_takes_one_query_whatever_the_page_size(get, network):
    # 1. the venues (all of them: they are sorted by distance in Python, then paginated)
    near = {"near": "34.72,113.64"}
    small = get("/api/v1/venues/", {**near, "page_size": 5}, queries=1)
    large = get("/api/v1/venues/", {**near, "page_size": 50}, queries=1)
    assert (len(small["results"]), len(large["results"])) == (5, 50)


def test_the_venue_list_by_street_takes_three_queries_whatever_the_page_size(get, network):
    # 1. the street names (validating `street`); 2. COUNT; 3. the page
    street = {"street": "长江路街道"}
    small = get("/api/v1/venues/", {**street, "page_size": 5}, queries=3)
    large = get("/api/v1/venues/", {**street, "page_size": 50}, queries=3)
    assert (len(small["results"]), len(large["results"])) == (5, 50)


def test_the_venue_page_takes_six_queries_however_many_matters_it_handles(get, network):
    # 1. the venue with its parent; 2. its weekly periods; 3. its coming exceptions;
    # 4. today's holiday / make-up day row; 5. COUNT of its matters; 6. the matters shown
    body = get("/api/v1/venues/S1/", {}, queries=6)
    assert body["matters_count"] == 60
    assert len(body["hours"]) == 5
