"""Reference data: departments, themes, holidays and 调休, synonyms (data office only)."""

from django.contrib import admin

from ..models import CalendarDay, Department, Synonym, Theme
from .history import ScopedHistoryAdmin
from .scoping import ScopedAdmin


@admin.register(Department)
class DepartmentAdmin(ScopedAdmin):
    list_display = ("code", "name", "short_name", "kind", "phone", "position")
    list_filter = ("kind",)
    search_fields = ("code", "name", "short_name")


@admin.register(Theme)
class ThemeAdmin(ScopedAdmin):
    list_display = ("name", "slug", "audience", "position")
    list_filter = ("audience",)
    search_fields = ("name", "slug")


@admin.register(CalendarDay)
class CalendarDayAdmin(ScopedAdmin):
    list_display = ("date", "name", "kind", "as_weekday")
    list_filter = ("kind",)
    search_fields = ("name",)
    date_hierarchy = "date"


@admin.register(Synonym)
class SynonymAdmin(ScopedHistoryAdmin):
    list_display = ("term", "expansions", "note")
    search_fields = ("term", "expansions", "note")
