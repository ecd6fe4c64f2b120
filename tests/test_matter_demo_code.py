"""A code not taken from an Erqi or Henan catalogue is marked as a demo code and said so."""

import pytest
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db

NOTE = "演示编码，不是河南省事项目录的正式编码"


def test_the_matter_page_says_a_demo_code_is_not_an_official_one(client):
    matter = factories.matter(code="411F0900100000", code_is_demo=True)

    page = client.get(reverse("services:matter", args=[matter.code])).content.decode()

    assert "411F0900100000" in page
    assert NOTE in page


def test_a_checked_code_is_shown_without_the_note(client):
    matter = factories.matter(code="410103-000-01", code_is_demo=False)

    page = client.get(reverse("services:matter", args=[matter.code])).content.decode()

    assert "410103-000-01" in page
    assert NOTE not in page
