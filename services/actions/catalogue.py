"""Bulk writes to matters and venues: the admin's bulk actions call these."""

from collections import Counter
from collections.abc import Iterable

from django.contrib.auth.models import AbstractBaseUser
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from ..models import Generation, Handling, Matter, Venue
from .base import Report, _save_checked, bumps


def _label(matter):
    return f"“{matter.name}”（{matter.code}）"


def _kiosk_counts(matters):
    """matter id → how many self-service kiosks handle it, in one query for the whole batch."""
    links = Handling.objects.filter(
        matter__in=matters, venue__level=Venue.Level.SELF_SERVICE_KIOSK
    ).values_list("matter_id", flat=True)
    return Counter(links)


@bumps(Generation.Kind.PAGES)
def matters_mark_instant(*, matters: Iterable[Matter], by: AbstractBaseUser) -> Report:
    """Mark matters 即来即办, which also makes them 即办件 with a promised time of 0 days."""
    report = Report()
    for matter in matters:
        if matter.instant:
            report.unchanged += 1
            continue
        before = []
        if matter.handling_type != Matter.HandlingType.INSTANT:
            before.append(f"办件类型由“{matter.get_handling_type_display()}”改为“即办件”")
        if matter.promised_days != 0:
            before.append(f"承诺时限由 {matter.promised_days} 个工作日改为 0")
        matter.instant = True
        matter.handling_type = Matter.HandlingType.INSTANT
        matter.promised_days = 0
        label = _label(matter)
        if _save_checked(matter, by=by, report=report, label=label) and before:
            report.notes.append(f"{label}：{'，'.join(before)}。")
    return report


@bumps(Generation.Kind.PAGES)
def matters_mark_self_service(*, matters: Iterable[Matter], by: AbstractBaseUser) -> Report:
    """Mark matters 7×24 自助; warn about those no kiosk handles yet."""
    report = Report()
    matters = list(matters)
    kiosks = _kiosk_counts(matters)
    for matter in matters:
        if matter.self_service:
            report.unchanged += 1
            continue
        matter.self_service = True
        label = _label(matter)
        saved = _save_checked(matter, by=by, report=report, label=label)
        if saved and not kiosks[matter.pk]:
            report.notes.append(f"{label}尚无自助终端办理，请用“在场所添加办理”指定自助终端。")
    return report


@bumps(Generation.Kind.PAGES)
def matters_unmark_instant(*, matters: Iterable[Matter], by: AbstractBaseUser) -> Report:
    """Take the 即来即办 mark off. The handling type and promised time stay as they are (a
    即办件 of 0 days stays valid); a matter that is no longer same-day is edited on its page,
    where the promised time is entered."""
    report = Report()
    for matter in matters:
        if not matter.instant:
            report.unchanged += 1
            continue
        matter.instant = False
        label = _label(matter)
        if _save_checked(matter, by=by, report=report, label=label):
            report.notes.append(
                f"{label}：仍为“{matter.get_handling_type_display()}”，承诺时限 "
                f"{matter.promised_days} 个工作日；如改为承诺件，请在事项页面修改办件类型和承诺时限。"
            )
    return report


@bumps(Generation.Kind.PAGES)
def matters_unmark_self_service(*, matters: Iterable[Matter], by: AbstractBaseUser) -> Report:
    """Take the 7×24 自助 mark off; say which matters self-service kiosks still handle."""
    report = Report()
    matters = list(matters)
    kiosks = _kiosk_counts(matters)
    for matter in matters:
        if not matter.self_service:
            report.unchanged += 1
            continue
        matter.self_service = False
        label = _label(matter)
        saved = _save_checked(matter, by=by, report=report, label=label)
        if saved and kiosks[matter.pk]:
            report.notes.append(
                f"{label}仍在 {kiosks[matter.pk]} 台自助终端登记办理，如已停办，请用“从选定场所移除办理”移除。"
            )
    return report


def _add_handlings(*, matters, venues, by, mode, window):
    """Create the missing matter × venue links; returns how many were created."""
    matters, venues = list(matters), list(venues)
    existing = set(
        Handling.objects.filter(matter__in=matters, venue__in=venues).values_list(
            "matter_id", "venue_id"
        )
    )
    new = [
        Handling(matter=m, venue=v, mode=mode, window=window)
        for m in matters
        for v in venues
        if (m.pk, v.pk) not in existing
    ]
    bulk_create_with_history(new, Handling, default_user=by)
    return len(new)


@bumps(Generation.Kind.PAGES)
def matter_delegate_to_streets(*, matters: Iterable[Matter], by: AbstractBaseUser) -> Report:
    """下沉街道: set the flag and link each matter to every street centre, in one step."""
    report = Report()
    streets = list(Venue.objects.streets())
    if not streets:
        report.problems.append("还没有任何街道便民服务中心，无法下沉。")
        return report
    matters = list(matters)
    for matter in matters:
        if matter.delegated_to_street:
            report.unchanged += 1
            continue
        matter.delegated_to_street = True
        matter._history_user = by
        matter.save()
        report.changed += 1
    created = _add_handlings(
        matters=matters, venues=streets, by=by, mode=Handling.Mode.FULL, window=""
    )
    report.notes.append(f"在 {len(streets)} 个街道便民服务中心新增了 {created} 条办理地点。")
    return report


@bumps(Generation.Kind.PAGES)
def matter_add_to_venues(
    *,
    matters: Iterable[Matter],
    venues: Iterable[Venue],
    by: AbstractBaseUser,
    mode: str = Handling.Mode.FULL,
    window: str = "",
) -> Report:
    """Link each matter to each venue; links that already exist are left as they are."""
    matters, venues = list(matters), list(venues)
    created = _add_handlings(matters=matters, venues=venues, by=by, mode=mode, window=window)
    return Report(changed=created, unchanged=len(matters) * len(venues) - created)


@bumps(Generation.Kind.PAGES)
def matter_remove_from_venues(
    *, matters: Iterable[Matter], venues: Iterable[Venue], by: AbstractBaseUser
) -> Report:
    """Unlink each matter from each venue, and say which flags no longer hold."""
    matters, venues = list(matters), list(venues)
    report = Report()
    for handling in Handling.objects.filter(matter__in=matters, venue__in=venues):
        handling._history_user = by
        handling.delete()
        report.changed += 1
    if any(v.level == Venue.Level.STREET_CENTRE for v in venues):
        for matter in matters:
            if matter.delegated_to_street:
                report.notes.append(
                    f"{_label(matter)}仍标为下沉街道，但已不在全部街道便民服务中心办理。"
                )
    return report


@bumps(Generation.Kind.PAGES)
def matter_verify(*, matters: Iterable[Matter], by: AbstractBaseUser) -> Report:
    """核实: record that the guide was checked now, by `by`."""
    return _verify(matters, by=by)


@bumps(Generation.Kind.PAGES)
def venue_verify(*, venues: Iterable[Venue], by: AbstractBaseUser) -> Report:
    """核实: record that the venue's profile and hours were checked now, by `by`."""
    return _verify(venues, by=by)


def _verify(objs, *, by):
    now = timezone.now()
    report = Report()
    for obj in objs:
        obj.verified_at, obj.verified_by = now, by
        obj._history_user = by
        obj.save(update_fields=["verified_at", "verified_by", "updated_at"])
        report.changed += 1
    return report
