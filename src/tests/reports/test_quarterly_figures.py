"""Every figure of the quarterly information (R22) against the records it counts (tests.factories.reports_quarterly)."""

import datetime
from dataclasses import asdict

import pytest

from kezdesu.meetings.models import Visit
from kezdesu.reports.domain.figures import (
    QuarterCounts,
    compile_quarterly_figures,
    compile_quarterly_information,
    figures_from_json,
)
from tests.factories.reports_quarterly import AFTER, QUARTER, YEAR, build_quarter_world
from tests.factories.visits import another_visit

pytestmark = pytest.mark.django_db


def test_every_count_of_the_quarter():
    world = build_quarter_world()

    figures = compile_quarterly_information(world.ministry, YEAR, QUARTER, today=AFTER)

    assert asdict(figures.counts) == {
        "meetings_required": 1,
        # Held, but neither agreed with the akimat in the schedule nor on a risk flag: R2 is not met by them.
        "meetings_required_met": 0,
        "meetings_outside_kezdesu": 0,
        "meetings_first_head": 2,
        "meetings_deputies": 0,
        "meetings_held": 2,
        "meetings_unscheduled": 1,
        "meetings_cancelled": 1,
        "participants_hall": 150,
        "participants_online": 300,
        "questions": 5,  # the hidden one left out
        "questions_answered": 1,
        "reception_booked": 2,
        "reception_received": 2,
        "issues_raised": 2,
        "issues_solved": 1,
        "issues_in_progress": 1,
        "issues_overdue": 1,
        "measures_due": 3,
        "measures_done": 2,
        "measures_done_on_time": 1,
        "measures_overdue": 1,
        "publications_due": 2,
        "publications_on_time": 0,
        "publications_late": 1,
        "publications_missing": 1,
        "systemic_problems_received": 2,
        "systemic_problems_answered": 1,
        "meetings_scheduled": 1,
        "visits": 3,
    }
    assert figures.questions_by_channel["web"] == 2
    assert figures.questions_by_channel["hall"] == 1
    assert figures.questions_by_channel["reception"] == 1
    assert figures.questions_by_channel["media_briefing"] == 1
    assert figures.questions_by_channel["eotinish"] == 0
    assert (figures.start, figures.end, figures.as_of) == ("2026-01-01", "2026-03-31", "2026-03-31")


def test_a_row_per_visit_with_who_held_it_and_where():
    world = build_quarter_world()

    figures = compile_quarterly_information(world.ministry, YEAR, QUARTER, today=AFTER)

    rows = {row.visit_pk: row for row in figures.meetings}
    assert [row.visit_pk for row in figures.meetings] == [world.cancelled.pk, world.unscheduled.pk, world.visit.pk]
    main = rows[world.visit.pk]
    assert main.held_by["en"] == "Minister A"
    assert main.region["en"] == world.visit.region.name_en
    assert main.district["en"] == world.visit.district.name_en
    assert (main.scheduled, main.status, main.start_date) == (True, "held", "2026-03-10")
    assert (main.participants_hall, main.participants_online, main.questions) == (120, 300, 4)
    assert (main.reception_booked, main.reception_received, main.issues_raised) == (2, 2, 2)
    assert main.published_on_time is False  # met late
    assert rows[world.unscheduled.pk].scheduled is False
    assert rows[world.unscheduled.pk].published_on_time is False  # overdue
    assert rows[world.cancelled.pk].published_on_time is None  # no obligation


def test_a_quarter_under_way_counts_what_happened_so_far():
    world = build_quarter_world()

    figures = compile_quarterly_information(world.ministry, YEAR, QUARTER, today=datetime.date(2026, 3, 10))

    assert figures.as_of == "2026-03-10"
    assert figures.counts.measures_overdue == 0  # none due by 10 March
    assert figures.counts.publications_due == 2
    assert (figures.counts.publications_late, figures.counts.publications_missing) == (1, 1)
    # Reception: the slots of 10 March have begun; the problem issue was solved later in the month.
    assert figures.counts.reception_received == 2


def test_a_committee_visit_counts_for_its_ministry():
    world = build_quarter_world(records=False)
    from tests.factories.organisations import PositionFactory

    committee = world.roles.committee
    another_visit(
        world.visit_world,
        day=datetime.date(2026, 2, 10),
        status=Visit.Status.HELD,
        organisation=committee,
        position=PositionFactory(organisation=committee, code="chair"),
    )

    figures = compile_quarterly_information(world.ministry, YEAR, QUARTER, today=AFTER)

    assert figures.counts.meetings_held == 3
    assert figures.counts.meetings_required == 1


def test_an_exempt_ministry_is_required_no_meeting():
    world = build_quarter_world(records=False)
    from kezdesu.regulations.models import RegulationProfile

    RegulationProfile.objects.get(code="REG-AGENDA").exempt_organisations.add(world.ministry)

    figures = compile_quarterly_information(world.ministry, YEAR, QUARTER, today=AFTER)

    assert figures.counts.meetings_required == 0
    assert figures.counts.publications_due == 0


def test_queries_do_not_grow_with_the_visits(django_assert_max_num_queries):
    world = build_quarter_world()
    with django_assert_max_num_queries(30) as few:
        compile_quarterly_information(world.ministry, YEAR, QUARTER, today=AFTER)
    for day in range(1, 6):
        another_visit(world.visit_world, day=datetime.date(2026, 2, day), status=Visit.Status.HELD)
    with django_assert_max_num_queries(len(few.captured_queries)):
        figures = compile_quarterly_information(world.ministry, YEAR, QUARTER, today=AFTER)
    assert figures.counts.meetings_held == 7


def test_several_ministries_at_once_and_the_snapshot_round_trip():
    world = build_quarter_world()

    both = compile_quarterly_figures([world.ministry, world.roles.other_ministry], YEAR, QUARTER, today=AFTER)

    other = both[world.roles.other_ministry.pk]
    assert (other.counts.meetings_held, other.counts.systemic_problems_received) == (1, 1)
    mine = both[world.ministry.pk]
    assert figures_from_json(mine.to_json()) == mine
    assert (mine.counts + other.counts).meetings_held == 3
    assert QuarterCounts.from_json({"meetings_held": "2", "unknown": 1}).meetings_held == 2
