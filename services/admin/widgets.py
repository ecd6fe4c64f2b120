"""Choice fields and autocomplete widgets that treat values that cannot be ids (a word, a
number past 64 bits) as invalid choices without asking the database, which would fail on them:
the form says the choice is invalid and re-renders the field as "nothing chosen"."""

from django import forms
from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple
from django.core.exceptions import ValidationError


def can_be_id(field, value):
    """Whether `value` converts to a value the column behind `field` (a model field) holds."""
    try:
        field.run_validators(field.to_python(value))
    except (ValidationError, TypeError, ValueError, OverflowError):
        return False
    return True


class ValidValuesOnly:
    def optgroups(self, name, value, attr=None):
        target = self.field.target_field  # the id (or to_field) of the chosen model
        return super().optgroups(name, [v for v in value if can_be_id(target, v)], attr)


class SafeAutocompleteSelect(ValidValuesOnly, AutocompleteSelect):
    pass


class SafeAutocompleteSelectMultiple(ValidValuesOnly, AutocompleteSelectMultiple):
    pass


class SafeModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    def _check_values(self, value):
        opts = self.queryset.model._meta
        target = opts.get_field(self.to_field_name) if self.to_field_name else opts.pk
        for v in value:
            if not can_be_id(target, v):
                raise ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": v},
                )
        return super()._check_values(value)
