"""Akims of all levels invited to the parts of a visit, and their akimats' answers (R17)."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser

from kezdesu.core.errors import DomainError, NotPermitted
from kezdesu.core.models import AuditLog, Notification
from kezdesu.meetings.domain.akims import answer_akim_invitation
from kezdesu.meetings.domain.parts import update_part
from kezdesu.meetings.models import AkimAnswer, Visit, VisitPart
from tests.factories.akims import build_akim_world
from tests.factories.visits import another_visit

pytestmark = pytest.mark.django_db

CONFIRMED, DECLINED = AkimAnswer.Decision.CONFIRMED, AkimAnswer.Decision.DECLINED


@pytest.fixture
def world():
    return build_akim_world()


@pytest.fixture
def meeting(world):
    return world.visit_world.part(VisitPart.Kind.MEETING)


def invite(world, part, *positions, actor="ministry_editor"):
    return update_part(actor=world.user(actor), part=part, akim_positions=list(positions))


def notified(kind):
    return sorted(Notification.objects.filter(kind=kind).values_list("recipient__username", flat=True))


def test_a_part_invites_the_akims_of_the_region_and_of_its_districts(world, meeting):
    invite(world, meeting, world.region_akim, world.district_akim)

    assert set(meeting.akim_positions.all()) == {world.region_akim, world.district_akim}


def test_an_akim_of_another_regions_district_is_refused(world, meeting):
    with pytest.raises(DomainError) as refusal:
        invite(world, meeting, world.other_district_akim)

    assert refusal.value.code == "akims"
    assert str(refusal.value.message) == (
        "Participating akims are chosen from the posts of the region's akimat and of its district and town "
        "akimats; name others as other participants."
    )
    assert not meeting.akim_positions.exists()


def test_the_invited_district_akimat_and_the_regions_akimat_are_told(world, meeting):
    invite(world, meeting, world.district_akim)

    assert notified("meetings.akims_invited") == ["akimat_approver", "akimat_editor", "district_editor"]
    notification = Notification.objects.filter(kind="meetings.akims_invited").first()
    assert notification.params["akims"] == {
        "kk": "А ауданының әкімі",
        "ru": "Аким района А",
        "en": "Akim of District A",
    }
    assert notification.params["date"] == "2027-03-10"
    assert notification.link.endswith(f"/visits/{world.visit_world.visit.pk}/#akims")


def test_akims_already_invited_are_not_told_again_nor_the_one_who_invites(world, meeting):
    invite(world, meeting, world.region_akim, actor="akimat_editor")
    assert notified("meetings.akims_invited") == ["akimat_approver"]

    invite(world, meeting, world.region_akim, world.district_akim, actor="akimat_editor")

    assert notified("meetings.akims_invited") == ["akimat_approver", "akimat_approver", "district_editor"]


def test_the_district_akimat_confirms_its_akim_and_the_ministry_is_told(world, meeting):
    invite(world, meeting, world.district_akim)

    answer = answer_akim_invitation(
        actor=world.user("district_editor"), part=meeting, position=world.district_akim, decision=CONFIRMED
    )

    assert (answer.decision, answer.note, answer.answered_by) == (CONFIRMED, "", world.user("district_editor"))
    row = AuditLog.objects.get(action="meetings.akim.answer")
    assert (row.old_values, row.new_values, row.organisation) == (
        {},
        {"position": world.district_akim.pk, "decision": "confirmed", "note": ""},
        world.visit_world.visit.organisation,
    )
    assert notified("meetings.akim_confirmed") == ["ministry_approver", "ministry_editor"]


def test_the_regions_akimat_answers_for_a_districts_akim_and_may_change_the_answer(world, meeting):
    invite(world, meeting, world.district_akim)
    answer_akim_invitation(
        actor=world.user("district_editor"), part=meeting, position=world.district_akim, decision=CONFIRMED
    )

    answer = answer_akim_invitation(
        actor=world.user("akimat_approver"),
        part=meeting,
        position=world.district_akim,
        decision=DECLINED,
        note="  On leave; the deputy akim comes instead. ",
    )

    assert AkimAnswer.objects.get() == answer
    assert (answer.decision, answer.note) == (DECLINED, "On leave; the deputy akim comes instead.")
    row = AuditLog.objects.filter(action="meetings.akim.answer").latest("pk")
    assert (row.old_values, row.new_values["decision"]) == ({"decision": "confirmed", "note": ""}, "declined")
    declined = Notification.objects.get(kind="meetings.akim_declined", recipient=world.user("ministry_editor"))
    assert declined.params["note"] == "On leave; the deputy akim comes instead."


def test_the_same_answer_twice_writes_nothing(world, meeting):
    invite(world, meeting, world.region_akim)
    for _ in range(2):
        answer_akim_invitation(
            actor=world.user("akimat_editor"), part=meeting, position=world.region_akim, decision=CONFIRMED
        )

    assert AuditLog.objects.filter(action="meetings.akim.answer").count() == 1
    assert Notification.objects.filter(kind="meetings.akim_confirmed").count() == 2  # the ministry's two people


@pytest.mark.parametrize("role", ["ministry_editor", "coordinator", "district_viewer", "other_district_editor"])
def test_only_the_akims_akimat_or_the_regions_answers(world, meeting, role):
    invite(world, meeting, world.district_akim)

    with pytest.raises(NotPermitted):
        answer_akim_invitation(actor=world.user(role), part=meeting, position=world.district_akim, decision=CONFIRMED)

    assert not AkimAnswer.objects.exists()


def test_a_district_akimat_cannot_answer_for_the_regions_akim(world, meeting):
    invite(world, meeting, world.region_akim)

    with pytest.raises(NotPermitted):
        answer_akim_invitation(
            actor=world.user("district_editor"), part=meeting, position=world.region_akim, decision=CONFIRMED
        )


def test_an_akim_not_invited_to_the_part_cannot_answer(world, meeting):
    invite(world, meeting, world.district_akim)
    reception = world.visit_world.part(VisitPart.Kind.RECEPTION)

    with pytest.raises(DomainError) as refusal:
        answer_akim_invitation(
            actor=world.user("district_editor"), part=reception, position=world.district_akim, decision=CONFIRMED
        )

    assert (refusal.value.code, str(refusal.value.message)) == (
        "not_invited",
        "This akim is not invited to this part of the visit.",
    )


def test_declining_needs_a_reason(world, meeting):
    invite(world, meeting, world.district_akim)

    with pytest.raises(DomainError) as refusal:
        answer_akim_invitation(
            actor=world.user("district_editor"), part=meeting, position=world.district_akim, decision=DECLINED
        )

    assert (refusal.value.code, str(refusal.value.message)) == ("note_required", "Say why the akim cannot take part.")


@pytest.mark.parametrize("status", [Visit.Status.HELD, Visit.Status.CANCELLED])
def test_a_held_or_cancelled_visit_takes_no_answer(world, meeting, status):
    invite(world, meeting, world.district_akim)
    Visit.objects.filter(pk=meeting.visit_id).update(status=status)
    meeting = VisitPart.objects.select_related("visit").get(pk=meeting.pk)

    with pytest.raises(DomainError) as refusal:
        answer_akim_invitation(
            actor=world.user("district_editor"), part=meeting, position=world.district_akim, decision=CONFIRMED
        )

    assert refusal.value.code == "closed"


def test_a_part_that_is_over_takes_no_answer(world):
    past = another_visit(world.visit_world, day=datetime.date(2024, 5, 14))
    meeting = past.parts.get(kind=VisitPart.Kind.MEETING)
    meeting.akim_positions.set([world.district_akim])

    with pytest.raises(DomainError) as refusal:
        answer_akim_invitation(
            actor=world.user("district_editor"), part=meeting, position=world.district_akim, decision=CONFIRMED
        )

    assert (refusal.value.code, str(refusal.value.message)) == (
        "over",
        "This part of the visit is over: the akims' answers can no longer change.",
    )


def test_an_akim_no_longer_invited_loses_the_answer(world, meeting):
    invite(world, meeting, world.region_akim, world.district_akim)
    answer_akim_invitation(
        actor=world.user("district_editor"), part=meeting, position=world.district_akim, decision=CONFIRMED
    )

    invite(world, meeting, world.region_akim)

    assert not AkimAnswer.objects.exists()
    row = AuditLog.objects.get(action="meetings.akim.uninvited")
    assert row.old_values == {"position": world.district_akim.pk, "decision": "confirmed", "note": ""}


def test_an_invited_district_akimats_staff_read_the_visit(world, meeting):
    viewer = world.user("district_viewer")
    visit = world.visit_world.visit
    assert not viewer.has_perm("meetings.view_visit", visit)

    invite(world, meeting, world.district_akim)

    assert viewer.has_perm("meetings.view_visit", visit)
    assert not world.user("other_district_editor").has_perm("meetings.view_visit", visit)


# Who answers for each invited akim: its akimat's editors and approvers, and the region's akimat's above a
# district's (and the superuser, who holds every permission). Nobody else, whatever else they do with the visit.
ANSWERS_FOR = {
    "region_akim": {"akimat_editor", "akimat_approver", "superuser"},
    "district_akim": {"akimat_editor", "akimat_approver", "district_editor", "superuser"},
    "other_district_akim": {"other_district_editor", "superuser"},
}
ROLES = (
    "anonymous",
    "no_role",
    "ministry_viewer",
    "ministry_editor",
    "ministry_approver",
    "akimat_viewer",
    "akimat_editor",
    "akimat_approver",
    "district_viewer",
    "district_editor",
    "other_district_editor",
    "coordinator",
    "apparatus_oversight",
    "superuser",
)


@pytest.mark.parametrize("post", sorted(ANSWERS_FOR))
@pytest.mark.parametrize("role", ROLES)
def test_each_role_answers_exactly_for_its_akims(world, role, post):
    user = world.user(role) or AnonymousUser()

    assert user.has_perm("meetings.answer_akim_invitation", getattr(world, post)) is (role in ANSWERS_FOR[post])
