"""The Erqi service network and its catalogue of matters (事项), one module per concern.

Rules about one record live in the models, as named database constraints and in `clean()`;
rules across records (every delegated matter at every street centre, …) live in `integrity.py`.
"""

from .calendar import CalendarDay, OpeningPeriod, VenueException
from .catalogue import (
    Department,
    Handling,
    Material,
    Matter,
    MatterQuerySet,
    Step,
    Theme,
)
from .generation import Generation
from .life import LifeEvent, LifeEventMaterial, LifeEventMatter, LifeEventQuerySet
from .network import Venue, VenueQuerySet
from .people import StaffProfile
from .search_log import SearchOpen, SearchQuery
from .synonyms import Synonym

__all__ = [
    "CalendarDay",
    "Department",
    "Generation",
    "Handling",
    "LifeEvent",
    "LifeEventMaterial",
    "LifeEventMatter",
    "LifeEventQuerySet",
    "Material",
    "Matter",
    "MatterQuerySet",
    "OpeningPeriod",
    "SearchOpen",
    "SearchQuery",
    "StaffProfile",
    "Step",
    "Synonym",
    "Theme",
    "Venue",
    "VenueException",
    "VenueQuerySet",
]
