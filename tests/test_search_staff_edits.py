"""Synonyms and keywords are data: what staff change in the admin is searched at once, no
restart needed; a script that writes around the admin says so with generation_bump."""

import pytest
from django.urls import reverse

from services.actions import generation_bump
from services.models import Generation, Matter, Synonym
from services.roles import DATA_OFFICE
from tests import factories as f
from tests.admin_forms import form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def office(client):
    client.force_login(f.staff_user(DATA_OFFICE))
    return client


def names(q):
    return list(Matter.objects.search(q).values_list("name", flat=True))


def save(client, obj, **changes):
    url = reverse(f"admin:services_{obj._meta.model_name}_change", args=[obj.pk])
    data = form_data(client.get(url))
    data.update(changes)
    response = client.post(url, data)
    assert response.status_code == 302, response.context and response.context["errors"]


def test_a_synonym_added_by_staff_is_used_by_the_next_search(office):
    f.matter(name="食品经营许可")
    assert names("开奶茶店") == []
    response = office.post(
        reverse("admin:services_synonym_add"), {"term": "开奶茶店", "expansions": "食品经营许可"}
    )
    assert response.status_code == 302
    assert names("开奶茶店") == ["食品经营许可"]


def test_an_edited_synonym_is_used_by_the_next_search(office):
    f.matter(name="生育登记")
    f.matter(name="出生登记")
    synonym = Synonym.objects.create(term="生娃", expansions="生育")
    assert names("生娃") == ["生育登记"]
    save(office, synonym, expansions="出生")
    assert names("生娃") == ["出生登记"]


def test_new_keywords_are_found_by_the_next_search(office):
    matter = f.matter(name="最低生活保障审核确认")
    assert names("吃低保") == []
    save(office, matter, keywords="吃低保")
    assert names("吃低保") == ["最低生活保障审核确认"]


def test_a_deleted_matter_is_no_longer_found(office):
    matter = f.matter(name="残疾人证办理")
    assert names("残疾人证") == ["残疾人证办理"]
    url = reverse("admin:services_matter_delete", args=[matter.pk])
    assert office.post(url, {"post": "yes"}).status_code == 302
    assert names("残疾人证") == []


def test_rows_a_script_writes_are_found_once_it_bumps_the_generation():
    existing = f.matter(name="居民身份证换领")
    assert names("补领") == []
    # bulk_create goes around the admin and the actions, as a data-fix script would.
    Matter.objects.bulk_create(
        [
            Matter(
                code="OTHER-1",
                name="居民身份证补领",
                department=existing.department,
                kind=existing.kind,
                audience=existing.audience,
                handling_type=existing.handling_type,
                promised_days=1,
            )
        ]
    )
    assert names("补领") == []  # the index still holds the generation it was built at
    generation_bump(kind=Generation.Kind.SEARCH)
    assert names("补领") == ["居民身份证补领"]
