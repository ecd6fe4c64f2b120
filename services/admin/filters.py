"""List filters of the matter list that look through its handlings (level, street): the same
filters as the public pages and the API (services/filters.py), shown in the admin's sidebar."""

from django.contrib import admin

from ..filters import MatterFilter


class MatterFilterListFilter(admin.SimpleListFilter):
    """One filter of MatterFilter (`filter_name`) as an admin list filter; an unknown value
    filters nothing, as the admin's own filters do."""

    filter_name = ""

    def _filter(self):
        return MatterFilter.base_filters[self.filter_name]

    def lookups(self, request, model_admin):
        choices = self._filter().extra["choices"]
        return list(choices() if callable(choices) else choices)

    def queryset(self, request, queryset):
        if self.value() is None:
            return queryset
        bound = MatterFilter({self.filter_name: self.value()}, queryset=queryset)
        if not bound.form.is_valid():
            return queryset
        value = bound.form.cleaned_data[self.filter_name]
        return bound.filters[self.filter_name].filter(queryset, value)


class HandledAtLevelFilter(MatterFilterListFilter):
    title = "办理场所层级"
    parameter_name = "handled_at"
    filter_name = "level"


class HandledInStreetFilter(MatterFilterListFilter):
    title = "办理街道"
    parameter_name = "street"
    filter_name = "street"
