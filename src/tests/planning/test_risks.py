"""Risk flags: raised by a preparing party, decided by the authorized body; an assigned flag is an
R4 obligation of the competent ministry, open until the meeting is held."""

import datetime

import pytest
from django.utils import timezone

from kezdesu.core.errors import DomainError, NotPermitted
from kezdesu.core.models import AuditLog, Notification
from kezdesu.meetings.models import Visit, VisitPart
from kezdesu.planning.domain.risks import assign_risk_flag, dismiss_risk_flag, raise_risk_flag
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
        description_en="Spring flood above the dams' capacity.",
        evidence_en="Forecast of Kazhydromet.",
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
            description_en="Unrest.",
        )


def test_the_competent_body_must_be_a_ministry(akimat, ministry):
    with pytest.raises(DomainError) as refused:
        raise_risk_flag(
            actor=akimat.editor,
            region=akimat.region,
            competent_ministry=akimat.akimat,
            level=RiskFlag.Level.HIGH,
            description_en="Unrest.",
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

    # Nobody marks it met: a meeting of the ministry's first head with the region's population that took place
    # after the flag meets it, as the visit's record says (meetings.domain.evidence).
    visit = Visit.objects.create(
        organisation=ministry.ministry,
        position=ministry.first_head,
        region=akimat.region,
        start_date=datetime.date(2027, 4, 16),
        end_date=datetime.date(2027, 4, 16),
        is_unscheduled=True,
        risk_flag=flag,
        status=Visit.Status.PUBLISHED,
    )
    VisitPart.objects.create(visit=visit, kind=VisitPart.Kind.MEETING)
    assert find_obligation(key, today=datetime.date(2027, 4, 17)).state == ObligationState.OVERDUE  # not closed
    VisitPart.objects.filter(visit=visit).update(outcome=VisitPart.Outcome.TOOK_PLACE)
    met = find_obligation(key, today=datetime.date(2027, 4, 17))
    assert (met.state, met.basis, met.met_on, met.met_on_time) == (
        ObligationState.MET,
        "records",
        datetime.date(2027, 4, 16),
        False,  # after the 14 April deadline: met late
    )


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
