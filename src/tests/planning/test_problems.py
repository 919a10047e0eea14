"""The akims' systemic problems: drafts, sending (meets R11), answers and company replies."""

import datetime

import pytest

from kezdesu.core.errors import DomainError, NotPermitted
from kezdesu.core.models import AuditLog, Notification
from kezdesu.planning.domain.problems import (
    answer_systemic_problem,
    create_systemic_problem,
    record_company_answer,
    send_systemic_problems,
    update_systemic_problem,
)
from kezdesu.planning.models import SystemicProblem
from kezdesu.regulations.domain.obligations import ObligationState, find_obligation
from kezdesu.regulations.models import Fulfilment
from tests.factories.planning import SystemicProblemFactory
from tests.factories.planning_profiles import load_real_profiles
from tests.factories.planning_proposals import akimat_world, ministry_world

pytestmark = pytest.mark.django_db

HALF_YEAR = datetime.date(2027, 1, 1)


@pytest.fixture
def akimat():
    return akimat_world()


@pytest.fixture
def ministry():
    return ministry_world()


def test_an_akimat_editor_drafts_a_problem_for_its_region(akimat, ministry):
    problem = create_systemic_problem(
        actor=akimat.editor,
        akimat=akimat.akimat,
        half_year_start=HALF_YEAR,
        title="No rural doctors",
        description="Forty villages have no doctor.",
        competent_body=ministry.ministry,
    )

    assert (problem.region, problem.status, problem.created_by) == (
        akimat.region,
        SystemicProblem.Status.DRAFT,
        akimat.editor,
    )
    assert AuditLog.objects.filter(action="planning.problem.create", organisation=akimat.akimat).count() == 1


def test_the_half_year_begins_on_1_january_or_1_july(akimat, ministry):
    with pytest.raises(DomainError) as refused:
        create_systemic_problem(
            actor=akimat.editor,
            akimat=akimat.akimat,
            half_year_start=datetime.date(2027, 3, 1),
            title="Roads",
            description="Roads.",
            competent_body=ministry.ministry,
        )
    assert str(refused.value.message) == "A half-year begins on 1 January or 1 July."


def test_a_problem_goes_to_a_ministry_or_a_company_not_both_nor_neither(akimat, ministry):
    for body, company in ((None, ""), (ministry.ministry, "KEGOC")):
        with pytest.raises(DomainError) as refused:
            create_systemic_problem(
                actor=akimat.editor,
                akimat=akimat.akimat,
                half_year_start=HALF_YEAR,
                title="Power cuts",
                description="Daily power cuts.",
                competent_body=body,
                competent_company=company,
            )
        assert refused.value.code == "routing"


def test_another_akimats_editor_and_a_ministry_editor_may_not_draft(akimat, ministry):
    other = akimat_world("akimat-other")
    for actor in (other.editor, ministry.editor):
        with pytest.raises(NotPermitted):
            create_systemic_problem(
                actor=actor,
                akimat=akimat.akimat,
                half_year_start=HALF_YEAR,
                title="Roads",
                description="Roads.",
                competent_body=ministry.ministry,
            )


def test_a_sent_problem_cannot_be_changed(akimat, ministry):
    problem = SystemicProblemFactory(
        akimat=akimat.akimat, region=akimat.region, competent_body=ministry.ministry, status="sent"
    )
    with pytest.raises(DomainError) as refused:
        update_systemic_problem(actor=akimat.editor, problem=problem, title="Other")
    assert refused.value.code == "not_draft"


def test_sending_notifies_the_competent_ministry_and_meets_r11(akimat, ministry):
    load_real_profiles()
    for _number in range(2):
        SystemicProblemFactory(
            akimat=akimat.akimat, region=akimat.region, half_year_start=HALF_YEAR, competent_body=ministry.ministry
        )
    SystemicProblemFactory(
        akimat=akimat.akimat,
        region=akimat.region,
        half_year_start=HALF_YEAR,
        competent_body=None,
        competent_company="KEGOC",
    )
    with pytest.raises(NotPermitted):
        send_systemic_problems(actor=akimat.editor, akimat=akimat.akimat, half_year_start=HALF_YEAR)

    sent = send_systemic_problems(actor=akimat.approver, akimat=akimat.akimat, half_year_start=HALF_YEAR)

    assert len(sent) == 3
    assert set(SystemicProblem.objects.values_list("status", flat=True)) == {"sent"}
    notified = Notification.objects.filter(kind="planning.problems.sent")
    assert sorted(notified.values_list("recipient__username", flat=True)) == ["health-approver", "health-editor"]
    assert notified.first().params["count"] == 2
    key = f"REG-2024:systemic-problems:{akimat.akimat.code}:2027-01-01"
    obligation = find_obligation(key)
    assert (obligation.state, obligation.basis) == (ObligationState.MET, "records")
    assert [str(record.label) for record in obligation.counting] == ["3 systemic problems sent in Kezdesu"]
    assert not Fulfilment.objects.exists()


def test_nothing_to_send_is_refused(akimat):
    with pytest.raises(DomainError) as refused:
        send_systemic_problems(actor=akimat.approver, akimat=akimat.akimat, half_year_start=HALF_YEAR)
    assert refused.value.code == "nothing_to_send"


def test_the_ministry_answers_and_the_akimat_is_told(akimat, ministry):
    problem = SystemicProblemFactory(
        akimat=akimat.akimat, region=akimat.region, competent_body=ministry.ministry, status="sent"
    )
    with pytest.raises(NotPermitted):
        answer_systemic_problem(actor=ministry.viewer, problem=problem, answer="No.")

    answer_systemic_problem(actor=ministry.editor, problem=problem, answer="Doctors are hired under a programme.")

    problem.refresh_from_db()
    assert (problem.status, problem.answer, problem.answered_by) == (
        SystemicProblem.Status.ANSWERED,
        "Doctors are hired under a programme.",
        ministry.editor,
    )
    assert sorted(
        Notification.objects.filter(kind="planning.problems.answered").values_list("recipient__username", flat=True)
    ) == ["akimat-abai-approver", "akimat-abai-editor"]


def test_a_draft_cannot_be_answered(akimat, ministry):
    problem = SystemicProblemFactory(akimat=akimat.akimat, region=akimat.region, competent_body=ministry.ministry)
    with pytest.raises(DomainError) as refused:
        answer_systemic_problem(actor=ministry.editor, problem=problem, answer="Yes.")
    assert refused.value.code == "not_sent"


def test_the_akimat_records_a_companys_reply(akimat, ministry):
    problem = SystemicProblemFactory(
        akimat=akimat.akimat, region=akimat.region, competent_body=None, competent_company="KEGOC", status="sent"
    )
    with pytest.raises(DomainError):
        answer_systemic_problem(actor=ministry.editor, problem=problem, answer="Yes.")

    record_company_answer(actor=akimat.editor, problem=problem, answer="A new line is built in 2027.")

    problem.refresh_from_db()
    assert (problem.status, problem.answer) == (SystemicProblem.Status.ANSWERED, "A new line is built in 2027.")
    assert AuditLog.objects.filter(action="planning.problem.company_answer").count() == 1
