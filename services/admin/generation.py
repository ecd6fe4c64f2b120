"""Every save and delete made in the admin moves the data generation in its own transaction,
so that every server process shows it on the next request (see services/caching.py)."""

from django.db import transaction

from .. import actions
from ..models import Generation


class BumpsGeneration:
    """For every model admin (through ScopedMixin): change forms and their inlines, list
    edits, deletes, bulk delete and history reverts all end in these four methods."""

    def save_model(self, request, obj, form, change):
        with transaction.atomic():
            super().save_model(request, obj, form, change)
            # A new row may be anything; an edit counts for search only if a field it reads changed.
            fields = form.changed_data if change else None
            actions.generation_bump(kind=actions.generation_kind(type(obj), fields))

    def save_related(self, request, form, formsets, change):
        with transaction.atomic():
            super().save_related(request, form, formsets, change)
            # Inline rows and many-to-many fields are saved here, also when the object is not.
            kinds = {
                actions.generation_kind(formset.model)
                for formset in formsets
                if formset.new_objects or formset.changed_objects or formset.deleted_objects
            }
            if form.changed_data:
                kinds.add(actions.generation_kind(type(form.instance), form.changed_data))
            if kinds:
                search = Generation.Kind.SEARCH
                actions.generation_bump(kind=search if search in kinds else Generation.Kind.PAGES)

    def delete_model(self, request, obj):
        with transaction.atomic():
            super().delete_model(request, obj)
            actions.generation_bump(kind=actions.generation_kind(type(obj)))

    def delete_queryset(self, request, queryset):
        with transaction.atomic():
            super().delete_queryset(request, queryset)
            actions.generation_bump(kind=actions.generation_kind(queryset.model))
