"""Build the POST data of an admin change page from its GET response, as a browser would send it."""

from django.forms import MultiWidget


def _encode(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "on" if value else None
    if isinstance(value, list | tuple):
        return [str(getattr(v, "pk", v)) for v in value]
    return str(getattr(value, "pk", value))


def form_data(response):
    """Every field of the admin form and its inline formsets, with their current values."""
    data = {}

    def put(form):
        for name, field in form.fields.items():
            key, value = form.add_prefix(name), form[name].value()
            if isinstance(field.widget, MultiWidget):  # e.g. a date and a time input
                parts = field.widget.decompress(value) if not isinstance(value, list) else value
                for suffix, part in zip(field.widget.widgets_names, parts, strict=True):
                    data[key + suffix] = _encode(part)
            elif (encoded := _encode(value)) is not None:
                data[key] = encoded

    put(response.context["adminform"].form)
    # The history (revert) page has no inlines in its context.
    inlines = response.context.get("inline_admin_formsets", [])
    for inline in inlines:
        formset = inline.formset
        for key, value in formset.management_form.initial.items():
            data[f"{formset.prefix}-{key}"] = value
        for form in formset.forms:
            put(form)
    return data


def inline_prefix(response, model):
    """The form prefix of the inline formset for `model` on an admin change page."""
    for inline in response.context["inline_admin_formsets"]:
        if inline.formset.model is model:
            return inline.formset.prefix
    raise LookupError(model)
