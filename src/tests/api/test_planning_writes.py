"""The planning API's writes: changing proposals and systemic problems, a company's answer, the draft's
items, its warnings, and submitting, approving and amending the schedule.

Each endpoint: the right role succeeds and leaves an audit row; a wrong role answers 403, an object
outside the user's scope 404; bad input answers 400 with the reason translated, and changes nothing.
"""

import datetime

import pytest

from kezdesu.core.models import AuditLog
from kezdesu.planning.domain.draft import add_item, update_item
from kezdesu.planning.domain.versions import approve_schedule, submit_schedule
from kezdesu.planning.domain.warnings import draft_warnings, outstanding_warnings
from kezdesu.planning.models import (
    ItemAgreement,
    PlanningPeriod,
    Proposal,
    ScheduleItem,
    ScheduleVersion,
    SystemicProblem,
    WarningAcknowledgement,
)
from tests.api.conftest import client_for
from tests.factories.planning import ProposalFactory, SystemicProblemFactory, build_schedule_world

pytestmark = pytest.mark.django_db

FEB_10 = datetime.date(2027, 2, 10)
ACT_DATE = datetime.date(2026, 11, 20)


@pytest.fixture
def world():
    return build_schedule_world()


def _client(world, role):
    return client_for(world.user(role))


def _proposal(world, **values):
    return ProposalFactory(
        period=world.period,
        organisation=world.roles.ministry,
        position=world.minister,
        region=world.roles.akimat.region,
        **values,
    )


def _problem(world, **values):
    defaults = {"competent_body": world.roles.ministry, "title": "District roads"}
    return SystemicProblemFactory(akimat=world.roles.akimat, region=world.roles.akimat.region, **{**defaults, **values})


def _company_problem(world):
    return _problem(world, competent_body=None, competent_company="KazAvtoZhol", status=SystemicProblem.Status.SENT)


def _add(world, day=FEB_10, version=None):
    return add_item(
        actor=world.user("coordinator"),
        version=version or world.version,
        organisation=world.roles.ministry,
        position=world.minister,
        region=world.roles.akimat.region,
        start_date=day,
        end_date=day,
        topics_en="Roads",
    )


def _settle(world):
    """Agree every item and acknowledge every other warning, as the authorized body would."""
    ItemAgreement.objects.update(decision=ItemAgreement.Decision.AGREED)
    for warning in draft_warnings(world.version):
        if not warning.is_acknowledged:
            WarningAcknowledgement.objects.create(version=world.version, key=warning.key, note="Accepted")


def _submit(world):
    _add(world)
    _settle(world)
    submit_schedule(actor=world.user("coordinator"), period=world.period)


def _approve(world):
    _submit(world)
    approve_schedule(
        actor=world.user("government_approver"), period=world.period, act_number="No. 5", act_date=ACT_DATE
    )


def _audit(action):
    row = AuditLog.objects.get(action=action)
    return row.actor.username, row.old_values, row.new_values


def _audit_count(action):
    return AuditLog.objects.filter(action=action).count()


# Proposals


def test_an_editor_changes_a_draft_proposal_and_it_is_audited(world):
    proposal = _proposal(world)

    response = _client(world, "ministry_editor").patch(
        f"/api/v1/proposals/{proposal.pk}/",
        {"topics_en": " Rural roads ", "preferred_from": "2027-03-01", "preferred_to": "2027-03-05"},
        format="json",
    )

    assert response.status_code == 200
    body = response.json()
    assert (body["topics"], body["preferred_from"], body["preferred_to"], body["status"]) == (
        "Rural roads",
        "2027-03-01",
        "2027-03-05",
        "draft",
    )
    proposal.refresh_from_db()
    assert (proposal.topics, proposal.preferred_from) == ("Rural roads", datetime.date(2027, 3, 1))
    assert _audit("planning.proposal.update") == (
        "ministry_editor",
        {"topics_en": "Water supply of the villages", "preferred_from": "2027-01-31", "preferred_to": "2027-02-06"},
        {"topics_en": "Rural roads", "preferred_from": "2027-03-01", "preferred_to": "2027-03-05"},
    )


def test_the_period_and_the_ministry_of_a_proposal_are_not_changed(world):
    proposal = _proposal(world)

    response = _client(world, "ministry_editor").patch(
        f"/api/v1/proposals/{proposal.pk}/", {"organisation": "ministry-b", "topics_en": "Rural roads"}, format="json"
    )

    assert response.status_code == 200
    assert (response.json()["organisation"], response.json()["topics"]) == ("ministry-a", "Rural roads")
    assert Proposal.objects.get(pk=proposal.pk).organisation == world.roles.ministry


@pytest.mark.parametrize(("role", "expected"), [("ministry_viewer", 403), ("coordinator", 403), ("akimat_editor", 404)])
def test_only_the_ministrys_editors_change_its_proposal(world, role, expected):
    proposal = _proposal(world)

    response = _client(world, role).patch(f"/api/v1/proposals/{proposal.pk}/", {"topics_en": "x"}, format="json")

    assert response.status_code == expected
    assert Proposal.objects.get(pk=proposal.pk).topics == "Water supply of the villages"
    assert _audit_count("planning.proposal.update") == 0


def test_a_changed_proposal_outside_the_period_answers_400_and_stays_as_it_was(world):
    proposal = _proposal(world)

    response = _client(world, "ministry_editor").patch(
        f"/api/v1/proposals/{proposal.pk}/?lang=en", {"preferred_to": "2027-07-10"}, format="json"
    )

    assert response.status_code == 400
    assert response.json() == {
        "detail": "The preferred dates must lie within the planning period, 01.01.2027 – 30.06.2027.",
        "code": "dates_period",
    }
    assert Proposal.objects.get(pk=proposal.pk).preferred_to == datetime.date(2027, 2, 6)
    assert _audit_count("planning.proposal.update") == 0


def test_a_submitted_proposal_cannot_be_changed(world):
    proposal = _proposal(world, status=Proposal.Status.SUBMITTED)

    response = _client(world, "ministry_editor").patch(
        f"/api/v1/proposals/{proposal.pk}/?lang=ru", {"topics_en": "Rural roads"}, format="json"
    )

    assert response.status_code == 400
    assert response.json() == {"detail": "Изменить можно только предложение в статусе черновика.", "code": "not_draft"}
    assert Proposal.objects.get(pk=proposal.pk).topics == "Water supply of the villages"


# Systemic problems


def test_the_akimat_reroutes_a_draft_problem_to_a_company_and_it_is_audited(world):
    problem = _problem(world)

    response = _client(world, "akimat_editor").patch(
        f"/api/v1/systemic-problems/{problem.pk}/",
        {"competent_body": None, "competent_company": "KazAvtoZhol"},
        format="json",
    )

    assert response.status_code == 200
    assert (response.json()["competent_body"], response.json()["competent_company"]) == (None, "KazAvtoZhol")
    assert _audit("planning.problem.update") == (
        "akimat_editor",
        {"competent_body": world.roles.ministry.pk, "competent_company": ""},
        {"competent_body": None, "competent_company": "KazAvtoZhol"},
    )


@pytest.mark.parametrize(
    ("role", "status", "expected"),
    [
        ("akimat_viewer", SystemicProblem.Status.DRAFT, 403),
        ("coordinator", SystemicProblem.Status.DRAFT, 403),
        ("ministry_editor", SystemicProblem.Status.SENT, 403),  # the competent body reads it, may not change it
        ("ministry_editor", SystemicProblem.Status.DRAFT, 404),  # a draft is not routed to it yet
    ],
)
def test_only_the_akimats_editors_change_its_problem(world, role, status, expected):
    problem = _problem(world, status=status)

    response = _client(world, role).patch(
        f"/api/v1/systemic-problems/{problem.pk}/", {"title": "Bridges"}, format="json"
    )

    assert response.status_code == expected
    assert SystemicProblem.objects.get(pk=problem.pk).title == "District roads"


def test_a_problem_routed_twice_answers_400_and_stays_as_it_was(world):
    problem = _problem(world)

    response = _client(world, "akimat_editor").patch(
        f"/api/v1/systemic-problems/{problem.pk}/?lang=en", {"competent_company": "KazAvtoZhol"}, format="json"
    )

    assert response.status_code == 400
    assert response.json() == {
        "detail": "Choose the competent ministry, or name the national holding or company — one of the two.",
        "code": "routing",
    }
    problem.refresh_from_db()
    assert (problem.competent_body, problem.competent_company) == (world.roles.ministry, "")
    assert _audit_count("planning.problem.update") == 0


def test_a_sent_problem_cannot_be_changed(world):
    problem = _problem(world, status=SystemicProblem.Status.SENT)

    response = _client(world, "akimat_editor").patch(
        f"/api/v1/systemic-problems/{problem.pk}/?lang=en", {"title": "Bridges"}, format="json"
    )

    assert response.status_code == 400
    assert response.json() == {"detail": "Only a draft problem can be changed.", "code": "not_draft"}


def test_the_akimat_records_a_companys_answer_and_it_is_audited(world):
    problem = _company_problem(world)

    response = _client(world, "akimat_editor").post(
        f"/api/v1/systemic-problems/{problem.pk}/company-answer/", {"answer": "Repairs begin in May."}, format="json"
    )

    assert response.status_code == 200
    assert (response.json()["status"], response.json()["answer"]) == ("answered", "Repairs begin in May.")
    assert _audit("planning.problem.company_answer") == (
        "akimat_editor",
        {"status": "sent"},
        {"status": "answered", "answer": "Repairs begin in May."},
    )


@pytest.mark.parametrize(("role", "expected"), [("akimat_viewer", 403), ("coordinator", 403), ("ministry_editor", 404)])
def test_only_the_akimats_editors_record_a_companys_answer(world, role, expected):
    problem = _company_problem(world)

    response = _client(world, role).post(
        f"/api/v1/systemic-problems/{problem.pk}/company-answer/", {"answer": "Done."}, format="json"
    )

    assert response.status_code == expected
    assert SystemicProblem.objects.get(pk=problem.pk).status == SystemicProblem.Status.SENT


def test_a_ministrys_problem_takes_no_company_answer(world):
    problem = _problem(world, status=SystemicProblem.Status.SENT)

    response = _client(world, "akimat_editor").post(
        f"/api/v1/systemic-problems/{problem.pk}/company-answer/?lang=en", {"answer": "Done."}, format="json"
    )

    assert response.status_code == 400
    assert response.json() == {"detail": "The competent ministry answers this problem itself.", "code": "ministry"}
    assert SystemicProblem.objects.get(pk=problem.pk).status == SystemicProblem.Status.SENT
    assert _audit_count("planning.problem.company_answer") == 0


def test_a_blank_company_answer_answers_400(world):
    problem = _company_problem(world)

    response = _client(world, "akimat_editor").post(
        f"/api/v1/systemic-problems/{problem.pk}/company-answer/?lang=en", {"answer": " "}, format="json"
    )

    assert response.status_code == 400
    assert response.json() == {"detail": "Give the answer.", "code": "answer"}
    assert SystemicProblem.objects.get(pk=problem.pk).answer == ""


# The draft's items


def _item_url(world, item, suffix=""):
    return f"/api/v1/draft/{world.period.pk}/items/{item.pk}/{suffix}"


def test_the_coordinator_moves_an_item_and_both_parties_are_asked_again(world):
    item = _add(world)
    item.agreements.update(decision=ItemAgreement.Decision.AGREED)

    response = _client(world, "coordinator").patch(
        _item_url(world, item), {"start_date": "2027-03-10", "end_date": "2027-03-11"}, format="json"
    )

    assert response.status_code == 200
    body = response.json()
    assert (body["start_date"], body["end_date"], body["topics"]) == ("2027-03-10", "2027-03-11", "Roads")
    assert [(row["organisation"], row["decision"]) for row in body["agreements"]] == [
        ("ministry-a", "pending"),
        ("akimat-x", "pending"),
    ]
    assert _audit("planning.item.update") == (
        "coordinator",
        {"start_date": "2027-02-10", "end_date": "2027-02-10"},
        {"start_date": "2027-03-10", "end_date": "2027-03-11"},
    )


@pytest.mark.parametrize("role", ["ministry_editor", "ministry_approver", "government_approver"])
def test_only_the_coordinator_changes_an_item(world, role):
    item = _add(world)

    response = _client(world, role).patch(_item_url(world, item), {"topics_en": "Bridges"}, format="json")

    assert response.status_code == 403
    assert ScheduleItem.objects.get(pk=item.pk).topics == "Roads"


def test_an_item_of_another_period_or_a_frozen_version_answers_404(world):
    later = PlanningPeriod.objects.create(
        profile=world.period.profile, start=datetime.date(2027, 7, 1), end=datetime.date(2027, 12, 31)
    )
    elsewhere = _add(world, datetime.date(2027, 8, 10), version=ScheduleVersion.objects.create(period=later))
    _approve(world)
    frozen = ScheduleItem.objects.get(version__number=1)
    client = _client(world, "coordinator")

    responses = [
        client.patch(_item_url(world, elsewhere), {"topics_en": "x"}, format="json"),
        client.delete(_item_url(world, frozen)),
        client.patch(f"/api/v1/draft/999999/items/{elsewhere.pk}/", {"topics_en": "x"}, format="json"),
    ]

    assert [response.status_code for response in responses] == [404, 404, 404]
    assert ScheduleItem.objects.filter(pk__in=[elsewhere.pk, frozen.pk]).count() == 2


def test_an_item_ending_before_it_begins_answers_400_and_stays_as_it_was(world):
    item = _add(world)

    response = _client(world, "coordinator").patch(
        _item_url(world, item, "?lang=ru"), {"end_date": "2027-02-01"}, format="json"
    )

    assert response.status_code == 400
    assert response.json() == {"detail": "Дата окончания не может быть раньше даты начала.", "code": "dates_order"}
    assert ScheduleItem.objects.get(pk=item.pk).end_date == FEB_10
    assert _audit_count("planning.item.update") == 0


def test_the_coordinator_removes_an_item_and_it_is_audited(world):
    item = _add(world)

    response = _client(world, "coordinator").delete(_item_url(world, item))

    assert response.status_code == 204
    assert not ScheduleItem.objects.filter(pk=item.pk).exists()
    username, old, new = _audit("planning.item.remove")
    assert (username, old["topics_en"], old["start_date"], new) == ("coordinator", "Roads", "2027-02-10", {})


def test_only_the_coordinator_removes_an_item(world):
    item = _add(world)

    response = _client(world, "ministry_approver").delete(_item_url(world, item))

    assert response.status_code == 403
    assert ScheduleItem.objects.filter(pk=item.pk).exists()


def test_an_item_of_a_submitted_draft_is_not_removed(world):
    _submit(world)
    item = ScheduleItem.objects.get(version=world.version)

    response = _client(world, "coordinator").delete(_item_url(world, item, "?lang=en"))

    assert response.status_code == 400
    assert response.json() == {
        "detail": "The draft is submitted to the Government and cannot be changed until it is approved.",
        "code": "submitted",
    }
    assert ScheduleItem.objects.filter(pk=item.pk).exists()
    assert _audit_count("planning.item.remove") == 0


# Including a proposal


def _include(world, role, proposal, period=None, lang="en"):
    return _client(world, role).post(
        f"/api/v1/draft/{(period or world.period).pk}/include-proposal/?lang={lang}",
        {"proposal": proposal.pk, "start_date": "2027-03-16", "end_date": "2027-03-17"},
        format="json",
    )


def test_the_coordinator_includes_a_submitted_proposal_in_the_draft(world):
    proposal = _proposal(world, status=Proposal.Status.SUBMITTED, topics="Rural clinics")

    response = _include(world, "coordinator", proposal)

    assert response.status_code == 201
    body = response.json()
    assert (body["organisation"], body["position"], body["start_date"], body["end_date"], body["topics"]) == (
        "ministry-a",
        world.minister.pk,
        "2027-03-16",
        "2027-03-17",
        "Rural clinics",
    )
    assert ScheduleItem.objects.get(pk=body["id"]).proposal == proposal
    username, _old, new = _audit("planning.item.add")
    assert (username, new["proposal"], new["start_date"]) == ("coordinator", proposal.pk, "2027-03-16")


@pytest.mark.parametrize("role", ["ministry_approver", "akimat_editor"])
def test_only_the_coordinator_includes_a_proposal(world, role):
    proposal = _proposal(world, status=Proposal.Status.SUBMITTED)

    response = _include(world, role, proposal)

    assert response.status_code == 403
    assert not ScheduleItem.objects.exists()


def test_including_a_proposal_in_an_unknown_period_answers_404(world):
    proposal = _proposal(world, status=Proposal.Status.SUBMITTED)

    response = _client(world, "coordinator").post(
        "/api/v1/draft/999999/include-proposal/",
        {"proposal": proposal.pk, "start_date": "2027-03-16", "end_date": "2027-03-17"},
        format="json",
    )

    assert response.status_code == 404


def test_a_draft_proposal_is_not_included(world):
    proposal = _proposal(world)

    response = _include(world, "coordinator", proposal)

    assert response.status_code == 400
    assert response.json() == {
        "detail": "Only a submitted proposal can be included in the draft.",
        "code": "proposal_status",
    }
    assert not ScheduleItem.objects.exists()


def test_a_proposal_of_another_period_is_not_included_in_this_one(world):
    later = PlanningPeriod.objects.create(
        profile=world.period.profile, start=datetime.date(2027, 7, 1), end=datetime.date(2027, 12, 31)
    )
    proposal = _proposal(world, status=Proposal.Status.SUBMITTED)

    response = _include(world, "coordinator", proposal, period=later, lang="ru")

    assert response.status_code == 400
    assert response.json() == {"proposal": ["Предложение относится к другому периоду планирования."]}
    assert not ScheduleItem.objects.exists()
    assert _audit_count("planning.item.add") == 0


# Warnings


def _pending_key(world, item):
    return f"pending:{item.uid}:{world.roles.ministry.code}"


def test_the_coordinator_acknowledges_a_warning_and_the_draft_shows_it(world):
    _add(world)
    key = f"unvisited:{world.roles.other_akimat.region.kato}"
    client = _client(world, "coordinator")

    response = client.post(
        f"/api/v1/draft/{world.period.pk}/acknowledge/", {"key": key, "note": " The ministry agrees by phone. "}
    )
    draft = client.get(f"/api/v1/draft/{world.period.pk}/").json()

    assert response.status_code == 201
    assert (response.json()["key"], response.json()["note"]) == (key, "The ministry agrees by phone.")
    assert [warning["acknowledged"] for warning in draft["warnings"] if warning["key"] == key] == [True]
    assert _audit("planning.warning.acknowledge") == (
        "coordinator",
        {},
        {"key": key, "note": "The ministry agrees by phone."},
    )


@pytest.mark.parametrize("role", ["ministry_approver", "apparatus_oversight"])
def test_only_the_coordinator_acknowledges_a_warning(world, role):
    item = _add(world)

    response = _client(world, role).post(
        f"/api/v1/draft/{world.period.pk}/acknowledge/", {"key": _pending_key(world, item), "note": "Fine."}
    )

    assert response.status_code == 403
    assert not WarningAcknowledgement.objects.exists()


def test_acknowledging_in_an_unknown_period_answers_404(world):
    response = _client(world, "coordinator").post("/api/v1/draft/999999/acknowledge/", {"key": "x", "note": "Fine."})

    assert response.status_code == 404


@pytest.mark.parametrize(
    ("note", "key", "expected"),
    [
        (" ", "pending", {"detail": "Say why the warning may stand.", "code": "note"}),
        ("Fine.", "gone", {"detail": "This warning no longer applies to the draft.", "code": "unknown_warning"}),
    ],
)
def test_a_blank_note_or_a_stale_warning_is_refused(world, note, key, expected):
    item = _add(world)
    keys = {"pending": _pending_key(world, item), "gone": "pending:00000000-0000-0000-0000-000000000000:ministry-a"}

    response = _client(world, "coordinator").post(
        f"/api/v1/draft/{world.period.pk}/acknowledge/?lang=en", {"key": keys[key], "note": note}
    )

    assert response.status_code == 400
    assert response.json() == expected
    assert not WarningAcknowledgement.objects.exists()
    assert _audit_count("planning.warning.acknowledge") == 0


# Submitting, approving, amending


def test_the_coordinator_submits_a_settled_draft(world):
    _add(world)
    _settle(world)

    response = _client(world, "coordinator").post(f"/api/v1/draft/{world.period.pk}/submit/")

    assert response.status_code == 200
    assert {key: response.json()[key] for key in ("period", "number", "status")} == {
        "period": {"start": "2027-01-01", "end": "2027-06-30"},
        "number": None,
        "status": "submitted",
    }
    assert ScheduleVersion.objects.get(pk=world.version.pk).status == ScheduleVersion.Status.SUBMITTED
    assert _audit("planning.schedule.submit") == ("coordinator", {"status": "working"}, {"status": "submitted"})


@pytest.mark.parametrize("role", ["ministry_approver", "government_approver", "apparatus_oversight"])
def test_only_the_coordinator_submits_the_draft(world, role):
    _add(world)
    _settle(world)

    response = _client(world, role).post(f"/api/v1/draft/{world.period.pk}/submit/")

    assert response.status_code == 403
    assert ScheduleVersion.objects.get(pk=world.version.pk).status == ScheduleVersion.Status.WORKING


def test_a_draft_with_open_warnings_is_not_submitted(world):
    _add(world)
    left = len(outstanding_warnings(world.version))

    response = _client(world, "coordinator").post(f"/api/v1/draft/{world.period.pk}/submit/?lang=en")

    assert response.status_code == 400
    assert response.json() == {
        "detail": f"Resolve every blocking warning and acknowledge the others before submitting ({left} left).",
        "code": "warnings",
    }
    assert ScheduleVersion.objects.get(pk=world.version.pk).status == ScheduleVersion.Status.WORKING
    assert _audit_count("planning.schedule.submit") == 0


def test_submitting_in_an_unknown_period_answers_404(world):
    response = _client(world, "coordinator").post("/api/v1/draft/999999/submit/")

    assert response.status_code == 404


def test_the_government_approves_the_submitted_draft_as_version_1(world):
    _submit(world)

    response = _client(world, "government_approver").post(
        f"/api/v1/draft/{world.period.pk}/approve/", {"act_number": "No. 5", "act_date": "2026-11-20"}
    )

    assert response.status_code == 201
    assert {key: response.json()[key] for key in ("number", "status", "act_number", "act_date", "reason")} == {
        "number": 1,
        "status": "approved",
        "act_number": "No. 5",
        "act_date": "2026-11-20",
        "reason": "",
    }
    assert ScheduleItem.objects.filter(version__number=1).count() == 1
    assert _audit("planning.schedule.approve") == (
        "government_approver",
        {},
        {"number": 1, "act_number": "No. 5", "act_date": "2026-11-20"},
    )


@pytest.mark.parametrize("role", ["coordinator", "ministry_approver", "apparatus_oversight"])
def test_only_the_government_approves_the_schedule(world, role):
    _submit(world)

    response = _client(world, role).post(
        f"/api/v1/draft/{world.period.pk}/approve/", {"act_number": "No. 5", "act_date": "2026-11-20"}
    )

    assert response.status_code == 403
    assert not ScheduleVersion.objects.filter(number__isnull=False).exists()


def test_approving_in_an_unknown_period_answers_404(world):
    response = _client(world, "government_approver").post(
        "/api/v1/draft/999999/approve/", {"act_number": "No. 5", "act_date": "2026-11-20"}
    )

    assert response.status_code == 404


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            {"act_number": " ", "act_date": "2026-11-20"},
            {"detail": "Give the approving act's number.", "code": "act_number"},
        ),
        (
            {"act_number": "No. 5", "act_date": "2099-01-01"},
            {"detail": "The approving act's date cannot be in the future.", "code": "act_date"},
        ),
    ],
)
def test_an_approval_without_a_valid_act_is_refused(world, body, expected):
    _submit(world)

    response = _client(world, "government_approver").post(f"/api/v1/draft/{world.period.pk}/approve/?lang=en", body)

    assert response.status_code == 400
    assert response.json() == expected
    assert not ScheduleVersion.objects.filter(number__isnull=False).exists()
    assert _audit_count("planning.schedule.approve") == 0


def test_an_approval_with_a_malformed_date_answers_400(world):
    _submit(world)

    response = _client(world, "government_approver").post(
        f"/api/v1/draft/{world.period.pk}/approve/?lang=en", {"act_number": "No. 5", "act_date": "20.11.2026"}
    )

    assert response.status_code == 400
    assert list(response.json()) == ["act_date"]
    assert not ScheduleVersion.objects.filter(number__isnull=False).exists()


def _change_after_approval(world):
    _approve(world)
    item = ScheduleItem.objects.get(version=world.version)
    update_item(
        actor=world.user("coordinator"),
        item=item,
        start_date=datetime.date(2027, 3, 10),
        end_date=datetime.date(2027, 3, 10),
    )


def test_an_amendment_is_submitted_once_agreed_and_approved_with_the_act(world):
    _change_after_approval(world)
    client = _client(world, "coordinator")

    pending = client.post(f"/api/v1/draft/{world.period.pk}/amend/?lang=en", {"reason": "Moved to March."})
    assert (pending.status_code, pending.json()["code"]) == (400, "warnings")  # the parties are asked again

    ItemAgreement.objects.filter(item__version=world.version).update(decision=ItemAgreement.Decision.AGREED)
    response = client.post(
        f"/api/v1/draft/{world.period.pk}/amend/", {"reason": "The minister's visit moves to March."}
    )

    assert response.status_code == 201
    assert (response.json()["status"], response.json()["reason"]) == (
        "submitted",
        "The minister's visit moves to March.",
    )
    assert ScheduleVersion.objects.get(number=1).status == ScheduleVersion.Status.APPROVED  # nothing changed yet
    approved = _client(world, "government_approver").post(
        f"/api/v1/draft/{world.period.pk}/approve/", {"act_number": "No. 9", "act_date": "2026-11-25"}
    )
    assert approved.status_code == 201
    assert {key: approved.json()[key] for key in ("number", "status", "act_number", "reason")} == {
        "number": 2,
        "status": "approved",
        "act_number": "No. 9",
        "reason": "The minister's visit moves to March.",
    }
    assert ScheduleVersion.objects.get(number=1).status == ScheduleVersion.Status.SUPERSEDED


@pytest.mark.parametrize("role", ["government_approver", "ministry_approver"])
def test_only_the_coordinator_amends_the_schedule(world, role):
    _change_after_approval(world)

    response = _client(world, role).post(f"/api/v1/draft/{world.period.pk}/amend/", {"reason": "Moved."})

    assert response.status_code == 403
    assert not ScheduleVersion.objects.filter(number=2).exists()


def test_amending_in_an_unknown_period_answers_404(world):
    response = _client(world, "coordinator").post("/api/v1/draft/999999/amend/", {"reason": "Moved."})

    assert response.status_code == 404


@pytest.mark.parametrize(
    ("change", "reason", "expected"),
    [
        (True, " ", {"detail": "Give the reason for the amendment.", "code": "reason"}),
        (
            False,
            "Moved.",
            {
                "detail": "The schedule is approved (version 1) and the draft has not changed since: there is nothing "
                "to submit.",
                "code": "no_change",
            },
        ),
    ],
)
def test_an_amendment_without_a_reason_or_a_change_is_refused(world, change, reason, expected):
    if change:
        _change_after_approval(world)
    else:
        _approve(world)

    response = _client(world, "coordinator").post(f"/api/v1/draft/{world.period.pk}/amend/?lang=en", {"reason": reason})

    assert response.status_code == 400
    assert response.json() == expected
    assert not ScheduleVersion.objects.filter(number=2).exists()
    assert ScheduleVersion.objects.get(pk=world.version.pk).status == ScheduleVersion.Status.WORKING
