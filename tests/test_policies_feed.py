"""/policies/feed/ is an Atom feed that parses, with one entry per published explainer."""

import datetime
import xml.etree.ElementTree as ET

import pytest

from tests import benefit_factories

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


def test_the_feed_parses_as_atom_with_the_published_explainers(client):
    benefit_factories.policy(
        title="婚姻登记跨省通办", summary="在郑州也能办", published_on=datetime.date(2026, 4, 1)
    )
    benefit_factories.policy(title="草稿", published=False)
    response = client.get("/policies/feed/")
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)
    assert root.tag == f"{ATOM}feed"
    assert root.find(f"{ATOM}title").text == "二七区政务有料"
    entries = root.findall(f"{ATOM}entry")
    assert [e.find(f"{ATOM}title").text for e in entries] == ["婚姻登记跨省通办"]
    entry = entries[0]
    assert entry.find(f"{ATOM}summary").text == "在郑州也能办"
    assert entry.find(f"{ATOM}link").get("href").startswith("http://testserver/policies/")
    assert entry.find(f"{ATOM}published").text.startswith("2026-04-01")
    assert entry.find(f"{ATOM}author/{ATOM}name").text
