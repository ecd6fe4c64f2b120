"""All output is escaped, highlighted words included (escape first, then mark)."""

import pytest
from django.urls import reverse

from services.templatetags.services_tags import highlight
from tests import factories

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert(1)</script>"


def test_highlight_escapes_the_text_and_marks_the_words():
    assert (
        highlight("<b>身份证</b>换领", ["身份证"]) == "&lt;b&gt;<mark>身份证</mark>&lt;/b&gt;换领"
    )


def test_highlight_escapes_a_term_that_is_markup():
    assert highlight("a<b>c", ["<b>"]) == "a<mark>&lt;b&gt;</mark>c"


def test_highlight_does_not_break_entities():
    # "amp" must not be marked inside the escaped "&amp;".
    assert highlight("R&D", ["amp"]) == "R&amp;D"


def test_highlight_marks_the_longest_word_first_and_ignores_case():
    assert highlight("SFZ 身份证", ["身份", "身份证", "sfz"]) == (
        "<mark>SFZ</mark> <mark>身份证</mark>"
    )


def test_a_query_with_markup_is_shown_as_text(client):
    factories.matter(name="居民身份证换领")
    page = client.get(reverse("services:search"), {"q": f'"><{SCRIPT}'}).content.decode()
    assert SCRIPT not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert 'value="&quot;&gt;&lt;&lt;script&gt;' in page


def test_a_matter_with_markup_in_its_data_is_escaped_everywhere(client):
    matter = factories.matter(name=f"身份证{SCRIPT}", conditions=SCRIPT, fee=SCRIPT, basis=SCRIPT)
    factories.material(matter, name=SCRIPT, source=SCRIPT)
    factories.step(matter, name="受理", description=SCRIPT)
    venue = factories.venue(name=SCRIPT, address=SCRIPT, hours_note=SCRIPT)
    factories.handling(matter, venue, window=SCRIPT)
    for url, params in [
        (reverse("services:search"), {"q": "身份证"}),
        (reverse("services:matter", args=[matter.code]), {}),
        (reverse("services:venue", args=[venue.code]), {}),
        (reverse("services:venues"), {}),
        (reverse("services:home"), {}),
    ]:
        page = client.get(url, params).content.decode()
        assert SCRIPT not in page, url
    search = client.get(reverse("services:search"), {"q": "身份证"}).content.decode()
    assert "<mark>身份证</mark>&lt;script&gt;" in search


def test_links_from_the_data_are_only_ever_web_addresses(client):
    matter = factories.matter(online_url="javascript:alert(1)")
    factories.material(matter, form_url="JavaScript:alert(2)", sample_url="https://example.org/s")
    page = client.get(reverse("services:matter", args=[matter.code])).content.decode()
    assert "javascript:" not in page.lower()
    assert "暂不支持网上办理" in page
    assert "可网办" not in page
    assert '<a href="https://example.org/s" rel="noopener">示例样表</a>' in page
