"""The visit's domain: prepared from the approved schedule, its parts and broadcasts, announced, cancelled,
kept in step with the schedule."""

import datetime
from decimal import Decimal

import pytest

from kezdesu.core.errors import DomainError, NotPermitted
from kezdesu.core.models import AuditLog, Notification
from kezdesu.meetings.domain.parts import add_broadcast, remove_broadcast, update_part
from kezdesu.meetings.domain.queries.live_status import live_status
from kezdesu.meetings.domain.queries.visits import (
    items_awaiting_visit,
    past_public_visits,
    upcoming_public_visits,
    visits_in_scope,
)
from kezdesu.meetings.domain.visits import (
    cancel_visit,
    create_visit,
    publish_visit,
    sync_visit_with_schedule,
    update_visit,
)
from kezdesu.meetings.models import OfficialAccount, Platform, Visit, VisitPart
from kezdesu.planning.models import ScheduleItem, ScheduleVersion
from tests.factories.meetings import at, build_visit_world
from tests.factories.visits import ITEM_DAY, akim_position, approved_item, youtube_account

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return build_visit_world()


@pytest.fixture
def draft(world):
    return create_visit(actor=world.user("ministry_editor"), item=approved_item(world))


def test_a_visit_copies_its_schedule_item_and_has_four_empty_parts(world):
    akim = akim_position(world.roles.akimat)
    item = approved_item(world, district=world.district, akim_positions=[akim], other_akims="Akim of the town")

    visit = create_visit(actor=world.user("ministry_editor"), item=item)

    assert (visit.schedule_uid, visit.organisation, visit.position, visit.region, visit.district) == (
        item.uid,
        item.organisation,
        item.position,
        item.region,
        world.district,
    )
    assert (visit.start_date, visit.end_date, visit.status, visit.period) == (
        ITEM_DAY,
        ITEM_DAY,
        Visit.Status.DRAFT,
        item.version.period,
    )
    assert sorted(visit.parts.values_list("kind", flat=True)) == sorted(VisitPart.Kind.values)
    assert visit.parts.filter(starts_at__isnull=False).count() == 0
    meeting = visit.parts.get(kind=VisitPart.Kind.MEETING)
    assert list(meeting.akim_positions.all()) == [akim]
    assert meeting.other_participants == "Akim of the town"
    assert AuditLog.objects.filter(action="meetings.visit.create", target_id=str(visit.pk)).count() == 1


def test_the_coordinator_may_prepare_a_visit_but_the_akimat_may_not(world):
    item = approved_item(world)
    with pytest.raises(NotPermitted):
        create_visit(actor=world.user("akimat_editor"), item=item)
    assert create_visit(actor=world.user("coordinator"), item=item).schedule_uid == item.uid


def test_a_schedule_item_has_one_visit_only(world, draft):
    item = ScheduleItem.objects.get(uid=draft.schedule_uid)
    with pytest.raises(DomainError) as refusal:
        create_visit(actor=world.user("ministry_editor"), item=item)
    assert refusal.value.code == "exists"


def test_a_working_draft_item_cannot_become_a_visit(world):
    item = approved_item(world)
    ScheduleVersion.objects.filter(pk=item.version_id).update(status=ScheduleVersion.Status.SUBMITTED)
    item.refresh_from_db()
    with pytest.raises(DomainError) as refusal:
        create_visit(actor=world.user("ministry_editor"), item=item)
    assert refusal.value.code == "not_approved"


def test_the_visit_text_is_changed_per_language_and_audited(world, draft):
    update_visit(actor=world.user("akimat_editor"), visit=draft, title_ru="Встреча", how_to_take_part_kk="Келіңіз")
    draft.refresh_from_db()
    assert (draft.title_ru, draft.how_to_take_part_kk) == ("Встреча", "Келіңіз")
    entry = AuditLog.objects.get(action="meetings.visit.update")
    assert entry.new_values == {"title_ru": "Встреча", "how_to_take_part_kk": "Келіңіз"}


def test_questions_cannot_close_after_the_visit(world, draft):
    with pytest.raises(DomainError) as refusal:
        update_visit(
            actor=world.user("ministry_editor"),
            visit=draft,
            questions_close_at=at(9, day=ITEM_DAY + datetime.timedelta(1)),
        )
    assert refusal.value.code == "questions_close"


def test_a_reader_cannot_change_the_visit(world, draft):
    with pytest.raises(NotPermitted):
        update_visit(actor=world.user("ministry_viewer"), visit=draft, title_en="x")


def test_a_part_gets_its_time_place_and_akims(world, draft):
    akim = akim_position(world.roles.akimat)
    part = draft.parts.get(kind=VisitPart.Kind.MEETING)
    update_part(
        actor=world.user("ministry_editor"),
        part=part,
        starts_at=at(10, day=ITEM_DAY),
        ends_at=at(12, day=ITEM_DAY),
        format=VisitPart.Format.IN_PERSON,
        venue_kk="Мәдениет сарайы",
        address_kk="Абай даңғылы, 1",
        latitude=Decimal("43.25"),
        longitude=Decimal("76.95"),
        akim_positions=[akim],
    )
    part.refresh_from_db()
    assert (part.starts_at, part.venue_kk, part.latitude) == (at(10, day=ITEM_DAY), "Мәдениет сарайы", Decimal("43.25"))
    assert list(part.akim_positions.all()) == [akim]
    entry = AuditLog.objects.get(action="meetings.part.update")
    assert entry.new_values["akim_positions"] == [str(akim.pk)]


@pytest.mark.parametrize(
    ("values", "code"),
    [
        ({"starts_at": at(10, day=ITEM_DAY)}, "times"),
        ({"starts_at": at(12, day=ITEM_DAY), "ends_at": at(10, day=ITEM_DAY)}, "times_order"),
        (
            {
                "starts_at": at(10, day=ITEM_DAY + datetime.timedelta(1)),
                "ends_at": at(12, day=ITEM_DAY + datetime.timedelta(1)),
            },
            "times_outside",
        ),
        ({"latitude": Decimal("51.1")}, "point"),
        ({"latitude": Decimal("59.9"), "longitude": Decimal("30.3")}, "point_outside"),
        ({"video_conference_url": "http://meet.example.kz/x"}, "video_link"),
        ({"format": "radio"}, "format"),
    ],
)
def test_a_part_refuses_bad_values(world, draft, values, code):
    part = draft.parts.get(kind=VisitPart.Kind.MEETING)
    with pytest.raises(DomainError) as refusal:
        update_part(actor=world.user("ministry_editor"), part=part, **values)
    assert refusal.value.code == code


def test_participating_akims_come_from_the_regions_akimat(world, draft):
    stranger = akim_position(world.roles.other_akimat)
    with pytest.raises(DomainError) as refusal:
        update_part(actor=world.user("ministry_editor"), part=draft.parts.first(), akim_positions=[stranger])
    assert refusal.value.code == "akims"


def test_a_broadcast_must_be_on_the_ministrys_account_and_its_platform(world, draft):
    part = draft.parts.get(kind=VisitPart.Kind.MEETING)
    account = youtube_account(world.roles.ministry)
    other = OfficialAccount.objects.create(
        organisation=world.roles.other_ministry, platform=Platform.YOUTUBE, url="https://www.youtube.com/@b"
    )
    editor = world.user("ministry_editor")
    with pytest.raises(DomainError) as refusal:
        add_broadcast(actor=editor, part=part, account=other, url="https://www.youtube.com/watch?v=x")
    assert refusal.value.code == "account"
    with pytest.raises(DomainError) as refusal:
        add_broadcast(actor=editor, part=part, account=account, url="https://vk.com/video-1_2")
    assert refusal.value.code == "broadcast_url"
    with pytest.raises(DomainError) as refusal:
        add_broadcast(actor=editor, part=part, account=account, url="https://youtube.com.evil.example/live")
    assert refusal.value.code == "broadcast_url"

    link = add_broadcast(actor=editor, part=part, account=account, url="https://youtu.be/abcdefghijk")
    assert list(part.broadcasts.values_list("url", flat=True)) == ["https://youtu.be/abcdefghijk"]
    remove_broadcast(actor=editor, link=link)
    assert part.broadcasts.count() == 0
    assert AuditLog.objects.filter(action__startswith="meetings.broadcast.").count() == 2


def test_a_visit_is_announced_only_with_every_parts_time_and_venue(world, draft):
    approver = world.user("ministry_approver")
    with pytest.raises(DomainError) as refusal:
        publish_visit(actor=approver, visit=draft)
    assert refusal.value.code == "incomplete"
    assert "Give the time of the meeting with the population." in str(refusal.value.message)

    hours = {"meeting": 10, "reception": 13, "ngo_meeting": 15, "media_briefing": 16}
    for kind, hour in hours.items():
        update_part(
            actor=approver,
            part=draft.parts.get(kind=kind),
            starts_at=at(hour, day=ITEM_DAY),
            ends_at=at(hour + 1, day=ITEM_DAY),
            venue_ru="Дворец культуры",
            address_ru="ул. Абая, 1",
        )
        if kind == "meeting":  # the other parts are part of the visit too (R16), not extras
            with pytest.raises(DomainError) as partly:
                publish_visit(actor=approver, visit=draft)
            assert "Give the time of the media briefing." in str(partly.value.message)
    publish_visit(actor=approver, visit=draft)

    draft.refresh_from_db()
    assert draft.status == Visit.Status.PUBLISHED
    assert draft.published_at is not None
    told = Notification.objects.filter(kind="meetings.visit_published")
    assert sorted(n.recipient.username for n in told) == ["akimat_approver", "akimat_editor"]


def test_an_editor_cannot_announce_a_visit(world, draft):
    with pytest.raises(NotPermitted):
        publish_visit(actor=world.user("ministry_editor"), visit=draft)


def test_a_cancelled_visit_keeps_its_reason_in_the_audit_and_tells_the_akimat(world):
    visit = world.visit  # published
    with pytest.raises(DomainError):
        cancel_visit(actor=world.user("ministry_approver"), visit=visit, reason="  ")
    cancel_visit(actor=world.user("ministry_approver"), visit=visit, reason="The minister is ill.")
    visit.refresh_from_db()
    assert visit.status == Visit.Status.CANCELLED
    assert AuditLog.objects.get(action="meetings.visit.cancel").new_values == {
        "status": "cancelled",
        "reason": "The minister is ill.",
    }
    assert Notification.objects.filter(kind="meetings.visit_cancelled").count() == 2
    with pytest.raises(DomainError) as refusal:
        update_visit(actor=world.user("ministry_approver"), visit=visit, title_en="x")
    assert refusal.value.code == "closed"


def test_a_visit_follows_its_item_when_the_schedule_moves_it(world, draft):
    part = draft.parts.get(kind=VisitPart.Kind.MEETING)
    update_part(
        actor=world.user("ministry_editor"), part=part, starts_at=at(10, day=ITEM_DAY), ends_at=at(12, day=ITEM_DAY)
    )
    later = ITEM_DAY + datetime.timedelta(days=7)
    ScheduleItem.objects.filter(uid=draft.schedule_uid).update(start_date=later, end_date=later)

    assert sync_visit_with_schedule(actor=None, visit=draft) == ["end_date", "start_date"]

    draft.refresh_from_db()
    part.refresh_from_db()
    assert (draft.start_date, draft.end_date) == (later, later)
    assert (part.starts_at, part.ends_at) == (at(10, day=later), at(12, day=later))
    assert sync_visit_with_schedule(actor=None, visit=draft) == []
    assert AuditLog.objects.get(action="meetings.visit.sync").new_values["parts_moved_by_days"] == 7


def test_the_broadcast_is_live_only_during_the_part(world):
    part = world.part(VisitPart.Kind.MEETING)
    assert live_status(part, now=at(11)).is_live is True
    assert live_status(part, now=at(9, 59)).is_live is False


def test_scope_and_public_lists(world, draft):
    assert set(visits_in_scope(world.user("akimat_viewer"))) == {world.visit, draft}
    assert list(visits_in_scope(world.user("no_role"))) == []
    assert set(visits_in_scope(world.user("coordinator"))) == {world.visit, draft}
    assert list(upcoming_public_visits(today=datetime.date(2027, 1, 1))) == [world.visit]
    assert list(past_public_visits(today=datetime.date(2027, 3, 11))) == [world.visit]
    assert list(items_awaiting_visit(world.user("ministry_editor"), today=ITEM_DAY)) == []
    waiting = approved_item(world)
    assert list(items_awaiting_visit(world.user("ministry_editor"), today=ITEM_DAY)) == [waiting]
    assert list(items_awaiting_visit(world.user("coordinator"), today=ITEM_DAY)) == [waiting]
    assert list(items_awaiting_visit(world.user("akimat_editor"), today=ITEM_DAY)) == []
    assert list(items_awaiting_visit(world.user("ministry_editor"), today=ITEM_DAY + datetime.timedelta(1))) == []
