"""Entering the Government's yearly transfers of days off and working Saturdays (S5).

Callers check `regulations.manage_calendar` to show the action; these functions check it again.
`actor=None` is the system (a data import), which may always change the calendar.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from kezdesu.core.domain.audit import changed, record_audit, snapshot
from kezdesu.core.errors import DomainError, NotPermitted
from kezdesu.regulations.domain.calendar import WorkingCalendar
from kezdesu.regulations.models import CalendarException

FIELDS = ("date", "kind", "reason_kk", "reason_ru", "reason_en", "act")


def _check_permission(actor: Any) -> None:
    if actor is not None and not actor.has_perm("regulations.manage_calendar"):
        raise NotPermitted(_("You may not change the working-day calendar."))


def validate_calendar_exception(
    *, day: date, kind: str, reason_kk: str, exception: CalendarException | None = None
) -> None:
    """Raise DomainError unless the entry would be valid (forms call it to show errors in place)."""
    exclude_pk = exception.pk if exception is not None else None
    if kind not in CalendarException.Kind.values:
        raise DomainError(_("Choose whether the day becomes a day off or a working day."), code="kind")
    if not reason_kk.strip():
        raise DomainError(_("Give the reason in Kazakh, e.g. the decree's title."), code="reason")
    clash = CalendarException.objects.filter(date=day)
    if exclude_pk is not None:
        clash = clash.exclude(pk=exclude_pk)
    if clash.exists():
        raise DomainError(_("This day is already moved. Change that entry instead."), code="duplicate")
    # Judge the day without its own entry: an exception must change something.
    others = CalendarException.objects.filter(date__year=day.year).exclude(date=day)
    working_otherwise = WorkingCalendar(years=[day.year], exceptions=others).is_working_day(day)
    if kind == CalendarException.Kind.DAY_OFF and not working_otherwise:
        raise DomainError(_("This day is already a day off."), code="already_off")
    if kind == CalendarException.Kind.WORKING_DAY and working_otherwise:
        raise DomainError(_("This day is already a working day."), code="already_working")


@transaction.atomic
def add_calendar_exception(
    *,
    actor: Any,
    day: date,
    kind: str,
    reason_kk: str,
    reason_ru: str = "",
    reason_en: str = "",
    act: str = "",
) -> CalendarException:
    _check_permission(actor)
    validate_calendar_exception(day=day, kind=kind, reason_kk=reason_kk)
    exception = CalendarException.objects.create(
        date=day,
        kind=kind,
        reason_kk=reason_kk.strip(),
        reason_ru=reason_ru.strip(),
        reason_en=reason_en.strip(),
        act=act.strip(),
    )
    new = snapshot(exception, FIELDS)
    record_audit(actor=actor, action="regulations.calendar_exception.add", target=exception, new=new)
    return exception


@transaction.atomic
def update_calendar_exception(
    *,
    actor: Any,
    exception: CalendarException,
    day: date,
    kind: str,
    reason_kk: str,
    reason_ru: str = "",
    reason_en: str = "",
    act: str = "",
) -> CalendarException:
    _check_permission(actor)
    current = CalendarException.objects.select_for_update().get(pk=exception.pk)
    validate_calendar_exception(day=day, kind=kind, reason_kk=reason_kk, exception=current)
    before = snapshot(current, FIELDS)
    current.date = day
    current.kind = kind
    # Per-language fields are added by modeltranslation, hence setattr.
    for field, value in (("reason_kk", reason_kk), ("reason_ru", reason_ru), ("reason_en", reason_en)):
        setattr(current, field, value.strip())
    current.act = act.strip()
    old, new = changed(before, snapshot(current, FIELDS))
    if new:
        current.save(update_fields=["date", "kind", "reason_kk", "reason_ru", "reason_en", "act"])
        record_audit(actor=actor, action="regulations.calendar_exception.update", target=current, old=old, new=new)
    return current


@transaction.atomic
def remove_calendar_exception(*, actor: Any, exception: CalendarException) -> None:
    _check_permission(actor)
    current = CalendarException.objects.select_for_update().get(pk=exception.pk)
    record_audit(
        actor=actor, action="regulations.calendar_exception.remove", target=current, old=snapshot(current, FIELDS)
    )
    current.delete()
