"""The indicators of the annual evaluation (R24): each computed from the records of a year for every ministry at
once, in a fixed number of queries, with the records behind every figure.

An indicator's value is from 0 to 1, or None when the ministry has nothing it counts (e.g. a ministry the act
exempts has no obligations, a ministry without visits no measures). Each reuses the definition the rest of
Kezdesu has: the obligations engine for what was due and met, `followup.domain.queries.states` for overdue
measures, the questions' moderation for which questions count. A committee's visits count for its ministry.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from functools import partial

from django.db.models import Count, Sum
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kezdesu.followup.domain.progress_reports import LANGUAGES, Translated
from kezdesu.followup.domain.queries.states import CLOSED_ISSUE_STATUSES, is_measure_overdue, public_issues
from kezdesu.followup.models import Measure, MeasureStatus, ProblemIssue, Publication
from kezdesu.meetings.interfaces.public_page import visit_title
from kezdesu.meetings.models import LiveMeeting, Visit
from kezdesu.organisations.models import Organisation
from kezdesu.questions.models import Question
from kezdesu.regulations.domain.obligations import Obligation, ObligationState, obligations_between
from kezdesu.regulations.models import ObligationRule


class Outcome:
    """What became of one record, as the ministry's page shows it."""

    ON_TIME = "on_time"
    LATE = "late"
    OVERDUE = "overdue"
    NOT_DONE = "not_done"
    NOT_SOLVABLE = "not_solvable"
    IN_PROGRESS = "in_progress"
    HELD = "held"


OUTCOME_LABELS: dict[str, Promise] = {
    Outcome.ON_TIME: gettext_lazy("on time"),
    Outcome.LATE: gettext_lazy("late"),
    Outcome.OVERDUE: gettext_lazy("overdue"),
    Outcome.NOT_DONE: gettext_lazy("not done"),
    Outcome.NOT_SOLVABLE: gettext_lazy("cannot be solved (explained)"),
    Outcome.IN_PROGRESS: gettext_lazy("being solved, not late"),
    Outcome.HELD: gettext_lazy("held"),
}
# The site's state classes (site.css): met, overdue, open.
OUTCOME_STATES = {
    Outcome.ON_TIME: "met",
    Outcome.HELD: "met",
    Outcome.LATE: "overdue",
    Outcome.OVERDUE: "overdue",
    Outcome.NOT_DONE: "overdue",
    Outcome.NOT_SOLVABLE: "open",
    Outcome.IN_PROGRESS: "open",
}


@dataclass(frozen=True)
class RecordRef:
    """One record behind a figure: its label in each language, its address (without the language prefix) and
    what became of it (an `Outcome`)."""

    label: Translated
    url: str
    outcome: str
    by_hand: bool = False  # met by a reference typed by hand (done outside Kezdesu), shown as such

    def to_json(self) -> dict[str, object]:
        return {"label": self.label, "url": self.url, "outcome": self.outcome, "by_hand": self.by_hand}


@dataclass(frozen=True)
class IndicatorValue:
    numerator: int
    denominator: int
    value: Decimal | None  # 0..1, None when there is nothing to count
    records: list[RecordRef] = field(default_factory=list)


Compute = Callable[[int, list[Organisation], datetime.date], dict[int, IndicatorValue]]


@dataclass(frozen=True)
class Indicator:
    code: str
    title: Promise
    explanation: Promise
    default_weight: Decimal
    compute_all: Compute

    def compute(self, year: int, ministries: list[Organisation], *, today: datetime.date) -> dict[int, IndicatorValue]:
        return self.compute_all(year, ministries, today)


RATIO_PLACES = Decimal("0.0001")


def ratio(numerator: int, denominator: int) -> Decimal | None:
    if denominator == 0:
        return None
    return (Decimal(numerator) / Decimal(denominator)).quantize(RATIO_PLACES)


def _unprefixed(url: str) -> str:
    """A path without its language prefix: stored once, shown in the reader's language (`localised_url`)."""
    parts = url.split("/", 2)
    return "/" + parts[2] if len(parts) > 2 and parts[1] in LANGUAGES else url


def localised_url(url: str, language: str | None = None) -> str:
    language = (language or translation.get_language() or "kk")[:2]
    return f"/{language}{url}" if url.startswith("/") and not url.startswith("/api/") else url


def in_languages(make: Callable[[], object]) -> Translated:
    values = {}
    for code in LANGUAGES:
        with translation.override(code):
            values[code] = str(make())
    return values


def _ministry_of(organisation: Organisation | None, ministry_pks: set[int]) -> int | None:
    """The ministry a body's records count for: itself, or a committee's parent."""
    if organisation is None:
        return None
    if organisation.pk in ministry_pks:
        return organisation.pk
    return organisation.parent_id if organisation.parent_id in ministry_pks else None


def _value(records: list[RecordRef]) -> IndicatorValue:
    met = sum(1 for record in records if record.outcome == Outcome.ON_TIME)
    return IndicatorValue(numerator=met, denominator=len(records), value=ratio(met, len(records)), records=records)


def _by_ministry(ministries: list[Organisation], records: Iterable[tuple[int, RecordRef]]) -> dict[int, IndicatorValue]:
    grouped: dict[int, list[RecordRef]] = defaultdict(list)
    for ministry_pk, record in records:
        grouped[ministry_pk].append(record)
    return {ministry.pk: _value(grouped.get(ministry.pk, [])) for ministry in ministries}


# Obligations (R2, R20, R22): met on time, of those due so far.


def _year_bounds(year: int) -> tuple[datetime.date, datetime.date]:
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31)


def _obligations(role: str, year: int, ministries: list[Organisation], today: datetime.date) -> list[Obligation]:
    """The obligations of the rules with `role` due in the year that are due by `today` or already met."""
    start, end = _year_bounds(year)
    ministry_pks = {ministry.pk for ministry in ministries}
    return [
        obligation
        for obligation in obligations_between(start=start, end=end, organisations=ministries, today=today)
        if obligation.rule.role == role
        and obligation.debtor.organisation is not None
        and obligation.debtor.organisation.pk in ministry_pks
        and (obligation.state != ObligationState.OPEN)
    ]


def obligation_outcome(obligation: Obligation) -> str:
    if obligation.met_on is None:
        return Outcome.OVERDUE
    return Outcome.ON_TIME if obligation.met_on <= obligation.due else Outcome.LATE


def _obligation_label(obligation: Obligation) -> Translated:
    def label() -> str:
        return _("%(title)s, %(start)s – %(end)s (due %(due)s)") % {
            "title": obligation.rule.title,  # modeltranslation: in the active language
            "start": date_format(obligation.period_start, "d.m.Y"),
            "end": date_format(obligation.period_end, "d.m.Y"),
            "due": date_format(obligation.due, "d.m.Y"),
        }

    return in_languages(label)


def _obligation_record(obligation: Obligation) -> RecordRef:
    return RecordRef(
        label=_obligation_label(obligation),
        url=_unprefixed(reverse("office:obligation", kwargs={"key": obligation.key})),
        outcome=obligation_outcome(obligation),
        by_hand=obligation.by_hand,
    )


def _obligation_indicator(role: str) -> Compute:
    def compute(year: int, ministries: list[Organisation], today: datetime.date) -> dict[int, IndicatorValue]:
        obligations = _obligations(role, year, ministries, today)
        return _by_ministry(
            ministries,
            ((obligation.debtor.organisation.pk, _obligation_record(obligation)) for obligation in obligations),  # type: ignore[union-attr]
        )

    return compute


def _visits(pks: Iterable[int]) -> dict[int, Visit]:
    return Visit.objects.select_related("position", "region", "organisation").in_bulk(list(pks))


def _results_label(visit: Visit, due: datetime.date) -> str:
    return _("%(visit)s: results due %(due)s") % {"visit": visit_title(visit), "due": date_format(due, "d.m.Y")}


def _publications(year: int, ministries: list[Organisation], today: datetime.date) -> dict[int, IndicatorValue]:
    """The `visit-results` obligations (R20): their key ends with the visit's id; records are the results pages."""
    obligations = _obligations(ObligationRule.Role.VISIT_RESULTS, year, ministries, today)
    visit_pks = {int(obligation.key.rsplit(":", 1)[1]) for obligation in obligations}
    visits = _visits(visit_pks)
    # Results not published in Kezdesu (yet, or ever: recorded by hand) have no results page to link to; the
    # visit's page says what is due.
    with_results_page = set(
        Publication.objects.filter(visit_id__in=visit_pks, published_at__isnull=False).values_list(
            "visit_id", flat=True
        )
    )

    def records() -> Iterable[tuple[int, RecordRef]]:
        for obligation in obligations:
            visit = visits[int(obligation.key.rsplit(":", 1)[1])]
            label = in_languages(partial(_results_label, visit, obligation.due))
            page = "portal:visit_results" if visit.pk in with_results_page else "portal:visit_detail"
            url = _unprefixed(reverse(page, kwargs={"pk": visit.pk}))
            record = RecordRef(label=label, url=url, outcome=obligation_outcome(obligation), by_hand=obligation.by_hand)
            yield obligation.debtor.organisation.pk, record  # type: ignore[union-attr]

    return _by_ministry(ministries, records())


# Problem issues and measures (R19–R21): of the ministry's visits, public.


def _year_issues(year: int) -> list[ProblemIssue]:
    """Public problem issues with a measure due in the year, with all their measures."""
    with_measure = Measure.objects.filter(deadline__year=year).values("issue_id")
    return list(
        public_issues()
        .filter(pk__in=with_measure)
        .select_related("visit__organisation")
        .prefetch_related("measures")
        .order_by("visit_id", "number")
    )


def measure_outcome(measure: Measure, today: datetime.date) -> str | None:
    """None while it is not yet due and not finished (not counted)."""
    if measure.status == MeasureStatus.DONE:
        on_time = measure.completed_on is not None and measure.completed_on <= measure.deadline
        return Outcome.ON_TIME if on_time else Outcome.LATE
    if measure.status == MeasureStatus.NOT_DONE:
        return Outcome.NOT_DONE
    if is_measure_overdue(measure, today):
        return Outcome.OVERDUE
    return None


def issue_outcome(issue: ProblemIssue, today: datetime.date, year: int) -> str | None:
    """On time: solved no later than its last measure's deadline, or every measure done by its deadline.
    None while none of its measures of the year is due yet and it is not closed (not counted)."""
    measures = list(issue.measures.all())
    last_deadline = max(measure.deadline for measure in measures)
    all_on_time = all(measure_outcome(measure, today) == Outcome.ON_TIME for measure in measures)
    if issue.status == ProblemIssue.Status.SOLVED:
        solved_in_time = issue.solved_on is not None and issue.solved_on <= last_deadline
        return Outcome.ON_TIME if solved_in_time or all_on_time else Outcome.LATE
    if all_on_time:
        return Outcome.ON_TIME
    if issue.status == ProblemIssue.Status.NOT_SOLVABLE:
        return Outcome.NOT_SOLVABLE
    if any(is_measure_overdue(measure, today) for measure in measures):
        return Outcome.OVERDUE
    if any(measure.status == MeasureStatus.NOT_DONE for measure in measures):
        return Outcome.NOT_DONE
    due = [measure for measure in measures if measure.deadline.year == year and measure.deadline < today]
    if issue.status not in CLOSED_ISSUE_STATUSES and not due:
        return None
    finished = all(measure.status in (MeasureStatus.DONE, MeasureStatus.NOT_DONE) for measure in measures)
    return Outcome.LATE if finished else Outcome.IN_PROGRESS


def _issue_label(issue: ProblemIssue) -> Translated:
    title = {code: getattr(issue, f"title_{code}", "") or issue.title for code in LANGUAGES}
    return {code: f"{issue.visit_id}-{issue.number}. {title[code]}" for code in LANGUAGES}


def _issue_url(issue: ProblemIssue) -> str:
    return _unprefixed(reverse("portal:issue_detail", kwargs={"pk": issue.pk}))


def _issues_solved(year: int, ministries: list[Organisation], today: datetime.date) -> dict[int, IndicatorValue]:
    ministry_pks = {ministry.pk for ministry in ministries}

    def records() -> Iterable[tuple[int, RecordRef]]:
        for issue in _year_issues(year):
            ministry = _ministry_of(issue.visit.organisation, ministry_pks)
            outcome = issue_outcome(issue, today, year)
            if ministry is not None and outcome is not None:
                yield ministry, RecordRef(label=_issue_label(issue), url=_issue_url(issue), outcome=outcome)

    return _by_ministry(ministries, records())


def _measures(year: int, ministries: list[Organisation], today: datetime.date) -> dict[int, IndicatorValue]:
    ministry_pks = {ministry.pk for ministry in ministries}

    def records() -> Iterable[tuple[int, RecordRef]]:
        for issue in _year_issues(year):
            ministry = _ministry_of(issue.visit.organisation, ministry_pks)
            if ministry is None:
                continue
            for measure in issue.measures.all():
                outcome = measure_outcome(measure, today)
                if measure.deadline.year != year or outcome is None:
                    continue
                text = {code: getattr(measure, f"text_{code}", "") or measure.text for code in LANGUAGES}
                deadline = measure.deadline.strftime("%d.%m.%Y")
                label = {
                    code: f"{issue.visit_id}-{issue.number}: {text[code][:200]} ({deadline})" for code in LANGUAGES
                }
                yield ministry, RecordRef(label=label, url=_issue_url(issue), outcome=outcome)

    return _by_ministry(ministries, records())


# Participation: citizens per meeting held, relative to the best ministry.


def _participation_label(visit: Visit, count: int) -> str:
    return _("%(visit)s, %(date)s: %(count)s citizens") % {
        "visit": visit_title(visit),
        "date": date_format(visit.start_date, "d.m.Y"),
        "count": count,
    }


def _participation(year: int, ministries: list[Organisation], today: datetime.date) -> dict[int, IndicatorValue]:
    ministry_pks = {ministry.pk for ministry in ministries}
    held = list(
        Visit.objects.filter(status=Visit.Status.HELD, start_date__year=year, start_date__lte=today)
        .select_related("organisation", "position", "region")
        .order_by("start_date", "pk")
    )
    pks = [visit.pk for visit in held]
    # Counted questions are those not hidden by moderation (questions.domain.queries.analysis.counted_questions).
    questions = dict(
        Question.objects.filter(visit_id__in=pks)
        .exclude(status=Question.Status.HIDDEN)
        .values_list("visit_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    people = {
        row["part__visit_id"]: (row["hall"] or 0) + (row["online"] or 0)
        for row in LiveMeeting.objects.filter(part__visit_id__in=pks)
        .values("part__visit_id")
        .annotate(hall=Sum("attendance_hall"), online=Sum("online_viewers"))
        .order_by()
    }
    citizens: dict[int, int] = defaultdict(int)
    meetings: dict[int, int] = defaultdict(int)
    records: dict[int, list[RecordRef]] = defaultdict(list)
    for visit in held:
        owner = _ministry_of(visit.organisation, ministry_pks)
        if owner is None:
            continue
        count = questions.get(visit.pk, 0) + people.get(visit.pk, 0)
        citizens[owner] += count
        meetings[owner] += 1
        label = in_languages(partial(_participation_label, visit, count))
        url = _unprefixed(reverse("portal:visit_detail", kwargs={"pk": visit.pk}))
        records[owner].append(RecordRef(label=label, url=url, outcome=Outcome.HELD))
    per_meeting = {pk: Decimal(citizens[pk]) / meetings[pk] for pk in meetings}
    best = max(per_meeting.values(), default=Decimal(0))
    values = {}
    for ministry in ministries:
        if ministry.pk not in meetings:  # no meeting held, no one took part: it counts, as nothing
            values[ministry.pk] = IndicatorValue(numerator=0, denominator=0, value=Decimal(0))
            continue
        value = (per_meeting[ministry.pk] / best).quantize(RATIO_PLACES) if best else Decimal(0)
        values[ministry.pk] = IndicatorValue(
            numerator=citizens[ministry.pk],
            denominator=meetings[ministry.pk],
            value=value,
            records=records[ministry.pk],
        )
    return values


INDICATORS: dict[str, Indicator] = {
    indicator.code: indicator
    for indicator in (
        Indicator(
            code="meeting_frequency",
            title=gettext_lazy("Meetings held as often as the act requires"),
            explanation=gettext_lazy(
                "The first head's meetings with the population the act requires in the year (its "
                "“first head's meeting” obligations), counting those already due: the share met by their "
                "deadline."
            ),
            default_weight=Decimal("25"),
            compute_all=_obligation_indicator(ObligationRule.Role.FIRST_HEAD_MEETINGS),
        ),
        Indicator(
            code="publications_on_time",
            title=gettext_lazy("Results published on time"),
            explanation=gettext_lazy(
                "The visits whose results, problem issues and action plan were due for publication in the year "
                "(ten days after the meetings and reception end): the share published by the deadline."
            ),
            default_weight=Decimal("20"),
            compute_all=_publications,
        ),
        Indicator(
            code="quarterly_information_on_time",
            title=gettext_lazy("Quarterly information submitted on time"),
            explanation=gettext_lazy(
                "The quarterly information due to the authorized body in the year (by the 10th of the month "
                "after each quarter), counting those already due: the share submitted by the deadline."
            ),
            default_weight=Decimal("15"),
            compute_all=_obligation_indicator(ObligationRule.Role.QUARTERLY_INFORMATION),
        ),
        Indicator(
            code="issues_solved_on_time",
            title=gettext_lazy("Problem issues solved on time"),
            explanation=gettext_lazy(
                "The public problem issues of the ministry's visits with a measure due in the year, once one "
                "of them is due or the issue is closed: the share solved no later than its last measure's "
                "deadline, or with every measure done by its deadline."
            ),
            default_weight=Decimal("20"),
            compute_all=_issues_solved,
        ),
        Indicator(
            code="measures_on_time",
            title=gettext_lazy("Action-plan measures done on time"),
            explanation=gettext_lazy(
                "The measures of the action plans of the ministry's visits due in the year, once due or "
                "finished: the share done on or before their deadline."
            ),
            default_weight=Decimal("10"),
            compute_all=_measures,
        ),
        Indicator(
            code="participation",
            title=gettext_lazy("Citizens' participation"),
            explanation=gettext_lazy(
                "Citizens taking part per visit held in the year — questions received (not hidden by "
                "moderation), people in the hall and online viewers as recorded at the meetings — divided by "
                "the highest figure among the ministries, so the ministry with the most takes 1; a ministry "
                "that held no visit in the year takes 0."
            ),
            default_weight=Decimal("10"),
            compute_all=_participation,
        ),
    )
}


def indicator(code: str) -> Indicator:
    return INDICATORS[code]
