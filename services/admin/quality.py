"""The data-quality page, and the list filters it links to (核实情况, 数据问题)."""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.urls import reverse

from .. import integrity, quality
from ..roles import is_data_office
from .reports import MAX_MESSAGES


class FreshnessFilter(admin.SimpleListFilter):
    title = "核实情况"
    parameter_name = "verified"

    def lookups(self, request, model_admin):
        days = quality.STALE_AFTER_DAYS
        return [
            ("recent", f"{days} 天内已核实"),
            ("stale", f"超过 {days} 天未核实（含从未核实）"),
            ("never", "从未核实"),
        ]

    def queryset(self, request, queryset):
        if self.value() == "recent":
            return quality.recently_verified(queryset)
        if self.value() == "stale":
            return quality.stale(queryset)
        if self.value() == "never":
            return quality.never_verified(queryset)
        return queryset


class ProblemFilter(admin.SimpleListFilter):
    title = "数据问题"
    parameter_name = "problem"
    problems = {}

    def lookups(self, request, model_admin):
        return [(key, label) for key, (label, _) in self.problems.items()]

    def queryset(self, request, queryset):
        if self.value() in self.problems:
            return self.problems[self.value()][1](queryset)
        return queryset


class MatterProblemFilter(ProblemFilter):
    problems = quality.MATTER_PROBLEMS


class LifeEventProblemFilter(ProblemFilter):
    problems = quality.LIFE_EVENT_PROBLEMS


class VenueProblemFilter(ProblemFilter):
    problems = quality.VENUE_PROBLEMS


MAX_RULE_PROBLEMS = 100


def quality_view(request):
    """/admin/quality/: incomplete guides, venues missing facts, stale records, live figures."""
    if not is_data_office(request.user):
        raise PermissionDenied
    sections = [
        {
            "title": title,
            "count": qs.count(),
            "items": qs.order_by("pk")[:MAX_MESSAGES],
            "url_name": f"admin:services_{model}_change",
            "all_url": f"{reverse(f'admin:services_{model}_changelist')}?{query}",
        }
        for title, model, qs, query in quality.checks()
    ]
    rule_problems = list(integrity.problems())
    life_problems = quality.life_event_matter_problems()
    context = {
        **admin.site.each_context(request),
        "title": "数据质量",
        "figures": quality.figure_rows(),
        "years_without_holidays": quality.years_without_holidays(),
        "rule_problems": rule_problems[:MAX_RULE_PROBLEMS],
        "rule_problem_count": len(rule_problems),
        "sections": sections,
        "life_event_problems": life_problems[:MAX_MESSAGES],
        "life_event_problem_count": len(life_problems),
        "shown": MAX_MESSAGES,
    }
    return TemplateResponse(request, "admin/quality.html", context)
