"""An unknown address gets a friendly Chinese page with a search box, not a bare error."""

import pytest
from django.test import override_settings
from django.urls import reverse

pytestmark = pytest.mark.django_db


@override_settings(DEBUG=False)
@pytest.mark.parametrize("path", ["/no-such-page/", "/matters/NO-SUCH/", "/venues/NO-SUCH/"])
def test_a_missing_page_is_a_friendly_404(client, path):
    response = client.get(path)
    assert response.status_code == 404
    page = response.content.decode()
    assert "没有找到这个页面" in page
    assert f'action="{reverse("services:search")}"' in page
