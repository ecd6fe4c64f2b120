"""Sections that other apps add to the catalogue's pages, without the catalogue importing them.

Apps inside services/ (benefits, outreach, …) import the catalogue; the catalogue never imports
them. To put a section on a catalogue page, an app registers it in its AppConfig.ready():

    from services import hooks
    hooks.register("matter", "outreach/_matter_questions.html", questions_for_matter, order=20)

`context(request, **objects)` returns the section template's context (a dict), or None to leave
the section out. Catalogue templates render a slot with `{% load hooks %}{% sections "matter"
matter=matter %}`. The slots:

- "home_no_application": inside the home page's 免申即享 box (no objects);
- "home": on the home page, after the 免申即享 / 即来即办 lists (no objects);
- "matter": at the end of a matter's guide (object `matter`).

Sections run inside the page's render, so the page cache (services/caching.py) caches them
too: whatever writes what a section shows must bump the data generation
(`services.actions.generation_bump`); admin saves through `ScopedMixin` do.
"""

from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

SLOTS = ("home_no_application", "home", "matter")


@dataclass(frozen=True)
class Section:
    template: str
    context: object  # callable(request, **objects) -> dict | None
    order: int


_sections = {slot: [] for slot in SLOTS}


def register(slot, template, context, *, order=50):
    """Add a section to `slot`; registering the same template twice replaces the first."""
    if slot not in _sections:
        raise ValueError(f"unknown slot {slot!r}; slots are {', '.join(SLOTS)}")
    sections = [s for s in _sections[slot] if s.template != template]
    sections.append(Section(template, context, order))
    _sections[slot] = sorted(sections, key=lambda s: (s.order, s.template))


def render_slot(slot, request, **objects):
    """The HTML of every section registered for `slot`, in order."""
    parts = []
    for section in _sections[slot]:
        context = section.context(request, **objects)
        if context is not None:
            parts.append(render_to_string(section.template, context, request=request))
    return mark_safe("".join(parts))
