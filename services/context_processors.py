from django.conf import settings


def site(request):
    return {
        "CONSULT_PHONE": settings.CONSULT_PHONE,
        "REVIEW_URL": getattr(settings, "REVIEW_URL", ""),
        "large_text": request.COOKIES.get("large_text") == "1",
    }
