"""The sections this app adds to the catalogue's home page (registered in apps.py)."""

from .models import Benefit


def home_beneficiaries(request):
    """ "1.9 万名 80 岁以上老年人已享受免申即享", from the benefits' published figures."""
    published = list(
        Benefit.objects.automatic().with_published_beneficiaries().order_by("position", "name")
    )
    return {"published": published} if published else None


def home_self_check(request):
    return {}
