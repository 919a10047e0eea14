"""me/, notifications/ and audit/: the signed-in user's own things, and the audit trail."""

import datetime

import pytest
from django.utils import timezone

from kezdesu.core.domain.audit import record_audit
from kezdesu.core.models import Notification
from tests.api.conftest import client_for

pytestmark = pytest.mark.django_db


def test_me_lists_roles_and_permissions_from_the_rules(users, ministry):
    body = client_for(users["approver"]).get("/api/v1/me/?lang=en").json()

    assert body["username"] == "approver"
    assert body["email"] == "approver@example.kz"
    assert body["is_superuser"] is False
    assert body["permissions"] == ["office.access", "planning.raise_risk_flag"]
    assert body["memberships"] == [
        {
            "organisation": "ministry-a",
            "organisation_name": "Ministry A",
            "role": "approver",
            "role_display": "approver",
            "permissions": [
                "followup.prepare_progress_report",
                "followup.publish_progress_report",
                "organisations.edit_organisation_data",
                "organisations.view_organisation_data",
                "planning.agree_item",
                "planning.answer_systemic_problem",
                "planning.edit_proposal",
                "planning.edit_systemic_problems",
                "planning.send_systemic_problems",
                "planning.submit_proposals",
                "regulations.record_fulfilment",
                "reports.approve_quarterly_information",
                "reports.prepare_quarterly_information",
                "reports.view_quarterly_information",
            ],
        }
    ]


def test_a_coordinator_holds_nationwide_permissions(users):
    body = client_for(users["coordinator"]).get("/api/v1/me/").json()

    assert body["permissions"] == [
        "core.view_audit",
        "followup.edit_issues",
        "followup.edit_plan",
        "meetings.create_visit",
        "meetings.edit_visit",
        "meetings.publish_visit",
        "meetings.record_part_outcome",
        "meetings.run_meeting",
        "meetings.view_visit",
        "meetings.work_tasks",
        "office.access",
        "organisations.view_organisation_data",
        "planning.amend_schedule",
        "planning.compile_draft",
        "planning.decide_risk_flag",
        "planning.raise_risk_flag",
        "planning.set_advisor_weights",
        "planning.submit_schedule",
        "questions.enter_question",
        "questions.import_questions",
        "questions.moderate",
        "questions.view_analysis",
        "regulations.manage_calendar",
        "regulations.record_fulfilment",
        "reports.manage_evaluation",
        "reports.manage_library",
        "reports.prepare_half_year_report",
        "reports.return_quarterly_information",
        "reports.view_half_year_report",
        "reports.view_oversight",
        "reports.view_quarterly_information",
    ]


def test_no_other_endpoint_returns_an_email_address(users, profile, viewers_notification):
    record_audit(actor=users["approver"], action="test.action")
    client = client_for(users["superuser"])
    for url in ("audit/", "organisations/", "obligations/", "notifications/", "profiles/"):
        assert "@example.kz" not in client.get(f"/api/v1/{url}").content.decode(), url


def test_notifications_are_my_own_and_fall_back_to_their_kind(users, viewers_notification):
    Notification.objects.create(recipient=users["approver"], kind="someone.elses")

    body = client_for(users["viewer"]).get("/api/v1/notifications/").json()

    assert body["count"] == 1
    assert body["results"][0]["id"] == viewers_notification.pk
    assert body["results"][0]["text"] == "unregistered.kind"
    assert body["results"][0]["is_read"] is False


def test_a_registered_notification_is_rendered_in_the_requested_language(users):
    Notification.objects.create(
        recipient=users["viewer"],
        kind="deadline.overdue",
        params={
            "debtor": {"kk": "Сынақ министрлігі", "ru": "Тестовое министерство", "en": "Ministry A"},
            "title": {"kk": "Тоқсандық ақпарат", "ru": "Ежеквартальная информация", "en": "Quarterly information"},
            "period_start": "2026-01-01",
            "period_end": "2026-03-31",
            "due": "2026-04-06",
            "source": "G1.4",
        },
        link="/kk/office/",
    )

    row = client_for(users["viewer"]).get("/api/v1/notifications/?lang=en").json()["results"][0]

    assert row["text"] == (
        "Ministry A: Quarterly information for 01.01.2026 \N{EN DASH} 31.03.2026 was due on 06.04.2026 and is overdue. "
        "Clause: G1.4."
    )
    assert row["link"] == "/en/office/"


def test_marking_read_and_filtering_unread(users, viewers_notification):
    client = client_for(users["viewer"])

    response = client.post(f"/api/v1/notifications/{viewers_notification.pk}/read/")

    assert response.status_code == 200
    assert response.json()["is_read"] is True
    viewers_notification.refresh_from_db()
    assert viewers_notification.read_at is not None
    assert client.get("/api/v1/notifications/?unread=true").json()["count"] == 0
    assert client.get("/api/v1/notifications/?unread=false").json()["count"] == 1


def test_read_all_says_how_many_were_unread(users, viewers_notification):
    Notification.objects.create(recipient=users["viewer"], kind="x", read_at=timezone.now())

    response = client_for(users["viewer"]).post("/api/v1/notifications/read-all/")

    assert response.json() == {"marked": 1}


def test_the_audit_trail_filters_by_organisation_action_actor_type_and_time(users, ministry, other_ministry):
    first = record_audit(actor=users["approver"], action="test.one", organisation=ministry, target=ministry)
    record_audit(actor=users["other_approver"], action="test.two", organisation=other_ministry)
    client = client_for(users["oversight"])

    def keys(query):
        return [row["id"] for row in client.get(f"/api/v1/audit/?{query}").json()["results"]]

    assert keys("organisation=ministry-a") == [first.pk]
    assert keys("action=test.one") == [first.pk]
    assert keys(f"actor={users['approver'].pk}") == [first.pk]
    assert keys("target_type=organisations.organisation") == [first.pk]
    tomorrow = (timezone.now() + datetime.timedelta(days=1)).isoformat()
    assert keys(f"since={tomorrow.replace('+', '%2B')}") == []
    row = client.get(f"/api/v1/audit/{first.pk}/").json()
    assert row["target_type"] == "organisations.organisation"
    assert row["organisation"] == "ministry-a"
    assert row["actor"] == users["approver"].pk
