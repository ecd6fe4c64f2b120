"""Workbenches on a phone: the dispatcher's queue, the helper's tasks, one request's page.

A helper or volunteer reaches only the requests assigned to them (404 for any other, as if
it did not exist); dispatcher-only actions give 403 to anyone else.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from .. import actions, roles
from ..filters import QueueFilter
from ..forms import RatingForm, StaffRequestForm, VisitForm
from ..models import Helper, HelpRequest
from ..privacy import mask_name, mask_phone
from ..states import ACTION_LABELS, WORKING, State, TransitionNotAllowed, allowed_actions

LOGIN = "help:login"
HELPER_ACTIONS = ("accept", "return", "start", "visit", "finish")
DISPATCHER_ACTIONS = (
    "dispatch",
    "escalate",
    "rate",
    "verify",
    "rectify",
    "answer",
    "archive",
    "withdraw",
)


@login_required(login_url=LOGIN)
def home(request):
    if roles.is_dispatcher(request.user):
        return redirect("help:queue")
    if roles.helper_of(request.user):
        return redirect("help:tasks")
    raise PermissionDenied("您不是帮办调度员、帮办员或志愿者。")


def _dispatcher(request):
    if not roles.is_dispatcher(request.user):
        raise PermissionDenied("只有帮办调度员可以这样做。")


@login_required(login_url=LOGIN)
def queue(request):
    _dispatcher(request)
    listed = HelpRequest.objects.select_related("street", "community", "helper")
    filterset = QueueFilter(request.GET or None, queryset=listed)
    rows = (
        filterset.qs.by_deadline()[:200]
        if filterset.is_bound
        else listed.open().by_deadline()[:200]
    )
    helpers = Helper.objects.filter(active=True).select_related("street", "venue")
    context = {
        "filterset": filterset,
        "rows": _cards(rows),
        "helpers": helpers,
        "today": timezone.localdate(),
        "filter_errors": filterset.errors if filterset.is_bound else {},
    }
    return render(
        request, "help/queue.html", context, status=400 if context["filter_errors"] else 200
    )


@login_required(login_url=LOGIN)
def tasks(request):
    helper = roles.helper_of(request.user)
    if helper is None:
        raise PermissionDenied("您还没有登记为帮办员或志愿者。")
    mine = HelpRequest.objects.assigned_to(helper).filter(state__in=WORKING)
    rows = mine.select_related("street", "community").by_deadline()
    return render(request, "help/tasks.html", {"rows": _cards(rows), "helper": helper})


def _cards(rows):
    """Each row with what a list may show: masked name, no phone, no address."""
    today = timezone.localdate()
    for row in rows:
        row.masked_name = mask_name(row.name)
        row.is_overdue = row.due is not None and row.due < today
    return rows


def _visible(request, number):
    listed = roles.visible_requests(request.user, HelpRequest.objects.all())
    return get_object_or_404(
        listed.select_related("street", "community", "helper", "matter"), number=number
    )


@login_required(login_url=LOGIN)
def detail(request, number, *, show_phone=False):
    row = _visible(request, number)
    dispatcher = roles.is_dispatcher(request.user)
    context = {
        "row": row,
        "phone": row.phone if show_phone else mask_phone(row.phone),
        "show_phone": show_phone,
        "is_dispatcher": dispatcher,
        "is_assignee": roles.may_see_full(request.user, row) and not dispatcher,
        "can": set(allowed_actions(row.state)),
        "events": row.events.select_related("by"),
        "visits": row.visits.select_related("helper"),
        "rectification": (rectification := row.rectifications.last()),
        "rectify_step": _rectify_step(row, rectification),
        "helpers": Helper.objects.filter(active=True).select_related("street"),
        "rating_form": RatingForm(),
        "visit_form": VisitForm(),
    }
    return render(request, "help/detail.html", context)


def _rectify_step(row, rectification):
    """整改 goes in order: (action, legend, label) of the step that is due."""
    if row.state != State.RECTIFYING or rectification is None:
        return None
    if not rectification.verified_at:
        return ("verify", "整改第 1 步：核实", "核实情况")
    if not rectification.rectified_at:
        return ("rectify", "整改第 2 步：整改", "整改措施")
    return ("answer", "整改第 3 步：答复群众并再次回访", "答复内容（群众能在查询页看到）")


@require_POST
@login_required(login_url=LOGIN)
def reveal_phone(request, number):
    row = _visible(request, number)
    if not roles.may_see_full(request.user, row):
        raise PermissionDenied
    actions.phone_view_record(request=row, by=request.user)
    return detail(request, number, show_phone=True)


@sensitive_post_parameters("reason", "done", "result", "note", "comment")
@require_POST
@login_required(login_url=LOGIN)
def act(request, number, action):
    row = _visible(request, number)
    if action in DISPATCHER_ACTIONS:
        _dispatcher(request)
    elif action not in HELPER_ACTIONS:
        raise PermissionDenied("没有这个操作。")
    seen = request.POST.get("seen")
    try:
        if seen is not None and seen != row.seen_token:
            raise ValidationError(_moved_on(row))
        ACT[action](row, request.user, request.POST)
    except (ValidationError, TransitionNotAllowed) as refused:
        messages.error(request, " ".join(getattr(refused, "messages", [str(refused)])))
    else:
        messages.success(request, f"{number}：已{_done_label(action)}。")
    back = request.POST.get("next")
    if action == "return" or back == "tasks":  # a returned request is no longer theirs to see
        return redirect("help:tasks")
    if back == "queue":
        return redirect("help:queue")
    return redirect("help:detail", number=number)


def _moved_on(row):
    """Why an action from an older page is refused: what the request is now, and by whom."""
    helper = f"，帮办人：{row.helper.name}" if row.helper_id else ""
    return (
        f"{row.number} 在您打开页面之后已有变化（现在：{row.get_state_display()}{helper}），"
        "本次操作未执行。请核对最新情况后再操作。"
    )


def _done_label(action):
    return ACTION_LABELS.get("rate_satisfied" if action == "rate" else action, action)


def _dispatch(row, by, post):
    helper = Helper.objects.filter(pk=post.get("helper") or None, active=True).first()
    if helper is None:
        raise ValidationError("请选择一位在岗的帮办员或志愿者。")
    return actions.request_dispatch(request=row, helper=helper, by=by)


def _visit(row, by, post):
    form = VisitForm(post)
    if not form.is_valid():
        raise ValidationError([e for errors in form.errors.values() for e in errors])
    return actions.request_record_visit(request=row, by=by, **form.cleaned_data)


def _rate(row, by, post):
    form = RatingForm(post)
    if not form.is_valid():
        raise ValidationError([e for errors in form.errors.values() for e in errors])
    return actions.request_rate(request=row, by=by, **form.cleaned_data)


ACT = {
    "dispatch": _dispatch,
    "accept": lambda row, by, post: actions.request_accept(request=row, by=by),
    "return": lambda row, by, post: actions.request_return(
        request=row, by=by, reason=post.get("reason", "")
    ),
    "start": lambda row, by, post: actions.request_start(request=row, by=by),
    "visit": _visit,
    "finish": lambda row, by, post: actions.request_finish(
        request=row, by=by, result=post.get("result", "")
    ),
    "rate": _rate,
    "verify": lambda row, by, post: actions.rectification_verify(
        request=row, by=by, note=post.get("note", "")
    ),
    "rectify": lambda row, by, post: actions.rectification_rectify(
        request=row, by=by, note=post.get("note", "")
    ),
    "answer": lambda row, by, post: actions.rectification_answer(
        request=row, by=by, note=post.get("note", "")
    ),
    "archive": lambda row, by, post: actions.request_archive(request=row, by=by),
    "escalate": lambda row, by, post: actions.request_escalate(
        request=row, by=by, reason=post.get("reason", "")
    ),
    "withdraw": lambda row, by, post: actions.request_withdraw(
        request=row, by=by, reason=post.get("reason", "")
    ),
}


@sensitive_post_parameters("name", "phone", "address", "need")
@login_required(login_url=LOGIN)
def new_request(request):
    """Staff file a request for a caller or a visitor."""
    _dispatcher(request)
    form = StaffRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        fields = form.request_fields()
        row = actions.request_file(channel=form.cleaned_data["channel"], by=request.user, **fields)
        messages.success(request, f"已登记，受理编号 {row.number}。")
        return redirect("help:detail", number=row.number)
    status = 400 if request.method == "POST" else 200
    return render(request, "help/new_request.html", {"form": form, "states": State}, status=status)
