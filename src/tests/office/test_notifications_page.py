import pytest
from django.urls import reverse

from kezdesu.core.models import Notification
from kezdesu.organisations.models import Role
from tests.factories.organisations import MembershipFactory

pytestmark = pytest.mark.django_db

OVERDUE_PARAMS = {
    "debtor": {"kk": "Денсаулық сақтау министрлігі", "ru": "Министерство здравоохранения", "en": "Ministry of Health"},
    "title": {"kk": "Ақпарат", "ru": "Информация", "en": "Information"},
    "period_start": "2027-01-01",
    "period_end": "2027-03-31",
    "due": "2027-04-12",
    "source": "G1.4",
}


@pytest.fixture
def viewer():
    return MembershipFactory(role=Role.VIEWER).user


def test_lists_the_users_notifications_in_their_language(client, viewer):
    Notification.objects.create(recipient=viewer, kind="deadline.overdue", params=OVERDUE_PARAMS)
    Notification.objects.create(recipient=MembershipFactory().user, kind="deadline.overdue", params=OVERDUE_PARAMS)
    client.force_login(viewer)

    response = client.get(reverse("office:notifications"))

    assert [item.text for item in response.context["items"]] == [
        "Ministry of Health: Information for 01.01.2027 \N{EN DASH} 31.03.2027 was due on 12.04.2027 "
        "and is overdue. Clause: G1.4."
    ]


def test_an_unknown_kind_shows_its_code(client, viewer):
    Notification.objects.create(recipient=viewer, kind="meetings.retired_kind", params={})
    client.force_login(viewer)

    response = client.get(reverse("office:notifications"))

    assert [item.text for item in response.context["items"]] == ["meetings.retired_kind"]


def test_the_navigation_counts_unread_notifications(client, viewer):
    for _ in range(2):
        Notification.objects.create(recipient=viewer, kind="deadline.overdue", params=OVERDUE_PARAMS)
    client.force_login(viewer)

    response = client.get(reverse("office:home"))

    assert '<span class="badge">2<span class="visually-hidden">' in response.text


def test_marks_one_read(client, viewer):
    first, second = (
        Notification.objects.create(recipient=viewer, kind="deadline.overdue", params=OVERDUE_PARAMS) for _ in range(2)
    )
    client.force_login(viewer)

    response = client.post(reverse("office:notification_read", kwargs={"pk": first.pk}))

    assert response.status_code == 302
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.read_at is not None, second.read_at is None) == (True, True)


def test_someone_elses_notification_is_not_found(client, viewer):
    other = Notification.objects.create(recipient=MembershipFactory().user, kind="x", params={})
    client.force_login(viewer)

    response = client.post(reverse("office:notification_read", kwargs={"pk": other.pk}))

    assert response.status_code == 404
    other.refresh_from_db()
    assert other.read_at is None


def test_marks_all_read(client, viewer):
    for _ in range(3):
        Notification.objects.create(recipient=viewer, kind="x", params={})
    client.force_login(viewer)

    client.post(reverse("office:notifications_read_all"))

    assert Notification.objects.filter(recipient=viewer, read_at__isnull=True).count() == 0


def test_reading_needs_a_post(client, viewer):
    client.force_login(viewer)

    assert client.get(reverse("office:notifications_read_all")).status_code == 405
