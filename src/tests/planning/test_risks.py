"""Risk flags: raised by a preparing party, decided by the authorized body; an assigned flag is an
R4 obligation of the competent ministry, open until the meeting is held."""

import datetime

import pytest
from django.utils import timezone

from kezdesu.core.errors import DomainError, NotPermitted
from kezdesu.core.models import AuditLog, Notification
from kezdesu.planning.domain.risks import assign_risk_flag, dismiss_risk_flag, mark_risk_flag_met, raise_risk_flag
from kezdesu.planning.models import RiskFlag
from kezdesu.regulations.domain.obligations import ObligationState, find_obligation, obligations_between
from tests.factories.planning import RiskFlagFactory
from tests.factories.planning_profiles import load_real_profiles
from tests.factories.planning_proposals import akimat_world, coordinator, ministry_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def akimat():
    return akimat_world()


@pytest.fixture
def ministry():
    return ministry_world()


@pytest.fixture
def decider():
    return coordinator()


def raise_flag(akimat, ministry, level=RiskFlag.Level.ELEVATED):
    return raise_risk_flag(
        actor=akimat.editor,
        region=akimat.region,
        competent_ministry=ministry.ministry,
        level=level,
        description="Spring flood above the dams' capacity.",
        evidence="Forecast of Kazhydromet.",
    )


def test_an_akimat_editor_raises_a_flag_and_the_coordinators_are_told(akimat, ministry, decider):
    flag = raise_flag(akimat, ministry)

    assert (flag.status, flag.raised_by, flag.raised_by_organisation) == (
        RiskFlag.Status.RAISED,
        akimat.editor,
        akimat.akimat,
    )
    notification = Notification.objects.get(kind="planning.risk.raised")
    assert notification.recipient == decider
    assert notification.params["level"]["en"] == "elevated"
    assert AuditLog.objects.filter(action="planning.risk.raise").count() == 1


def test_a_viewer_may_not_raise_a_flag(akimat, ministry):
    with pytest.raises(NotPermitted):
        raise_risk_flag(
            actor=ministry.viewer,
            region=akimat.region,
            competent_ministry=ministry.ministry,
            level=RiskFlag.Level.HIGH,
            description="Unrest.",
        )


def test_the_competent_body_must_be_a_ministry(akimat, ministry):
    with pytest.raises(DomainError) as refused:
        raise_risk_flag(
            actor=akimat.editor,
            region=akimat.region,
            competent_ministry=akimat.akimat,
            level=RiskFlag.Level.HIGH,
            description="Unrest.",
        )
    assert refused.value.code == "not_ministry"


def test_only_the_coordinator_assigns_and_the_ministry_is_told(akimat, ministry, decider):
    flag = raise_flag(akimat, ministry, level=RiskFlag.Level.HIGH)
    deadline = timezone.localdate() + datetime.timedelta(days=14)
    with pytest.raises(NotPermitted):
        assign_risk_flag(actor=ministry.approver, flag=flag, deadline=deadline)

    assign_risk_flag(actor=decider, flag=flag, deadline=deadline, note="Meet in the flooded districts.")

    flag.refresh_from_db()
    assert (flag.status, flag.deadline, flag.decided_by) == (RiskFlag.Status.ASSIGNED, deadline, decider)
    told = Notification.objects.filter(kind="planning.risk.assigned_high")
    assert sorted(told.values_list("recipient__username", flat=True)) == ["health-approver", "health-editor"]
    with pytest.raises(DomainError) as again:
        dismiss_risk_flag(actor=decider, flag=flag, note="Too late.")
    assert again.value.code == "decided"


def test_a_deadline_in_the_past_is_refused(akimat, ministry, decider):
    flag = raise_flag(akimat, ministry)
    with pytest.raises(DomainError) as refused:
        assign_risk_flag(actor=decider, flag=flag, deadline=timezone.localdate() - datetime.timedelta(days=1))
    assert refused.value.code == "deadline"


def test_dismissing_needs_a_reason_and_tells_the_raiser(akimat, ministry, decider):
    flag = raise_flag(akimat, ministry)
    with pytest.raises(DomainError):
        dismiss_risk_flag(actor=decider, flag=flag, note=" ")

    dismiss_risk_flag(actor=decider, flag=flag, note="The dams were reinforced.")

    flag.refresh_from_db()
    assert flag.status == RiskFlag.Status.DISMISSED
    assert sorted(
        Notification.objects.filter(kind="planning.risk.dismissed").values_list("recipient__username", flat=True)
    ) == ["akimat-abai-approver", "akimat-abai-editor"]


def test_an_assigned_flag_is_an_open_r4_obligation_then_met(akimat, ministry, decider):
    load_real_profiles()
    deadline = datetime.date(2027, 4, 14)  # a Wednesday
    flag = RiskFlagFactory(
        region=akimat.region,
        competent_ministry=ministry.ministry,
        raised_by_organisation=akimat.akimat,
        status=RiskFlag.Status.ASSIGNED,
        deadline=deadline,
    )
    RiskFlagFactory(region=akimat.region, competent_ministry=ministry.ministry, raised_by_organisation=akimat.akimat)
    key = f"REG-2024:unscheduled-meeting:health:risk-{flag.pk}"

    listed = [
        obligation
        for obligation in obligations_between(
            start=datetime.date(2027, 4, 1), end=datetime.date(2027, 4, 30), today=datetime.date(2027, 4, 10)
        )
        if obligation.rule.code == "unscheduled-meeting"
    ]
    assert [(obligation.key, obligation.due, obligation.state) for obligation in listed] == [
        (key, deadline, ObligationState.OPEN)
    ]
    assert find_obligation(key, today=datetime.date(2027, 4, 15)).state == ObligationState.OVERDUE

    with pytest.raises(NotPermitted):
        mark_risk_flag_met(actor=ministry.editor, flag=flag, reference="Met on 20.03.2027 in Semey.")
    mark_risk_flag_met(actor=ministry.approver, flag=flag, reference="Met on 20.03.2027 in Semey.")

    flag.refresh_from_db()
    assert flag.status == RiskFlag.Status.MET
    assert find_obligation(key).state == ObligationState.MET


def test_a_deadline_on_a_day_off_moves_to_the_next_working_day(akimat, ministry):
    load_real_profiles()
    flag = RiskFlagFactory(
        region=akimat.region,
        competent_ministry=ministry.ministry,
        raised_by_organisation=akimat.akimat,
        status=RiskFlag.Status.ASSIGNED,
        deadline=datetime.date(2027, 4, 17),  # a Saturday
    )

    obligation = find_obligation(f"REG-2024:unscheduled-meeting:health:risk-{flag.pk}")

    assert (obligation.nominal_due, obligation.due) == (datetime.date(2027, 4, 17), datetime.date(2027, 4, 19))
