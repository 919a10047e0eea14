import pytest
from django.core import mail
from django.utils import translation

from kezdesu.core.domain.notifications import mark_all_read, mark_read, notify, render_notification
from kezdesu.core.errors import NotPermitted
from kezdesu.core.models import Notification
from tests.factories.organisations import UserFactory

pytestmark = pytest.mark.django_db

TITLE = {"kk": "Тоқсандық ақпарат", "ru": "Ежеквартальная информация", "en": "Quarterly information"}
DEBTOR = {"kk": "Қаржы министрлігі", "ru": "Министерство финансов", "en": "Ministry of Finance"}
PARAMS = {
    "title": TITLE,
    "debtor": DEBTOR,
    "period_start": "2026-07-01",
    "period_end": "2026-09-30",
    "due": "2026-10-12",
    "days": 3,
    "source": "G1.4",
}


def test_notify_creates_one_row_per_recipient_and_emails_each_in_their_language(
    django_capture_on_commit_callbacks,
):
    english = UserFactory(language="en", email="en@example.kz")
    russian = UserFactory(language="ru", email="ru@example.kz")
    with django_capture_on_commit_callbacks(execute=True):
        created = notify(
            recipients=[english, russian, english], kind="deadline.reminder", params=PARAMS, link="/en/office/"
        )

    assert [n.recipient for n in created] == [english, russian]
    assert Notification.objects.filter(kind="deadline.reminder").count() == 2
    assert all(n.emailed_at is not None for n in Notification.objects.all())
    by_address = {message.to[0]: message for message in mail.outbox}
    assert by_address["en@example.kz"].subject == "Kezdesu: Due in 3 days: Quarterly information"
    assert "Ministry of Finance: Quarterly information for 01.07.2026 – 30.09.2026 is due on 12.10.2026" in (
        by_address["en@example.kz"].body
    )
    assert "http://127.0.0.1:8000/en/office/" in by_address["en@example.kz"].body
    assert by_address["ru@example.kz"].subject.startswith("Kezdesu: ")
    assert "Министерство финансов" in by_address["ru@example.kz"].body
    assert "/ru/office/" in by_address["ru@example.kz"].body
    html, mimetype = by_address["ru@example.kz"].alternatives[0]
    assert mimetype == "text/html"
    assert 'lang="ru"' in html
    assert "Ежеквартальная информация" in html


def test_notify_sends_no_email_before_the_transaction_commits(django_capture_on_commit_callbacks):
    user = UserFactory(language="en")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        notify(recipients=[user], kind="deadline.reminder", params=PARAMS)

    assert len(callbacks) == 1
    assert mail.outbox == []
    assert Notification.objects.get().emailed_at is None


def test_a_user_without_an_email_address_is_notified_in_app_only(django_capture_on_commit_callbacks):
    user = UserFactory(email="")
    with django_capture_on_commit_callbacks(execute=True):
        notify(recipients=[user], kind="deadline.reminder", params=PARAMS)

    assert mail.outbox == []
    assert Notification.objects.get(recipient=user).emailed_at is None


def test_notify_with_email_off_sends_no_email(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        notify(recipients=[UserFactory()], kind="deadline.reminder", params=PARAMS, email=False)

    assert mail.outbox == []


def test_notify_refuses_an_unknown_kind_or_a_missing_placeholder():
    user = UserFactory()
    with pytest.raises(ValueError, match="Unknown notification kind"):
        notify(recipients=[user], kind="no.such.kind", params={})
    with pytest.raises(KeyError):
        notify(recipients=[user], kind="deadline.reminder", params={"title": "x"})
    assert Notification.objects.count() == 0


def test_render_notification_follows_the_active_language():
    notification = Notification.objects.create(recipient=UserFactory(), kind="deadline.overdue", params=PARAMS)

    with translation.override("en"):
        assert render_notification(notification) == (
            "Ministry of Finance: Quarterly information for 01.07.2026 – 30.09.2026 was due on 12.10.2026 "
            "and is overdue. Clause: G1.4."
        )
    with translation.override("ru"):
        assert "Министерство финансов" in render_notification(notification)
        assert "Ежеквартальная информация" in render_notification(notification)
    with translation.override("kk"):
        assert "Қаржы министрлігі" in render_notification(notification)


def test_render_notification_falls_back_when_a_language_is_missing():
    params = {**PARAMS, "title": {"ru": "Только по-русски"}}
    notification = Notification.objects.create(recipient=UserFactory(), kind="deadline.overdue", params=params)

    with translation.override("en"):
        assert "Только по-русски" in render_notification(notification)


def test_render_notification_uses_the_singular_for_one_day():
    notification = Notification.objects.create(
        recipient=UserFactory(), kind="deadline.reminder", params={**PARAMS, "days": 1}
    )

    with translation.override("en"):
        assert "(in 1 day)" in render_notification(notification)


def test_mark_read_marks_only_the_recipients_own_notification():
    owner, other = UserFactory(), UserFactory()
    notification = Notification.objects.create(recipient=owner, kind="deadline.overdue", params=PARAMS)

    with pytest.raises(NotPermitted):
        mark_read(actor=other, notification=notification)
    mark_read(actor=owner, notification=notification)
    first_read_at = Notification.objects.get().read_at
    mark_read(actor=owner, notification=notification)

    assert first_read_at is not None
    assert Notification.objects.get().read_at == first_read_at


def test_mark_all_read_marks_every_unread_notification_of_the_actor_only():
    owner, other = UserFactory(), UserFactory()
    for _ in range(2):
        Notification.objects.create(recipient=owner, kind="deadline.overdue", params=PARAMS)
    Notification.objects.create(recipient=other, kind="deadline.overdue", params=PARAMS)

    assert mark_all_read(actor=owner) == 2
    assert mark_all_read(actor=owner) == 0
    assert Notification.objects.filter(read_at__isnull=True).get().recipient == other
