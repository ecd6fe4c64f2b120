"""No input to the admin gives a 500: ids past 64 bits are not found, values that cannot be ids
in autocomplete fields are form errors, NUL and other control characters are refused or
ignored, and over-long values are form errors."""

import pytest
from django.urls import reverse

from services.models import Handling, Matter
from tests import factories
from tests.admin_forms import form_data, inline_prefix

pytestmark = pytest.mark.django_db

HUGE = "99999999999999999999"  # past 2**64


@pytest.fixture
def matter():
    return factories.matter(name="居民身份证换领")


@pytest.mark.parametrize(
    "path",
    [
        f"/admin/services/matter/{HUGE}/history/",
        f"/admin/services/matter/{HUGE}/history/1/",
        "/admin/services/matter/{matter}/history/" + HUGE + "/",
        f"/admin/services/venue/{HUGE}/history/",
        f"/admin/services/matter/{HUGE}/change/",
        f"/admin/services/synonym/{HUGE}/history/",
    ],
)
def test_an_id_past_64_bits_is_not_found(admin_client, matter, path):
    assert admin_client.get(path.format(matter=matter.pk)).status_code == 404


def change(admin_client, matter):
    url = reverse("admin:services_matter_change", args=[matter.pk])
    return url, admin_client.get(url)


@pytest.mark.parametrize("bad", ["abc", HUGE, "1.5", "-1"])
def test_a_department_that_cannot_be_an_id_is_a_form_error(admin_client, matter, bad):
    url, page = change(admin_client, matter)
    response = admin_client.post(url, form_data(page) | {"department": bad})
    assert response.status_code == 200
    assert "department" in response.context["adminform"].form.errors
    assert Matter.objects.get(pk=matter.pk).department_id == matter.department_id


@pytest.mark.parametrize("bad", ["abc", HUGE])
def test_a_theme_that_cannot_be_an_id_is_a_form_error(admin_client, matter, bad):
    url, page = change(admin_client, matter)
    response = admin_client.post(url, form_data(page) | {"themes": [bad]})
    assert response.status_code == 200
    assert "themes" in response.context["adminform"].form.errors


@pytest.mark.parametrize("bad", ["abc", HUGE])
def test_a_venue_that_cannot_be_an_id_in_a_handling_row_is_a_form_error(admin_client, bad):
    matter = factories.matter()
    factories.handling(matter, factories.venue())
    url, page = change(admin_client, matter)
    prefix = inline_prefix(page, Handling)
    response = admin_client.post(url, form_data(page) | {f"{prefix}-0-venue": bad})
    assert response.status_code == 200
    assert "venue" in response.context["inline_admin_formsets"][2].formset.forms[0].errors


def test_a_nul_character_in_a_text_field_is_a_form_error(admin_client, matter):
    url, page = change(admin_client, matter)
    response = admin_client.post(url, form_data(page) | {"keywords": "身份证\x00换证"})
    assert response.status_code == 200
    assert "keywords" in response.context["adminform"].form.errors
    assert "\x00" not in Matter.objects.get(pk=matter.pk).keywords


def test_an_over_long_name_is_a_form_error(admin_client, matter):
    url, page = change(admin_client, matter)
    response = admin_client.post(url, form_data(page) | {"name": "证" * 201})
    assert response.status_code == 200
    assert "name" in response.context["adminform"].form.errors


def test_150_keywords_are_saved_with_search_fields_that_fit_their_columns(admin_client, matter):
    url, page = change(admin_client, matter)
    keywords = " ".join(f"关键词语{n}" for n in range(150))
    response = admin_client.post(url, form_data(page) | {"keywords": keywords})
    assert response.status_code == 302
    saved = Matter.objects.get(pk=matter.pk)
    limit = Matter._meta.get_field("search_initials").max_length
    assert saved.keywords == keywords
    assert 0 < len(saved.search_initials) <= limit


@pytest.mark.parametrize(
    "query",
    ["?q=%00", "?q=%E8%BA%AB%00", "?code=%00", "?street=%00", "?department__id__exact=abc"],
)
def test_control_characters_and_bad_values_in_the_matter_list_are_no_error(admin_client, query):
    factories.matter()
    url = reverse("admin:services_matter_changelist") + query
    assert admin_client.get(url, follow=True).status_code == 200


def test_a_nul_character_in_a_list_filter_is_dropped_with_a_note(admin_client):
    url = reverse("admin:services_matter_changelist")
    response = admin_client.get(url + "?code=%00&kind=licensing", follow=True)
    assert response.status_code == 200
    assert response.redirect_chain[0][0] == url + "?kind=licensing"
    assert "筛选条件中含有不允许的控制字符，已忽略。" in response.content.decode()


@pytest.mark.parametrize("term", ["%00", "abc%00", "9" * 30])
def test_odd_autocomplete_terms_are_no_error(admin_client, term):
    factories.matter()
    query = "app_label=services&model_name=matter&field_name=department&term=" + term
    response = admin_client.get("/admin/autocomplete/?" + query)
    assert response.status_code == 200
