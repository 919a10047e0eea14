"""Kazakhstan's working-day calendar (S5): public holidays plus the Government's yearly transfers.

Public holidays, and the days that move when a holiday falls on a weekend, come from the
`holidays` package. The transfers the Government sets by decree each year (a day off moved to a
Monday, a working Saturday) are entered by the authorized body as `CalendarException` rows,
which win over the package.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date, timedelta
from functools import lru_cache

import holidays
from django.utils import translation
from django.utils.translation import gettext, gettext_noop, pgettext

from kezdesu.regulations.models import CalendarException

COUNTRY = "KZ"
SATURDAY = 5

# The package names Kazakhstan's holidays in Kazakh and English; Russian names come from our
# catalogue, keyed by the English name. Listed here so that makemessages finds them.
HOLIDAY_NAMES = (
    gettext_noop("New Year's Day"),
    gettext_noop("Orthodox Christmas"),
    gettext_noop("International Women's Day"),
    gettext_noop("Nowruz Holiday"),
    gettext_noop("Kazakhstan's People Solidarity Holiday"),
    gettext_noop("Defender of the Fatherland Day"),
    gettext_noop("Victory Day"),
    gettext_noop("Capital Day"),
    gettext_noop("Constitution Day"),
    gettext_noop("Republic Day"),
    gettext_noop("Independence Day"),
    gettext_noop("Eid al-Adha"),
)
_PACKAGE_LANGUAGE = {"kk": "kk", "en": "en_US"}


@lru_cache(maxsize=64)
def _package_year(year: int, language: str) -> tuple[dict[date, str], frozenset[date]]:
    """The package's holidays of one year in one of its languages, and its weekend working days.

    The package's data only change with a new release, so a process keeps them.
    """
    days = holidays.country_holidays(COUNTRY, years=year, language=language)
    return dict(days.items()), frozenset(d for d in days.weekend_workdays if d.year == year)


def _russian_name(english: str) -> str:
    """A holiday's name in Russian from our catalogue (the package has no Russian names)."""
    names = []
    for name in english.split("; "):
        if name.endswith(" (observed)"):
            base = gettext(name.removesuffix(" (observed)"))
            names.append(pgettext("holiday", "%(name)s (moved day off)") % {"name": base})
        elif name.endswith(" (estimated)"):
            base = gettext(name.removesuffix(" (estimated)"))
            names.append(pgettext("holiday", "%(name)s (estimated date)") % {"name": base})
        else:
            names.append(gettext(name))
    return "; ".join(names)


class WorkingCalendar:
    """Which days are working days, for the years it is asked about.

    Build one per request or per computation (`WorkingCalendar.for_range`): it reads the
    calendar exceptions of its years once, and more only when asked about another year.
    """

    def __init__(self, *, years: Iterable[int], exceptions: Iterable[CalendarException] | None = None) -> None:
        self._years: set[int] = set()
        self._exceptions: dict[date, CalendarException] = {}
        wanted = sorted(set(years))
        if exceptions is None:
            self._load_years(wanted)
        else:
            self._years.update(wanted)
            self._exceptions.update({exception.date: exception for exception in exceptions})

    @classmethod
    def for_range(cls, start: date, end: date) -> WorkingCalendar:
        # One year either side: a deadline may roll into the next year, a period start in the last.
        return cls(years=range(start.year - 1, end.year + 2))

    def _load_years(self, years: Iterable[int]) -> None:
        missing = sorted(set(years) - self._years)
        if not missing:
            return
        rows = CalendarException.objects.filter(date__year__gte=missing[0], date__year__lte=missing[-1])
        self._exceptions.update({row.date: row for row in rows if row.date.year in missing})
        self._years.update(missing)

    def exception_on(self, day: date) -> CalendarException | None:
        self._load_years([day.year])
        return self._exceptions.get(day)

    def is_working_day(self, day: date) -> bool:
        exception = self.exception_on(day)
        if exception is not None:
            return exception.kind == CalendarException.Kind.WORKING_DAY
        holidays_of_year, weekend_workdays = _package_year(day.year, "en_US")
        if day in weekend_workdays:
            return True
        return day.weekday() < SATURDAY and day not in holidays_of_year

    def next_working_day_on_or_after(self, day: date) -> date:
        while not self.is_working_day(day):
            day += timedelta(days=1)
        return day

    def add_working_days(self, day: date, count: int) -> date:
        """The `count`-th working day after `day` (`count` 0: `day` itself, or the next working day)."""
        if count <= 0:
            return self.next_working_day_on_or_after(day)
        while count:
            day += timedelta(days=1)
            if self.is_working_day(day):
                count -= 1
        return day

    def holiday_name(self, day: date, language: str | None = None) -> str | None:
        """The reason the day is off, in `language` (default: the active one); None on other days."""
        language = (language or translation.get_language() or "kk")[:2]
        exception = self.exception_on(day)
        if exception is not None:
            if exception.kind == CalendarException.Kind.WORKING_DAY:
                return None
            with translation.override(language):
                return exception.reason
        package_language = _PACKAGE_LANGUAGE.get(language, "en_US")
        names, _weekend_workdays = _package_year(day.year, package_language)
        name = names.get(day)
        if name is None or language in _PACKAGE_LANGUAGE:
            return name
        with translation.override(language):
            return _russian_name(name)

    def days_off(self, start: date, end: date) -> Iterator[date]:
        """Every day off from `start` to `end` inclusive, weekends included."""
        day = start
        while day <= end:
            if not self.is_working_day(day):
                yield day
            day += timedelta(days=1)
