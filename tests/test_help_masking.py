"""Phone and address are shown in full only to the dispatchers and the person assigned."""

import logging

import pytest
from django.core.cache import cache
from django.views.debug import SafeExceptionReporterFilter

from services.help.privacy import mask_name, mask_phone
from tests import help_factories as hf

pytestmark = pytest.mark.django_db

PHONE, ADDRESS, NAME = "13812345678", "演示花园 7 号楼 302", "演示钱七"


@pytest.fixture
def request_row():
    cache.clear()
    return hf.help_request(phone=PHONE, address=ADDRESS, name=NAME)


def shows_personal_data(html):
    return any(secret in html for secret in (PHONE, ADDRESS, NAME))


def test_masks_keep_only_what_recognises_a_person():
    assert mask_phone(PHONE) == "138****5678"
    assert mask_name(NAME) == "演***"


def test_the_queue_and_task_lists_show_masked_names_and_no_phone_or_address(client, request_row):
    volunteer = hf.helper()
    hf.dispatched(request_row, volunteer)

    client.force_login(hf.dispatcher())
    queue = client.get("/help/work/queue/?state=dispatched").content.decode()
    client.force_login(volunteer.user)
    tasks = client.get("/help/work/tasks/").content.decode()

    for html in (queue, tasks):
        assert request_row.number in html and "演***" in html
        assert not shows_personal_data(html)


def test_the_assigned_volunteer_sees_the_address_and_a_masked_phone_until_asked(
    client, request_row
):
    volunteer = hf.helper()
    hf.dispatched(request_row, volunteer)
    client.force_login(volunteer.user)

    html = client.get(f"/help/work/r/{request_row.number}/").content.decode()

    assert ADDRESS in html and NAME in html and "138****5678" in html and PHONE not in html


def test_the_admin_shows_requests_masked_even_to_a_superuser(admin_client, request_row):
    html = admin_client.get(f"/admin/help/helprequest/{request_row.pk}/change/").content.decode()

    assert "138****5678" in html and not shows_personal_data(html)


def test_the_dashboard_the_api_and_the_tracking_page_show_no_personal_data(
    client, admin_client, request_row
):
    dashboard = admin_client.get("/help/dashboard/").content.decode()
    stats = client.get("/api/v1/stats/").content.decode()
    tracking = client.post(
        "/help/track/", {"number": request_row.number, "phone_last4": "5678"}
    ).content.decode()

    for html in (dashboard, stats, tracking):
        assert not shows_personal_data(html)
    assert client.get("/api/v1/help/").status_code == 404


def test_personal_fields_are_kept_out_of_error_reports(client, request_row):
    response = client.post("/help/", {"phone": PHONE, "name": NAME, "address": ADDRESS})

    cleaned = SafeExceptionReporterFilter().get_post_parameters(response.wsgi_request)
    assert PHONE not in str(cleaned) and NAME not in str(cleaned) and ADDRESS not in str(cleaned)


def test_refused_submissions_log_no_personal_data(client, request_row, caplog):
    with caplog.at_level(logging.DEBUG):
        client.post("/help/", {"phone": PHONE, "name": NAME, "address": ADDRESS})
        client.post("/help/track/", {"number": "BB20260311000000", "phone_last4": "5678"})

    assert caplog.records and not shows_personal_data(caplog.text)
    assert "5678" not in caplog.text
