"""The OpenAPI description states the contract the API keeps: bounds, patterns, valid codes, errors."""

import json
import re

import pytest

from services.api_schema import FLAG_PATTERN
from services.filters import FlagField
from services.geo import LATLNG_PATTERN, BadLocation, parse_latlng
from tests import factories as f

pytestmark = pytest.mark.django_db

ERROR = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}


@pytest.fixture
def schema(client):
    f.department(code="GA")
    f.theme(slug="shengyu")
    f.venue(code="EQ-ZX")
    return json.loads(client.get("/api/v1/schema/", {"format": "json"}).content)


def parameters(schema, path):
    return {p["name"]: p for p in schema["paths"][path]["get"]["parameters"]}


@pytest.mark.parametrize("path", ["/api/v1/matters/", "/api/v1/venues/"])
def test_lists_declare_their_page_bounds(schema, path):
    params = parameters(schema, path)
    assert params["page"]["schema"] == {"type": "integer", "minimum": 1}
    assert params["page_size"]["schema"] == {
        "type": "integer",
        "minimum": 1,
        "maximum": 100,
        "default": 20,
    }
    assert params["q"]["schema"]["maxLength"] == 100


@pytest.mark.parametrize(
    ("path", "codes"),
    [
        ("/api/v1/matters/", {"200", "400", "404"}),
        ("/api/v1/venues/", {"200", "400", "404"}),
        ("/api/v1/matters/{code}/", {"200", "404"}),
        ("/api/v1/venues/{code}/", {"200", "404"}),
        ("/api/v1/stats/", {"200"}),
    ],
)
def test_each_operation_declares_its_error_answers(schema, path, codes):
    responses = schema["paths"][path]["get"]["responses"]
    assert set(responses) == codes
    for code in codes - {"200"}:
        assert responses[code]["content"] == ERROR
    assert schema["components"]["schemas"]["Error"]["required"] == ["detail"]


def test_opening_hours_are_declared_as_hh_mm(schema):
    for component in ("Period", "Exception"):
        for field in ("opens", "closes"):
            prop = schema["components"]["schemas"][component]["properties"][field]
            assert prop["pattern"] == "^(?:[01][0-9]|2[0-3]):[0-5][0-9]$"
            assert "format" not in prop
    assert schema["components"]["schemas"]["Exception"]["properties"]["opens"]["nullable"]


def test_codes_that_exist_now_are_listed_with_blank_for_no_filter(schema):
    params = parameters(schema, "/api/v1/matters/")
    assert params["department"]["schema"]["enum"] == ["", "GA"]
    assert params["theme"]["schema"]["enum"] == ["", "shengyu"]
    assert params["venue"]["schema"]["enum"] == ["", "EQ-ZX"]
    assert params["level"]["schema"]["enum"][0] == ""
    assert params["instant"]["schema"] == {
        "type": "string",
        "pattern": FLAG_PATTERN,
        "example": "1",
    }


@pytest.mark.parametrize(
    "text",
    [
        "34.72,113.64",
        " 34.72 ， 113.64 ",
        "-90,-180",
        "90.000,180.0",
        "+0,0",
        "34,113\n",
        "34.72,",
        "1e1,2",
        "٣٤,١١٣",
        "90.5,0",
        "0,180.01",
        "34.,113",
        "\t34,113",
        "nan,1",
        "",
    ],
)
def test_the_location_pattern_is_exactly_what_the_parser_accepts(text):
    try:
        parse_latlng(text)
        parsed = True
    except BadLocation:
        parsed = False
    # re.search: how JSON Schema validators (and schemathesis) apply a pattern.
    assert parsed == bool(re.search(LATLNG_PATTERN, text))


@pytest.mark.parametrize(
    "text", ["1", "0", "TRUE", " off ", "Yes", "", "  ", "2", "yes!", "tru", "1 0", "İ", "on\n"]
)
def test_the_flag_pattern_is_exactly_what_the_flag_filter_accepts(text):
    try:
        FlagField().to_python(text)
        accepted = True
    except Exception:
        accepted = False
    assert accepted == bool(re.search(FLAG_PATTERN, text))


def test_a_description_written_offline_lists_no_codes_and_reads_no_database(
    django_assert_num_queries,
):
    from drf_spectacular.generators import SchemaGenerator

    f.department(code="GA")
    with django_assert_num_queries(0):  # `check --deploy` runs this before any migrate
        offline = SchemaGenerator().get_schema(request=None, public=True)
    params = parameters(offline, "/api/v1/matters/")
    assert "enum" not in params["department"]["schema"]
    assert params["level"]["schema"]["enum"][0] == ""  # fixed choices are listed still
