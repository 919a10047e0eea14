"""The oversight dashboards' figures (R26), each against the records of a hand-built world."""

import datetime

import pytest

from kezdesu.reports.domain.queries.oversight import (
    compliance,
    dashboard_obligations,
    last_quarters,
    overdue_by_body,
    region_counts,
    trends,
)
from tests.reports.oversight_world import TODAY, build_oversight_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return build_oversight_world()


def _cells(row):
    return [(cell.due, cell.met_on_time, cell.met_late, cell.overdue, cell.open, cell.share) for cell in row.cells]


def test_compliance_counts_each_quarters_obligations_by_outcome(world):
    figures = compliance(year=2027, today=TODAY)

    rows = {row.organisation.code: row for row in figures.ministries}
    # Due (January for Q4 2026 … October), met on time, met late, overdue, not yet due, share met on time.
    assert _cells(rows["ministry-a"]) == [
        (1, 1, 0, 0, 0, 100),
        (1, 0, 1, 0, 0, 0),
        (1, 0, 0, 1, 0, 0),
        (1, 0, 0, 1, 0, 0),
    ]
    assert [cell.band for cell in rows["ministry-a"].cells] == ["good", "poor", "poor", "poor"]
    assert rows["ministry-b"].exempt
    assert _cells(rows["ministry-b"]) == [(0, 0, 0, 0, 0, None)] * 4


def test_akimats_heatmap_holds_their_systemic_problems(world):
    figures = compliance(year=2027, today=TODAY)

    rows = {row.organisation.code: row for row in figures.akimats}
    # June 2027 overdue, December 2027 not due yet.
    assert _cells(rows["akimat-x"]) == [
        (0, 0, 0, 0, 0, None),
        (1, 0, 0, 1, 0, 0),
        (0, 0, 0, 0, 0, None),
        (1, 0, 0, 0, 1, None),
    ]
    assert [cell.band for cell in rows["akimat-x"].cells] == ["none", "poor", "none", "none"]


def test_region_counts_meetings_held_and_open_public_issues(world):
    counts = region_counts(year=2027)

    assert counts.meetings_held == {world.region_x.pk: 2, world.region_y.pk: 1}
    assert counts.open_issues == {world.region_x.pk: 1}
    assert region_counts(year=2026).meetings_held == {}


def test_overdue_by_body_counts_obligations_measures_and_instructions(world):
    rows = {row.organisation.code: row for row in overdue_by_body(today=TODAY)}

    # A: July and October reports; its committee's measure (1 Oct) and its own (1 Nov); its instruction is done.
    a = rows["ministry-a"]
    assert (a.obligations, a.measures, a.instructions, a.total) == (2, 2, 0, 4)
    # X: the half-years ending December 2026 and June 2027; one instruction past its deadline, one not yet.
    x = rows["akimat-x"]
    assert (x.obligations, x.measures, x.instructions, x.total) == (2, 0, 1, 3)
    assert "ministry-b" not in rows  # exempt, nothing overdue
    assert "ministry-a-committee" not in rows  # counted for its ministry
    assert [row.total for row in rows.values()] == sorted((row.total for row in rows.values()), reverse=True)


def test_trends_cover_the_last_eight_quarters():
    assert last_quarters(datetime.date(2027, 12, 1)) == [
        (2026, 1), (2026, 2), (2026, 3), (2026, 4), (2027, 1), (2027, 2), (2027, 3), (2027, 4),
    ]  # fmt: skip


def test_trends_count_each_quarters_records(world):
    points = {(point.year, point.quarter): point for point in trends(today=TODAY).points}

    q2, q3, q4 = points[(2027, 2)], points[(2027, 3)], points[(2027, 4)]
    assert (q2.meetings_held, q3.meetings_held, q4.meetings_held) == (2, 1, 0)
    assert (q2.questions, q3.questions) == (2, 0)
    assert (q2.issues_raised, q3.issues_raised) == (1, 1)
    assert (q2.issues_solved, q3.issues_solved) == (0, 1)
    # Measures due in Q3 (1 Sep, done 30 Aug) and Q4 (1 Oct, 1 Nov: late).
    assert (q3.measures_due, q3.measures_done_on_time, q4.measures_due, q4.measures_done_on_time) == (1, 1, 2, 0)
    # Q1 2027: A's January report on time; B exempt; the culture ministry's not met (the authorized body reports too
    # if the rule binds it: counted either way in obligations_due).
    assert points[(2027, 1)].obligations_met_on_time == 1
    assert q2.obligations_met_on_time == 0


def test_the_pages_obligations_computed_once_give_the_same_figures(world):
    once = dashboard_obligations(year=2027, today=TODAY)

    assert _all_cells(compliance(year=2027, today=TODAY, obligations=once)) == _all_cells(
        compliance(year=2027, today=TODAY)
    )
    assert overdue_by_body(today=TODAY, obligations=once) == overdue_by_body(today=TODAY)
    assert trends(today=TODAY, obligations=once) == trends(today=TODAY)


def _all_cells(figures):
    return [_cells(row) for row in [*figures.ministries, *figures.akimats]]
