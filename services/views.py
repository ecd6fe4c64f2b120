"""The public pages: home, search, matter guide, venue directory and venue page, 大字版."""

import datetime

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db.models import Case, IntegerField, Prefetch, Value, When
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme

from .caching import cached
from .filters import MatterFilter, VenueFilter, clean_text, facet_counts
from .geo import BadLocation, by_distance, parse_latlng
from .models import (
    CalendarDay,
    Handling,
    LifeEvent,
    Matter,
    OpeningPeriod,
    Theme,
    Venue,
    VenueException,
)
from .search import highlight_terms, life_events, log
from .search.query import MAX_QUERY
from .stats import network_figures

PAGE_SIZE = 20
CALENDAR_AHEAD = datetime.timedelta(days=60)
LARGE_TEXT_AGE = 365 * 24 * 3600


@cached()
def home(request):
    return render(
        request,
        "services/home.html",
        {
            "figures": network_figures(),
            "themes": Theme.objects.order_by("-audience", "position", "name"),  # 个人 first
            # 人民帮办's platforms help with matters rather than handle them: not a place to search by.
            "levels": [c for c in Venue.Level.choices if c[0] != Venue.Level.HELP_PLATFORM],
            "no_application": Matter.objects.no_application()[:6],
            "instant": Matter.objects.instant().for_residents().most_available()[:6],
            "life_events": LifeEvent.objects.listed(),
        },
    )


def _count_cached_search(request, response):
    """A search answered from the cache is logged too: every search counts."""
    if response is not None and getattr(response, "search_logged", None):
        log.record_search(*response.search_logged)


@cached(browser=False, on_hit=_count_cached_search)
def search(request):
    q, q_notice = clean_query(request.GET.get("q"))
    data = request.GET.copy()
    data["q"] = q
    filterset = MatterFilter(data, queryset=Matter.objects.all())
    page, page_notice = _paginate(request, filterset.qs.select_related("department"))
    logged = None
    if q and "page" not in request.GET:  # a new search, not its next page
        logged = (q, page.paginator.count)
        log.record_search(*logged)
    response = render(
        request,
        "services/search.html",
        {
            "q": q,
            "terms": highlight_terms(q),
            "life_events": life_events(q) if q else [],  # 一件事 the query describes, shown first
            "page": page,
            "facets": facet_counts(filterset),
            "suggestions": _suggestions(q) if q and not page.paginator.count else [],
            "notices": [q_notice, *_form_errors(filterset), page_notice],
        },
    )
    response.search_logged = logged  # kept with the cached page, logged again on each hit
    return response


def search_open(request, code):
    """A result link: note which result of which search was opened, then go to the matter.

    The query travels in the link itself (never in a cookie), and only the normalised, masked
    query, the matter's code and its place are kept.
    """
    if "\x00" in code:
        raise Http404("没有这个事项。")
    matter = Matter.objects.filter(code=code).only("code").first()
    if matter is None:
        raise Http404("没有这个事项。")
    position = request.GET.get("at", "")
    if position.isdigit() and int(position) < 10_000:
        log.record_open(request.GET.get("q", "")[:200], matter.code, int(position))
    return HttpResponseRedirect(matter.get_absolute_url())


@cached(clock=True)
def matter(request, code):
    now = timezone.localtime()
    guide = Matter.objects.select_related("department").prefetch_related(
        "themes", "materials", "steps"
    )
    matter = get_object_or_404(guide, code=_code(code))
    handlings = Handling.objects.filter(matter=matter).select_related("venue")
    calendar, hours = _today_prefetch(now, "venue__")
    handlings = handlings.prefetch_related(*hours)
    streets = list(Venue.objects.streets().values_list("street_name", "latitude", "longitude"))
    origin, location_notice = _origin(request, streets)
    venues = _with_status([_with_handling(h) for h in handlings], now, calendar)
    if origin:
        venues = by_distance(venues, *origin)
    return render(
        request,
        "services/matter.html",
        {
            "matter": matter,
            "groups": _by_level(venues),
            "nearest": venues[0] if origin and venues else None,
            "streets": [name for name, _, _ in streets if name],
            "origin": origin,
            "location_notice": location_notice,
            "life_events": LifeEvent.objects.public().including(matter).only("code", "name"),
        },
    )


@cached(clock=True)
def venues(request):
    now = timezone.localtime()
    calendar, hours = _today_prefetch(now)
    listed = Venue.objects.order_by(_network_order(), "code").prefetch_related(*hours)
    filterset = VenueFilter(request.GET, queryset=listed)
    page, page_notice = _paginate(request, filterset.qs, per_page=30)
    _with_status(page.object_list, now, calendar)
    return render(
        request,
        "services/venues.html",
        {
            "filterset": filterset,
            "page": page,
            "notices": [*_form_errors(filterset), page_notice],
        },
    )


@cached(clock=True)
def venue(request, code):
    now = timezone.localtime()
    today = now.date()
    upcoming = VenueException.objects.filter(date__gte=today)
    listed = Venue.objects.select_related("parent").prefetch_related(
        "periods", Prefetch("exceptions", queryset=upcoming)
    )
    venue = get_object_or_404(listed, code=_code(code))
    calendar = list(CalendarDay.objects.filter(date__gte=today, date__lte=today + CALENDAR_AHEAD))
    days = {day.date: day for day in calendar}
    _with_status([venue], now, days)
    q, q_notice = clean_query(request.GET.get("q"))
    matters = Matter.objects.filter(handlings__venue=venue).select_related("department")
    page, page_notice = _paginate(request, matters.search(q) if q else matters)
    return render(
        request,
        "services/venue.html",
        {
            "venue": venue,
            "week": [
                (label, [p for p in venue.periods.all() if p.weekday == weekday])
                for weekday, label in OpeningPeriod.Weekday.choices
            ],
            "special_days": [(d, venue.periods_on(d.date, calendar=days)) for d in calendar],
            "q": q,
            "page": page,
            "notices": [q_notice, page_notice],
        },
    )


def large_text(request):
    """Turn 大字版 on (?on=1) or off and go back; a cookie remembers it, no JavaScript needed."""
    back = request.POST.get("next") or request.GET.get("next") or ""
    response = HttpResponseRedirect(_local_path(request, back) or reverse("services:home"))
    if (request.POST.get("on") or request.GET.get("on")) == "1":
        response.set_cookie(
            "large_text",
            "1",
            max_age=LARGE_TEXT_AGE,
            samesite="Lax",
            httponly=True,
            secure=request.is_secure(),
        )
    else:
        response.delete_cookie("large_text", samesite="Lax")
    return response


# Helpers -------------------------------------------------------------------------------------


def _local_path(request, url):
    """`url` if it is a path on this site, else "": never another host, a scheme or a URL name
    (django's redirect() would reverse a bare word such as "abc", and fail)."""
    if not url.startswith("/") or not url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return ""
    return url


def clean_query(raw):
    """(q, notice): the query without control characters, cut to MAX_QUERY characters."""
    q = clean_text(raw)
    if len(q) > MAX_QUERY:
        return q[:MAX_QUERY], f"搜索词太长，只按前 {MAX_QUERY} 个字搜索。"
    return q, ""


def _code(code):
    # PostgreSQL refuses NUL in a string: such a code cannot exist, so it is simply not found.
    if "\x00" in code:
        raise Http404("没有这个编码。")
    return code


def _suggestions(q, limit=5):
    """For "您是不是要找…": the matters whose names share the most characters with `q`."""
    chars = list(dict.fromkeys(c for c in q if "\u4e00" <= c <= "\u9fff"))[:8]
    if not chars:
        return []
    shared = sum(
        (Case(When(name__contains=c, then=1), default=0) for c in chars),
        Value(0, output_field=IntegerField()),
    )
    matters = Matter.objects.annotate(shared=shared).filter(shared__gte=min(2, len(chars)))
    return list(matters.order_by("-shared", "name")[:limit])


def _paginate(request, items, per_page=PAGE_SIZE):
    """(page, notice): a bad ?page= shows the first page, one past the end the last, with a note."""
    paginator = Paginator(items, per_page)
    raw = request.GET.get("page") or "1"
    try:
        return paginator.page(raw), ""
    except PageNotAnInteger:
        return paginator.page(1), f"页码“{raw[:20]}”不是有效的数字，已显示第 1 页。"
    except EmptyPage:
        if int(raw) < 1:
            return paginator.page(1), "页码必须从 1 开始，已显示第 1 页。"
        last = paginator.num_pages
        return paginator.page(last), f"一共只有 {last} 页，已显示最后一页。"


def _today_prefetch(now, prefix=""):
    """(calendar, prefetches): only what `Venue.periods_on` reads for today, for a list of venues.

    Lists show today's hours only, so they fetch today's weekday periods (the 调休 day's
    `as_weekday` when today is a make-up working day) and today's exceptions, not whole weeks.
    """
    today = now.date()
    calendar = {day.date: day for day in CalendarDay.objects.filter(date=today)}
    special = calendar.get(today)
    weekday = today.weekday()
    if special is not None and special.kind == CalendarDay.Kind.WORKDAY:
        weekday = special.as_weekday
    return calendar, [
        Prefetch(f"{prefix}periods", queryset=OpeningPeriod.objects.filter(weekday=weekday)),
        Prefetch(f"{prefix}exceptions", queryset=VenueException.objects.filter(date=today)),
    ]


def _with_status(venues, now, calendar):
    """Set `today` (its periods), `open_now` and a blank `distance_m` on each venue."""
    for venue in venues:
        venue.today = venue.periods_on(now.date(), calendar=calendar)
        venue.open_now = venue.is_open_at(now, calendar=calendar)
        venue.distance_m = None  # by_distance fills it in when the resident gives a location
    return venues


def _network_order():
    """The network's order (district centre first, kiosks last) rather than alphabetical."""
    levels = Venue.Level.values
    return Case(*(When(level=level, then=Value(i)) for i, level in enumerate(levels)))


def _with_handling(handling):
    """The venue of a handling, carrying its window and mode for the venue card."""
    handling.venue.handling = handling
    return handling.venue


def _by_level(venues):
    """[(level label, venues)] in the network's order, empty levels left out."""
    return [
        (label, group)
        for level, label in Venue.Level.choices
        if (group := [v for v in venues if v.level == level])
    ]


def _origin(request, streets):
    """((lat, lng) or None, notice) from the browser's ?lat=&lng= or a chosen ?street=."""
    lat, lng = request.GET.get("lat", ""), request.GET.get("lng", "")
    if lat or lng:
        try:
            return parse_latlng(f"{lat},{lng}"), ""
        except BadLocation as error:
            return None, f"{error}已按默认顺序列出。"
    street = request.GET.get("street")
    if not street:
        return None, ""
    for name, latitude, longitude in streets:
        if name == street:
            return (float(latitude), float(longitude)), ""
    return None, "没有找到这个街道，已按默认顺序列出。"


def _form_errors(filterset):
    """Friendly notes for filter values that do not exist; those filters are simply not applied."""
    return [
        f"{filterset.filters[name].label}：{message}已忽略这个条件。"
        for name, messages in filterset.errors.items()
        if name in filterset.filters
        for message in messages
    ]
