"""The ten days for publishing a visit's results (R20, S5): ten calendar days after the meetings and the
reception end, moved to the next working day off weekends, holidays and the Government's transfers."""

import datetime

import pytest

from kezdesu.followup.domain.publication import publication_deadline, publication_obligation
from kezdesu.meetings.models import Visit, VisitPart
from kezdesu.regulations.domain.obligations import ObligationState
from kezdesu.regulations.models import CalendarException
from tests.factories.followup_rules import with_followup_rules
from tests.factories.meetings import at, build_visit_world
from tests.factories.regulations import CalendarExceptionFactory

pytestmark = pytest.mark.django_db
D = datetime.date


def held_visit(day: datetime.date) -> Visit:
    with_followup_rules()
    return build_visit_world(status=Visit.Status.HELD, day=day).visit


def due_of(visit: Visit) -> datetime.date:
    obligation = publication_obligation(visit, today=D(2026, 1, 1))
    assert obligation is not None
    return obligation.due


@pytest.mark.parametrize(
    ("ended", "due"),
    [
        # +10 = Monday 22 March 2027, Nauryz (21-23 March) and its day observed (24th): Thursday 25th.
        (D(2027, 3, 12), D(2027, 3, 25)),
        # +10 = Thursday 18 March: a working day, not moved.
        (D(2027, 3, 8), D(2027, 3, 18)),
    ],
)
def test_deadline_moves_past_nauryz(ended, due):
    assert due_of(held_visit(ended)) == due


@pytest.mark.parametrize(
    "ended",
    # +10 = 1, 2 and 3 January 2027: New Year (1-2 January), the weekend and Monday 4th observed.
    [D(2026, 12, 22), D(2026, 12, 23), D(2026, 12, 24)],
)
def test_deadline_moves_past_new_year(ended):
    assert due_of(held_visit(ended)) == D(2027, 1, 5)


def test_deadline_on_a_saturday_moves_to_monday():
    obligation = publication_obligation(held_visit(D(2027, 4, 7)), today=D(2026, 1, 1))
    assert (obligation.nominal_due, obligation.due, obligation.moved) == (D(2027, 4, 17), D(2027, 4, 19), True)


def test_deadline_on_a_working_day_is_not_moved():
    obligation = publication_obligation(held_visit(D(2027, 4, 5)), today=D(2026, 1, 1))
    assert (obligation.due, obligation.moved) == (D(2027, 4, 15), False)


def test_a_transferred_day_off_moves_the_deadline():
    CalendarExceptionFactory(date=D(2027, 4, 15), kind=CalendarException.Kind.DAY_OFF)
    assert due_of(held_visit(D(2027, 4, 5))) == D(2027, 4, 16)


def test_a_working_saturday_keeps_the_deadline():
    CalendarExceptionFactory(date=D(2027, 4, 17), kind=CalendarException.Kind.WORKING_DAY)
    assert due_of(held_visit(D(2027, 4, 7))) == D(2027, 4, 17)


def test_the_reception_on_the_next_day_ends_the_visit():
    visit = held_visit(D(2027, 4, 5))
    reception = visit.parts.get(kind=VisitPart.Kind.RECEPTION)
    reception.starts_at, reception.ends_at = at(10, day=D(2027, 4, 6)), at(12, day=D(2027, 4, 6))
    reception.save(update_fields=["starts_at", "ends_at"])
    visit.end_date = D(2027, 4, 6)
    visit.save(update_fields=["end_date"])
    assert due_of(visit) == D(2027, 4, 16)


def test_the_ten_days_run_from_the_visits_end_whether_or_not_anyone_closed_it():
    """R20: from the end of the meeting and the reception, as the records say, not from a button."""
    with_followup_rules()
    visit = build_visit_world(status=Visit.Status.PUBLISHED, day=D(2027, 4, 5)).visit
    obligation = publication_obligation(visit, today=D(2027, 4, 20))
    assert (obligation.due, obligation.state) == (D(2027, 4, 15), ObligationState.OVERDUE)


def test_a_visit_whose_meeting_did_not_take_place_owes_no_results():
    with_followup_rules()
    visit = build_visit_world(status=Visit.Status.PUBLISHED, day=D(2027, 4, 5)).visit
    VisitPart.objects.filter(visit=visit, kind=VisitPart.Kind.MEETING).update(
        outcome=VisitPart.Outcome.NOT_HELD, outcome_note="The hall was flooded."
    )
    assert publication_obligation(visit) is None


def test_a_cancelled_visit_owes_no_results():
    with_followup_rules()
    visit = build_visit_world(status=Visit.Status.CANCELLED, day=D(2027, 4, 5)).visit
    assert publication_obligation(visit) is None


def test_a_reception_recorded_as_not_held_does_not_end_the_visit():
    """The visit ends with the last of its meeting and reception that took place."""
    visit = held_visit(D(2027, 4, 5))
    reception = VisitPart.objects.get(visit=visit, kind=VisitPart.Kind.RECEPTION)
    reception.starts_at, reception.ends_at = at(10, day=D(2027, 4, 7)), at(12, day=D(2027, 4, 7))
    reception.save(update_fields=["starts_at", "ends_at"])
    Visit.objects.filter(pk=visit.pk).update(end_date=D(2027, 4, 7))
    assert due_of(visit) == D(2027, 4, 19)  # the 17th is a Saturday
    VisitPart.objects.filter(pk=reception.pk).update(outcome=VisitPart.Outcome.NOT_HELD, outcome_note="No one came.")
    assert due_of(visit) == D(2027, 4, 15)


def test_the_deadline_counts_days_left_and_overdue_days():
    visit = held_visit(D(2027, 4, 5))
    before = publication_deadline(visit, today=D(2027, 4, 12))
    after = publication_deadline(visit, today=D(2027, 4, 20))
    assert (before.days_left, before.overdue_days, before.is_late, before.obligation.state) == (
        3,
        0,
        False,
        ObligationState.OPEN,
    )
    assert (after.days_left, after.overdue_days, after.is_late, after.obligation.state) == (
        -5,
        5,
        True,
        ObligationState.OVERDUE,
    )
