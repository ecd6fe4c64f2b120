"""The sections this app adds to the catalogue's pages (registered in apps.py)."""

from .models import Policy, Question

SHOWN = 10


def matter_policies(request, matter):
    """相关政策解读: the published explainers about this matter, newest first."""
    listed = list(Policy.objects.published().about(matter).select_related("department")[:5])
    return {"policies": listed} if listed else None


def matter_questions(request, matter):
    """常见问题: answered and approved questions, and the way to ask one."""
    answered = Question.objects.public().filter(matter=matter).order_by("-answered_at", "-id")
    shown = list(answered[: SHOWN + 1])  # one more than shown: are there others? (no COUNT)
    return {"matter": matter, "questions": shown[:SHOWN], "more": len(shown) > SHOWN}


def home_policies(request):
    latest = list(Policy.objects.published().select_related("department")[:3])
    return {"policies": latest} if latest else None
