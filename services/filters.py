"""The one place where matter and venue lists are filtered: used by the pages and the API.

Unknown values (a department code, theme or street that does not exist, a flag that is not
1/0) are form errors, never silently ignored here: the API answers 400 naming the parameter,
the pages say the filter was ignored (django-filter drops invalid fields from `qs`).

Filters that look through handlings (level, street) use EXISTS subqueries, so a matter
handled at many venues is still one row and the search's relevance order is kept.
"""

import re

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Count, Exists, OuterRef, Q

from .caching import per_generation
from .models import Department, Handling, LifeEvent, Matter, Theme, Venue
from .search import search
from .search.query import MAX_QUERY

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def clean_text(value):
    """Control characters become spaces and runs of spaces collapse: they are never an error."""
    return " ".join(_CONTROL.sub(" ", value or "").split())


class QueryField(forms.CharField):
    """Search words: control characters stripped, at most MAX_QUERY characters."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("strip", False)  # clean_text does it; the limit counts what was sent
        super().__init__(**kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        if len(value) > MAX_QUERY:
            raise ValidationError(
                f"搜索词太长：最多 {MAX_QUERY} 个字，现在是 {len(value)} 个字。", code="max_length"
            )
        return clean_text(value)


class QueryFilter(django_filters.CharFilter):
    field_class = QueryField


class FlagField(forms.Field):
    """A yes/no filter: 1/true/on means yes, 0/false/off means no, empty means not filtered."""

    YES = {"1", "true", "on", "yes"}
    NO = {"0", "false", "off", "no"}

    def to_python(self, value):
        text = str(value or "").strip().lower()
        if not text:
            return None
        if text in self.YES:
            return True
        if text in self.NO:
            return False
        raise ValidationError("只能填 1（是）或 0（否）。", code="invalid")


class FlagFilter(django_filters.Filter):
    field_class = FlagField


def _invalid(what):
    return {"invalid_choice": f"没有这个{what}：“%(value)s”。"}


@per_generation  # asked on every request that shows or checks the street filter
def street_choices():
    names = Venue.objects.exclude(street_name="").values_list("street_name", flat=True)
    return [(name, name) for name in names.distinct().order_by("street_name")]


def _handled_at(**lookups):
    return Exists(Handling.objects.filter(matter=OuterRef("pk"), **lookups))


# Which audience values a choice matches: a matter for both serves persons and enterprises.
AUDIENCE_MATCHES = {
    Matter.Audience.PERSON: [Matter.Audience.PERSON, Matter.Audience.BOTH],
    Matter.Audience.ENTERPRISE: [Matter.Audience.ENTERPRISE, Matter.Audience.BOTH],
    Matter.Audience.BOTH: [Matter.Audience.BOTH],
}

FLAGS = [
    ("instant", "即来即办"),
    ("no_application", "免申即享"),
    ("self_service", "7×24 自助"),
    ("delegated_to_street", "下沉街道"),
    ("cross_province", "跨省通办"),
]

# visits=N means "at most N visits": 0 is fully online, 1 is 最多跑一次.
VISITS_CHOICES = [("0", "无需到现场"), ("1", "最多跑一次")]


class MatterFilter(django_filters.FilterSet):
    q = QueryFilter(
        label="搜索词",
        method="filter_q",
        help_text="群众说法、拼音或首字母均可；最多 100 个字，控制字符会被去掉；有 q 时按相关度排序",
    )
    department = django_filters.ModelChoiceFilter(
        label="实施部门",
        queryset=Department.objects.all(),
        to_field_name="code",
        error_messages=_invalid("部门编码"),
        help_text="实施部门编码",
    )
    theme = django_filters.ModelChoiceFilter(
        label="主题分类",
        field_name="themes",
        queryset=Theme.objects.all(),
        to_field_name="slug",
        error_messages=_invalid("主题"),
        help_text="主题分类标识（slug）",
    )
    audience = django_filters.ChoiceFilter(
        label="服务对象",
        choices=Matter.Audience.choices,
        method="filter_audience",
        error_messages=_invalid("服务对象"),
        help_text="person 也包括面向个人和法人（both）的事项，enterprise 同理",
    )
    level = django_filters.ChoiceFilter(
        label="办理场所层级",
        choices=Venue.Level.choices,
        method="filter_level",
        error_messages=_invalid("场所层级"),
        help_text="在这一层级的场所可以办理",
    )
    street = django_filters.ChoiceFilter(
        label="街道",
        choices=street_choices,
        method="filter_street",
        error_messages=_invalid("街道"),
        help_text="在这个街道（如 长江路街道）的场所可以办理",
    )
    venue = django_filters.ModelChoiceFilter(
        label="办理场所",
        queryset=Venue.objects.all(),
        to_field_name="code",
        method="filter_venue",
        error_messages=_invalid("场所编码"),
        help_text="在这个场所（编码）可以办理",
    )
    instant = FlagFilter(label="即来即办")
    no_application = FlagFilter(label="免申即享")
    self_service = FlagFilter(label="7×24 自助")
    delegated_to_street = FlagFilter(label="下沉街道")
    cross_province = FlagFilter(label="跨省通办")
    online = FlagFilter(label="可网办", method="filter_online", help_text="有网上办理地址")
    visits = django_filters.ChoiceFilter(
        label="跑动次数",
        choices=VISITS_CHOICES,
        method="filter_visits",
        error_messages=_invalid("跑动次数"),
        help_text="到现场次数不超过 N：0 无需到现场，1 最多跑一次",
    )

    class Meta:
        model = Matter
        fields = []

    def filter_queryset(self, queryset):
        # The search goes last: it lists the most relevant of the matters the other filters
        # left, so a department or street filter never loses matches to the search's cap.
        data = dict(self.form.cleaned_data)
        q = data.pop("q", "")
        for name, value in data.items():
            queryset = self.filters[name].filter(queryset, value)
        return self.filters["q"].filter(queryset, q)

    def filter_q(self, queryset, name, value):
        # services.search decides matching and relevance order; other filters keep that order.
        return search(queryset, value) if value else queryset

    def filter_audience(self, queryset, name, value):
        return queryset.filter(audience__in=AUDIENCE_MATCHES[value])

    def filter_level(self, queryset, name, value):
        return queryset.filter(_handled_at(venue__level=value))

    def filter_street(self, queryset, name, value: str):
        return queryset.filter(_handled_at(venue__street_name=value))

    def filter_venue(self, queryset, name, value: str):  # hint: the parameter type, for the schema
        return queryset.filter(_handled_at(venue=value))

    def filter_online(self, queryset, name, value: bool):
        return queryset.exclude(online_url="") if value else queryset.filter(online_url="")

    def filter_visits(self, queryset, name, value: str):
        return queryset.filter(visits__lte=int(value))


class VenueFilter(django_filters.FilterSet):
    q = QueryFilter(label="名称或地址", method="filter_q")
    level = django_filters.ChoiceFilter(
        label="层级", choices=Venue.Level.choices, error_messages=_invalid("场所层级")
    )
    street = django_filters.ChoiceFilter(
        label="街道",
        field_name="street_name",
        choices=street_choices,
        error_messages=_invalid("街道"),
    )

    class Meta:
        model = Venue
        fields = []

    def filter_q(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(Q(name__icontains=value) | Q(address__icontains=value))


def matter_facets(queryset, selected=None):
    """Counts per facet value over `queryset` (already filtered), in five queries.

    Returns a list of facets, each {"name", "label", "options"}; an option is
    {"param", "value", "label", "count", "selected"}, so a link is `?<param>=<value>`.
    Only values with at least one matter are listed. `selected` is the request's GET data.
    """
    selected = selected or {}
    base = queryset.order_by()
    query = base.query
    if query.annotations or query.distinct or query.is_sliced or query.combinator:
        # Over the ids instead: the search's annotations must stay out of the GROUP BY.
        base = Matter.objects.filter(pk__in=base.values("pk"))
    flag_names = [name for name, _ in FLAGS]
    counts = base.aggregate(  # query 1: audience, flags, online, visits
        **{f"audience_{a}": Count("pk", filter=Q(audience=a)) for a in Matter.Audience.values},
        **{name: Count("pk", filter=Q(**{name: True})) for name in flag_names},
        online=Count("pk", filter=~Q(online_url="")),
        **{f"visits_{v}": Count("pk", filter=Q(visits__lte=int(v))) for v, _ in VISITS_CHOICES},
    )
    departments = (  # query 2
        base.values_list("department__code", "department__name")
        .annotate(n=Count("pk"))
        .order_by("department__position", "department__code")
    )
    themes = (  # query 3
        base.filter(themes__isnull=False)
        .values_list("themes__slug", "themes__name")
        .annotate(n=Count("pk"))
        .order_by("themes__audience", "themes__position", "themes__name")
    )
    handlings = Handling.objects.filter(matter__in=base).order_by()
    levels = dict(  # query 4
        handlings.values_list("venue__level").annotate(n=Count("matter", distinct=True))
    )
    streets = (  # query 5
        handlings.exclude(venue__street_name="")
        .values_list("venue__street_name")
        .annotate(n=Count("matter", distinct=True))
        .order_by("venue__street_name")
    )

    def option(param, value, label, count):
        chosen = str(selected.get(param, "")) == str(value)
        return {"param": param, "value": value, "label": label, "count": count, "selected": chosen}

    audience = [
        option(
            "audience",
            a,
            label,
            sum(counts[f"audience_{m}"] for m in AUDIENCE_MATCHES[a]),
        )
        for a, label in Matter.Audience.choices
    ]
    flags = [option(name, "1", label, counts[name]) for name, label in FLAGS]
    flags.append(option("online", "1", "可网办", counts["online"]))
    facets = [
        ("department", "实施部门", [option("department", c, n, k) for c, n, k in departments]),
        ("theme", "主题分类", [option("theme", s, n, k) for s, n, k in themes]),
        ("audience", "服务对象", audience),
        (
            "level",
            "办理场所",
            [
                option("level", v, label, levels[v])
                for v, label in Venue.Level.choices
                if v in levels
            ],
        ),
        ("street", "街道", [option("street", s, s, k) for s, k in streets]),
        ("flags", "办理方式", flags),
        (
            "visits",
            "跑动次数",
            [option("visits", v, label, counts[f"visits_{v}"]) for v, label in VISITS_CHOICES],
        ),
    ]
    return [
        {"name": name, "label": label, "options": [o for o in options if o["count"]]}
        for name, label, options in facets
    ]


def facet_counts(filterset):
    """Facets for a bound MatterFilter: counts over its filtered rows, its values marked."""
    return matter_facets(filterset.qs, selected=filterset.data)


class LifeEventFilter(django_filters.FilterSet):
    """The 一件事 list (API); `audience` is said as on the page: 个人 or 企业; `q` finds the
    events a life situation is about, most relevant first (services/search/life.py)."""

    q = QueryFilter(
        label="生活情形",
        method="filter_q",
        help_text="用群众的说法描述要办的事（如“孩子出生了要办什么”）；只列出相关的一件事，最相关的在前",
    )
    audience = django_filters.ChoiceFilter(
        label="服务对象",
        choices=[(label, label) for _, label in LifeEvent.Audience.choices],
        method="filter_audience",
        error_messages=_invalid("服务对象"),
        help_text="个人 或 企业",
    )

    class Meta:
        model = LifeEvent
        fields = ["q", "audience"]

    def filter_audience(self, queryset, name, value):
        return queryset.for_audience(value)

    def filter_q(self, queryset, name, value):
        from .search.life import search as life_search

        return life_search(queryset, value) if value else queryset
