"""The dispatcher's queue: one FilterSet for state, category, street and overdue."""

import django_filters
from django.utils import timezone

from services.models import Venue

from .models import Category, HelpRequest
from .states import State


class QueueFilter(django_filters.FilterSet):
    state = django_filters.ChoiceFilter(label="状态", choices=State.choices, empty_label="未关闭的")
    category = django_filters.ChoiceFilter(
        label="类别", choices=Category.choices, empty_label="全部"
    )
    street = django_filters.ModelChoiceFilter(
        label="街道",
        queryset=Venue.objects.streets().order_by("code"),
        to_field_name="code",
        empty_label="全部",
    )
    overdue = django_filters.BooleanFilter(label="只看超期", method="filter_overdue")
    due_today = django_filters.BooleanFilter(label="今天到期", method="filter_due_today")
    escalated = django_filters.BooleanFilter(label="只看督办")

    class Meta:
        model = HelpRequest
        fields = ["state", "category", "street", "overdue", "due_today", "escalated"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["street"].field.label_from_instance = lambda v: v.street_name or v.name
        for name in ("overdue", "due_today", "escalated"):
            self.filters[name].field.widget.choices = [
                ("", "不限"),
                ("true", "是"),
                ("false", "否"),
            ]

    @property
    def qs(self):
        listed = super().qs
        if not (self.form.is_valid() and self.form.cleaned_data.get("state")):
            listed = listed.open()
        return listed

    def filter_overdue(self, queryset, name, value):
        if value is None:
            return queryset
        today = timezone.localdate()
        overdue = queryset.overdue(today).values("pk")
        return queryset.filter(pk__in=overdue) if value else queryset.exclude(pk__in=overdue)

    def filter_due_today(self, queryset, name, value):
        if value is None:
            return queryset
        due = queryset.due_on(timezone.localdate()).values("pk")
        return queryset.filter(pk__in=due) if value else queryset.exclude(pk__in=due)
