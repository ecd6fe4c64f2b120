"""`help_anonymise` clears personal data a set time after 归档 or 撤回; the figures stay."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from services.help import actions
from services.help.models import HelpEvent, HelpRequest, Visit
from tests import help_factories as hf

pytestmark = pytest.mark.django_db


def archived(days_ago):
    volunteer = hf.helper()
    request = hf.help_request(name="演示周九", phone="13800004444", address="演示路 1 号")
    request = hf.in_progress(request, volunteer)
    request = actions.request_record_visit(request=request, by=volunteer.user, done="上门见到周九")
    request = actions.request_finish(request=request, by=volunteer.user, result="给周九办好了")
    request = actions.request_rate(request=request, rating=5, comment="周九很满意")
    when = timezone.now() - datetime.timedelta(days=days_ago)
    return actions.request_archive(request=request, by=hf.dispatcher(), now=when)


def run(*args):
    out = StringIO()
    call_command("help_anonymise", *args, stdout=out)
    return out.getvalue()


def test_requests_archived_long_enough_ago_lose_their_personal_data(settings):
    settings.HELP_ANONYMISE_AFTER_DAYS = 30
    old, recent = archived(40), archived(10)

    assert "已匿名化 1 张工单" in run()

    old.refresh_from_db()
    assert (old.name, old.phone, old.address, old.rating_comment) == ("（已匿名）", "", "", "")
    assert old.anonymised_at is not None
    assert (old.rating, old.category, old.state) == (5, "elderly", "archived")  # figures stay
    leftovers = [e.reason + e.public_note for e in HelpEvent.objects.filter(request=old)]
    leftovers += [v.done for v in Visit.objects.filter(request=old)]
    assert not [text for text in leftovers if "周九" in text]
    recent.refresh_from_db()
    assert recent.phone == "13800004444"


def test_an_anonymised_request_can_no_longer_be_tracked(client, settings):
    settings.HELP_ANONYMISE_AFTER_DAYS = 30
    old = archived(40)
    run()

    response = client.post("/help/track/", {"number": old.number, "phone_last4": "4444"})

    assert response.status_code == 404


def test_a_dry_run_changes_nothing(settings):
    settings.HELP_ANONYMISE_AFTER_DAYS = 30
    archived(40)

    assert "有 1 张工单将被匿名化" in run("--dry-run")
    assert HelpRequest.objects.get().phone == "13800004444"
