import pytest

from tests.factories.planning import (
    ProposalFactory,
    RiskFlagFactory,
    ScheduleItemFactory,
    SystemicProblemFactory,
)

pytestmark = pytest.mark.django_db


def test_planning_factories_build_consistent_rows():
    item = ScheduleItemFactory()
    proposal = ProposalFactory(period=item.version.period)
    problem = SystemicProblemFactory()
    flag = RiskFlagFactory()

    assert item.position.organisation == item.organisation
    assert proposal.position.organisation == proposal.organisation
    assert problem.akimat.region == problem.region
    assert flag.raised_by_organisation.region == flag.region
