"""The figures of a ministry's quarterly information (R22), as compiled from the records and as stored in the
snapshot of an approved pack. The half-year results (R23) add up the same counts over the ministries.

`QuarterCounts` holds every figure that can be summed; its field names are the snapshot's keys under "counts"
and are read by the half-year report, the dashboards and the API: add fields, never rename them.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field, fields
from typing import Any

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kezdesu.followup.domain.progress_reports import empty_translated, translated, visit_titles
from kezdesu.followup.domain.queries.progress_reports import end_of_day, last_updates, quarter_bounds
from kezdesu.followup.domain.queries.states import CLOSED_ISSUE_STATUSES, OPEN_MEASURE_STATUSES, with_overdue
from kezdesu.followup.models import Measure, MeasureStatus, ProblemIssue
from kezdesu.meetings.domain.queries.held import meeting_took_place, with_meeting_part
from kezdesu.meetings.models import Booking, LiveMeeting, Visit, VisitPart
from kezdesu.organisations.models import Organisation, Position
from kezdesu.planning.models import ScheduleItem, ScheduleVersion, SystemicProblem
from kezdesu.questions.models import Channel, Question
from kezdesu.regulations.domain.obligations import Obligation, ObligationState, obligations_between
from kezdesu.regulations.models import ObligationRule

Translated = dict[str, str]  # {"kk": ..., "ru": ..., "en": ...}
SNAPSHOT_VERSION = 1


@dataclass(frozen=True)
class QuarterCounts:
    # Meetings (R1–R4): required by the act (first head at least once a quarter), held, of them unscheduled.
    meetings_required: int = 0
    # The act's first-head obligations of the quarter that are met (by a meeting in Kezdesu, or one held outside
    # it and recorded by hand, counted apart): the same derived state the obligations page shows.
    meetings_required_met: int = 0
    meetings_outside_kezdesu: int = 0
    # Meetings that took place: by the first head, and by deputies and committee chairs (R5), counted apart.
    meetings_first_head: int = 0
    meetings_deputies: int = 0
    meetings_held: int = 0
    meetings_unscheduled: int = 0
    meetings_cancelled: int = 0
    # Participation: people in the hall and online viewers, as recorded at the meetings.
    participants_hall: int = 0
    participants_online: int = 0
    # Questions received, all channels together (by channel: QuarterFigures.questions_by_channel).
    questions: int = 0
    questions_answered: int = 0
    # Personal reception (R16): places booked and citizens received.
    reception_booked: int = 0
    reception_received: int = 0
    # Problem issues (R19) raised at the quarter's visits, and those solved by the quarter's end.
    issues_raised: int = 0
    issues_solved: int = 0
    issues_in_progress: int = 0
    issues_overdue: int = 0
    # The action plans (R20): measures due in the quarter, done, done on time, overdue at the quarter's end.
    measures_due: int = 0
    measures_done: int = 0
    measures_done_on_time: int = 0
    measures_overdue: int = 0
    # The ten-day publications (R20) due in the quarter: on time, late, not yet made.
    publications_due: int = 0
    publications_on_time: int = 0
    publications_late: int = 0
    publications_missing: int = 0
    # The akims' systemic problems (R11) received by the ministry in the quarter, and answered.
    systemic_problems_received: int = 0
    systemic_problems_answered: int = 0
    # Visits of the ministry in the approved schedule (G3.1) for the quarter, and visits recorded (any status).
    meetings_scheduled: int = 0
    visits: int = 0

    def __add__(self, other: QuarterCounts) -> QuarterCounts:
        return QuarterCounts(**{f.name: getattr(self, f.name) + getattr(other, f.name) for f in fields(self)})

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> QuarterCounts:
        known = {f.name for f in fields(cls)}
        return cls(**{key: int(value) for key, value in data.items() if key in known})


@dataclass(frozen=True)
class MeetingRow:
    """One visit of the quarter: who held it, where, whether scheduled, and what it gathered."""

    visit_pk: int
    title: Translated
    held_by: Translated  # the position of the head who held it
    region: Translated
    district: Translated
    start_date: str
    end_date: str
    status: str  # the visit's status
    scheduled: bool
    participants_hall: int
    participants_online: int
    questions: int
    reception_booked: int
    reception_received: int
    issues_raised: int
    published_on_time: bool | None  # the ten-day publication: False if late or overdue; None if not yet due


@dataclass(frozen=True)
class QuarterFigures:
    organisation: str  # its code
    organisation_name: Translated
    year: int
    quarter: int
    start: str
    end: str
    as_of: str
    counts: QuarterCounts
    questions_by_channel: dict[str, int] = field(default_factory=dict)
    meetings: list[MeetingRow] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {"version": SNAPSHOT_VERSION, **asdict(self)}


LANGUAGES = ("kk", "ru", "en")
# A visit's ten-day publication falls due at most this long after the quarter (ten days, a holiday, a margin).
_PUBLICATION_REACH = datetime.timedelta(days=45)


def _publication_state(obligation: Obligation | None) -> bool | None:
    """On time (True), late or overdue (False), or not yet due / not required (None)."""
    if obligation is None:
        return None
    if obligation.met_on is not None:
        return obligation.met_on <= obligation.due
    return False if obligation.state == ObligationState.OVERDUE else None


def _ministry_of(organisation: Organisation | None, wanted: dict[int, Organisation]) -> int | None:
    """The ministry among `wanted` that the body is, or whose committee it is."""
    if organisation is None:
        return None
    if organisation.pk in wanted:
        return organisation.pk
    if organisation.parent_id in wanted:
        return organisation.parent_id
    return None


@dataclass
class _Tally:
    counts: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    channels: dict[str, int] = field(default_factory=lambda: dict.fromkeys(Channel.values, 0))
    meetings: list[MeetingRow] = field(default_factory=list)


def compile_quarterly_information(
    organisation: Organisation, year: int, quarter: int, *, today: datetime.date | None = None
) -> QuarterFigures:
    """The ministry's quarterly information as the records stand (as of the quarter's end, or today)."""
    return compile_quarterly_figures([organisation], year, quarter, today=today)[organisation.pk]


def compile_quarterly_figures(
    organisations: Iterable[Organisation], year: int, quarter: int, *, today: datetime.date | None = None
) -> dict[int, QuarterFigures]:
    """The quarterly information of several ministries at once, by pk: a fixed number of queries.

    What each figure counts (the office page explains the same):
    - visits: the ministry's (and its committees') visits whose first day falls in the quarter; held,
      unscheduled (held and not in the schedule) and cancelled by their status;
    - meetings required: the act's `first-head-meeting` obligations for the quarter (none if exempt);
      scheduled: the ministry's items of the approved schedule starting in the quarter;
    - participation: the closed meetings' record (people in the hall, online viewers) of the held visits;
    - questions: those received for the quarter's visits from every channel, except the hidden ones (spam,
      abuse, off-topic); answered: those answered at the meeting;
    - reception: bookings not cancelled; received: those at held visits whose slot had begun by the as-of day;
    - problem issues raised at the quarter's visits; solved by the quarter's end (solved on or before it);
      in progress: the rest not explained as unsolvable; overdue: not closed with an overdue measure;
    - measures of the ministry's action plans due in the quarter, with their status at the quarter's end (the
      last progress update of or before it, as the progress reports read it): done, done by the deadline,
      overdue (not finished and past the deadline, as followup.queries.states defines it);
    - the ten-day publications (`visit-results` obligations) due in the quarter: met on time, met late, or
      not met (whether overdue or still open);
    - the akims' systemic problems sent to the ministry in the quarter, and those answered by its end.
    """
    wanted = {organisation.pk: organisation for organisation in organisations}
    start, end = quarter_bounds(year, quarter)
    today = today or timezone.localdate()
    as_of = min(end, today)
    tallies = {pk: _Tally() for pk in wanted}
    committees = {
        body.pk: body.parent_id
        for body in Organisation.objects.filter(parent_id__in=list(wanted), kind=Organisation.Kind.COMMITTEE)
    }
    bodies: dict[int, int] = {
        **{pk: pk for pk in wanted},
        **{pk: int(parent or 0) for pk, parent in committees.items()},
    }

    visits = list(
        with_meeting_part(
            Visit.objects.filter(organisation_id__in=list(bodies), start_date__gte=start, start_date__lte=end)
        )
        .select_related("district")
        .order_by("start_date", "pk")
    )
    visit_ids = [visit.pk for visit in visits]
    # Held: the meeting with the population took place, as its record says (the visit may await its other parts).
    held = {visit.pk for visit in visits if meeting_took_place(visit)}

    live: dict[int, Any] = {
        row["part__visit_id"]: row
        for row in LiveMeeting.objects.filter(part__visit_id__in=visit_ids, part__kind=VisitPart.Kind.MEETING).values(
            "part__visit_id", "attendance_hall", "online_viewers"
        )
    }
    questions: dict[int, dict[str, tuple[int, int]]] = defaultdict(dict)
    for row in (
        Question.objects.filter(visit_id__in=visit_ids)
        .exclude(status=Question.Status.HIDDEN)
        .values("visit_id", "channel")
        .annotate(total=Count("pk"), answered=Count("pk", filter=Q(outcome=Question.Outcome.ANSWERED)))
        .order_by()
    ):
        questions[row["visit_id"]][row["channel"]] = (row["total"], row["answered"])
    bookings: dict[int, Any] = {
        row["slot__part__visit_id"]: row
        for row in Booking.objects.filter(slot__part__visit_id__in=visit_ids, status=Booking.Status.BOOKED)
        .values("slot__part__visit_id")
        .annotate(
            booked=Count("pk"),
            received=Count(
                "pk",
                filter=(
                    Q(slot__part__outcome=VisitPart.Outcome.TOOK_PLACE) | Q(slot__part__visit__status=Visit.Status.HELD)
                )
                & Q(slot__starts_at__lt=end_of_day(as_of)),
            ),
        )
        .order_by()
    }
    issues_by_visit: dict[int, int] = defaultdict(int)
    annotated: Any = with_overdue(ProblemIssue.objects.filter(visit_id__in=visit_ids), as_of)
    issue_rows: Any = annotated.values("visit_id", "status", "solved_on", "is_overdue").order_by()
    issue_counts: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    visit_ministry = {visit.pk: bodies[visit.organisation_id] for visit in visits}
    for row in issue_rows:
        tally = issue_counts[visit_ministry[row["visit_id"]]]
        issues_by_visit[row["visit_id"]] += 1
        tally["issues_raised"] += 1
        solved = row["status"] == ProblemIssue.Status.SOLVED and (row["solved_on"] is None or row["solved_on"] <= end)
        if solved:
            tally["issues_solved"] += 1
        elif row["status"] != ProblemIssue.Status.NOT_SOLVABLE:
            tally["issues_in_progress"] += 1
        if row["is_overdue"] and not solved and row["status"] not in CLOSED_ISSUE_STATUSES:
            tally["issues_overdue"] += 1

    # The action plans: measures of the ministry's problem issues due in the quarter.
    measures = list(
        Measure.objects.filter(
            issue__visit__organisation_id__in=list(bodies), deadline__gte=start, deadline__lte=end
        ).select_related("issue__visit")
    )
    updates = last_updates(measures, year=year, quarter=quarter)
    for measure in measures:
        tally = issue_counts[bodies[measure.issue.visit.organisation_id]]
        update = updates.get(measure.pk)
        status = update.status if update is not None else MeasureStatus.PLANNED
        tally["measures_due"] += 1
        if status == MeasureStatus.DONE:
            tally["measures_done"] += 1
            finished = measure.completed_on or (timezone.localdate(update.reported_at) if update else None)
            if finished is not None and finished <= measure.deadline:
                tally["measures_done_on_time"] += 1
        # The one definition of overdue (queries.states), applied to the status at the quarter's end.
        elif status in OPEN_MEASURE_STATUSES and measure.deadline < as_of:
            tally["measures_overdue"] += 1

    # The obligations: the first head's meeting, and the ten-day publications (of the quarter's visits too).
    publication_of_visit: dict[str, Obligation] = {}
    for obligation in obligations_between(
        start=start, end=end + _PUBLICATION_REACH, organisations=list(wanted.values()), today=today
    ):
        ministry = _ministry_of(obligation.debtor.organisation, wanted)
        if ministry is None:
            continue
        role = obligation.rule.role
        in_quarter = start <= obligation.due <= end
        if role == ObligationRule.Role.VISIT_RESULTS:
            publication_of_visit[obligation.key.rsplit(":", 1)[-1]] = obligation
            if in_quarter:
                tally = issue_counts[ministry]
                tally["publications_due"] += 1
                if obligation.met_on is None:
                    tally["publications_missing"] += 1
                elif obligation.met_on <= obligation.due:
                    tally["publications_on_time"] += 1
                else:
                    tally["publications_late"] += 1
        elif role == ObligationRule.Role.FIRST_HEAD_MEETINGS and obligation.period_start == start:
            issue_counts[ministry]["meetings_required"] += obligation.rule.min_count
            if obligation.is_met:
                issue_counts[ministry]["meetings_required_met"] += 1
            if obligation.by_hand:
                issue_counts[ministry]["meetings_outside_kezdesu"] += 1

    problem_rows: Any = (
        SystemicProblem.objects.filter(
            competent_body_id__in=list(bodies),
            sent_at__gte=end_of_day(start - datetime.timedelta(days=1)),
            sent_at__lt=end_of_day(end),
        )
        .values("competent_body_id")
        .annotate(
            received=Count("pk"),
            answered=Count("pk", filter=Q(status=SystemicProblem.Status.ANSWERED, answered_at__lt=end_of_day(end))),
        )
        .order_by()
    )
    for problem in problem_rows:
        ministry_counts = issue_counts[bodies[problem["competent_body_id"]]]
        ministry_counts["systemic_problems_received"] += problem["received"]
        ministry_counts["systemic_problems_answered"] += problem["answered"]

    item_rows: Any = (
        ScheduleItem.objects.filter(
            version__status=ScheduleVersion.Status.APPROVED,
            version__number__isnull=False,
            organisation_id__in=list(bodies),
            start_date__gte=start,
            start_date__lte=end,
        )
        .values("organisation_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for item in item_rows:
        issue_counts[bodies[item["organisation_id"]]]["meetings_scheduled"] += item["n"]

    for visit in visits:
        ministry = visit_ministry[visit.pk]
        visit_tally = tallies[ministry]
        counts = visit_tally.counts
        counts["visits"] += 1
        is_held = visit.pk in held
        record: dict[str, Any] = live.get(visit.pk, {}) if is_held else {}
        hall = record.get("attendance_hall") or 0
        online = record.get("online_viewers") or 0
        by_channel = questions.get(visit.pk, {})
        asked = sum(total for total, _answered in by_channel.values())
        booking: dict[str, Any] = bookings.get(visit.pk, {})
        if is_held:
            counts["meetings_held"] += 1
            counts["meetings_unscheduled"] += int(visit.is_unscheduled)
            first_head = visit.position.level == Position.Level.FIRST_HEAD and visit.position.organisation_id == (
                visit.organisation_id
            )
            counts["meetings_first_head" if first_head else "meetings_deputies"] += 1
            counts["participants_hall"] += hall
            counts["participants_online"] += online
        elif visit.status == Visit.Status.CANCELLED:
            counts["meetings_cancelled"] += 1
        counts["questions"] += asked
        counts["questions_answered"] += sum(answered for _total, answered in by_channel.values())
        for channel, (total, _a) in by_channel.items():
            visit_tally.channels[channel] = visit_tally.channels.get(channel, 0) + total
        counts["reception_booked"] += booking.get("booked", 0)
        counts["reception_received"] += booking.get("received", 0)
        visit_tally.meetings.append(
            MeetingRow(
                visit_pk=visit.pk,
                title=visit_titles(visit),
                held_by=translated(visit.position, "title"),
                region=translated(visit.region, "name"),
                district=translated(visit.district, "name") if visit.district is not None else empty_translated(),
                start_date=visit.start_date.isoformat(),
                end_date=visit.end_date.isoformat(),
                status=str(visit.status),
                scheduled=not visit.is_unscheduled,
                participants_hall=hall,
                participants_online=online,
                questions=asked,
                reception_booked=booking.get("booked", 0),
                reception_received=booking.get("received", 0),
                issues_raised=issues_by_visit.get(visit.pk, 0),
                published_on_time=_publication_state(publication_of_visit.get(str(visit.pk))),
            )
        )

    compiled = {}
    for pk, organisation in wanted.items():
        done = tallies[pk]
        totals = {**done.counts, **issue_counts.get(pk, {})}
        compiled[pk] = QuarterFigures(
            organisation=organisation.code,
            organisation_name=translated(organisation, "name"),
            year=year,
            quarter=quarter,
            start=start.isoformat(),
            end=end.isoformat(),
            as_of=as_of.isoformat(),
            counts=QuarterCounts(**totals),
            questions_by_channel=dict(done.channels),
            meetings=done.meetings,
        )
    return compiled


def figures_from_json(data: dict[str, Any]) -> QuarterFigures:
    """A snapshot's figures back as a QuarterFigures (older snapshots: missing counts read as 0)."""
    return QuarterFigures(
        organisation=data.get("organisation", ""),
        organisation_name=data.get("organisation_name", {}),
        year=int(data.get("year", 0)),
        quarter=int(data.get("quarter", 0)),
        start=data.get("start", ""),
        end=data.get("end", ""),
        as_of=data.get("as_of", ""),
        counts=QuarterCounts.from_json(data.get("counts", {})),
        questions_by_channel={key: int(value) for key, value in data.get("questions_by_channel", {}).items()},
        meetings=[
            MeetingRow(**{key: row[key] for key in MeetingRow.__dataclass_fields__ if key in row})
            for row in data.get("meetings", [])
        ],
    )


# The figures as the documents, the office page and the national pack show them: sections of (field, label,
# what it counts). Labels are lazy: rendered in the reader's (or the document's) language.
SECTIONS: tuple[tuple[Any, tuple[tuple[str, Any, Any], ...]], ...] = (
    (
        _("Meetings"),
        (
            ("meetings_required", _("Required by the act"), _("The first head's meeting, at least once a quarter.")),
            (
                "meetings_required_met",
                _("Required meetings met"),
                _("The act's first-head obligations of the quarter met, as the obligations page shows them."),
            ),
            (
                "meetings_outside_kezdesu",
                _("Of them held outside Kezdesu"),
                _("Met by a meeting held outside the system, recorded by hand."),
            ),
            ("meetings_scheduled", _("In the approved schedule"), _("Items of the approved schedule in the quarter.")),
            ("visits", _("Visits recorded"), _("Visits whose first day falls in the quarter, whatever their status.")),
            ("meetings_held", _("Held"), _("Visits whose meeting with the population took place, as its record says.")),
            ("meetings_first_head", _("Held by the first head"), _("Of the meetings held, the first head's.")),
            (
                "meetings_deputies",
                _("Held by deputies and committee chairs"),
                _("Of the meetings held, those of deputies and committee chairs (P6.3), counted apart."),
            ),
            ("meetings_unscheduled", _("Of them unscheduled"), _("Held visits not in the schedule.")),
            ("meetings_cancelled", _("Cancelled"), _("Visits marked cancelled.")),
        ),
    ),
    (
        _("Participation"),
        (
            ("participants_hall", _("People in the hall"), _("As recorded when each meeting closed.")),
            ("participants_online", _("Online viewers"), _("As the platforms reported them.")),
        ),
    ),
    (
        _("Questions and reception"),
        (
            ("questions", _("Questions received"), _("From every channel, hidden ones (spam, abuse) left out.")),
            ("questions_answered", _("Answered at the meeting"), _("Questions with the outcome answered.")),
            ("reception_booked", _("Reception places booked"), _("Bookings not cancelled.")),
            ("reception_received", _("Citizens received"), _("Bookings at held visits whose time had come.")),
        ),
    ),
    (
        _("Problem issues"),
        (
            ("issues_raised", _("Raised"), _("Problem issues drawn up from the quarter's visits.")),
            ("issues_solved", _("Solved"), _("Solved by the quarter's end.")),
            ("issues_in_progress", _("Being solved"), _("Neither solved nor explained as unsolvable.")),
            ("issues_overdue", _("With overdue measures"), _("Not closed, with a measure past its deadline.")),
        ),
    ),
    (
        _("Action plans"),
        (
            ("measures_due", _("Measures due"), _("Measures whose deadline falls in the quarter.")),
            ("measures_done", _("Done"), _("Done by the quarter's end (last progress report).")),
            ("measures_done_on_time", _("Done on time"), _("Done by their deadline.")),
            ("measures_overdue", _("Overdue"), _("Not finished and past the deadline.")),
        ),
    ),
    (
        _("Ten-day publications"),
        (
            ("publications_due", _("Due"), _("Results of visits due to be published in the quarter.")),
            ("publications_on_time", _("On time"), _("Published by the due date.")),
            ("publications_late", _("Late"), _("Published after the due date.")),
            ("publications_missing", _("Not published"), _("Not yet published.")),
        ),
    ),
    (
        _("Systemic problems of the regions"),
        (
            ("systemic_problems_received", _("Received"), _("Sent by the akims to the ministry in the quarter.")),
            ("systemic_problems_answered", _("Answered"), _("Answered by the quarter's end.")),
        ),
    ),
)
COUNT_FIELDS = tuple(name for _title, rows in SECTIONS for name, _label, _help in rows)
