"""The search page shows the life event a query describes above the matters, linking to it."""

import pytest

from tests import factories as f
from tests.life_events_demo import life_events as demo_events

pytestmark = pytest.mark.django_db


def test_a_life_situation_shows_its_event_above_the_matters(client):
    demo_events()
    f.matter(name="出生登记")
    html = client.get("/search/", {"q": "孩子出生了要办什么"}).content.decode()
    assert '<a href="/life-events/LE01/">新生儿出生一件事</a>' in html
    assert html.index("新生儿出生一件事") < html.index('class="results"')


def test_a_one_matter_query_shows_no_life_event_block(client):
    demo_events()
    f.matter(name="居民身份证补领")
    html = client.get("/search/", {"q": "补办身份证"}).content.decode()
    assert "life-found" not in html
