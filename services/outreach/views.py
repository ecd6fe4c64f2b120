"""政务有料 list and article pages, and the 问政事儿 question form."""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_http_methods

from services.models import Matter
from services.ratelimit import client_ip

from . import ratelimit
from .actions import question_ask
from .forms import QuestionForm
from .markup import render as render_markup
from .models import Policy

PAGE_SIZE = 10


def policies(request):
    listed = Policy.objects.published().select_related("department")
    paginator = Paginator(listed, PAGE_SIZE)
    try:
        page = paginator.page(request.GET.get("page") or 1)
    except (PageNotAnInteger, EmptyPage):
        page = paginator.page(1)
    return render(request, "outreach/policies.html", {"page": page})


def policy(request, pk):
    article = get_object_or_404(
        Policy.objects.published()
        .select_related("department")
        .prefetch_related("images", "matters"),
        pk=pk,
    )
    return render(
        request, "outreach/policy.html", {"policy": article, "body": render_markup(article.body)}
    )


@require_http_methods(["GET", "POST"])
def ask(request, code):
    if "\x00" in code:  # PostgreSQL refuses NUL in a string: no such code can exist
        raise Http404("没有这个编码。")
    matter = get_object_or_404(Matter, code=code)
    form = QuestionForm(request.POST or None)
    ip = client_ip(request)
    if request.method == "POST" and ratelimit.is_limited(ip):
        notice = f"提问太频繁了，请 {ratelimit.window() // 60} 分钟后再试，或拨打咨询电话。"
        context = {"matter": matter, "form": form, "notice": notice}
        return render(request, "outreach/ask.html", context, status=429)
    if request.method == "POST" and form.is_valid():
        ratelimit.count(ip)
        if not form.is_bot():
            question_ask(
                matter=matter,
                text=form.cleaned_data["text"],
                asker=form.cleaned_data["asker"],
                contact=form.cleaned_data["contact"],
            )
        return render(request, "outreach/asked.html", {"matter": matter})
    return render(request, "outreach/ask.html", {"matter": matter, "form": form})
