import datetime
import os
import time

import pytest
from django.core import mail
from django.core.management import call_command

from kezdesu.core.models import AuditLog, Notification
from kezdesu.organisations.models import Role
from kezdesu.regulations.domain.reminders import send_deadline_reminders
from kezdesu.regulations.models import Fulfilment, ObligationRule, Reminder
from kezdesu.regulations.tasks import task_send_deadline_reminders
from tests.factories.organisations import MembershipFactory, OrganisationFactory
from tests.factories.regulations import ObligationRuleFactory, RegulationProfileFactory

# Q4 2026 is due on its last day, Thursday 31 December: 24, 28 and 30 December are 7, 3 and 1 day before.
DUE = datetime.date(2026, 12, 31)
SEVEN_DAYS_BEFORE = datetime.date(2026, 12, 24)


@pytest.fixture
def profile(db):
    """A profile in force from Q4 2026: every ministry meets once a quarter, by the quarter's last day."""
    profile = RegulationProfileFactory(
        code="TEST", act_date=datetime.date(2026, 9, 1), effective_from=datetime.date(2026, 10, 1)
    )
    ObligationRuleFactory(
        profile=profile,
        code="meeting",
        requirement="R2",
        source="G1.1",
        title_kk="Кездесу",
        title_ru="Встреча",
        title_en="Meeting",
        recipient="population",
        months=0,
        day=None,
        roll=ObligationRule.Roll.NONE,
    )
    return profile


@pytest.fixture
def ministry(profile):
    return OrganisationFactory(code="finance", name_en="Ministry of Finance")


@pytest.fixture
def staff(ministry):
    return {
        role: MembershipFactory(organisation=ministry, role=role).user
        for role in (Role.EDITOR, Role.APPROVER, Role.VIEWER)
    }


def key(ministry):
    return f"TEST:meeting:{ministry.code}:2026-10-01"


def test_seven_days_before_the_editors_and_approvers_of_the_debtor_are_reminded(staff, ministry):
    other = MembershipFactory(organisation=OrganisationFactory(), role=Role.EDITOR).user

    sent = send_deadline_reminders(today=SEVEN_DAYS_BEFORE)

    assert sent == 3
    mine = Notification.objects.filter(recipient__memberships__organisation=ministry)
    assert {n.recipient for n in mine} == {staff[Role.EDITOR], staff[Role.APPROVER]}
    assert Notification.objects.filter(recipient=other).count() == 1
    notification = mine.first()
    assert notification.kind == "deadline.reminder"
    assert notification.params["days"] == 7
    assert notification.params["due"] == "2026-12-31"
    assert notification.params["title"] == {"kk": "Кездесу", "ru": "Встреча", "en": "Meeting"}
    assert notification.link == f"/kk/office/obligations/{key(ministry)}/"
    assert set(Reminder.objects.filter(obligation_key=key(ministry)).values_list("kind", "recipient")) == {
        ("7", staff[Role.EDITOR].pk),
        ("7", staff[Role.APPROVER].pk),
    }


def test_viewers_are_reminded_when_the_debtor_has_no_editor_or_approver(ministry):
    viewer = MembershipFactory(organisation=ministry, role=Role.VIEWER).user

    assert send_deadline_reminders(today=SEVEN_DAYS_BEFORE) == 1
    assert Notification.objects.get().recipient == viewer


def test_the_authorized_bodys_coordinators_are_reminded_of_its_own_deadlines(profile):
    ObligationRuleFactory(
        profile=profile, code="draft", debtor="authorized-body", recipient="government", months=0, day=None
    )
    body = OrganisationFactory(code="culture-information", is_authorized_body=True, kind="ministry")
    coordinator = MembershipFactory(organisation=body, role=Role.COORDINATOR).user
    MembershipFactory(organisation=body, role=Role.VIEWER)

    send_deadline_reminders(today=SEVEN_DAYS_BEFORE)

    assert set(
        Reminder.objects.filter(obligation_key__startswith="TEST:draft:").values_list("recipient", flat=True)
    ) == {coordinator.pk}


@pytest.mark.parametrize(
    ("today", "kind"),
    [
        (datetime.date(2026, 12, 24), "7"),
        (datetime.date(2026, 12, 28), "3"),
        (datetime.date(2026, 12, 30), "1"),
        (datetime.date(2027, 1, 1), "overdue"),
        (datetime.date(2027, 3, 15), "overdue"),
    ],
)
def test_each_reminder_goes_out_on_its_day(staff, ministry, today, kind):
    send_deadline_reminders(today=today)

    assert list(Reminder.objects.values_list("kind", flat=True).distinct()) == [kind]
    expected = "deadline.overdue" if kind == "overdue" else "deadline.reminder"
    assert set(Notification.objects.values_list("kind", flat=True)) == {expected}


@pytest.mark.parametrize("today", [datetime.date(2026, 12, 25), datetime.date(2026, 12, 31)])
def test_no_reminder_on_the_other_days(staff, today):
    assert send_deadline_reminders(today=today) == 0
    assert Notification.objects.count() == 0


def test_running_the_job_twice_on_the_same_day_sends_nothing_the_second_time(staff):
    assert send_deadline_reminders(today=SEVEN_DAYS_BEFORE) == 2
    assert send_deadline_reminders(today=SEVEN_DAYS_BEFORE) == 0

    assert Notification.objects.count() == 2
    assert Reminder.objects.count() == 2


def test_the_overdue_reminder_is_sent_once_whatever_day_the_job_first_sees_it(staff):
    assert send_deadline_reminders(today=datetime.date(2027, 1, 4)) == 2
    assert send_deadline_reminders(today=datetime.date(2027, 1, 5)) == 0
    assert send_deadline_reminders(today=datetime.date(2027, 2, 1)) == 0

    assert list(Reminder.objects.values_list("kind", flat=True).distinct()) == ["overdue"]


def test_a_missed_run_does_not_send_stale_reminders_later(staff):
    # The job did not run seven days before; three days before it sends only the 3-day reminder.
    assert send_deadline_reminders(today=datetime.date(2026, 12, 28)) == 2

    assert set(Reminder.objects.values_list("kind", flat=True)) == {"3"}


def test_a_met_obligation_gets_no_reminder(staff, ministry):
    Fulfilment.objects.create(
        obligation_key=key(ministry), organisation=ministry, met_on=datetime.date(2026, 11, 20), reference="Letter"
    )

    assert send_deadline_reminders(today=SEVEN_DAYS_BEFORE) == 0
    assert send_deadline_reminders(today=datetime.date(2027, 1, 4)) == 0
    assert Notification.objects.count() == 0


def test_an_inactive_account_is_not_reminded(staff):
    staff[Role.EDITOR].is_active = False
    staff[Role.EDITOR].save(update_fields=["is_active"])

    assert send_deadline_reminders(today=SEVEN_DAYS_BEFORE) == 1


def test_reminders_are_emailed_in_each_recipients_language(ministry, django_capture_on_commit_callbacks):
    russian = MembershipFactory(organisation=ministry, role=Role.EDITOR, user__language="ru").user
    english = MembershipFactory(organisation=ministry, role=Role.APPROVER, user__language="en").user

    with django_capture_on_commit_callbacks(execute=True):
        send_deadline_reminders(today=SEVEN_DAYS_BEFORE)

    by_address = {message.to[0]: message for message in mail.outbox}
    assert set(by_address) == {russian.email, english.email}
    assert by_address[english.email].subject == "Kezdesu: Due in 7 days: Meeting"
    assert "Встреча" in by_address[russian.email].subject
    assert f"/ru/office/obligations/{key(ministry)}/" in by_address[russian.email].body


def test_a_run_that_sends_reminders_writes_one_audit_row(staff):
    send_deadline_reminders(today=SEVEN_DAYS_BEFORE)
    send_deadline_reminders(today=SEVEN_DAYS_BEFORE)

    audit = AuditLog.objects.get(action="regulations.reminders_sent")
    assert audit.actor is None
    assert audit.new_values == {"date": "2026-12-24", "sent": 2}


def test_the_celery_task_runs_eagerly_and_sends_the_reminders(staff):
    result = task_send_deadline_reminders.delay("2026-12-24")

    assert result.get() == 2
    assert Notification.objects.count() == 2


def test_the_send_reminders_command_sends_the_reminders_of_the_given_day(staff, capsys):
    call_command("send_reminders", "--today", "2026-12-24")

    assert capsys.readouterr().out == "2026-12-24: 2 reminder(s) sent.\n"
    assert Reminder.objects.count() == 2


@pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="needs a Redis broker (REDIS_URL)")
@pytest.mark.django_db(transaction=True)
def test_the_celery_task_runs_on_a_real_worker(settings, staff):
    from celery.contrib.testing.app import TestApp, setup_default_app
    from celery.contrib.testing.worker import start_worker

    import kezdesu.core.tasks  # noqa: F401  (the worker must know the e-mail task; the real app autodiscovers it)

    # A worker thread in this process on the real broker; the conftest's eager mode is off here.
    settings.CELERY_TASK_ALWAYS_EAGER = False
    redis_url = os.environ["REDIS_URL"]
    app = TestApp(
        set_as_current=False,
        config={"broker_url": redis_url, "result_backend": redis_url, "task_always_eager": False},
    )
    with setup_default_app(app), start_worker(app, perform_ping_check=False):
        result = task_send_deadline_reminders.delay("2026-12-24")
        assert result.get(timeout=60) == 2
        # The e-mails are a second task, queued by the first once its transaction commits.
        deadline = time.monotonic() + 60
        while Notification.objects.filter(emailed_at__isnull=True).exists() and time.monotonic() < deadline:
            time.sleep(0.2)
    assert set(Reminder.objects.values_list("kind", flat=True)) == {"7"}
    assert sorted(message.to[0] for message in mail.outbox) == sorted(
        user.email for role, user in staff.items() if role != Role.VIEWER
    )
