"""Each matter and venue page links 评价 to the provincial 好差评 system (URL configurable)."""

import pytest

from tests import factories

pytestmark = pytest.mark.django_db


def test_matter_and_venue_pages_link_to_the_configured_review_system(client, settings):
    settings.REVIEW_URL = "https://haocha.example.gov.cn/pingjia"
    matter = factories.matter()
    venue = factories.venue()

    for url in (matter.get_absolute_url(), venue.get_absolute_url()):
        html = client.get(url).content.decode()
        assert (
            'href="https://haocha.example.gov.cn/pingjia" rel="noopener external">评价</a>' in html
        )


def test_a_matter_page_offers_help_with_that_matter(client):
    matter = factories.matter(name="高龄津贴申领")

    html = client.get(matter.get_absolute_url()).content.decode()
    form = client.get(f"/help/?matter={matter.code}").content.decode()

    assert f'href="/help/?matter={matter.code}"' in html
    assert 'value="高龄津贴申领"' in form
