"""Bad parameters to /api/v1/venues.geojson get a 400 with a Chinese `detail`, never a 500."""

import pytest

from tests import factories as f

pytestmark = pytest.mark.django_db

URL = "/api/v1/venues.geojson"


@pytest.fixture(autouse=True)
def network():
    f.venue(code="DC")


@pytest.mark.parametrize(
    "params, parameter",
    [
        ({"level": "castle"}, "level"),
        ({"matter": "NO-SUCH-MATTER"}, "matter"),
        ({"matter": "M\x00"}, "matter"),
        ({"matter": "'; drop table services_venue; --"}, "matter"),
        ({"street": "不存在街道"}, "street"),
        ({"crs": "bd09"}, "crs"),
        ({"q": "长" * 101}, "q"),
    ],
)
def test_a_bad_parameter_is_a_400_naming_it_in_chinese(client, params, parameter):
    response = client.get(URL, params)

    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert parameter in body["errors"]
    assert f"参数 {parameter} 有误" in body["detail"]


def test_an_empty_parameter_filters_nothing(client):
    response = client.get(URL, {"level": "", "matter": "", "crs": ""})

    assert response.status_code == 200
    assert [x["id"] for x in response.json()["features"]] == ["DC"]
