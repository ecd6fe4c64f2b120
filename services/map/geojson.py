"""The venues as GeoJSON (RFC 7946): `GET /api/v1/venues.geojson`, also what the map page draws.

Points are `[longitude, latitude]` in WGS-84. `?crs=gcj02` shifts them for display on tiles drawn
in GCJ-02 and says so in the collection's `coordinate_system` member (RFC 7946 itself knows only
WGS-84); the map page asks for that only when its tiles need it. The whole network is one
answer (a few hundred points), not paginated.
"""

import django_filters
from django.http import JsonResponse
from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.exceptions import ValidationError
from rest_framework.views import APIView

from services.api import PublicApiMixin
from services.caching import Policy
from services.filters import VenueFilter
from services.models import Matter, Venue
from services.templatetags.services_tags import periods
from services.views import _network_order, _today_prefetch, _with_status

from .tiles import GCJ02, WGS84, wgs84_to_gcj02

CRS_CHOICES = [(WGS84, "WGS-84"), (GCJ02, "GCJ-02（用于国内底图显示）")]


class MapVenueFilter(VenueFilter):
    """The venue directory's filters (q, level, street) and the matter a venue handles."""

    matter = django_filters.ModelChoiceFilter(
        label="事项",
        field_name="handlings__matter",
        queryset=Matter.objects.all(),
        to_field_name="code",
        error_messages={"invalid_choice": "没有这个事项编码：“%(value)s”。"},
    )
    crs = django_filters.ChoiceFilter(
        label="坐标系",
        choices=CRS_CHOICES,
        method="keep",  # chooses how points are written, not which venues
        error_messages={"invalid_choice": "坐标系只能是 wgs84 或 gcj02，不能是“%(value)s”。"},
    )

    def keep(self, queryset, name, value):
        return queryset


def map_venues(data, now=None):
    """(filterset, venues): the venues for `data` (a QueryDict), in the network's order, each
    with `today` and `open_now` set. Check `filterset.is_valid()` before using the venues."""
    now = timezone.localtime(now)
    calendar, hours = _today_prefetch(now)
    listed = Venue.objects.order_by(_network_order(), "code").prefetch_related(*hours)
    filterset = MapVenueFilter(data, queryset=listed)
    if not filterset.is_valid():
        return filterset, []
    return filterset, _with_status(list(filterset.qs), now, calendar)


def feature(venue, url, crs=WGS84):
    lat, lng = float(venue.latitude), float(venue.longitude)
    extra = {}
    if crs == GCJ02:
        # Distances are measured in WGS-84 (the browser's location), so keep the true point too.
        extra["wgs84"] = [round(lng, 6), round(lat, 6)]
        lat, lng = wgs84_to_gcj02(lat, lng)
    return {
        "type": "Feature",
        "id": venue.code,
        "geometry": {"type": "Point", "coordinates": [round(lng, 6), round(lat, 6)]},
        "properties": {
            "code": venue.code,
            "name": venue.name,
            "level": venue.level,
            "level_label": venue.get_level_display(),
            "street": venue.street_name,
            "open_now": venue.open_now,
            "today": periods(venue.today),
            "hours_note": venue.hours_note,
            "address": venue.address,
            "phone": venue.phone,
            "url": url,
            **extra,
        },
    }


def feature_collection(venues, build_url, crs=WGS84):
    collection = {"type": "FeatureCollection"}
    if crs != WGS84:
        collection["coordinate_system"] = crs
    collection["features"] = [feature(v, build_url(v.get_absolute_url()), crs=crs) for v in venues]
    return collection


_PROPERTY = {"type": "string"}
FEATURE_COLLECTION_SCHEMA = {
    "type": "object",
    "required": ["type", "features"],
    "properties": {
        "type": {"type": "string", "enum": ["FeatureCollection"]},
        "coordinate_system": {
            "type": "string",
            "enum": [GCJ02],
            "description": "只在 crs=gcj02 时出现；否则坐标为 WGS-84",
        },
        "features": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["type", "id", "geometry", "properties"],
                "properties": {
                    "type": {"type": "string", "enum": ["Feature"]},
                    "id": {"type": "string", "description": "场所编码"},
                    "geometry": {
                        "type": "object",
                        "properties": {
                            "type": {"type": "string", "enum": ["Point"]},
                            "coordinates": {
                                "type": "array",
                                "items": {"type": "number"},
                                "minItems": 2,
                                "maxItems": 2,
                                "description": "[经度, 纬度]",
                            },
                        },
                    },
                    "properties": {
                        "type": "object",
                        "properties": {
                            "code": _PROPERTY,
                            "name": _PROPERTY,
                            "level": {"type": "string", "enum": Venue.Level.values},
                            "level_label": _PROPERTY,
                            "street": _PROPERTY,
                            "open_now": {"type": "boolean"},
                            "today": {**_PROPERTY, "description": "今天的办公时间"},
                            "hours_note": _PROPERTY,
                            "address": _PROPERTY,
                            "phone": _PROPERTY,
                            "url": {**_PROPERTY, "format": "uri", "description": "场所页面"},
                            "wgs84": {
                                "type": "array",
                                "items": {"type": "number"},
                                "description": "只在 crs=gcj02 时出现：原始 WGS-84 [经度, 纬度]",
                            },
                        },
                    },
                },
            },
        },
    },
}
ERROR_SCHEMA = {
    "type": "object",
    "properties": {
        "detail": {"type": "string"},
        "errors": {"type": "object", "additionalProperties": {"type": "array"}},
    },
}


class VenueGeoJson(PublicApiMixin, APIView):
    # Cached on the data generation, and on the stretch of the day: it says what is open now.
    cache_policy = Policy(page=False, clock=True, params=tuple(MapVenueFilter.base_filters))
    # Not used to filter (map_venues does): the API description reads today's choices from it.
    filterset_class = MapVenueFilter

    @extend_schema(
        operation_id="venues_geojson",
        summary="服务场所地图数据（GeoJSON）",
        description=(
            "全部服务场所（不分页）组成的 GeoJSON FeatureCollection，点坐标为 [经度, 纬度]（WGS-84），"
            "属性含 code、name、level、street、open_now（现在是否开放）、url（场所页面）等。"
            "参数取值不存在时返回 400。"
        ),
        parameters=[
            OpenApiParameter("level", str, enum=Venue.Level.values, description="场所层级"),
            OpenApiParameter("matter", str, description="事项编码：只列出办理该事项的场所"),
            OpenApiParameter("street", str, description="所属街道（乡镇）名称"),
            OpenApiParameter("q", str, description="名称或地址中的文字"),
            OpenApiParameter(
                "crs",
                str,
                enum=[WGS84, GCJ02],
                description="gcj02：坐标换算为 GCJ-02，供国内底图显示；默认 wgs84",
            ),
        ],
        responses={
            (200, "application/geo+json"): OpenApiResponse(FEATURE_COLLECTION_SCHEMA),
            (400, "application/json"): OpenApiResponse(ERROR_SCHEMA, description="参数有误"),
        },
    )
    def get(self, request):
        filterset, venues = map_venues(request.query_params)
        if not filterset.is_valid():
            raise ValidationError({k: list(v) for k, v in filterset.errors.items()})
        crs = filterset.form.cleaned_data.get("crs") or WGS84
        collection = feature_collection(venues, request.build_absolute_uri, crs=crs)
        return JsonResponse(
            collection,
            content_type="application/geo+json",
            json_dumps_params={"ensure_ascii": False},
        )
