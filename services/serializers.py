"""JSON shapes of the public API (version 1). Field names follow ../shared/GLOSSARY.md.

Every coded value (kind, audience, level, …) comes with a `<name>_label` in Chinese; the code
is the stable identifier, the label is what to show.
"""

from urllib.parse import quote

from django.urls import reverse
from django.utils.http import RFC3986_SUBDELIMS
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from .models import (
    Handling,
    LifeEvent,
    LifeEventMaterial,
    LifeEventMatter,
    Material,
    Matter,
    OpeningPeriod,
    Step,
    Theme,
    Venue,
    VenueException,
)
from .models.catalogue import LIST_FLAGS


@extend_schema_field(OpenApiTypes.URI)
class AbsoluteUrlField(serializers.Field):
    """The absolute URL of the object's public page."""

    def __init__(self, route, **kwargs):
        self.route = route
        kwargs["source"] = "code"
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, code):
        return absolute_url(self.context, self.route, code)


@extend_schema_field(
    {"type": "string", "pattern": "^(?:[01][0-9]|2[0-3]):[0-5][0-9]$", "example": "09:00"}
)
class HourMinuteField(serializers.TimeField):
    """A time of day as "HH:MM" (opening hours have no seconds)."""

    def __init__(self, **kwargs):
        super().__init__(format="%H:%M", read_only=True, **kwargs)


def absolute_url(context, route, code):
    path = reverse(route, args=[code])
    request = context.get("request")
    return request.build_absolute_uri(path) if request else path


def label(field):
    return serializers.CharField(source=f"get_{field}_display", read_only=True)


class MatterListSerializer(serializers.ModelSerializer):
    department = serializers.CharField(source="department.name", read_only=True)
    url = AbsoluteUrlField("services:matter")

    class Meta:
        model = Matter
        fields = [
            "code",
            "name",
            "department",
            "instant",
            "no_application",
            "self_service",
            "delegated_to_street",
            "cross_province",
            "url",
        ]

    def to_representation(self, matter):
        # A plain dict is several times faster than DRF's field walk; the declared fields
        # above still describe it in the OpenAPI schema.
        row = (matter.pk, matter.code, matter.name, matter.department.name)
        return matter_list_item(row + tuple(getattr(matter, f) for f in LIST_FLAGS), self.context)


def matter_list_item(row, context, url=None):
    """A matter of a list (MatterListSerializer's shape) from a `Matter.objects.list_rows()`
    row: the search API serialises its rows with this, without model instances. `url` is
    `matter_url(context)`, made once for many rows."""
    _, code, name, department, *flags = row
    return {
        "code": code,
        "name": name,
        "department": department,
        **dict(zip(LIST_FLAGS, flags, strict=True)),
        "url": (url or matter_url(context))(code),
    }


def matter_url(context):
    """code → the absolute URL of the matter's page, as `absolute_url` makes it, with one
    reverse() for all codes rather than one each (a search lists up to 100)."""
    head, _, tail = absolute_url(context, "services:matter", "0").rpartition("0")

    def url(code):
        if "/" in code:  # reverse() refuses it for <str:code>; let it say so
            return absolute_url(context, "services:matter", code)
        return f"{head}{quote(code, safe=RFC3986_SUBDELIMS + '/~:@')}{tail}"

    return url


class ThemeSerializer(serializers.ModelSerializer):
    class Meta:
        model = Theme
        fields = ["slug", "name"]


class MaterialSerializer(serializers.ModelSerializer):
    requirement_label = label("requirement")
    form_label = label("form")

    class Meta:
        model = Material
        fields = [
            "position",
            "name",
            "requirement",
            "requirement_label",
            "condition",
            "form",
            "form_label",
            "copies",
            "source",
            "form_url",
            "sample_url",
        ]


class StepSerializer(serializers.ModelSerializer):
    class Meta:
        model = Step
        fields = ["position", "name", "description"]


class HandlingVenueSerializer(serializers.ModelSerializer):
    """A venue that handles the matter, with the window and the way it is handled there."""

    code = serializers.CharField(source="venue.code", read_only=True)
    name = serializers.CharField(source="venue.name", read_only=True)
    level = serializers.CharField(source="venue.level", read_only=True)
    level_label = serializers.CharField(source="venue.get_level_display", read_only=True)
    street = serializers.CharField(source="venue.street_name", read_only=True)
    address = serializers.CharField(source="venue.address", read_only=True)
    phone = serializers.CharField(source="venue.phone", read_only=True)
    mode_label = label("mode")
    url = serializers.SerializerMethodField()

    class Meta:
        model = Handling
        fields = [
            "code",
            "name",
            "level",
            "level_label",
            "street",
            "address",
            "phone",
            "window",
            "mode",
            "mode_label",
            "url",
        ]

    def get_url(self, handling) -> str:
        return absolute_url(self.context, "services:venue", handling.venue.code)


class MatterDetailSerializer(serializers.ModelSerializer):
    department = serializers.CharField(source="department.name", read_only=True)
    department_code = serializers.CharField(source="department.code", read_only=True)
    kind_label = label("kind")
    audience_label = label("audience")
    handling_type_label = label("handling_type")
    scope_label = label("scope")
    themes = ThemeSerializer(many=True, read_only=True)
    materials = MaterialSerializer(many=True, read_only=True)
    steps = StepSerializer(many=True, read_only=True)
    venues = HandlingVenueSerializer(source="handlings", many=True, read_only=True)
    url = AbsoluteUrlField("services:matter")

    class Meta:
        model = Matter
        fields = [
            "code",
            "name",
            "department",
            "department_code",
            "kind",
            "kind_label",
            "audience",
            "audience_label",
            "themes",
            "conditions",
            "basis",
            "handling_type",
            "handling_type_label",
            "legal_days",
            "promised_days",
            "fee",
            "online_url",
            "visits",
            "scope",
            "scope_label",
            "consult_phone",
            "instant",
            "no_application",
            "self_service",
            "delegated_to_street",
            "cross_province",
            "materials",
            "steps",
            "venues",
            "verified_at",
            "url",
        ]


class VenueListSerializer(serializers.ModelSerializer):
    level_label = label("level")
    street = serializers.CharField(source="street_name", read_only=True)
    distance_m = serializers.SerializerMethodField(
        help_text="到 near 所给位置的直线距离（米）；没有 near 时为 null"
    )
    url = AbsoluteUrlField("services:venue")

    class Meta:
        model = Venue
        fields = [
            "code",
            "name",
            "level",
            "level_label",
            "street",
            "address",
            "phone",
            "latitude",
            "longitude",
            "always_open",
            "distance_m",
            "url",
        ]

    def get_distance_m(self, venue) -> int | None:
        return getattr(venue, "distance_m", None)


class PeriodSerializer(serializers.ModelSerializer):
    weekday_label = label("weekday")
    opens = HourMinuteField()
    closes = HourMinuteField()

    class Meta:
        model = OpeningPeriod
        fields = ["weekday", "weekday_label", "opens", "closes"]


class ExceptionSerializer(serializers.ModelSerializer):
    opens = HourMinuteField(allow_null=True, help_text="全天不开放时为 null")
    closes = HourMinuteField(allow_null=True, help_text="全天不开放时为 null")

    class Meta:
        model = VenueException
        fields = ["date", "closed", "opens", "closes", "reason"]


class VenueRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Venue
        fields = ["code", "name"]


class VenueDetailSerializer(VenueListSerializer):
    """A venue with its hours; `matters` lists the first MATTERS_SHOWN, `matters_url` all."""

    parent = VenueRefSerializer(read_only=True, allow_null=True)
    host_label = label("host")
    hours = PeriodSerializer(source="periods", many=True, read_only=True)
    exceptions = ExceptionSerializer(
        source="upcoming_exceptions",
        many=True,
        read_only=True,
        help_text="今天起 60 天内本场所的特殊安排（闭馆或特殊时间）",
    )
    open_now = serializers.BooleanField(read_only=True)
    matters_count = serializers.IntegerField(read_only=True)
    matters = MatterListSerializer(source="matters_shown", many=True, read_only=True)
    matters_url = serializers.CharField(
        read_only=True, help_text="本场所办理的全部事项（分页）：/api/v1/matters/?venue=<code>"
    )

    class Meta(VenueListSerializer.Meta):
        fields = [
            *[f for f in VenueListSerializer.Meta.fields if f != "distance_m"],
            "parent",
            "host",
            "host_label",
            "hours_note",
            "hours",
            "exceptions",
            "open_now",
            "matters_count",
            "matters",
            "matters_url",
            "verified_at",
        ]


class HelpFiguresSerializer(serializers.Serializer):
    """Schema only: 人民帮办's figures (services/help/stats.py, via STATS_EXTRA_FIGURES)."""

    total = serializers.IntegerField(help_text="帮办工单总数")
    done = serializers.IntegerField(help_text="已办结")
    this_year = serializers.IntegerField(help_text="今年受理")
    on_time_rate = serializers.FloatField(help_text="按期办结率（%，占已办结）")
    satisfaction_rate = serializers.FloatField(help_text="满意率（%，基本满意及以上占已评价）")


class StatsSerializer(serializers.Serializer):
    """Schema only: the network figures of services.stats.network_figures()."""

    venues = serializers.DictField(child=serializers.IntegerField(), help_text="各层级场所数")
    departments = serializers.IntegerField()
    matters = serializers.IntegerField()
    instant = serializers.IntegerField()
    instant_share = serializers.FloatField(help_text="即来即办事项占比（%）")
    self_service = serializers.IntegerField()
    no_application = serializers.IntegerField()
    delegated_to_street = serializers.IntegerField()
    cross_province = serializers.IntegerField()
    help_requests = HelpFiguresSerializer(required=False, help_text="人民帮办，实时统计")


# 一件事 -------------------------------------------------------------------------------------


class LifeEventListSerializer(serializers.ModelSerializer):
    audience = serializers.CharField(source="get_audience_display", read_only=True)
    matters_count = serializers.IntegerField(read_only=True)
    url = AbsoluteUrlField("services:life_event")

    class Meta:
        model = LifeEvent
        fields = ["code", "name", "audience", "matters_count", "url"]


class LifeEventMatterSerializer(serializers.ModelSerializer):
    code = serializers.CharField(source="matter.code", read_only=True)
    name = serializers.CharField(source="matter.name", read_only=True)

    class Meta:
        model = LifeEventMatter
        fields = ["code", "name", "required", "condition"]


class LifeEventMaterialSerializer(serializers.ModelSerializer):
    for_matters = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)

    class Meta:
        model = LifeEventMaterial
        fields = ["name", "required", "form", "copies", "for_matters"]


class LifeEventVenueSerializer(serializers.ModelSerializer):
    class Meta:
        model = Venue
        fields = ["code", "name", "level"]


class LifeEventDetailSerializer(serializers.ModelSerializer):
    audience = serializers.CharField(source="get_audience_display", read_only=True)
    matters = LifeEventMatterSerializer(source="steps", many=True, read_only=True)
    materials = LifeEventMaterialSerializer(source="materials_listed", many=True, read_only=True)
    venues = LifeEventVenueSerializer(source="one_visit", many=True, read_only=True)
    url = AbsoluteUrlField("services:life_event")

    class Meta:
        model = LifeEvent
        fields = [
            "code",
            "name",
            "audience",
            "summary",
            "promised_days",
            "matters",
            "materials",
            "venues",
            "url",
        ]
