"""The day's reminders (`manage.py help_remind`): each helper about their own tasks due today
or overdue, each dispatcher about the queue. Messages carry tracking numbers and deadlines,
never the resident's name, phone or address."""

from django.conf import settings
from django.core.mail import send_mass_mail

from . import roles, sms
from .models import Helper, HelpRequest
from .states import WORKING, State


def _due_lists(queryset, today):
    rows = list(queryset.with_due().filter(due__lte=today).order_by("due", "number"))
    return [r for r in rows if r.due < today], [r for r in rows if r.due == today]


def _lines(rows):
    return [
        f"  {r.number} {r.get_category_display()} {r.get_state_display()} 期限 {r.due:%m-%d}"
        for r in rows
    ]


def helper_reminders(today):
    """[(helper, overdue, due_today)] for every active helper with something due."""
    reminders = []
    for helper in Helper.objects.filter(active=True).select_related("user"):
        overdue, due = _due_lists(
            HelpRequest.objects.assigned_to(helper).filter(state__in=WORKING), today
        )
        if overdue or due:
            reminders.append((helper, overdue, due))
    return reminders


def queue_digest(today):
    """What the dispatchers must look at today."""
    to_dispatch = HelpRequest.objects.filter(state__in=[State.PENDING, State.RETURNED])
    follow_up = HelpRequest.objects.filter(state=State.DONE)
    overdue_dispatch, due_dispatch = _due_lists(to_dispatch, today)
    overdue_follow, due_follow = _due_lists(follow_up, today)
    return {
        "待派单（已超期）": overdue_dispatch,
        "待派单（今天到期）": due_dispatch,
        "待回访（已超期）": overdue_follow,
        "待回访（今天到期）": due_follow,
        "差评整改中": list(HelpRequest.objects.rectification_open().with_due().order_by("due")),
        "督办中": list(
            HelpRequest.objects.open().filter(escalated=True).with_due().order_by("due")
        ),
    }


def send_reminders(today):
    """Send the day's emails and texts; returns (emails, texts) sent."""
    sender = settings.DEFAULT_FROM_EMAIL
    mails, texts = [], []
    for helper, overdue, due in helper_reminders(today):
        body = [
            f"{helper.name}，您好：",
            f"您有 {len(due)} 张帮办工单今天到期，{len(overdue)} 张已超期：",
        ]
        body += _lines(overdue + due) + ["请登录帮办工作台处理：/help/work/tasks/"]
        if helper.user.email:
            mails.append(
                (
                    f"帮办提醒：{len(due) + len(overdue)} 张工单待处理",
                    "\n".join(body),
                    sender,
                    [helper.user.email],
                )
            )
        texts.append(
            (
                helper.phone,
                f"您有{len(due)}张帮办工单今天到期、{len(overdue)}张已超期，请登录工作台处理。",
            )
        )
    digest = queue_digest(today)
    if any(digest.values()):
        body = [f"{today:%Y-%m-%d} 人民帮办待办："]
        for title, rows in digest.items():
            if rows:
                body += [f"{title}：{len(rows)} 张"] + _lines(rows)
        body.append("派单队列：/help/work/queue/")
        for user in roles.dispatcher_users().exclude(email=""):
            mails.append((f"帮办调度日报 {today:%m-%d}", "\n".join(body), sender, [user.email]))
    sent_mail = send_mass_mail(mails, fail_silently=False) if mails else 0
    return sent_mail, sms.send(texts)
