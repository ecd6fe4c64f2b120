"""Small presentation helpers for the public pages."""

import datetime
import re

from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe

register = template.Library()

ALL_DAY = (datetime.time(0, 0), datetime.time(23, 59))


@register.filter
def highlight(text, terms):
    """`text` escaped, with each of `terms` wrapped in <mark> (escape first, then mark)."""
    text = str(text or "")
    words = sorted({t for t in terms or () if t}, key=len, reverse=True)
    if not words:
        return escape(text)
    pattern = re.compile("(" + "|".join(re.escape(w) for w in words) + ")", re.IGNORECASE)
    # re.split with one group alternates plain text (even) and matches (odd).
    parts = pattern.split(text)
    return mark_safe(
        "".join(
            f"<mark>{escape(part)}</mark>" if i % 2 else escape(part)
            for i, part in enumerate(parts)
        )
    )


@register.filter
def distance(metres):
    """1234 -> '1.2 公里'; 350 -> '350 米'."""
    if metres is None or metres == "":
        return ""
    metres = int(metres)
    return f"{metres / 1000:.1f} 公里" if metres >= 1000 else f"{metres} 米"


@register.filter
def periods(value):
    """[(09:00, 12:00), (13:00, 17:00)] -> '09:00–12:00、13:00–17:00'; [] -> '不开放'."""
    if not value:
        return "不开放"
    if len(value) == 1 and value[0][0] == ALL_DAY[0] and value[0][1] >= ALL_DAY[1]:
        return "全天 24 小时"
    return "、".join(f"{opens:%H:%M}–{closes:%H:%M}" for opens, closes in value)


@register.simple_tag(takes_context=True)
def page_url(context, number):
    """The current URL's query string with ?page= set to `number` (other filters kept)."""
    query = context["request"].GET.copy()
    query["page"] = number
    return "?" + query.urlencode()


@register.simple_tag(takes_context=True)
def toggle_url(context, param, value):
    """The current query with `param=value` added, or removed if already chosen; page reset."""
    query = context["request"].GET.copy()
    query.pop("page", None)
    if query.get(param) == str(value):
        query.pop(param)
    else:
        query[param] = value
    return "?" + query.urlencode()


@register.filter
def any_selected(options):
    """True when one of a facet's options is in the current filters."""
    return any(option.get("selected") for option in options)


@register.filter
def web_url(url):
    """`url` when it is an http(s) address, else '': data from an import never yields javascript:."""
    url = str(url or "").strip()
    return url if url.lower().startswith(("https://", "http://")) else ""
