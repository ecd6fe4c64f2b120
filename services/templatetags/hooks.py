"""`{% sections "<slot>" name=object … %}`: the sections other apps registered (services.hooks)."""

from django import template

from services.hooks import render_slot

register = template.Library()


@register.simple_tag(takes_context=True)
def sections(context, slot, **objects):
    return render_slot(slot, context.get("request"), **objects)
