"""Build the POST data of an admin change page from its GET response, as a browser would send it."""


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
        for name in form.fields:
            value = _encode(form[name].value())
            if value is not None:
                data[form.add_prefix(name)] = value

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
