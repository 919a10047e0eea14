"""Each public event reaches the confirmed subscribers of its region, ministry or visit once, in their language,
with absolute links and a one-click unsubscribe (RFC 8058) that works."""

import datetime
import re
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from kezdesu.followup.domain.progress_reports import publish_progress_report
from kezdesu.followup.domain.publication import publish_results, save_results
from kezdesu.followup.domain.queries.progress_reports import quarter_of
from kezdesu.meetings.domain.parts import update_part
from kezdesu.meetings.domain.visits import cancel_visit, create_visit, publish_visit
from kezdesu.meetings.models import Visit
from kezdesu.subscriptions.models import NewsItem, SentNotice, Subscription
from kezdesu.subscriptions.tasks import task_send_news
from tests.factories.followup import build_followup_world
from tests.factories.followup_rules import with_followup_rules
from tests.factories.meetings import at, build_visit_world
from tests.factories.organisations import RegionFactory
from tests.factories.subscriptions import subscription
from tests.factories.visits import ITEM_DAY, approved_item

pytestmark = pytest.mark.django_db

SITE = "http://127.0.0.1:8000"


@pytest.fixture(autouse=True)
def _site(settings):
    settings.SITE_URL = SITE


def _audience(visit: Visit) -> dict[str, Subscription]:
    """A confirmed subscriber of the region (kk), the ministry (ru) and the visit (en), and three who get nothing."""
    other_region = RegionFactory()
    return {
        "region": subscription("region@example.kz", language="kk", region=visit.region),
        "ministry": subscription("ministry@example.kz", language="ru", organisation=visit.organisation),
        "visit": subscription("visit@example.kz", language="en", visit=visit),
        "unconfirmed": subscription("unconfirmed@example.kz", confirmed=False, region=visit.region),
        "elsewhere": subscription("elsewhere@example.kz", region=other_region),
    }


def _news_mail() -> list[mail.EmailMessage]:
    """The subscriptions' mails (staff notifications go to the outbox too)."""
    return [message for message in mail.outbox if "List-Unsubscribe-Post" in message.extra_headers]


def _by_address() -> dict[str, mail.EmailMessage]:
    sent = _news_mail()
    addressed = {message.to[0]: message for message in sent}
    assert len(addressed) == len(sent)  # one mail per subscriber
    return addressed


def _titles(visit: Visit) -> None:
    visit.title_kk, visit.title_ru, visit.title_en = (
        "Министр халықпен кездеседі",
        "Министр встречается",
        "Minister meets",
    )
    visit.save(update_fields=["title_kk", "title_ru", "title_en"])


def _check_language_and_links(message, *, language: str, title: str, path: str) -> None:
    assert title in message.subject
    assert title in message.body
    html = message.alternatives[0][0]
    assert f'<html lang="{language}">' in html
    assert f"{SITE}/{language}{path}" in message.body
    unsubscribe = re.search(rf"{SITE}/{language}/follow/stop/[\w-]+/", message.body).group(0)
    assert message.extra_headers["List-Unsubscribe"] == f"<{unsubscribe}>"
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert unsubscribe in html


def test_a_visit_announced_reaches_its_region_and_ministry_once_each_in_their_language(
    django_capture_on_commit_callbacks,
):
    world = build_visit_world()
    draft = create_visit(actor=world.user("ministry_editor"), item=approved_item(world))
    _titles(draft)
    approver = world.user("ministry_approver")
    for hour, part in zip((10, 12, 14, 16), draft.parts.all(), strict=True):
        update_part(
            actor=approver,
            part=part,
            starts_at=at(hour, day=ITEM_DAY),
            ends_at=at(hour + 1, day=ITEM_DAY),
            venue_en="Hall",
            address_en="1 Street",
        )
    people = _audience(draft)
    assert _news_mail() == []  # preparing a draft is no news

    with django_capture_on_commit_callbacks(execute=True):
        publish_visit(actor=approver, visit=draft)

    sent = _by_address()
    assert sorted(sent) == ["ministry@example.kz", "region@example.kz", "visit@example.kz"]
    path = f"/visits/{draft.pk}/"
    _check_language_and_links(sent["region@example.kz"], language="kk", title="Министр халықпен кездеседі", path=path)
    _check_language_and_links(sent["ministry@example.kz"], language="ru", title="Министр встречается", path=path)
    assert SentNotice.objects.filter(subscription=people["unconfirmed"]).count() == 0


def test_a_change_of_place_and_a_cancellation_reach_every_subscriber_of_the_visit(django_capture_on_commit_callbacks):
    world = build_visit_world()
    people = _audience(world.visit)
    part = world.part("meeting")
    with django_capture_on_commit_callbacks(execute=True):
        update_part(actor=world.user("ministry_editor"), part=part, other_participants="Akim of the district")
    assert _news_mail() == []  # who takes part is not the date or the place

    with django_capture_on_commit_callbacks(execute=True):
        update_part(actor=world.user("ministry_editor"), part=part, venue_en="Sports hall")
    assert sorted(_by_address()) == ["ministry@example.kz", "region@example.kz", "visit@example.kz"]
    assert _by_address()["visit@example.kz"].subject.startswith("Kezdesu: New place: ")

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        update_part(actor=world.user("ministry_editor"), part=part, starts_at=at(11), ends_at=at(13))
    assert _by_address()["visit@example.kz"].subject.startswith("Kezdesu: New date or time: ")

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        cancel_visit(actor=world.user("ministry_approver"), visit=world.visit, reason="Illness")
    cancelled = _by_address()
    assert len(_news_mail()) == 3
    assert cancelled["visit@example.kz"].subject.startswith("Kezdesu: Meeting cancelled: ")
    assert f"{SITE}/en/schedule/?region={world.visit.region.kato}" in cancelled["visit@example.kz"].body
    assert SentNotice.objects.filter(subscription=people["elsewhere"]).count() == 0


def test_the_results_published_reach_the_visits_subscribers(django_capture_on_commit_callbacks):
    world = build_followup_world()
    with_followup_rules()
    day = timezone.localdate() - datetime.timedelta(days=2)
    Visit.objects.filter(pk=world.visit.pk).update(start_date=day, end_date=day)
    for part in world.visit.parts.all():
        part.starts_at, part.ends_at = at(10, day=day), at(12, day=day)
        part.save(update_fields=["starts_at", "ends_at"])
    world.visit.refresh_from_db()
    save_results(
        actor=world.user("ministry_editor"),
        visit=world.visit,
        results_kk="Нәтижелер",
        results_ru="Итоги",
        results_en="Results",
        revision=0,
    )
    _audience(world.visit)
    approver = world.user("ministry_approver")
    with django_capture_on_commit_callbacks(execute=True):
        publish_results(actor=approver, visit=world.visit)
    sent = _by_address()
    assert sorted(sent) == ["ministry@example.kz", "region@example.kz", "visit@example.kz"]
    assert f"{SITE}/ru/visits/{world.visit.pk}/results/" in sent["ministry@example.kz"].body

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        publish_results(actor=approver, visit=world.visit)  # a republication revises silently
    assert _news_mail() == []


def test_a_quarterly_progress_report_reaches_the_ministry_region_and_visit(django_capture_on_commit_callbacks):
    world = build_followup_world(publish=True)
    with_followup_rules()
    _audience(world.visit)
    year, quarter = quarter_of(timezone.localdate())
    organisation = world.visit.organisation
    with django_capture_on_commit_callbacks(execute=True):
        publish_progress_report(
            actor=world.user("ministry_approver"), organisation=organisation, year=year, quarter=quarter
        )
    sent = _by_address()
    assert sorted(sent) == ["ministry@example.kz", "region@example.kz", "visit@example.kz"]
    assert f"{SITE}/en/progress/{organisation.code}/{year}/q{quarter}/" in sent["visit@example.kz"].body


def test_the_task_run_twice_sends_once_and_the_unsubscribe_link_works(django_capture_on_commit_callbacks):
    world = build_visit_world()
    people = _audience(world.visit)
    with django_capture_on_commit_callbacks(execute=True):
        update_part(actor=world.user("ministry_editor"), part=world.part("meeting"), venue_en="Sports hall")
    assert len(_news_mail()) == 3
    news = NewsItem.objects.get()
    assert task_send_news(news.pk) == 0
    assert task_send_news.delay(news.pk).get() == 0
    assert len(_news_mail()) == 3

    message = _by_address()["visit@example.kz"]
    link = re.search(rf"{SITE}/en/follow/stop/[\w-]+/", message.body).group(0)
    client = Client(enforce_csrf_checks=True)
    page = client.get(urlsplit(link).path)
    assert page.status_code == 200
    assert b'<button class="button button--danger" type="submit">' in page.content
    # RFC 8058: the mail client's POST, with no CSRF token, unsubscribes at once.
    answer = client.post(
        urlsplit(link).path, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    assert answer.status_code == 200
    people["visit"].refresh_from_db()
    assert (people["visit"].email, people["visit"].unsubscribed_at is not None) == ("", True)

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        update_part(actor=world.user("ministry_editor"), part=world.part("meeting"), venue_en="Town hall")
    assert sorted(_by_address()) == ["ministry@example.kz", "region@example.kz"]
