import datetime

import pytest

from kezdesu.core.errors import DomainError, NotPermitted
from kezdesu.core.models import AuditLog, Notification
from kezdesu.planning.domain.agreement import decide_agreement
from kezdesu.planning.domain.draft import add_item
from kezdesu.planning.domain.queries.schedule import agreements_awaiting
from kezdesu.planning.models import ItemAgreement
from tests.factories.planning import build_schedule_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return build_schedule_world()


@pytest.fixture
def scheduled(world):
    return add_item(
        actor=world.user("coordinator"),
        version=world.version,
        organisation=world.roles.ministry,
        position=world.minister,
        region=world.roles.akimat.region,
        start_date=datetime.date(2027, 2, 10),
        end_date=datetime.date(2027, 2, 10),
    )


def agreement_of(item, organisation):
    return ItemAgreement.objects.get(item=item, organisation=organisation)


def test_the_ministry_agrees(world, scheduled):
    agreement = decide_agreement(
        actor=world.user("ministry_editor"),
        agreement=agreement_of(scheduled, world.roles.ministry),
        decision=ItemAgreement.Decision.AGREED,
    )

    agreement.refresh_from_db()
    assert (agreement.decision, agreement.decided_by) == (ItemAgreement.Decision.AGREED, world.user("ministry_editor"))
    assert AuditLog.objects.get(action="planning.agreement.decide").new_values == {"decision": "agreed"}
    assert list(agreements_awaiting(world.roles.ministry)) == []
    assert list(agreements_awaiting(world.roles.akimat)) == [agreement_of(scheduled, world.roles.akimat)]


@pytest.mark.parametrize("decision", [ItemAgreement.Decision.COMMENTED, ItemAgreement.Decision.DISAGREED])
def test_comments_and_disagreement_need_a_comment(world, scheduled, decision):
    with pytest.raises(DomainError) as error:
        decide_agreement(
            actor=world.user("akimat_editor"), agreement=agreement_of(scheduled, world.roles.akimat), decision=decision
        )

    assert error.value.code == "comment"


def test_disagreement_tells_the_authorized_bodys_coordinators(world, scheduled):
    decide_agreement(
        actor=world.user("akimat_editor"),
        agreement=agreement_of(scheduled, world.roles.akimat),
        decision=ItemAgreement.Decision.DISAGREED,
        comment="Spring floods",
    )

    notification = Notification.objects.get(kind="schedule.disagreed")
    assert notification.recipient == world.user("coordinator")
    assert notification.params["comment"] == "Spring floods"
    assert notification.params["organisation"]["en"] == "Akimat X"


@pytest.mark.parametrize("role", ["ministry_viewer", "akimat_editor", "coordinator", "ministry_approver"])
def test_only_the_partys_editors_and_approvers_answer(world, scheduled, role):
    agreement = agreement_of(scheduled, world.roles.ministry)
    may = role in ("ministry_approver",)

    if may:
        decide_agreement(actor=world.user(role), agreement=agreement, decision=ItemAgreement.Decision.AGREED)
    else:
        with pytest.raises(NotPermitted):
            decide_agreement(actor=world.user(role), agreement=agreement, decision=ItemAgreement.Decision.AGREED)


def test_an_unknown_decision_is_refused(world, scheduled):
    with pytest.raises(DomainError) as error:
        decide_agreement(
            actor=world.user("ministry_editor"),
            agreement=agreement_of(scheduled, world.roles.ministry),
            decision=ItemAgreement.Decision.PENDING,
        )

    assert error.value.code == "decision"
