"""The accountability figures (issue 6, point 4): per ministry and per region, aggregated in SQL, with the one
definition of overdue; a committee's visits count for its ministry."""

import datetime

import pytest
from django.utils import timezone

from kezdesu.followup.domain.queries.accountability import accountability
from kezdesu.followup.models import Measure, MeasureStatus, ProblemIssue
from tests.factories.followup import build_followup_world, issue, measure

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2027, 10, 1)


def test_figures_count_public_issues_by_ministry_and_region():
    world = build_followup_world(publish=True)
    issue(world.visit, 3, title="Not published", competent_company="Co")  # not counted
    ProblemIssue.objects.filter(pk=world.gas.pk).update(status=ProblemIssue.Status.IN_PROGRESS)
    # The akimat's measure is done on time, the other ministry's is late (deadline 2027-06-30).
    Measure.objects.filter(pk=world.akimat_measure.pk).update(
        status=MeasureStatus.DONE, completed_on=datetime.date(2027, 9, 1), percent=100
    )

    figures = accountability(today=TODAY)

    total = figures.total
    assert (total.raised, total.solved, total.in_progress, total.overdue, total.open) == (2, 0, 1, 1, 2)
    assert (total.measures, total.measures_done_on_time) == (3, 1)
    assert [(row.key, row.figures.raised, row.figures.overdue) for row in figures.by_ministry] == [
        (world.visit.organisation, 2, 1)
    ]
    assert [(row.key, row.figures.measures_done_on_time) for row in figures.by_region] == [(world.visit.region, 1)]


def test_a_solved_issue_is_not_overdue_and_a_year_filters_visits():
    world = build_followup_world(publish=True)
    ProblemIssue.objects.filter(pk=world.road.pk).update(status=ProblemIssue.Status.SOLVED)
    figures = accountability(today=datetime.date(2030, 1, 1))
    assert (figures.total.solved, figures.total.overdue) == (1, 1)  # only gas: its measure is late
    assert accountability(year=world.visit.start_date.year + 1, today=TODAY).total.raised == 0


@pytest.mark.parametrize("extra", [0, 4])
def test_the_query_count_does_not_grow_with_issues(django_assert_num_queries, extra):
    world = build_followup_world(publish=True)
    for number in range(extra):
        extra_issue = issue(
            world.visit, 10 + number, title=f"X{number}", competent_company="Co", published_at=timezone.now()
        )
        measure(extra_issue, "M", deadline=datetime.date(2027, 1, 1), executor_company="Co")
    with django_assert_num_queries(6):  # issues and measures per ministry and per region, ministries, regions
        accountability(today=TODAY)
