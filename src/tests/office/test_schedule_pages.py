"""The schedule's back-office pages: who may open them, and what the forms do."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kezdesu.planning.domain.draft import add_item
from kezdesu.planning.domain.versions import approve_schedule, submit_schedule
from kezdesu.planning.domain.warnings import draft_warnings
from kezdesu.planning.models import ItemAgreement, ScheduleItem, ScheduleVersion, WarningAcknowledgement
from tests.factories.planning import ProposalFactory, build_schedule_world

pytestmark = pytest.mark.django_db

FEB_10 = datetime.date(2027, 2, 10)
STAFF = (
    "ministry_viewer",
    "ministry_editor",
    "ministry_approver",
    "akimat_viewer",
    "coordinator",
    "apparatus_oversight",
    "government_approver",
    "superuser",
)
ROLES = ("anonymous", "no_role", *STAFF)


def _expected(staff, **exceptions):
    expected = {"anonymous": 302, "no_role": 403, **dict.fromkeys(STAFF, staff)}
    expected.update(exceptions)
    return expected


PAGES = {
    "periods": (lambda w: reverse("office:schedule_periods"), _expected(200)),
    "draft": (lambda w: reverse("office:schedule_draft", kwargs={"period_id": w.period.pk}), _expected(200)),
    "add item": (
        lambda w: reverse("office:schedule_item_add", kwargs={"period_id": w.period.pk}),
        _expected(404, coordinator=200, superuser=200),
    ),
    "edit item": (
        lambda w: reverse("office:schedule_item_edit", kwargs={"pk": w.item.pk}),
        _expected(404, coordinator=200, superuser=200),
    ),
    "agreements": (lambda w: reverse("office:schedule_agreements", kwargs={"period_id": w.period.pk}), _expected(200)),
    "approve": (
        lambda w: reverse("office:schedule_approve", kwargs={"period_id": w.period.pk}),
        _expected(404, government_approver=200, superuser=200),
    ),
    "amend": (
        lambda w: reverse("office:schedule_amend", kwargs={"period_id": w.period.pk}),
        _expected(404, coordinator=200, superuser=200),
    ),
    "versions": (lambda w: reverse("office:schedule_versions", kwargs={"period_id": w.period.pk}), _expected(200)),
    "version 1": (
        lambda w: reverse("office:schedule_version", kwargs={"period_id": w.period.pk, "number": 1}),
        _expected(200),
    ),
}


@pytest.fixture
def world():
    world = build_schedule_world()
    world.item = add(world)
    return world


def add(world, **values):
    defaults = {
        "actor": world.user("coordinator"),
        "version": world.version,
        "organisation": world.roles.ministry,
        "position": world.minister,
        "region": world.roles.akimat.region,
        "start_date": FEB_10,
        "end_date": FEB_10,
    }
    return add_item(**{**defaults, **values})


def settle(world):
    ItemAgreement.objects.update(decision=ItemAgreement.Decision.AGREED)
    for warning in draft_warnings(world.version):
        if not warning.is_acknowledged:
            WarningAcknowledgement.objects.create(version=world.version, key=warning.key, note="Accepted")


def approve(world):
    settle(world)
    submit_schedule(actor=world.user("coordinator"), period=world.period)
    approve_schedule(
        actor=world.user("government_approver"),
        period=world.period,
        act_number="5",
        act_date=datetime.date(2026, 11, 20),
    )


def login(client, world, role):
    if role != "anonymous":
        client.force_login(world.user(role))
    return client


@pytest.mark.parametrize(
    ("page", "role", "status"),
    [
        pytest.param(page, role, expected[role], id=f"{page}-{role}")
        for page, (_url, expected) in PAGES.items()
        for role in ROLES
    ],
)
def test_each_role_gets_the_expected_status_on_each_schedule_page(client, world, page, role, status):
    if page == "version 1":
        approve(world)
    if page == "edit item":
        world.item = world.version.items.get()

    response = login(client, world, role).get(PAGES[page][0](world))

    assert response.status_code == status


def test_the_draft_grid_has_a_row_per_ministry_and_a_column_per_month(client, world):
    response = login(client, world, "coordinator").get(
        reverse("office:schedule_draft", kwargs={"period_id": world.period.pk})
    )

    grid = response.context["grid"]
    assert [month.month for month in grid.months] == [1, 2, 3, 4, 5, 6]
    row = next(row for row in grid.rows if row.organisation == world.roles.ministry)
    assert [len(cell) for cell in row.cells] == [0, 1, 0, 0, 0, 0]
    assert "Acknowledge" in response.text


def test_the_coordinator_adds_a_meeting_through_the_form(client, world):
    response = login(client, world, "coordinator").post(
        reverse("office:schedule_item_add", kwargs={"period_id": world.period.pk}),
        {
            "organisation": world.roles.other_ministry.pk,
            "position": world.other_minister.pk,
            "region": world.roles.other_akimat.region.pk,
            "start_date": "2027-03-03",
            "end_date": "2027-03-03",
            "topics_en": "Schools",
        },
    )

    assert response.status_code == 302
    assert ScheduleItem.objects.filter(organisation=world.roles.other_ministry, topics_en="Schools").count() == 1


def test_a_refused_meeting_keeps_the_form_and_says_why(client, world):
    response = login(client, world, "coordinator").post(
        reverse("office:schedule_item_add", kwargs={"period_id": world.period.pk}),
        {
            "organisation": world.roles.ministry.pk,
            "position": world.other_minister.pk,
            "region": world.roles.akimat.region.pk,
            "start_date": "2027-03-03",
            "end_date": "2027-03-03",
        },
    )

    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == ["The official does not hold a post in this ministry."]


def test_the_ministry_editor_disagrees_on_the_agreement_page(client, world):
    login(client, world, "ministry_editor")
    page = client.get(reverse("office:schedule_agreements", kwargs={"period_id": world.period.pk}))
    agreement = ItemAgreement.objects.get(item=world.item, organisation=world.roles.ministry)

    response = client.post(
        reverse("office:schedule_agreement_decide", kwargs={"pk": agreement.pk}),
        {"decision": "disagreed", "comment": "The minister is abroad"},
    )

    assert [s["organisation"] for s in page.context["sections"]] == [world.roles.ministry]
    assert response.status_code == 302
    agreement.refresh_from_db()
    assert (agreement.decision, agreement.comment) == ("disagreed", "The minister is abroad")


def test_an_akimat_viewer_cannot_answer_for_the_ministry(client, world):
    agreement = ItemAgreement.objects.get(item=world.item, organisation=world.roles.ministry)

    response = login(client, world, "akimat_viewer").post(
        reverse("office:schedule_agreement_decide", kwargs={"pk": agreement.pk}), {"decision": "agreed"}
    )

    assert response.status_code == 404


def test_submitting_with_warnings_left_says_so(client, world):
    response = login(client, world, "coordinator").post(
        reverse("office:schedule_submit", kwargs={"period_id": world.period.pk}), follow=True
    )

    assert "Resolve every blocking warning and acknowledge the others before submitting" in response.text
    assert ScheduleVersion.objects.get(pk=world.version.pk).status == ScheduleVersion.Status.WORKING


def test_the_government_approver_approves_a_submitted_draft(client, world):
    settle(world)
    submit_schedule(actor=world.user("coordinator"), period=world.period)

    response = login(client, world, "government_approver").post(
        reverse("office:schedule_approve", kwargs={"period_id": world.period.pk}),
        {"act_number": "No. 7", "act_date": "2026-11-20"},
    )

    assert response.status_code == 302
    assert ScheduleVersion.objects.get(period=world.period, number=1).act_number == "No. 7"


def test_the_amendment_page_shows_the_changes_and_submits_them_with_the_reason(client, world):
    approve(world)
    add(world, start_date=FEB_10.replace(day=24), end_date=FEB_10.replace(day=24))
    login(client, world, "coordinator")
    url = reverse("office:schedule_amend", kwargs={"period_id": world.period.pk})

    page = client.get(url)
    refused = client.post(url, {"reason": "A second visit"})  # the new meeting's parties have not answered yet
    settle(world)
    response = client.post(url, {"reason": "A second visit"})

    assert len(page.context["diff"].added) == 1
    assert "Resolve every blocking warning" in refused.text
    assert response.status_code == 302
    working = ScheduleVersion.objects.get(period=world.period, number=None)
    assert (working.status, working.reason) == (ScheduleVersion.Status.SUBMITTED, "A second visit")
    login(client, world, "government_approver")
    client.post(
        reverse("office:schedule_approve", kwargs={"period_id": world.period.pk}),
        {"act_number": "No. 9", "act_date": "2026-11-25"},
    )
    second = ScheduleVersion.objects.get(period=world.period, number=2)
    assert (second.reason, second.act_number) == ("A second visit", "No. 9")
    diff_page = client.get(reverse("office:schedule_version", kwargs={"period_id": world.period.pk, "number": 2}))
    assert len(diff_page.context["diff"].added) == 1


def test_an_approved_draft_says_so_and_offers_no_second_submission(client, world):
    add(world)
    approve(world)
    page = login(client, world, "coordinator").get(
        reverse("office:schedule_draft", kwargs={"period_id": world.period.pk})
    )
    assert "In force: version 1, approved by act No. 5 of 20.11.2026." in page.text
    assert "there is nothing to submit" in page.text
    assert reverse("office:schedule_submit", kwargs={"period_id": world.period.pk}) not in page.text
    assert reverse("office:schedule_amend", kwargs={"period_id": world.period.pk}) not in page.text


def test_the_coordinator_records_an_answer_received_on_paper(client, world):
    item = add(world)
    agreement = item.agreements.get(organisation=world.roles.akimat)
    login(client, world, "coordinator")
    draft = client.get(reverse("office:schedule_draft", kwargs={"period_id": world.period.pk}))
    url = reverse("office:schedule_agreement_paper", kwargs={"pk": agreement.pk})
    assert url in draft.text

    refused = client.post(url, {"decision": "agreed", "reference": " "})
    response = client.post(url, {"decision": "agreed", "reference": "Letter No. 12-04/55 of 01.12.2026"})

    assert refused.status_code == 200
    assert "This field is required." in refused.text
    assert response.status_code == 302
    assert response["Location"].endswith("#items-title")
    agreement.refresh_from_db()
    assert (agreement.decision, agreement.paper_reference) == ("agreed", "Letter No. 12-04/55 of 01.12.2026")
    landed = client.get(response["Location"]).text
    # The confirmation is shown where the page lands (the meetings' table), not at the top out of sight.
    table = landed[landed.index('id="items-title"') :]
    assert "The answer received on paper is recorded." in table


def test_only_the_authorized_body_records_an_answer_on_paper(client, world):
    item = add(world)
    agreement = item.agreements.get(organisation=world.roles.akimat)
    url = reverse("office:schedule_agreement_paper", kwargs={"pk": agreement.pk})
    assert login(client, world, "ministry_approver").get(url).status_code == 404


def test_the_draft_page_issues_as_many_queries_for_three_meetings_as_for_one(client, world):
    login(client, world, "coordinator")
    url = reverse("office:schedule_draft", kwargs={"period_id": world.period.pk})
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    add(world, start_date=FEB_10.replace(day=17), end_date=FEB_10.replace(day=17))
    add(world, organisation=world.roles.other_ministry, position=world.other_minister)

    with CaptureQueriesContext(connection) as three:
        client.get(url)

    assert len(three) == len(one)


def _submitted_proposal(world):
    return ProposalFactory(
        period=world.period,
        organisation=world.roles.other_ministry,
        position=world.other_minister,
        region=world.roles.other_akimat.region,
        preferred_from=datetime.date(2027, 3, 3),
        preferred_to=datetime.date(2027, 3, 9),
        status="submitted",
    )


def test_the_draft_lists_submitted_proposals_and_the_coordinator_includes_one(client, world):
    proposal = _submitted_proposal(world)
    coordinator = login(client, world, "coordinator")
    draft_url = reverse("office:schedule_draft", kwargs={"period_id": world.period.pk})
    include_url = reverse("office:schedule_proposal_include", kwargs={"pk": proposal.pk})

    assert include_url in coordinator.get(draft_url).text
    response = coordinator.post(include_url, {"start_date": "2027-03-04", "end_date": "2027-03-04"})

    assert response.status_code == 302
    item = ScheduleItem.objects.get(proposal=proposal)
    assert (item.start_date, item.region, item.topics) == (datetime.date(2027, 3, 4), proposal.region, proposal.topics)
    assert include_url not in coordinator.get(draft_url).text


def test_a_proposal_is_included_only_once_and_the_form_says_why(client, world):
    proposal = _submitted_proposal(world)
    coordinator = login(client, world, "coordinator")
    include_url = reverse("office:schedule_proposal_include", kwargs={"pk": proposal.pk})
    coordinator.post(include_url, {"start_date": "2027-03-04", "end_date": "2027-03-04"})

    response = coordinator.post(include_url, {"start_date": "2027-03-05", "end_date": "2027-03-05"})

    assert response.status_code == 200
    assert "This proposal is already in the draft." in response.text
    assert ScheduleItem.objects.filter(proposal=proposal).count() == 1


def test_only_the_authorized_body_includes_proposals(client, world):
    proposal = _submitted_proposal(world)
    include_url = reverse("office:schedule_proposal_include", kwargs={"pk": proposal.pk})

    assert login(client, world, "ministry_editor").get(include_url).status_code == 404
