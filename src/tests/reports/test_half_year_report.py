"""The consolidated half-year figures (R23): each ministry's quarters as submitted or compiled, the totals, the
submission states, and the earlier instructions' execution — checked against the records."""

import datetime

import pytest

from kezdesu.regulations.models import Fulfilment
from kezdesu.reports.domain.figures import QuarterCounts
from kezdesu.reports.domain.half_year import compile_half_year_report
from kezdesu.reports.domain.quarterly import compile_quarterly_information
from kezdesu.reports.models import Instruction
from tests.factories.reports_half_year import build_half_year_world, instruction, reviewed_report, submitted_pack

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 7, 20)


def test_each_ministrys_quarters_come_from_its_submissions_or_the_records():
    world = build_half_year_world()
    ministry, other = world.roles.ministry, world.roles.other_ministry
    submitted_pack(ministry, 2026, 1, on=datetime.date(2026, 4, 8), meetings_held=2, questions=30, issues_raised=4)
    submitted_pack(ministry, 2026, 2, on=datetime.date(2026, 7, 14), meetings_held=1, questions=12, issues_solved=1)

    figures = compile_half_year_report(2026, 1, today=TODAY)

    rows = {row.organisation: row for row in figures.ministries}
    assert set(rows) == {"ministry-a", "ministry-b", "culture"}  # every ministry, the authorized body too
    first, second = rows["ministry-a"].quarters
    assert (first.source, first.state, first.due, first.submitted_on) == (
        "submitted",
        "on_time",
        "2026-04-10",
        "2026-04-08",
    )
    assert (second.source, second.state, second.due) == ("submitted", "late", "2026-07-10")
    assert rows["ministry-a"].counts == QuarterCounts(meetings_held=3, questions=42, issues_raised=4, issues_solved=1)
    other_first, other_second = rows["ministry-b"].quarters
    assert (other_first.source, other_first.state) == ("compiled", "missing")
    assert other_first.counts == compile_quarterly_information(other, 2026, 1, today=TODAY).counts
    assert (other_second.source, other_second.state) == ("compiled", "missing")
    assert figures.totals == sum((row.counts for row in figures.ministries), QuarterCounts())
    assert figures.submissions == {"on_time": 1, "late": 1, "pending": 0, "missing": 4, "not_required": 0}
    assert (figures.due, figures.as_of) == ("2026-06-15", "2026-06-30")
    # Compiled on 12 June, the second quarter's pack (submitted in July) did not exist yet.
    earlier = compile_half_year_report(2026, 1, today=datetime.date(2026, 6, 12))
    second_then = next(row for row in earlier.ministries if row.organisation == "ministry-a").quarters[1]
    assert (second_then.source, second_then.state) == ("compiled", "pending")


def test_a_quarter_met_otherwise_counts_by_its_fulfilment_and_one_without_obligation_is_not_required():
    world = build_half_year_world()
    other = world.roles.other_ministry
    Fulfilment.objects.create(  # the first quarter's information sent by letter, outside the system
        obligation_key=f"{world.profile.code}:quarterly-information:{other.code}:2026-01-01",
        organisation=other,
        met_on=datetime.date(2026, 4, 9),
        reference="Letter No. 7",
    )
    world.profile.exempt_organisations.add(world.roles.authorized_body)

    figures = compile_half_year_report(2026, 1, today=TODAY)

    rows = {row.organisation: row for row in figures.ministries}
    first = rows["ministry-b"].quarters[0]
    assert (first.source, first.state, first.submitted_on) == ("compiled", "on_time", "2026-04-09")
    assert [quarter.state for quarter in rows["culture"].quarters] == ["not_required", "not_required"]
    assert figures.submissions == {"on_time": 1, "late": 0, "pending": 0, "missing": 3, "not_required": 2}


def test_a_ministrys_compiled_quarter_counts_its_meetings():
    world = build_half_year_world()  # the first ministry held a visit on 15 April 2026 and submitted nothing

    figures = compile_half_year_report(2026, 1, today=TODAY)

    row = next(row for row in figures.ministries if row.organisation == "ministry-a")
    compiled = compile_quarterly_information(world.roles.ministry, 2026, 2, today=TODAY).counts
    assert row.quarters[1].counts == compiled
    assert row.counts == compile_quarterly_information(world.roles.ministry, 2026, 1, today=TODAY).counts + compiled
    assert figures.totals.meetings_held == sum(r.counts.meetings_held for r in figures.ministries)


def test_a_quarter_not_yet_due_is_pending_and_one_not_started_counts_nothing():
    build_half_year_world()

    figures = compile_half_year_report(2026, 2, today=datetime.date(2026, 8, 1))

    first, second = figures.ministries[0].quarters
    assert (first.state, first.source) == ("pending", "compiled")
    assert (second.state, second.source, second.counts) == ("pending", "not_started", QuarterCounts())
    assert figures.due == "2026-12-15"


def test_the_instructions_of_earlier_reviews_and_their_execution():
    world = build_half_year_world()
    review = reviewed_report(world)  # the second half of 2025
    ministry = world.roles.ministry
    instruction(
        review, 1, ministry, deadline=datetime.date(2026, 3, 1), status="done", done_on=datetime.date(2026, 2, 1)
    )
    instruction(
        review, 2, ministry, deadline=datetime.date(2026, 3, 1), status="done", done_on=datetime.date(2026, 4, 1)
    )
    instruction(review, 3, ministry, deadline=datetime.date(2026, 5, 1))
    instruction(review, 4, ministry, deadline=datetime.date(2026, 9, 1))
    instruction(review, 5, ministry, deadline=datetime.date(2026, 9, 1), status=Instruction.Status.WITHDRAWN)

    figures = compile_half_year_report(2026, 1, today=TODAY)

    assert [(row.number, row.state) for row in figures.instructions] == [
        (1, "done_on_time"),
        (2, "done_late"),
        (3, "overdue"),
        (4, "open"),
    ]
    assert figures.instruction_counts == {"open": 1, "overdue": 1, "done_on_time": 1, "done_late": 1}
    # A review's own instructions belong to the next half-year's report, not to the one reviewed.
    assert compile_half_year_report(2025, 2, today=TODAY).instructions == []
