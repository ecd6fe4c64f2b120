"""问政事儿's public form: stores an unanswered, hidden question; a honeypot and a rate limit
through Django's cache keep bots and floods out; bad input is said in Chinese."""

import pytest
from django.core.cache import cache
from django.test import Client

from services.outreach.models import Question
from tests import factories

pytestmark = pytest.mark.django_db

GOOD = {
    "text": "退休人员可以在街道便民服务中心办理吗？",
    "asker": "person",
    "contact": "138-0000-0000",
}


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def matter():
    return factories.matter(name="城乡居民基本养老保险待遇申领")


def ask_url(matter):
    return f"/questions/ask/{matter.code}/"


def test_a_question_is_stored_unanswered_and_not_public(client, matter):
    response = client.post(ask_url(matter), GOOD)
    assert "已收到您的问题" in response.content.decode()
    question = Question.objects.get()
    assert (question.matter, question.text, question.contact) == (
        matter,
        GOOD["text"],
        GOOD["contact"],
    )
    assert question.answer == "" and not question.public


def test_the_contact_is_optional(client, matter):
    client.post(ask_url(matter), {**GOOD, "contact": ""})
    assert Question.objects.get().contact == ""


def test_a_filled_honeypot_is_thanked_but_nothing_is_stored(client, matter):
    response = client.post(ask_url(matter), {**GOOD, "website": "http://spam.example"})
    assert "已收到您的问题" in response.content.decode()
    assert not Question.objects.exists()


def test_after_the_limit_an_address_must_wait(client, matter, settings):
    settings.QUESTION_RATE_LIMIT = 2
    for _ in range(2):
        assert client.post(ask_url(matter), GOOD).status_code == 200
    response = client.post(ask_url(matter), GOOD)
    assert response.status_code == 429
    assert "提问太频繁了" in response.content.decode()
    assert Question.objects.count() == 2
    other = client.post(ask_url(matter), GOOD, REMOTE_ADDR="10.0.0.9")
    assert other.status_code == 200  # the limit is per address


@pytest.mark.parametrize(
    "change, says",
    [
        ({"text": "在哪"}, "问题太短了"),
        ({"text": "问" * 501}, "问题太长了"),
        ({"text": ""}, "请写下您的问题"),
        ({"asker": "robot"}, "请选择个人或企业"),
        ({"contact": "1" * 51}, "联系方式请不超过 50 个字"),
    ],
)
def test_bad_input_is_explained_and_nothing_is_stored(client, matter, change, says):
    response = client.post(ask_url(matter), {**GOOD, **change})
    assert response.status_code == 200
    assert says in response.content.decode()
    assert not Question.objects.exists()


def test_the_form_needs_its_csrf_token(matter):
    strict = Client(enforce_csrf_checks=True)
    assert strict.post(ask_url(matter), GOOD).status_code == 403
    assert not Question.objects.exists()


def test_an_unknown_matter_is_a_404(client):
    assert client.get("/questions/ask/NOPE/").status_code == 404
