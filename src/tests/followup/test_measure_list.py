"""The public list of measures: only the measures of published issues, filtered by executor (a ministry's
committees count for it), deadline, state (states.py's "overdue") and their issue's ministry and region."""

import datetime

import pytest
from django.utils import timezone

from kezdesu.followup.domain.queries.measure_list import (
    DONE_LATE,
    DONE_ON_TIME,
    MEASURE_STATES,
    OPEN,
    OVERDUE,
    MeasureFilters,
    public_measure_list,
)
from kezdesu.followup.domain.queries.public_issues import IssueFilters
from kezdesu.followup.domain.queries.states import overdue_measures_q
from kezdesu.followup.models import Measure, MeasureStatus
from kezdesu.organisations.models import Organisation
from tests.factories.followup import build_followup_world, issue, measure
from tests.factories.organisations import OrganisationFactory, RegionFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2027, 7, 15)


def _texts(filters=None, today=TODAY):
    return [m.text_en for m in public_measure_list(filters or MeasureFilters(), today=today)]


@pytest.fixture
def world():
    world = build_followup_world(publish=True)
    # "Fund the repair" (other ministry, due 2027-06-30) stays planned: overdue on TODAY.
    # "Repair the road" (akimat, due 2027-09-30) is done on time; the gas measure (due 2027-12-01) late.
    Measure.objects.filter(pk=world.akimat_measure.pk).update(
        status=MeasureStatus.DONE, completed_on=datetime.date(2027, 9, 30), percent=100
    )
    Measure.objects.filter(pk=world.company_measure.pk).update(
        status=MeasureStatus.DONE, completed_on=datetime.date(2027, 12, 2), percent=100
    )
    return world


def test_only_the_measures_of_published_issues_are_listed(world):
    hidden = issue(world.visit, 3, title="Not published", competent_company="Co")
    measure(hidden, "Hidden measure", deadline=datetime.date(2027, 1, 1), executor=world.roles.akimat)
    assert _texts() == ["Repair the road", "Fund the repair", "Connect the village to the gas network"]


def test_the_executor_filter_counts_a_committees_measures_for_its_ministry(world):
    roles = world.roles
    own = measure(world.gas, "Ministry's own", deadline=datetime.date(2027, 8, 1), executor=roles.ministry, order=1)
    committee = measure(world.gas, "Committee's", deadline=datetime.date(2027, 8, 1), executor=roles.committee, order=2)
    # A body under the ministry that is not one of its committees does not count for it.
    subordinate = OrganisationFactory(code="subordinate", kind=Organisation.Kind.AKIMAT, parent=roles.ministry)
    measure(world.gas, "Subordinate's", deadline=datetime.date(2027, 8, 1), executor=subordinate, order=3)
    other_committee = OrganisationFactory(
        code="b-committee", kind=Organisation.Kind.COMMITTEE, parent=roles.other_ministry
    )
    measure(world.gas, "Other committee's", deadline=datetime.date(2027, 8, 1), executor=other_committee, order=4)

    assert _texts(MeasureFilters(executor=roles.ministry)) == [own.text_en, committee.text_en]
    assert _texts(MeasureFilters(executor=roles.committee)) == [committee.text_en]
    assert _texts(MeasureFilters(executor=roles.other_ministry)) == ["Fund the repair", "Other committee's"]
    assert _texts(MeasureFilters(executor=roles.akimat)) == ["Repair the road"]
    assert _texts(MeasureFilters(executor=roles.other_akimat)) == []


def test_the_deadline_bounds_are_inclusive(world):
    june_30, sept_30 = datetime.date(2027, 6, 30), datetime.date(2027, 9, 30)
    assert _texts(MeasureFilters(due_from=june_30, due_to=sept_30)) == ["Repair the road", "Fund the repair"]
    assert _texts(MeasureFilters(due_from=datetime.date(2027, 7, 1))) == [
        "Repair the road",
        "Connect the village to the gas network",
    ]
    assert _texts(MeasureFilters(due_to=datetime.date(2027, 9, 29))) == ["Fund the repair"]


def test_each_state_and_together_they_cover_every_measure_not_given_up(world):
    running = measure(world.gas, "Under way", deadline=TODAY, executor_company="Co", order=1)  # due today: not late
    Measure.objects.filter(pk=running.pk).update(status=MeasureStatus.IN_PROGRESS)
    measure(world.gas, "Given up", deadline=TODAY, executor_company="Co", order=2, status=MeasureStatus.NOT_DONE)

    assert _texts(MeasureFilters(state=OVERDUE)) == ["Fund the repair"]
    assert _texts(MeasureFilters(state=DONE_ON_TIME)) == ["Repair the road"]  # done on its deadline day
    assert _texts(MeasureFilters(state=DONE_LATE)) == ["Connect the village to the gas network"]
    assert _texts(MeasureFilters(state=OPEN)) == ["Under way"]
    assert _texts(MeasureFilters(state=OPEN), today=datetime.date(2027, 6, 1)) == ["Fund the repair", "Under way"]
    listed = [text for state in MEASURE_STATES for text in _texts(MeasureFilters(state=state))]
    assert sorted(listed) == sorted(text for text in _texts() if text != "Given up")


def test_overdue_is_the_one_definition_of_states(world):
    overdue = Measure.objects.filter(overdue_measures_q(TODAY), issue__published_at__isnull=False)
    listed = public_measure_list(MeasureFilters(state=OVERDUE), today=TODAY)
    assert {m.pk for m in listed} == set(overdue.values_list("pk", flat=True))
    assert all(m.is_overdue for m in listed)


def test_the_issue_filters_apply_to_the_measures_issues(world):
    other_region = RegionFactory()
    assert _texts(MeasureFilters(issue=IssueFilters(ministry=world.roles.ministry))) == _texts()
    assert _texts(MeasureFilters(issue=IssueFilters(ministry=world.roles.other_ministry))) == []
    assert _texts(MeasureFilters(issue=IssueFilters(region=world.visit.region))) == _texts()
    assert _texts(MeasureFilters(issue=IssueFilters(region=other_region))) == []
    both = MeasureFilters(
        issue=IssueFilters(ministry=world.roles.ministry), executor=world.roles.akimat, state=DONE_ON_TIME
    )
    assert _texts(both) == ["Repair the road"]


def test_the_list_is_read_in_one_query(world, django_assert_num_queries):
    extra = issue(world.visit, 3, title="More", competent_company="Co", published_at=timezone.now())
    measure(extra, "More", deadline=datetime.date(2027, 1, 1), executor=world.roles.committee)
    with django_assert_num_queries(1):
        rows = [
            (
                m.text,
                m.executor and m.executor.name,
                m.issue.title,
                m.issue.region.name,
                m.issue.visit.organisation.name,
            )
            for m in public_measure_list(MeasureFilters(), today=TODAY)
        ]
    assert len(rows) == 4
