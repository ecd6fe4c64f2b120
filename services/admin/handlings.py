"""Where each matter is handled (办理地点): inline on the matter, and listed on their own."""

from django import forms
from django.contrib import admin

from ..models import Handling, Matter, Venue
from ..roles import can_edit_handling, department_id, editable_matters, is_data_office, venue_id
from .history import ScopedHistoryAdmin
from .reports import warn_broken_rules
from .scoping import ScopedInline, is_venue_scoped
from .widgets import SafeAutocompleteSelect


class KnownChoiceAutocomplete(SafeAutocompleteSelect):
    """An autocomplete whose chosen row is already known (`known`), so it is not queried again."""

    known = None

    def optgroups(self, name, value, attr=None):
        chosen = {str(v) for v in value if v not in ("", None)}
        if self.known is None or chosen != {str(self.known.pk)}:
            return super().optgroups(name, value, attr)
        option = self.create_option(name, self.known.pk, str(self.known), chosen, 0)
        return [(None, [option], 0)]


class KnownChoiceFormSet(forms.BaseInlineFormSet):
    """Hands each row's already joined-in `known_field` row to its autocomplete widget."""

    known_field = "venue"

    def _construct_form(self, i, **kwargs):
        form = super()._construct_form(i, **kwargs)
        if self.known_field not in form.fields:  # a read-only page
            return form
        widget = form.fields[self.known_field].widget
        known = None
        if getattr(form.instance, f"{self.known_field}_id") is not None:
            known = getattr(form.instance, self.known_field)
        # The admin wraps the autocomplete in a RelatedFieldWidgetWrapper.
        inner = getattr(widget, "widget", widget)
        if isinstance(inner, KnownChoiceAutocomplete):
            inner.known = known
        return form


class HandlingInline(ScopedInline, admin.TabularInline):
    model = Handling
    inline_select_related = ("venue", "matter")
    formset = KnownChoiceFormSet
    extra = 0
    fields = ("venue", "mode", "window")
    autocomplete_fields = ("venue",)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "venue":
            kwargs["widget"] = KnownChoiceAutocomplete(db_field, self.admin_site)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Handling)
class HandlingAdmin(ScopedHistoryAdmin):
    """Which matters each venue handles, at which window: a 场所管理员 edits their venue's."""

    list_display = ("matter", "venue", "mode", "window")
    list_select_related = ("matter", "venue")
    list_filter = ("venue__level", "venue__street_name", "mode", "matter__department")
    search_fields = ("matter__name", "matter__code", "venue__name", "venue__code", "window")
    autocomplete_fields = ("matter", "venue")

    def can_edit(self, user, obj):
        return obj.matter_id is not None and can_edit_handling(user, obj)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        warn_broken_rules(self, request, obj.matter)

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        warn_broken_rules(self, request, obj.matter)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        user = request.user
        if db_field.name == "venue" and is_venue_scoped(user) and not department_id(user):
            kwargs["queryset"] = Venue.objects.filter(pk=venue_id(user))
        if db_field.name == "matter" and not is_data_office(user) and not is_venue_scoped(user):
            kwargs["queryset"] = editable_matters(user, Matter.objects.all())
        return super().formfield_for_foreignkey(db_field, request, **kwargs)
