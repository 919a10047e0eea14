"""The agenda of a part of a visit, with planned durations (R15).

REG-2022 clause 3.3: «проводить не более одной четверти от запланированного для встречи времени с
презентацией доклада, остальную часть времени – в формате "вопросы-ответы"». The share comes from the
regulation profile in force on the visit's first day (`presentation_max_share`), so a future act may
change it without touching this code. The rule binds the meeting with the population; the other parts
(reception, NGOs, media) only have to fit in their own time.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from decimal import ROUND_HALF_UP, ROUND_UP, Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from kezdesu.core.domain.audit import record_audit
from kezdesu.core.errors import DomainError, NotPermitted
from kezdesu.meetings.models import AgendaItem, Visit, VisitPart
from kezdesu.regulations.domain.queries.profiles import profile_in_force
from kezdesu.regulations.models import RegulationProfile

LANGUAGES = ("kk", "ru", "en")
MAX_ITEMS = 30
MAX_MINUTES = 600  # no part of a visit lasts longer than a working day
TITLE_LENGTH = 300
CLOSED_STATUSES = (Visit.Status.HELD, Visit.Status.CANCELLED)


@dataclass(frozen=True)
class AgendaEntry:
    """One item as the editor or the API gives it; the position in the list is its order."""

    kind: str
    planned_minutes: int
    title_kk: str = ""
    title_ru: str = ""
    title_en: str = ""
    speaker: str = ""

    @classmethod
    def of(cls, item: AgendaItem) -> AgendaEntry:
        return cls(
            kind=item.kind,
            planned_minutes=item.planned_minutes,
            # modeltranslation's per-language fields, unknown to the type checker
            title_kk=getattr(item, "title_kk", "") or "",
            title_ru=getattr(item, "title_ru", "") or "",
            title_en=getattr(item, "title_en", "") or "",
            speaker=item.speaker,
        )


@dataclass(frozen=True)
class AgendaShare:
    """How much of the planned time the presentation takes, against the share allowed."""

    presentation_minutes: int
    total_minutes: int
    max_share: Decimal

    @property
    def share(self) -> Decimal:
        if not self.total_minutes:
            return Decimal(0)
        return Decimal(self.presentation_minutes) / Decimal(self.total_minutes)

    @property
    def within(self) -> bool:
        # Exact: 30 of 120 minutes is 25 % and allowed; 31 is not.
        return Decimal(self.presentation_minutes) <= self.max_share * self.total_minutes

    @property
    def allowed_minutes(self) -> int:
        return math.floor(self.max_share * self.total_minutes)

    @property
    def percent(self) -> str:
        """The share in whole per cent (33); with a tenth where a share over the limit would read as it."""
        exact = self.share * 100
        whole = exact.quantize(Decimal(1), rounding=ROUND_HALF_UP)
        if not self.within and whole <= self.max_share * 100:
            return _percent(exact.quantize(Decimal("0.1"), rounding=ROUND_UP))
        return _percent(whole)

    @property
    def max_percent(self) -> str:
        return _percent(self.max_share * 100)


def _percent(value: Decimal) -> str:
    """25, 33, 22.5 (22,5 in Kazakh and Russian): a tenth only where there is one."""
    places = 0 if value == value.to_integral_value() else 1
    return number_format(value, decimal_pos=places)


def max_presentation_share(visit: Visit) -> Decimal:
    """The share allowed by the profile in force on the visit's first day.

    Between two acts (no profile in force) both acts' quarter still stands as the model's default.
    """
    profile = profile_in_force(visit.start_date)
    if profile is None:
        return Decimal(RegulationProfile._meta.get_field("presentation_max_share").get_default())
    return profile.presentation_max_share


def presentation_share(items: Iterable[AgendaEntry | AgendaItem], *, max_share: Decimal) -> AgendaShare:
    """The presentation's minutes against the whole agenda's."""
    presentation = total = 0
    for item in items:
        minutes = item.planned_minutes or 0
        total += minutes
        if item.kind == AgendaItem.Kind.PRESENTATION:
            presentation += minutes
    return AgendaShare(presentation_minutes=presentation, total_minutes=total, max_share=max_share)


def part_minutes(part: VisitPart) -> int | None:
    """The part's length in minutes, if its start and end are set."""
    if part.starts_at is None or part.ends_at is None:
        return None
    return int((part.ends_at - part.starts_at).total_seconds() // 60)


def agenda_problems(*, part: VisitPart, items: Sequence[AgendaEntry], max_share: Decimal) -> list[str]:
    """Why the agenda cannot be saved, in the active language; empty when it can."""
    problems: list[str] = []
    if not items:
        return [_("The agenda needs at least one item.")]
    if len(items) > MAX_ITEMS:
        problems.append(_("An agenda has at most %(count)s items.") % {"count": MAX_ITEMS})
    kinds = set(AgendaItem.Kind.values)
    for number, item in enumerate(items, start=1):
        if item.kind not in kinds:
            problems.append(_("Item %(number)s: choose what kind of item it is.") % {"number": number})
        if not 1 <= item.planned_minutes <= MAX_MINUTES:
            problems.append(
                _("Item %(number)s: the planned time must be from 1 to %(max)s minutes.")
                % {"number": number, "max": MAX_MINUTES}
            )
        texts = (item.title_kk, item.title_ru, item.title_en, item.speaker)
        if any(len(text) > TITLE_LENGTH for text in texts):
            problems.append(
                _("Item %(number)s: a title or speaker has at most %(max)s characters.")
                % {"number": number, "max": TITLE_LENGTH}
            )
    if problems:
        return problems
    share = presentation_share(items, max_share=max_share)
    if part.kind == VisitPart.Kind.MEETING:
        if not any(item.kind == AgendaItem.Kind.QUESTIONS for item in items):
            problems.append(
                _(
                    "The meeting gives the time after the presentation to questions and answers: "
                    "add at least one questions-and-answers item."
                )
            )
        if not share.within:
            problems.append(
                _(
                    "The presentation takes %(minutes)s of %(total)s minutes (%(percent)s%%); at most "
                    "%(max_percent)s%% — %(allowed)s minutes — is allowed."
                )
                % {
                    "minutes": share.presentation_minutes,
                    "total": share.total_minutes,
                    "percent": share.percent,
                    "max_percent": share.max_percent,
                    "allowed": share.allowed_minutes,
                }
            )
    available = part_minutes(part)
    if available is not None and share.total_minutes > available:
        assert part.starts_at is not None
        assert part.ends_at is not None
        problems.append(
            _("The agenda takes %(total)s minutes, but the part lasts %(available)s minutes (%(start)s–%(end)s).")
            % {
                "total": share.total_minutes,
                "available": available,
                "start": timezone.localtime(part.starts_at).strftime("%H:%M"),
                "end": timezone.localtime(part.ends_at).strftime("%H:%M"),
            }
        )
    return problems


def _entries_snapshot(entries: Iterable[AgendaEntry]) -> list[dict[str, Any]]:
    return [{"order": order, **asdict(entry)} for order, entry in enumerate(entries, start=1)]


@transaction.atomic
def set_agenda(*, actor: Any, part: VisitPart, items: Sequence[AgendaEntry]) -> list[AgendaItem]:
    """Replace the part's agenda at once with `items`, in their order. Nothing changes if it is refused."""
    visit = part.visit
    if not actor.has_perm("meetings.edit_agenda", visit):
        raise NotPermitted(_("You may not change the agenda of this visit."))
    if visit.status in CLOSED_STATUSES:
        raise DomainError(_("The agenda of a held or cancelled visit cannot be changed."), code="closed")
    entries = [
        AgendaEntry(
            kind=item.kind,
            planned_minutes=item.planned_minutes,
            title_kk=item.title_kk.strip(),
            title_ru=item.title_ru.strip(),
            title_en=item.title_en.strip(),
            speaker=item.speaker.strip(),
        )
        for item in items
    ]
    problems = agenda_problems(part=part, items=entries, max_share=max_presentation_share(visit))
    if problems:
        raise DomainError(" ".join(problems), code="agenda")
    old = [AgendaEntry.of(item) for item in part.agenda.order_by("order")]
    if old == entries:
        return list(part.agenda.order_by("order"))
    part.agenda.all().delete()
    created = AgendaItem.objects.bulk_create(
        AgendaItem(
            part=part,
            order=order,
            kind=entry.kind,
            title_kk=entry.title_kk,
            title_ru=entry.title_ru,
            title_en=entry.title_en,
            speaker=entry.speaker,
            planned_minutes=entry.planned_minutes,
        )
        for order, entry in enumerate(entries, start=1)
    )
    record_audit(
        actor=actor,
        action="meetings.agenda.set",
        target=part,
        organisation=visit.organisation,
        old={"items": _entries_snapshot(old)},
        new={"items": _entries_snapshot(entries)},
    )
    return created
