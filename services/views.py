from django.shortcuts import render

from .stats import network_figures


def home(request):
    return render(request, "services/home.html", {"figures": network_figures()})
