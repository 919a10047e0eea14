"""The visits' back-office pages: the list in the user's scope, preparing a visit, the overview with its
tabs, the forms of the visit and its parts, broadcasts, announcing and cancelling."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kezdesu.core.models import AuditLog
from kezdesu.meetings.models import BroadcastLink, Visit, VisitPart
from tests.factories.followup_rules import with_followup_rules
from tests.factories.meetings import VISIT_DAY, build_visit_world
from tests.factories.visits import akim_position, another_visit, approved_item, youtube_account

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return build_visit_world()


def signed_in(client, user):
    client.force_login(user)
    return client


def test_the_list_shows_the_visits_in_the_users_scope(client, world):
    other = another_visit(
        world,
        day=datetime.date(2027, 4, 1),
        organisation=world.roles.other_ministry,
        region=world.roles.other_akimat.region,
    )
    html = signed_in(client, world.user("ministry_editor")).get(reverse("office:visit_list")).content.decode()
    assert reverse("office:visit_detail", kwargs={"pk": world.visit.pk}) in html
    assert reverse("office:visit_detail", kwargs={"pk": other.pk}) not in html
    client.force_login(world.user("coordinator"))
    html = client.get(reverse("office:visit_list")).content.decode()
    assert reverse("office:visit_detail", kwargs={"pk": other.pk}) in html


def test_the_list_filters_by_status(client, world):
    draft = another_visit(world, day=datetime.date(2027, 4, 1), status=Visit.Status.DRAFT)
    html = signed_in(client, world.user("ministry_editor")).get(reverse("office:visit_list"), {"status": "draft"})
    html = html.content.decode()
    assert reverse("office:visit_detail", kwargs={"pk": draft.pk}) in html
    assert reverse("office:visit_detail", kwargs={"pk": world.visit.pk}) not in html


def _list_queries(client):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("office:visit_list")).status_code == 200
    return len(queries)


def test_the_list_query_count_does_not_grow_with_visits(client, world):
    signed_in(client, world.user("coordinator"))
    one = _list_queries(client)
    another_visit(world, day=datetime.date(2027, 4, 1))
    another_visit(world, day=datetime.date(2027, 5, 1))
    assert _list_queries(client) == one


def test_a_visit_is_prepared_from_an_approved_item(client, world):
    item = approved_item(world, day=datetime.date.today() + datetime.timedelta(days=30))
    signed_in(client, world.user("ministry_editor"))
    html = client.get(reverse("office:visit_list")).content.decode()
    prepare = reverse("office:visit_prepare", kwargs={"item_id": item.pk})
    assert f'action="{prepare}"' in html
    response = client.post(prepare)
    visit = Visit.objects.get(schedule_uid=item.uid)
    assert response.status_code == 302
    assert response["Location"] == reverse("office:visit_detail", kwargs={"pk": visit.pk})
    assert visit.parts.count() == 4


def test_the_akimat_cannot_prepare_a_visit(client, world):
    item = approved_item(world, day=datetime.date.today() + datetime.timedelta(days=30))
    response = signed_in(client, world.user("akimat_editor")).post(
        reverse("office:visit_prepare", kwargs={"item_id": item.pk})
    )
    assert response.status_code == 404
    assert not Visit.objects.filter(schedule_uid=item.uid).exists()


def test_the_overview_shows_the_parts_and_the_tabs(client, world):
    html = (
        signed_in(client, world.user("ministry_editor"))
        .get(reverse("office:visit_detail", kwargs={"pk": world.visit.pk}))
        .content.decode()
    )
    assert 'aria-current="page">Overview</a>' in html
    assert "Meeting with the population" in html
    assert "Media briefing" in html
    assert "10.03.2027 10:00 – 12:00" in html
    assert reverse("office:visit_part_edit", kwargs={"pk": world.visit.pk, "kind": "meeting"}) in html
    assert reverse("portal:visit_detail", kwargs={"pk": world.visit.pk}) in html


@pytest.mark.parametrize(
    ("role", "status"),
    [("ministry_viewer", 200), ("akimat_viewer", 200), ("coordinator", 200), ("apparatus_oversight", 200)],
)
def test_who_reads_a_visit(client, world, role, status):
    response = signed_in(client, world.user(role)).get(reverse("office:visit_detail", kwargs={"pk": world.visit.pk}))
    assert response.status_code == status


def test_a_visit_outside_the_scope_does_not_exist(client, world):
    other = another_visit(
        world,
        day=datetime.date(2027, 4, 1),
        organisation=world.roles.other_ministry,
        region=world.roles.other_akimat.region,
    )
    client.force_login(world.user("ministry_editor"))
    assert client.get(reverse("office:visit_detail", kwargs={"pk": other.pk})).status_code == 404
    assert client.get(reverse("office:visit_edit", kwargs={"pk": other.pk})).status_code == 404


def test_a_reader_cannot_open_the_forms(client, world):
    client.force_login(world.user("ministry_viewer"))
    assert client.get(reverse("office:visit_edit", kwargs={"pk": world.visit.pk})).status_code == 404
    assert (
        client.get(reverse("office:visit_part_edit", kwargs={"pk": world.visit.pk, "kind": "meeting"})).status_code
        == 404
    )


def test_the_visit_form_saves_the_three_languages(client, world):
    url = reverse("office:visit_edit", kwargs={"pk": world.visit.pk})
    signed_in(client, world.user("akimat_editor"))
    form = client.get(url).content.decode()
    assert 'name="title_kk"' in form
    assert 'name="title_ru"' in form
    assert 'name="title_en"' in form
    response = client.post(
        url,
        {
            "title_kk": "Кездесу",
            "title_ru": "Встреча",
            "title_en": "A meeting",
            "how_to_take_part_ru": "Приходите",
            "questions_close_at": "2027-03-09T18:00",
        },
    )
    assert response.status_code == 302
    world.visit.refresh_from_db()
    assert (world.visit.title_kk, world.visit.title_ru, world.visit.how_to_take_part_ru) == (
        "Кездесу",
        "Встреча",
        "Приходите",
    )
    assert world.visit.questions_close_at == datetime.datetime(2027, 3, 9, 13, tzinfo=datetime.UTC)  # 18:00 in Almaty


def test_the_part_form_refuses_a_time_outside_the_visit_and_keeps_the_input(client, world):
    url = reverse("office:visit_part_edit", kwargs={"pk": world.visit.pk, "kind": "meeting"})
    response = signed_in(client, world.user("ministry_editor")).post(
        url,
        {"starts_at": "2027-03-12T10:00", "ends_at": "2027-03-12T12:00", "format": "hybrid", "venue_kk": "Жаңа зал"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "The part must take place within the visit&#x27;s days, 10.03.2027 – 10.03.2027." in html
    assert 'value="Жаңа зал"' in html


def test_the_part_form_saves_place_time_and_akims(client, world):
    akim = akim_position(world.roles.akimat)
    url = reverse("office:visit_part_edit", kwargs={"pk": world.visit.pk, "kind": "reception"})
    response = signed_in(client, world.user("akimat_editor")).post(
        url,
        {
            "starts_at": "2027-03-10T14:00",
            "ends_at": "2027-03-10T16:00",
            "format": "in_person",
            "venue_ru": "Акимат",
            "address_ru": "пл. Республики, 4",
            "latitude": "43.238",
            "longitude": "76.945",
            "akim_positions": [akim.pk],
            "other_participants": "Аким района",
        },
    )
    assert response.status_code == 302
    part = world.part(VisitPart.Kind.RECEPTION)
    assert (part.venue_ru, part.format, str(part.latitude)) == ("Акимат", "in_person", "43.238000")
    assert list(part.akim_positions.all()) == [akim]


def test_broadcasts_are_added_and_removed(client, world):
    account = youtube_account(world.roles.ministry)
    signed_in(client, world.user("ministry_editor"))
    meeting = world.part(VisitPart.Kind.MEETING)
    add = reverse("office:visit_broadcast_add", kwargs={"pk": world.visit.pk})
    response = client.post(
        add, {"account": account.pk, "part": meeting.pk, "url": "https://vk.com/video1"}, follow=True
    )
    assert "The broadcast address must be on YouTube, like the official account." in response.content.decode()
    client.post(add, {"account": account.pk, "part": meeting.pk, "url": "https://www.youtube.com/live/abcdefghij1"})
    link = BroadcastLink.objects.get(url="https://www.youtube.com/live/abcdefghij1")
    client.post(reverse("office:visit_broadcast_remove", kwargs={"pk": world.visit.pk, "link_id": link.pk}))
    assert not BroadcastLink.objects.filter(pk=link.pk).exists()


def test_announcing_shows_what_is_missing_then_announces(client, world):
    draft = another_visit(world, day=VISIT_DAY, status=Visit.Status.DRAFT)
    VisitPart.objects.filter(visit=draft, kind="meeting").update(starts_at=None, ends_at=None)
    signed_in(client, world.user("ministry_approver"))
    detail = reverse("office:visit_detail", kwargs={"pk": draft.pk})
    assert "Give the time of the meeting with the population." in client.get(detail).content.decode()
    VisitPart.objects.filter(visit=draft, kind="meeting").update(
        starts_at=datetime.datetime(2027, 3, 10, 5, tzinfo=datetime.UTC),
        ends_at=datetime.datetime(2027, 3, 10, 7, tzinfo=datetime.UTC),
    )
    response = client.post(reverse("office:visit_publish", kwargs={"pk": draft.pk}), follow=True)
    assert "The visit is announced" in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == Visit.Status.PUBLISHED


def test_an_editor_cannot_announce_or_cancel(client, world):
    client.force_login(world.user("ministry_editor"))
    assert (
        client.post(reverse("office:visit_cancel", kwargs={"pk": world.visit.pk}), {"reason": "x"}).status_code == 404
    )
    world.visit.refresh_from_db()
    assert world.visit.status == Visit.Status.PUBLISHED


def test_cancelling_needs_a_reason(client, world):
    client.force_login(world.user("ministry_approver"))
    url = reverse("office:visit_cancel", kwargs={"pk": world.visit.pk})
    client.post(url, {"reason": ""})
    world.visit.refresh_from_db()
    assert world.visit.status == Visit.Status.PUBLISHED
    client.post(url, {"reason": "The minister's trip is postponed."})
    world.visit.refresh_from_db()
    assert world.visit.status == Visit.Status.CANCELLED
    assert (
        AuditLog.objects.get(action="meetings.visit.cancel").new_values["reason"] == "The minister's trip is postponed."
    )


def test_the_staff_navigation_links_to_the_visits(client, world):
    html = signed_in(client, world.user("ministry_viewer")).get(reverse("office:home")).content.decode()
    assert f'href="{reverse("office:visit_list")}">Visits</a>' in html


def test_a_past_visit_that_nobody_closed_says_so_and_is_closed_part_by_part(client, world):
    past = another_visit(world, day=datetime.date(2020, 5, 5))
    client.force_login(world.user("ministry_approver"))
    detail = client.get(reverse("office:visit_detail", kwargs={"pk": past.pk})).content.decode()
    url = reverse("office:visit_close", kwargs={"pk": past.pk})
    assert "The visit ended on 05.05.2020 and is not closed yet" in detail
    assert url in detail
    assert past in client.get(reverse("office:visits_to_close")).context["visits"]

    refused = client.post(url, {"meeting_outcome": "took_place", "reception_outcome": "not_held"})
    assert "Say why it did not take place." in refused.content.decode()  # beside the part, before any change
    response = client.post(
        url,
        {
            "meeting_outcome": "took_place",
            "reception_outcome": "not_held",
            "reception_note": "Nobody booked.",
            "ngo_meeting_outcome": "took_place",
            "media_briefing_outcome": "took_place",
        },
    )
    assert response["Location"].endswith(f"/visits/{past.pk}/#closing")
    past.refresh_from_db()
    assert past.status == Visit.Status.HELD
    page = client.get(response["Location"]).content.decode()
    closing = page[page.index('id="closing"') :]  # shown where the page lands, not at its top
    assert "Saved: the visit is closed as held." in closing
    assert past not in client.get(reverse("office:visits_to_close")).context["visits"]


def test_a_visits_page_says_by_when_its_results_are_due_and_how_that_stands(client, world):
    """R20 from the records: ten calendar days from the end of the meeting and the reception, closed or not."""
    with_followup_rules()
    past = another_visit(world, day=datetime.date(2026, 7, 31))
    client.force_login(world.user("ministry_viewer"))

    page = client.get(reverse("office:visit_detail", kwargs={"pk": past.pk})).content.decode()

    closing = page[page.index('id="closing"') :]
    assert "Publishing the results (R20): due on 10.08.2026" in closing
    assert (
        reverse("office:obligation", kwargs={"key": f"REG-AGENDA:visit-results:{past.organisation.code}:{past.pk}"})
        in closing
    )


def test_a_part_that_did_not_take_place_without_a_reason_is_refused_beside_each_part(client, world):
    past = another_visit(world, day=datetime.date(2020, 5, 5))
    client.force_login(world.user("ministry_approver"))
    url = reverse("office:visit_close", kwargs={"pk": past.pk})

    refused = client.post(url, {"reception_outcome": "not_held", "media_briefing_outcome": "not_held"})

    form = refused.context["form"]
    assert set(form.errors) == {"reception_note", "media_briefing_note"}
    assert 'action="#close-title"' in refused.content.decode()  # the page lands on the form, errors in sight
    assert set(VisitPart.objects.filter(visit=past).values_list("outcome", flat=True)) == {VisitPart.Outcome.PLANNED}
