"""The public, read-only JSON API (version 1)."""

from django.http import JsonResponse

from .stats import network_figures


def stats(request):
    return JsonResponse(network_figures(), json_dumps_params={"ensure_ascii": False})
