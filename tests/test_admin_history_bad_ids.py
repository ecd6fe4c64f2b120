"""History pages answer 404, not 500, for ids that are not numbers."""

import pytest

from tests import factories

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "path",
    [
        "/admin/services/matter/{matter}/history/abc/",
        "/admin/services/matter/abc/history/1/",
        "/admin/services/matter/abc/history/",
        "/admin/services/venue/abc/history/1/",
        "/admin/services/venue/abc/history/",
        "/admin/services/venue/{venue}/history/1x/",
        "/admin/services/synonym/%EF%BC%91/history/1/",
    ],
)
def test_a_non_numeric_id_is_not_found(admin_client, path):
    matter, venue = factories.matter(), factories.venue()
    response = admin_client.get(path.format(matter=matter.pk, venue=venue.pk))
    assert response.status_code == 404


def test_a_numeric_version_of_another_object_is_not_found(admin_client):
    matter = factories.matter()
    response = admin_client.get(f"/admin/services/matter/{matter.pk}/history/999999/")
    assert response.status_code == 404
