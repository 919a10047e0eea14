"""One e-mail a day: readers of the digest get no e-mail per notification and one digest a day, which a failed
send keeps for the next run and a second run never repeats."""

import datetime
from smtplib import SMTPServerDisconnected

import pytest
from celery.exceptions import Retry
from django.conf import settings
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.backends.locmem import EmailBackend
from django.core.management import call_command
from django.utils import timezone

from kezdesu.core.domain.digest import send_notification_digests, set_email_digest
from kezdesu.core.domain.notifications import mark_read, notify
from kezdesu.core.models import AuditLog, Notification
from kezdesu.core.tasks import task_send_notification_digests
from tests.factories.organisations import UserFactory

pytestmark = pytest.mark.django_db

DEADLINE = {
    "title": {"kk": "Тоқсандық ақпарат", "ru": "Ежеквартальная информация", "en": "Quarterly information"},
    "debtor": {"kk": "Қаржы министрлігі", "ru": "Министерство финансов", "en": "Ministry of Finance"},
    "period_start": "2026-07-01",
    "period_end": "2026-09-30",
    "due": "2026-10-12",
    "source": "G1.4",
}
CANCELLED = {
    "ministry": {"kk": "Қаржы министрлігі", "ru": "Министерство финансов", "en": "Ministry of Finance"},
    "official": {"kk": "Министр", "ru": "Министр", "en": "Minister"},
    "region": {"kk": "Абай облысы", "ru": "Абайская область", "en": "Abai Region"},
    "start": "2027-03-10",
    "reason": "Illness.",
}


class BrokenForSomeBackend(BaseEmailBackend):
    """An SMTP server that hangs up on any message to an address containing "broken"; delivers the others."""

    def send_messages(self, messages):
        if any("broken" in address for message in messages for address in message.to):
            raise SMTPServerDisconnected("Connection unexpectedly closed")
        return EmailBackend().send_messages(messages)


BROKEN_FOR_SOME = f"{__name__}.BrokenForSomeBackend"


def tell(user, *, kind="deadline.overdue", params=DEADLINE, link="/en/office/", execute=True, capture=None):
    with capture(execute=execute):
        return notify(recipients=[user], kind=kind, params=params, link=link)


@pytest.fixture
def tell_one(django_capture_on_commit_callbacks):
    def tell_one(user, **kwargs):
        return tell(user, capture=django_capture_on_commit_callbacks, **kwargs)

    return tell_one


def later() -> datetime.datetime:
    return timezone.now() + datetime.timedelta(minutes=1)


def test_a_digest_reader_is_notified_in_the_office_at_once_but_gets_no_email(tell_one):
    reader = UserFactory(language="en", email_digest=True)
    other = UserFactory(language="en")

    tell_one(reader)
    tell_one(other)

    assert [message.to for message in mail.outbox] == [[other.email]]
    assert Notification.objects.get(recipient=reader).emailed_at is None


def test_the_daily_run_sends_each_reader_one_digest_grouped_by_area_with_links(tell_one):
    reader = UserFactory(language="en", email_digest=True, first_name="Aigerim", last_name="Bek")
    tell_one(reader, kind="meetings.visit_cancelled", params=CANCELLED, link="/en/office/visits/7/")
    tell_one(reader)
    tell_one(reader, link="")

    assert send_notification_digests(now=later()) == 1

    [digest] = mail.outbox
    assert (digest.to, digest.subject) == ([reader.email], "Kezdesu: Notifications of the day: 3")
    body = digest.body
    assert body.startswith("Hello, Aigerim Bek.\n\nYour notifications not yet e-mailed, by area: 3.\n")
    # Deadlines come before meetings, whatever came first.
    assert body.index("== Deadlines ==") < body.index("== Meetings ==")
    assert body.count("Ministry of Finance: Quarterly information for 01.07.2026 – 30.09.2026 was due") == 2
    assert "Ministry of Finance cancelled the meeting of Minister with the population of Abai Region" in body
    assert "http://127.0.0.1:8000/en/office/visits/7/" in body
    assert "http://127.0.0.1:8000/en/office/notifications/" in body  # where to change it
    html, mimetype = digest.alternatives[0]
    assert mimetype == "text/html"
    assert '<a href="http://127.0.0.1:8000/en/office/visits/7/">' in html
    assert Notification.objects.filter(recipient=reader, emailed_at__isnull=True).count() == 0


def test_the_digest_is_in_the_readers_language(tell_one):
    reader = UserFactory(language="ru", email_digest=True)
    tell_one(reader, link="/en/office/")

    send_notification_digests(now=later())

    [digest] = mail.outbox
    assert "Министерство финансов" in digest.body
    assert "http://127.0.0.1:8000/ru/office/" in digest.body
    assert 'lang="ru"' in digest.alternatives[0][0]


def test_a_second_run_sends_nothing_twice(tell_one):
    reader = UserFactory(language="en", email_digest=True)
    tell_one(reader)

    assert send_notification_digests(now=later()) == 1
    assert send_notification_digests(now=later()) == 0
    assert len(mail.outbox) == 1

    tell_one(reader)  # the next day brings only what is new
    assert send_notification_digests(now=later()) == 1
    assert len(mail.outbox) == 2
    assert "Notifications of the day: 1" in mail.outbox[1].subject


def test_a_failing_send_keeps_the_notifications_for_the_next_run_and_the_others_still_go(tell_one, settings):
    broken = UserFactory(language="en", email="broken@example.kz", email_digest=True)
    fine = UserFactory(language="en", email_digest=True)
    for user in (broken, fine, broken):
        tell_one(user)
    settings.EMAIL_BACKEND = BROKEN_FOR_SOME

    with pytest.raises(SMTPServerDisconnected):
        send_notification_digests(now=later())

    assert [message.to for message in mail.outbox] == [[fine.email]]
    assert Notification.objects.filter(recipient=broken, emailed_at__isnull=True).count() == 2
    with pytest.raises(SMTPServerDisconnected):  # still down: the other reader is not mailed again
        send_notification_digests(now=later())
    assert len(mail.outbox) == 1

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert send_notification_digests(now=later()) == 1
    assert [message.to for message in mail.outbox] == [[fine.email], [broken.email]]
    assert "Notifications of the day: 2" in mail.outbox[1].subject
    assert send_notification_digests(now=later()) == 0


def test_the_task_asks_for_a_retry_on_an_smtp_error_and_loses_nothing(tell_one, settings):
    reader = UserFactory(language="en", email="broken@example.kz", email_digest=True)
    tell_one(reader)
    settings.EMAIL_BACKEND = BROKEN_FOR_SOME

    with pytest.raises(Retry):  # a worker would run it again later; run eagerly, the request surfaces
        task_send_notification_digests.delay()

    assert Notification.objects.get(recipient=reader).emailed_at is None
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert task_send_notification_digests.delay().get() == 1


def test_read_old_and_later_notifications_stay_out_of_the_digest(tell_one):
    reader = UserFactory(language="en", email_digest=True)
    [read] = tell_one(reader)
    mark_read(actor=reader, notification=read)
    [old] = tell_one(reader)
    Notification.objects.filter(pk=old.pk).update(created_at=timezone.now() - datetime.timedelta(days=8))
    run_at = timezone.now()
    [kept] = tell_one(reader)
    Notification.objects.filter(pk=kept.pk).update(created_at=run_at + datetime.timedelta(seconds=1))

    assert send_notification_digests(now=run_at) == 0
    assert send_notification_digests(now=run_at + datetime.timedelta(minutes=1)) == 1
    assert "Notifications of the day: 1" in mail.outbox[0].subject


def test_no_digest_for_an_account_without_an_address_or_inactive(tell_one):
    tell_one(UserFactory(email="", email_digest=True))
    tell_one(UserFactory(is_active=False, email_digest=True))

    assert send_notification_digests(now=later()) == 0
    assert mail.outbox == []


def test_choosing_the_digest_is_audited_and_leaving_it_sends_what_waits_at_once(
    tell_one, django_capture_on_commit_callbacks
):
    user = UserFactory(language="en")

    set_email_digest(actor=user, enabled=True)
    set_email_digest(actor=user, enabled=True)  # no change, no row
    tell_one(user)
    tell_one(user)
    assert mail.outbox == []
    with django_capture_on_commit_callbacks(execute=True):
        set_email_digest(actor=user, enabled=False)

    user.refresh_from_db()
    assert user.email_digest is False
    assert [(row.action, row.actor, row.old_values, row.new_values) for row in AuditLog.objects.order_by("pk")] == [
        ("organisations.user.email_digest", user, {"email_digest": False}, {"email_digest": True}),
        ("organisations.user.email_digest", user, {"email_digest": True}, {"email_digest": False}),
    ]
    [last_digest] = mail.outbox
    assert last_digest.subject == "Kezdesu: Notifications of the day: 2"
    tell_one(user)  # from now on, one e-mail per notification
    assert len(mail.outbox) == 2


def test_the_send_digests_command(tell_one, capsys):
    tell_one(UserFactory(email_digest=True))

    call_command("send_digests")
    call_command("send_digests")

    assert capsys.readouterr().out == "1 digest(s) sent.\n0 digest(s) sent.\n"
    assert len(mail.outbox) == 1


def test_beat_sends_the_digests_each_morning_after_the_reminders():
    entry = settings.CELERY_BEAT_SCHEDULE["send-notification-digests"]
    reminders = settings.CELERY_BEAT_SCHEDULE["send-deadline-reminders"]["schedule"]

    assert entry["task"] == task_send_notification_digests.name == "kezdesu.core.tasks.task_send_notification_digests"
    assert (entry["schedule"].hour, entry["schedule"].minute) == ({7}, {30})
    assert reminders.hour == {7}
