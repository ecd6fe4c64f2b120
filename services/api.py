"""The public, read-only JSON API (version 1), described at /api/v1/schema/ and /api/v1/docs/.

Conventions:
- Lists are paginated: `page` from 1, `page_size` from 1 to 100 (default 20). A page that is
  not a whole number ≥ 1 is a 400, one past the last page a 404 (it does not exist); page 1 of
  an empty result is an empty list (count 0).
- Filters are the FilterSets of services/filters.py, the same as the pages'. An unknown value
  (department, theme, level, street, a flag that is not 1/0 …) is a 400 naming the parameter.
- `q`: control characters are removed (never an error); an empty `q` filters nothing; more than
  100 characters is a 400. SQL or HTML in `q` is just text.
- Every error is JSON `{"detail": "<中文说明>"}`; a 400 for parameters adds
  `"errors": {"<参数>": ["<说明>", …]}`. An unknown path under /api/ is a JSON 404 too.
- HEAD is answered wherever GET is; the answer is JSON whatever Accept asks for (never a 406).
- services/api_schema.py adds to the OpenAPI description what is not inferred from the code.
"""

import datetime
import re
from urllib.parse import urlencode

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Case, Prefetch, When
from django.http import HttpResponsePermanentRedirect, JsonResponse
from django.urls import Resolver404, resolve, reverse
from django.utils import timezone, translation
from django.views import defaults
from django.views.decorators.csrf import csrf_exempt
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import generics
from rest_framework import serializers as drf_serializers
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.pagination import PageNumberPagination
from rest_framework.views import APIView
from rest_framework.views import exception_handler as drf_exception_handler

from . import search
from .caching import Policy, RowsByGeneration
from .filters import MatterFilter, QueryField, VenueFilter, clean_text
from .geo import BadLocation, by_distance, parse_latlng
from .models import CalendarDay, Handling, Matter, Venue, VenueException
from .search.query import MAX_QUERY
from .serializers import (
    MatterDetailSerializer,
    MatterListSerializer,
    StatsSerializer,
    VenueDetailSerializer,
    VenueListSerializer,
    matter_list_item,
    matter_url,
)
from .stats import network_figures

MAX_PAGE_SIZE = 100
# A venue page lists this many of its matters; `matters_url` pages through all of them.
MATTERS_SHOWN = 50
EXCEPTIONS_AHEAD = datetime.timedelta(days=60)
_DIGITS = re.compile(r"[0-9]+")


def exception_handler(exc, context):
    """DRF's handler, with parameter errors gathered into one Chinese `detail`."""
    response = drf_exception_handler(exc, context)
    if (
        response is not None
        and isinstance(exc, ValidationError)
        and isinstance(response.data, dict)
        and "detail" not in response.data
    ):
        errors = {
            name: [str(m) for m in (messages if isinstance(messages, list) else [messages])]
            for name, messages in response.data.items()
        }
        detail = "；".join(f"参数 {name} 有误：{''.join(msgs)}" for name, msgs in errors.items())
        response.data = {"detail": detail, "errors": errors}
    return response


def _bad(param, message):
    return ValidationError({param: [message]})


class Pagination(PageNumberPagination):
    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE

    # Exactly the integers the description declares: no blank, no spaces, no sign.
    def get_page_size(self, request):
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None:
            return self.page_size
        if not _DIGITS.fullmatch(raw) or len(raw) > 3 or not 1 <= int(raw) <= MAX_PAGE_SIZE:
            raise _bad("page_size", f"每页条数必须是 1 到 {MAX_PAGE_SIZE} 之间的整数。")
        return int(raw)

    def paginate_queryset(self, queryset, request, view=None):
        paginator = self.django_paginator_class(queryset, self.get_page_size(request))
        raw = request.query_params.get(self.page_query_param, "1")
        if not _DIGITS.fullmatch(raw) or not raw.strip("0"):
            raise _bad("page", "页码必须是从 1 开始的整数。")
        # A 5,000-digit page is past the end too; int() of it would raise.
        if len(raw) > 18 or int(raw) > paginator.num_pages:
            raise NotFound(f"页码超出范围：共 {paginator.num_pages} 页。")
        self.page = paginator.page(int(raw))
        self.request = request
        return list(self.page)

    def get_schema_operation_parameters(self, view):
        page, size = super().get_schema_operation_parameters(view)
        page["description"] = "页码，从 1 开始；超过最后一页时返回 404"
        page["schema"].update(minimum=1)
        size["description"] = f"每页条数，1–{MAX_PAGE_SIZE}，默认 {self.page_size}"
        size["schema"].update(minimum=1, maximum=MAX_PAGE_SIZE, default=self.page_size)
        return [page, size]


class AlwaysJson(BaseContentNegotiation):
    """JSON whatever the Accept header or ?format= says: there is nothing else to offer."""

    def select_parser(self, request, parsers):
        return parsers[0]

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type


class PublicApiMixin:
    """JSON, with error messages in Chinese whatever the client's Accept-Language."""

    content_negotiation_class = AlwaysJson

    def dispatch(self, request, *args, **kwargs):
        with translation.override("zh-hans"):
            return super().dispatch(request, *args, **kwargs)


def _code(code, what):
    # PostgreSQL refuses NUL in a string: such a code cannot exist.
    if "\x00" in code:
        raise NotFound(f"没有这个{what}编码。")
    return code


# A searched page's rows, read once per process and generation (services/caching.py).
_list_rows = RowsByGeneration(lambda pks: Matter.objects.list_rows(pks))


@extend_schema(
    summary="事项列表与搜索",
    description="有 q 时按相关度排序，否则按部门和编码排序。visits=N 表示到现场次数不超过 N。",
)
class MatterList(PublicApiMixin, generics.ListAPIView):
    cache_policy = Policy(page=False)
    queryset = Matter.objects.select_related("department")
    serializer_class = MatterListSerializer
    filter_backends = [DjangoFilterBackend]
    filterset_class = MatterFilter
    pagination_class = Pagination
    SEARCH_ONLY = frozenset({"q", "page", "page_size"})

    def list(self, request, *args, **kwargs):
        if request.query_params.keys() <= self.SEARCH_ONLY:
            q = _query(request.query_params.get("q", ""))
            if q:
                return self.search(request, q)
        return super().list(request, *args, **kwargs)

    def search(self, request, q):
        """A search with no other filter (most API calls): the index gives the count and the
        order, one plain query the page's rows; no FilterSet form, no copies of querysets,
        no model instances."""
        ranked = [pk for pk, _ in search.ranked(Matter.objects.all(), q)]
        shown = self.paginate_queryset(ranked)
        rows = {row[0]: row for row in _list_rows(shown)}
        context = self.get_serializer_context()
        url = matter_url(context)
        items = [matter_list_item(rows[pk], context, url) for pk in shown if pk in rows]
        return self.get_paginated_response(items)


def _query(raw):
    """`q` as MatterFilter cleans it (the same field, so the same 400 when too long)."""
    try:
        return QueryField().clean(raw)
    except DjangoValidationError as error:
        raise _bad("q", error.messages[0]) from None


@extend_schema(summary="事项办事指南", description="完整办事指南，以及办理该事项的服务场所。")
class MatterDetail(PublicApiMixin, generics.RetrieveAPIView):
    cache_policy = Policy(page=False)
    queryset = Matter.objects.select_related("department").prefetch_related(
        "themes",
        "materials",
        "steps",
        Prefetch("handlings", queryset=Handling.objects.select_related("venue")),
    )
    serializer_class = MatterDetailSerializer

    def get_object(self):
        code = _code(self.kwargs["code"], "事项")
        try:
            return self.get_queryset().get(code=code)
        except Matter.DoesNotExist:
            raise NotFound(f"没有编码为“{code}”的事项。") from None


@extend_schema(
    summary="服务场所列表",
    description="有 near 时按距离由近到远排序（不限半径），每个场所带 distance_m。",
    parameters=[
        OpenApiParameter(
            "near",
            str,
            description="位置“纬度,经度”，如 34.72,113.64；格式不对时返回 400",
        )
    ],
)
class VenueList(PublicApiMixin, generics.ListAPIView):
    cache_policy = Policy(page=False)
    # Network order (district centre, halls, streets, stations, kiosks), not the codes' alphabet.
    queryset = Venue.objects.alias(
        level_rank=Case(*(When(level=v, then=i) for i, v in enumerate(Venue.Level.values)))
    ).order_by("level_rank", "code")
    serializer_class = VenueListSerializer
    filter_backends = [DjangoFilterBackend]
    filterset_class = VenueFilter
    pagination_class = Pagination

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        near = self.request.query_params.get("near", "")
        if not near.strip():  # as the description says: blank is no location
            return queryset
        try:
            lat, lng = parse_latlng(near)
        except BadLocation as error:
            raise _bad("near", str(error)) from None
        # A few hundred venues: sorting them in Python is cheaper than a spatial index.
        return by_distance(queryset, lat, lng)


@extend_schema(
    summary="服务场所详情",
    description=(
        f"办公时间、今天起 60 天内的特殊安排、现在是否开放，以及在此办理的前 {MATTERS_SHOWN} "
        "个事项（全部见 matters_url，分页）。"
    ),
)
class VenueDetail(PublicApiMixin, generics.RetrieveAPIView):
    cache_policy = Policy(page=False, clock=True)
    serializer_class = VenueDetailSerializer

    def get_object(self):
        code = _code(self.kwargs["code"], "场所")
        now = timezone.localtime()
        today = now.date()
        upcoming = VenueException.objects.filter(
            date__gte=today, date__lte=today + EXCEPTIONS_AHEAD
        )
        listed = Venue.objects.select_related("parent").prefetch_related(
            "periods", Prefetch("exceptions", queryset=upcoming)
        )
        try:
            venue = listed.get(code=code)
        except Venue.DoesNotExist:
            raise NotFound(f"没有编码为“{code}”的服务场所。") from None
        calendar = {day.date: day for day in CalendarDay.objects.filter(date=today)}
        venue.open_now = venue.is_open_at(now, calendar=calendar)
        venue.upcoming_exceptions = venue.exceptions.all()
        matters = Matter.objects.filter(handlings__venue=venue).select_related("department")
        venue.matters_count = matters.count()
        venue.matters_shown = list(matters[:MATTERS_SHOWN])
        venue.matters_url = self.request.build_absolute_uri(
            f"{reverse('api:matters')}?{urlencode({'venue': venue.code})}"
        )
        return venue


class Stats(PublicApiMixin, APIView):
    cache_policy = Policy(page=False)

    @extend_schema(summary="网络数字", responses=StatsSerializer)
    def get(self, request):
        # The exact bytes of the first version: JsonResponse, not DRF's renderer.
        return JsonResponse(network_figures(), json_dumps_params={"ensure_ascii": False})


class Suggest(PublicApiMixin, APIView):
    @extend_schema(
        summary="输入提示",
        description="搜索框的输入提示：群众说法（word）和事项（matter），最多 10 条；支持拼音和首字母。",
        parameters=[OpenApiParameter("q", str, description="已输入的文字，最多 100 个字")],
        responses=inline_serializer(
            "Suggestions",
            {
                "results": drf_serializers.ListField(
                    child=inline_serializer(
                        "Suggestion",
                        {
                            "text": drf_serializers.CharField(),
                            "kind": drf_serializers.ChoiceField(["word", "matter", "life_event"]),
                            "url": drf_serializers.CharField(),
                        },
                    )
                )
            },
        ),
    )
    def get(self, request):
        raw = request.GET.get("q", "")
        # The limit counts what was sent, as the description's maxLength does.
        if len(raw) > MAX_QUERY:
            raise _bad("q", f"搜索词太长：最多 {MAX_QUERY} 个字，现在是 {len(raw)} 个字。")
        results = search.suggest(clean_text(raw))
        return JsonResponse({"results": results}, json_dumps_params={"ensure_ascii": False})


def server_error(request):
    """handler500: JSON under /api/ (a client reads `detail`), the 500 page elsewhere."""
    if request.path_info.startswith("/api/"):
        return JsonResponse(
            {"detail": "服务器出错了，请稍后再试。"},
            status=500,
            json_dumps_params={"ensure_ascii": False},
        )
    return defaults.server_error(request)


@csrf_exempt  # any method: the answer is the same 404
def not_found(request, rest=""):
    """Every other path under /api/: a JSON 404 (a missing final slash is added, as elsewhere)."""
    if not request.path_info.endswith("/"):
        try:
            if resolve(request.path_info + "/").func is not not_found:
                return HttpResponsePermanentRedirect(request.get_full_path(force_append_slash=True))
        except Resolver404:
            pass
    return JsonResponse(
        {"detail": f"没有这个接口：{request.path_info[:200]}。接口列表见 /api/v1/docs/。"},
        status=404,
        json_dumps_params={"ensure_ascii": False},
    )
