"""The resident's pages: ask for help (/help/) and follow a request (/help/track/).

Both are POST forms, so that no phone digits reach access logs; personal fields are marked
sensitive so that error reports never carry them.
"""

from django.conf import settings
from django.shortcuts import render
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods

from services.models import Matter
from services.ratelimit import client_ip

from .. import actions, ratelimit
from ..forms import RatingForm, RequestForm, TrackForm
from ..models import Channel, HelpRequest
from ..states import WORKING, State, TransitionNotAllowed

PERSONAL = ("name", "phone", "address", "need", "phone_last4", "comment")


@sensitive_post_parameters(*PERSONAL)
@require_http_methods(["GET", "POST"])
def request_form(request):
    if request.method == "GET":
        return _form_page(request, RequestForm(initial=_matter_initial(request)))
    form = RequestForm(request.POST)
    if form.is_robot:
        return _form_page(
            request, RequestForm(), refused="提交未成功，请刷新页面后重试。", status=400
        )
    if not ratelimit.form_allowed(client_ip(request)):
        return _form_page(request, form, refused=_too_many(), status=429)
    if not form.is_valid():
        return _form_page(request, form, status=400)
    if not ratelimit.phone_allowed(form.cleaned_data["phone"]):
        return _form_page(request, form, refused=_too_many(), status=429)
    help_request = actions.request_file(channel=Channel.ONLINE, **form.request_fields())
    ratelimit.phone_used(help_request.phone)
    return render(request, "help/filed.html", {"help_request": help_request})


def _matter_initial(request):
    """A matter page's 申请人民帮办 link names its matter: the form starts with it."""
    code = request.GET.get("matter", "")[:40]
    matter = Matter.objects.filter(code=code).only("name").first() if code else None
    return {"matter": matter.name} if matter else {}


def _too_many():
    return f"提交过于频繁，请稍后再试，或拨打咨询电话 {settings.CONSULT_PHONE}。"


def _form_page(request, form, *, refused="", status=200):
    return render(
        request, "help/request_form.html", {"form": form, "refused": refused}, status=status
    )


@sensitive_post_parameters(*PERSONAL)
@require_http_methods(["GET", "POST"])
def track(request):
    if request.method == "GET":
        return render(request, "help/track.html", {"form": TrackForm()})
    form = TrackForm(request.POST)
    ip = client_ip(request)
    wait = ratelimit.track_wait(ip)
    if wait:
        return render(request, "help/track.html", {"form": form, "refused": wait}, status=429)
    if not form.is_valid():
        return render(request, "help/track.html", {"form": form}, status=400)
    found = _lookup(**form.cleaned_data)
    if found is None:
        ratelimit.track_failed(ip)
        return render(request, "help/track.html", {"form": form, "not_found": True}, status=404)
    notice, rating_form, status = _act(request, found)
    found.refresh_from_db()
    context = {
        "form": form,
        "found": found,
        "notes": found.events.exclude(public_note="").order_by("at", "id"),
        "rating_form": rating_form or RatingForm(),
        "notice": notice,
        "can_rate": found.state == State.DONE,
        "can_withdraw": found.state in WORKING,
    }
    return render(request, "help/track.html", context, status=status)


def _lookup(*, number, phone_last4):
    found = HelpRequest.objects.filter(number=number).exclude(phone="").first()
    # Compare the same way whether or not the number exists: a wrong pair reveals nothing.
    if found is None or found.phone[-4:] != phone_last4:
        return None
    return found


def _act(request, found):
    """Rating or withdrawal sent from the tracking page with the same number and digits."""
    do = request.POST.get("do")
    try:
        if do == "rate":
            rating_form = RatingForm(request.POST)
            if not rating_form.is_valid():
                return "", rating_form, 400
            actions.request_rate(request=found, **rating_form.cleaned_data)
            return "感谢您的评价。", None, 200
        if do == "withdraw":
            actions.request_withdraw(request=found, reason="群众在查询页撤回")
            return "您的申请已撤回。", None, 200
    except TransitionNotAllowed as refused:
        return str(refused), None, 409
    return "", None, 200
