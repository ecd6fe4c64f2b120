"""Explainer bodies: Markdown rendered, then cleaned by nh3 (the Rust sanitiser ammonia).

Only the tags and attributes below survive; links keep http(s)/mailto/tel and get
rel="noopener noreferrer"; images must be this site's media files (no page loads anything from
outside the app). Raw HTML in the Markdown goes through the same cleaning.
"""

import markdown
import nh3
from django.conf import settings
from django.utils.safestring import mark_safe

TAGS = {
    "p", "br", "h2", "h3", "h4", "ul", "ol", "li", "strong", "em", "b", "i", "a", "img",
    "blockquote", "table", "thead", "tbody", "tr", "th", "td", "hr", "figure", "figcaption",
}  # fmt: skip
ATTRIBUTES = {"a": {"href", "title"}, "img": {"src", "alt", "title"}, "th": {"scope"}}


def _only_own_images(tag, attribute, value):
    if tag == "img" and attribute == "src" and not value.startswith(settings.MEDIA_URL):
        return None
    return value


def render(text):
    html = markdown.markdown(text or "", extensions=["tables", "sane_lists"], output_format="html")
    return mark_safe(
        nh3.clean(
            html,
            tags=TAGS,
            attributes=ATTRIBUTES,
            url_schemes={"http", "https", "mailto", "tel"},
            link_rel="noopener noreferrer",
            attribute_filter=_only_own_images,
        )
    )
