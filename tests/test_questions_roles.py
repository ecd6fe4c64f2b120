"""Answers are given by the matter's department (部门管理员) or the data office; each sees only
the questions they may answer, and answering erases the asker's contact."""

import pytest

from services.outreach.models import Question
from services.roles import DATA_OFFICE, DEPARTMENT_MANAGER, VENUE_MANAGER
from tests import benefit_factories, factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def questions():
    civil = factories.department(name="二七区民政局")
    police = factories.department(name="郑州市公安局二七分局")
    mine = benefit_factories.question(
        factories.matter(department=civil), text="低保怎么申请？", contact="13800000000"
    )
    theirs = benefit_factories.question(
        factories.matter(department=police), text="身份证多久能拿？"
    )
    return civil, mine, theirs


def url(question, action="change"):
    return f"/admin/outreach/question/{question.pk}/{action}/"


def answer(client, question, text="请到街道便民服务中心申请。", public=True):
    data = {"text": question.text, "answer": text}
    if public:
        data["public"] = "on"
    return client.post(url(question), data)


def test_a_department_manager_sees_only_their_departments_questions(client, questions):
    civil, mine, theirs = questions
    client.force_login(factories.staff_user(DEPARTMENT_MANAGER, department=civil))
    listing = client.get("/admin/outreach/question/").content.decode()
    assert "低保怎么申请" in listing
    assert "身份证多久能拿" not in listing


def test_a_department_manager_answers_their_own_and_it_becomes_public(client, questions):
    civil, mine, _ = questions
    manager = factories.staff_user(DEPARTMENT_MANAGER, department=civil)
    client.force_login(manager)
    assert "13800000000" in client.get(url(mine)).content.decode()  # to call back if needed
    assert answer(client, mine).status_code == 302
    mine.refresh_from_db()
    assert mine.answer == "请到街道便民服务中心申请。" and mine.public
    assert mine.answered_by == manager and mine.answered_at is not None
    assert mine.contact == ""  # no longer needed once answered
    assert Question.objects.public().get() == mine


def test_a_crafted_post_for_another_departments_question_is_refused(client, questions):
    civil, _, theirs = questions
    client.force_login(factories.staff_user(DEPARTMENT_MANAGER, department=civil))
    response = answer(client, theirs)
    assert response.status_code in (302, 403, 404)
    theirs.refresh_from_db()
    assert theirs.answer == "" and not theirs.public
    assert client.get(url(theirs)).status_code in (302, 403, 404)


def test_the_data_office_answers_any_question(client, questions):
    _, _, theirs = questions
    client.force_login(factories.staff_user(DATA_OFFICE))
    assert answer(client, theirs, public=False).status_code == 302
    theirs.refresh_from_db()
    assert theirs.answer and not theirs.public  # answered, not yet approved
    assert not Question.objects.public().exists()


def test_a_venue_manager_cannot_see_questions(client, questions):
    client.force_login(factories.staff_user(VENUE_MANAGER, venue=factories.venue()))
    assert client.get("/admin/outreach/question/").status_code == 403


def test_approving_without_an_answer_is_refused_with_a_message(client, questions):
    civil, mine, _ = questions
    client.force_login(factories.staff_user(DEPARTMENT_MANAGER, department=civil))
    response = answer(client, mine, text="")
    assert response.status_code == 200
    assert "请先填写答复" in response.content.decode()
    mine.refresh_from_db()
    assert not mine.public


def test_the_contact_is_not_kept_in_the_history(questions):
    _, mine, _ = questions
    assert not hasattr(mine.history.first(), "contact")


def test_an_answer_moves_the_data_generation_so_cached_matter_pages_show_it(client, questions):
    from services.models import Generation

    civil, mine, _ = questions
    client.force_login(factories.staff_user(DEPARTMENT_MANAGER, department=civil))
    before = list(Generation.objects.values_list("kind", "number"))
    assert answer(client, mine).status_code == 302
    assert list(Generation.objects.values_list("kind", "number")) != before
