"""The district's 人民帮办 dashboard: live figures per street and category, requests per week."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render

from services.models import Venue
from services.roles import is_data_office

from .. import roles, stats
from ..models import Category, HelpRequest


@login_required(login_url="help:login")
def dashboard(request):
    if not (roles.is_dispatcher(request.user) or is_data_office(request.user)):
        raise PermissionDenied("只有帮办调度员和区数据管理员可以查看。")
    requests = HelpRequest.objects.all()
    streets = [(v.pk, v.street_name or v.name) for v in Venue.objects.streets().order_by("code")]
    series = stats.weekly(requests)
    context = {
        "figures": stats.help_figures(),
        "open": requests.open().count(),
        "bad_open": requests.rectification_open().count(),
        "by_street": stats.breakdown(requests, "street_id", streets),
        "by_category": stats.breakdown(requests, "category", Category.choices),
        "series": series,
        "chart": stats.bar_chart(series),
    }
    return render(request, "help/dashboard.html", context)
