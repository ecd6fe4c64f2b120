"""`help_remind` sends each helper their due and overdue tasks, and the dispatchers a digest."""

import datetime
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command

from services.help import sms
from services.models import CalendarDay
from tests import help_factories as hf

pytestmark = pytest.mark.django_db

FRIDAY = datetime.date(2026, 3, 13)


@pytest.fixture(autouse=True)
def sms_outbox(settings):
    settings.HELP_SMS_BACKEND = "services.help.sms.LocmemBackend"
    sms.outbox.clear()
    return sms.outbox


def remind(day=FRIDAY, *extra):
    out = StringIO()
    call_command("help_remind", f"--date={day}", *extra, stdout=out)
    return out.getvalue()


def test_a_volunteer_is_told_of_tasks_due_today_and_overdue_but_not_later(sms_outbox):
    volunteer = hf.helper(phone="13800007777")
    volunteer.user.email = "v@example.org"
    volunteer.user.save()
    due = hf.dispatched(hf.help_request(), volunteer)  # filed Wed, accept by Thu: overdue Fri
    later = hf.dispatched(hf.help_request(now=hf.WEDNESDAY + datetime.timedelta(days=2)), volunteer)

    output = remind()

    assert "已发送 1 封邮件、1 条短信" in output
    assert due.number in mail.outbox[0].body and later.number not in mail.outbox[0].body
    assert sms_outbox == [
        ("13800007777", "【二七区人民帮办】您有0张帮办工单今天到期、1张已超期，请登录工作台处理。")
    ]


def test_dispatchers_get_a_digest_without_personal_data():
    boss = hf.dispatcher(email="boss@example.org")
    waiting = hf.help_request(name="演示孙八", phone="13800003333")

    remind()

    assert mail.outbox[0].to == [boss.email]
    assert waiting.number in mail.outbox[0].body
    assert "演示孙八" not in mail.outbox[0].body and "13800003333" not in mail.outbox[0].body


def test_nothing_is_sent_on_a_holiday_unless_forced():
    hf.dispatcher(email="boss@example.org")
    hf.help_request()
    CalendarDay.objects.create(date=FRIDAY, kind="holiday", name="演示假日")

    assert "不是工作日" in remind()
    assert mail.outbox == []
    assert "已发送 1 封邮件" in remind(FRIDAY, "--force")


def test_a_bad_date_is_refused_in_chinese():
    with pytest.raises(Exception, match="日期格式不对"):
        remind("2026-13-40")


def test_the_console_backend_prints_masked_numbers():
    out = StringIO()
    sms.ConsoleBackend(stream=out).send_messages([("13800001234", "测试")])

    assert out.getvalue() == "短信 → 138****1234：测试\n"
