"""MatterFilter and VenueFilter: the filters shared by the pages and the API."""

import pytest
from django.http import QueryDict

from services.filters import MatterFilter, VenueFilter, matter_facets
from services.models import Matter, Venue
from tests import factories as f

pytestmark = pytest.mark.django_db


def filtered(query, queryset=None):
    filterset = MatterFilter(QueryDict(query), queryset=queryset or Matter.objects.all())
    assert filterset.is_valid(), filterset.errors
    return sorted(m.code for m in filterset.qs)


def errors(query, filterset_class=MatterFilter):
    filterset = filterset_class(QueryDict(query), queryset=filterset_class.Meta.model.objects.all())
    return dict(filterset.errors)


def test_department_filters_by_code():
    police, civil = f.department(code="GA"), f.department(code="MZ")
    f.matter(code="A", department=police)
    f.matter(code="B", department=civil)
    assert filtered("department=GA") == ["A"]


def test_theme_filters_by_slug():
    birth = f.theme(slug="birth")
    f.matter(code="A", themes=[birth, f.theme()])
    f.matter(code="B")
    assert filtered("theme=birth") == ["A"]


def test_person_audience_also_matches_matters_for_both():
    f.matter(code="P", audience=Matter.Audience.PERSON)
    f.matter(code="E", audience=Matter.Audience.ENTERPRISE)
    f.matter(code="B", audience=Matter.Audience.BOTH)
    assert filtered("audience=person") == ["B", "P"]
    assert filtered("audience=enterprise") == ["B", "E"]
    assert filtered("audience=both") == ["B"]


def test_level_and_street_give_one_row_per_matter_however_many_venues_handle_it():
    centre = f.venue()
    street = f.venue(Venue.Level.STREET_CENTRE, street_name="长江路街道")
    station = f.venue(Venue.Level.COMMUNITY_STATION, parent=street)
    other = f.venue(Venue.Level.STREET_CENTRE, street_name="解放路街道")
    everywhere, district_only = f.matter(code="A"), f.matter(code="B")
    for v in (centre, street, station, other):
        f.handling(everywhere, v)
    f.handling(district_only, centre)
    assert filtered("level=district_centre") == ["A", "B"]
    assert filtered("level=street_centre") == ["A"]
    assert filtered("street=长江路街道") == ["A"]


def test_flags_filter_yes_and_no():
    f.matter(code="I", instant=True, self_service=True)
    f.matter(code="N", no_application=True)
    f.matter(code="D", delegated_to_street=True, cross_province=True)
    assert filtered("instant=1") == ["I"]
    assert filtered("instant=true&self_service=on") == ["I"]
    assert filtered("no_application=1") == ["N"]
    assert filtered("delegated_to_street=1&cross_province=1") == ["D"]
    assert filtered("instant=0") == ["D", "N"]


def test_online_means_the_matter_has_an_online_address():
    f.matter(code="W", online_url="https://www.hnzwfw.gov.cn/")
    f.matter(code="X")
    assert filtered("online=1") == ["W"]
    assert filtered("online=0") == ["X"]


def test_visits_means_at_most_that_many_visits():
    f.matter(code="V0", visits=0)
    f.matter(code="V1", visits=1)
    f.matter(code="V2", visits=2)
    assert filtered("visits=0") == ["V0"]
    assert filtered("visits=1") == ["V0", "V1"]


def test_q_finds_a_matter_whose_name_contains_the_words():
    f.matter(code="S", name="居民身份证换领")
    f.matter(code="H", name="结婚登记")
    assert filtered("q=身份证") == ["S"]


def test_q_control_characters_are_stripped_and_an_empty_q_filters_nothing():
    f.matter(code="S", name="居民身份证换领")
    f.matter(code="H", name="结婚登记")
    assert filtered("q=%00%01身份证%1f") == ["S"]
    assert filtered("q=%00%01") == ["H", "S"]


def test_unknown_values_are_errors_naming_the_parameter():
    f.department(code="GA")
    found = errors(
        "department=NOPE&theme=nope&audience=alien&level=moon&street=火星街道"
        "&instant=maybe&visits=7"
    )
    assert set(found) == {
        "department",
        "theme",
        "audience",
        "level",
        "street",
        "instant",
        "visits",
    }
    assert "NOPE" in found["department"][0]
    assert "只能填 1" in found["instant"][0]


def test_a_query_over_100_characters_is_an_error():
    assert "搜索词太长" in errors("q=" + "证" * 101)["q"][0]
    assert errors("q=" + "证" * 100) == {}


def test_venue_filter_by_level_street_and_words():
    centre = f.venue(name="二七区政务服务中心")
    street = f.venue(Venue.Level.STREET_CENTRE, street_name="长江路街道", address="长江路 8 号")
    f.venue(Venue.Level.STREET_CENTRE, street_name="解放路街道")
    listed = Venue.objects.all()

    def codes(query):
        filterset = VenueFilter(QueryDict(query), queryset=listed)
        assert filterset.is_valid(), filterset.errors
        return [v.code for v in filterset.qs]

    assert codes("level=district_centre") == [centre.code]
    assert codes("street=长江路街道") == [street.code]
    assert codes("q=政务服务") == [centre.code]
    assert codes("q=长江路 8") == [street.code]
    assert set(errors("level=moon&street=火星街道", VenueFilter)) == {"level", "street"}


def test_facets_count_the_filtered_matters(django_assert_num_queries):
    police, civil = f.department(code="GA", name="公安分局"), f.department(code="MZ")
    birth = f.theme(slug="birth", name="生育收养")
    centre = f.venue()
    street = f.venue(Venue.Level.STREET_CENTRE, street_name="长江路街道")
    a = f.matter(department=police, instant=True, themes=[birth], audience="both")
    b = f.matter(department=police, visits=0, online_url="https://example.gov.cn/")
    f.matter(department=civil, instant=True)
    for m in (a, b):
        f.handling(m, centre)
    f.handling(a, street)
    queryset = MatterFilter(QueryDict("department=GA"), queryset=Matter.objects.all()).qs
    with django_assert_num_queries(5):
        facets = {facet["name"]: facet["options"] for facet in matter_facets(queryset)}

    def counts(name):
        return {o["value"]: o["count"] for o in facets[name]}

    assert counts("department") == {"GA": 2}
    assert counts("theme") == {"birth": 1}
    assert counts("audience") == {"person": 2, "enterprise": 1, "both": 1}
    assert counts("level") == {"district_centre": 2, "street_centre": 1}
    assert counts("street") == {"长江路街道": 1}
    assert {o["param"]: o["count"] for o in facets["flags"]} == {"instant": 1, "online": 1}
    assert counts("visits") == {"0": 1, "1": 2}


def test_facets_mark_the_selected_values():
    police = f.department(code="GA")
    f.matter(department=police, instant=True)
    data = QueryDict("department=GA&instant=1")
    queryset = MatterFilter(data, queryset=Matter.objects.all()).qs
    facets = {facet["name"]: facet["options"] for facet in matter_facets(queryset, data)}
    assert [o["selected"] for o in facets["department"]] == [True]
    assert [(o["param"], o["selected"]) for o in facets["flags"]] == [("instant", True)]
