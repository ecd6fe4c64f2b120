"""Role scoping: every admin checks the model permission from the user's group AND the row's
scope (a 部门管理员's own department, a 场所管理员's own venue), in get_queryset and
has_*_permission(obj), so a crafted request for someone else's row gets a 403 or 404.
"""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import Http404, HttpResponseRedirect

from ..filters import clean_text
from ..roles import VENUE_MANAGER, is_data_office, user_groups
from .generation import BumpsGeneration
from .widgets import (
    SafeAutocompleteSelect,
    SafeAutocompleteSelectMultiple,
    SafeModelMultipleChoiceField,
)

# Links typed without a scheme are taken as https (Django 6's default, stated now).
URL_FIELDS = {models.URLField: {"assume_scheme": "https"}}


class SafeAutocompleteMixin:
    """Choices survive values that cannot be ids (widgets.py)."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            using = kwargs.get("using")
            kwargs["widget"] = SafeAutocompleteSelect(db_field, self.admin_site, using=using)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        kwargs.setdefault("form_class", SafeModelMultipleChoiceField)
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            using = kwargs.get("using")
            kwargs["widget"] = SafeAutocompleteSelectMultiple(
                db_field, self.admin_site, using=using
            )
        return super().formfield_for_manytomany(db_field, request, **kwargs)


def is_venue_scoped(user):
    """A 场所管理员 (not also in the data office): sees the rest read-only, edits only their venue."""
    return not is_data_office(user) and VENUE_MANAGER in user_groups(user)


class ScopedMixin(SafeAutocompleteMixin, BumpsGeneration):
    """Model permission from the group AND row scope from can_edit() / can_view(); every
    write bumps the data generation (BumpsGeneration)."""

    formfield_overrides = URL_FIELDS

    def can_edit(self, user, obj):
        return is_data_office(user)

    def can_view(self, user, obj):
        return True

    def has_view_permission(self, request, obj=None):
        allowed = super().has_view_permission(request, obj)
        return allowed and (obj is None or self.can_view(request.user, obj))

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or self.can_edit(request.user, obj))

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        return allowed and (obj is None or self.can_edit(request.user, obj))

    def get_actions(self, request):
        found = super().get_actions(request)
        # Bulk delete checks no row scope, so only the data office gets it.
        if not is_data_office(request.user):
            found.pop("delete_selected", None)
        return found

    def save_model(self, request, obj, form, change):
        if not self.can_edit(request.user, obj):
            raise PermissionDenied
        super().save_model(request, obj, form, change)

    def get_search_results(self, request, queryset, search_term):
        # The list's search box and the autocomplete: control characters are never meant.
        return super().get_search_results(request, queryset, clean_text(search_term))

    def changelist_view(self, request, extra_context=None):
        # A NUL in a filter would reach the database, which refuses it (PostgreSQL): drop it.
        bad = [k for k, vs in request.GET.lists() if "\x00" in k or any("\x00" in v for v in vs)]
        if bad:
            kept = request.GET.copy()
            for key in bad:
                del kept[key]
            self.message_user(request, "筛选条件中含有不允许的控制字符，已忽略。", messages.WARNING)
            return HttpResponseRedirect(f"{request.path}?{kept.urlencode()}")
        return super().changelist_view(request, extra_context)

    def _get_obj_does_not_exist_redirect(self, request, opts, object_id):
        # Django redirects to the index for a row outside get_queryset(); answer 404 instead.
        raise Http404("没有找到这条记录，或您无权查看。")


class ScopedAdmin(ScopedMixin, admin.ModelAdmin):
    pass


class ScopedInline(SafeAutocompleteMixin):
    """An inline is editable only where its parent object is.

    Each row's __str__ and its read-only foreign keys are read from rows joined in once
    (inline_select_related), not one query per row.
    """

    formfield_overrides = URL_FIELDS
    inline_select_related = ()

    def get_queryset(self, request):
        return super().get_queryset(request).select_related(*self.inline_select_related)

    def _parent_editable(self, request, obj):
        parent_admin = self.admin_site._registry[self.parent_model]
        return obj is None or parent_admin.can_edit(request.user, obj)

    def has_add_permission(self, request, obj=None):
        return super().has_add_permission(request, obj) and self._parent_editable(request, obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self._parent_editable(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self._parent_editable(request, obj)
