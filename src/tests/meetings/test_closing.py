"""A visit that closes by itself (R16): each part records whether it took place, closing the meeting does not
close a reception still ahead, a visit past its end that nobody closed is "to close" and reminded."""

import datetime

import pytest

from kezdesu.core.errors import DomainError, NotPermitted
from kezdesu.core.models import AuditLog, Notification
from kezdesu.meetings.domain.closing import PartOutcome, record_visit_outcomes, remind_visits_to_close
from kezdesu.meetings.domain.queries.closing import visits_to_close
from kezdesu.meetings.domain.reception import create_slots
from kezdesu.meetings.domain.timekeeper import close_meeting, start_presentation
from kezdesu.meetings.models import Visit, VisitPart
from tests.factories.meetings import VISIT_DAY, at, build_visit_world

pytestmark = pytest.mark.django_db
TOOK_PLACE, NOT_HELD = VisitPart.Outcome.TOOK_PLACE, VisitPart.Outcome.NOT_HELD
AFTER = at(20)  # the visit's evening: every part has begun
OTHERS = (VisitPart.Kind.RECEPTION, VisitPart.Kind.NGO_MEETING, VisitPart.Kind.MEDIA_BRIEFING)


@pytest.fixture
def world():
    return build_visit_world()


def record(world, outcomes, *, actor="ministry_editor", now=AFTER, **extra):
    return record_visit_outcomes(actor=world.user(actor), visit=world.visit, outcomes=outcomes, now=now, **extra)


def test_closing_the_meeting_records_it_held_but_a_reception_still_ahead_stays_open(world):
    editor = world.user("akimat_editor")
    start_presentation(actor=editor, visit=world.visit, now=at(10, 5))
    close_meeting(actor=editor, visit=world.visit, now=at(11, 50))

    world.visit.refresh_from_db()
    meeting = world.part(VisitPart.Kind.MEETING)
    assert (world.visit.status, meeting.outcome) == (Visit.Status.PUBLISHED, TOOK_PLACE)
    assert meeting.outcome_note.startswith("Closed in the live console at 10.03.2027 11:50")
    # The reception at 13:00 is still ahead: its slots can still be opened for bookings.
    slots = create_slots(
        actor=world.user("ministry_editor"),
        part=world.part(VisitPart.Kind.RECEPTION),
        position=world.minister,
        start=at(13),
        end=at(14),
        minutes=30,
    )
    assert len(slots) == 2


def test_the_visit_closes_once_every_part_is_recorded(world):
    record(world, {VisitPart.Kind.MEETING: PartOutcome(TOOK_PLACE), VisitPart.Kind.RECEPTION: PartOutcome(TOOK_PLACE)})
    world.visit.refresh_from_db()
    assert world.visit.status == Visit.Status.PUBLISHED  # the NGO meeting and the briefing are not recorded

    record(
        world,
        {
            VisitPart.Kind.NGO_MEETING: PartOutcome(TOOK_PLACE),
            VisitPart.Kind.MEDIA_BRIEFING: PartOutcome(NOT_HELD, "The journalists did not come."),
        },
    )

    world.visit.refresh_from_db()
    assert world.visit.status == Visit.Status.HELD
    close = AuditLog.objects.get(action="meetings.visit.close")
    assert close.new_values["parts"] == {
        "meeting": TOOK_PLACE,
        "reception": TOOK_PLACE,
        "ngo_meeting": TOOK_PLACE,
        "media_briefing": NOT_HELD,
    }
    assert AuditLog.objects.filter(action="meetings.part.outcome").count() == 4


def test_a_visit_whose_meeting_did_not_take_place_closes_as_cancelled(world):
    record(
        world,
        {
            VisitPart.Kind.MEETING: PartOutcome(NOT_HELD, "The hall was flooded."),
            **{kind: PartOutcome(NOT_HELD, "Not without the meeting.") for kind in OTHERS},
        },
    )
    world.visit.refresh_from_db()
    assert world.visit.status == Visit.Status.CANCELLED


@pytest.mark.parametrize(
    ("outcomes", "code"),
    [
        ({VisitPart.Kind.RECEPTION: PartOutcome(NOT_HELD, " ")}, "why_not"),
        ({VisitPart.Kind.RECEPTION: PartOutcome("maybe")}, "outcome"),
        ({"party": PartOutcome(TOOK_PLACE)}, "part"),
    ],
)
def test_an_answer_that_cannot_stand_is_refused_and_nothing_is_saved(world, outcomes, code):
    with pytest.raises(DomainError) as refused:
        record(world, {VisitPart.Kind.MEETING: PartOutcome(TOOK_PLACE), **outcomes})
    assert refused.value.code == code
    assert world.part(VisitPart.Kind.MEETING).outcome == VisitPart.Outcome.PLANNED


def test_a_part_cannot_be_recorded_as_held_before_its_time(world):
    with pytest.raises(DomainError) as refused:
        record(world, {VisitPart.Kind.MEDIA_BRIEFING: PartOutcome(TOOK_PLACE)}, now=at(12))
    assert refused.value.code == "not_yet"


def test_who_records_what_took_place(world):
    with pytest.raises(NotPermitted):
        record(world, {VisitPart.Kind.MEETING: PartOutcome(TOOK_PLACE)}, actor="akimat_editor")
    record(world, {VisitPart.Kind.MEETING: PartOutcome(TOOK_PLACE)}, actor="coordinator")
    assert world.part(VisitPart.Kind.MEETING).outcome == TOOK_PLACE


def test_a_visit_past_its_end_that_nobody_closed_is_to_close_and_reminded_once(world):
    after = VISIT_DAY + datetime.timedelta(days=1)
    assert list(visits_to_close(today=VISIT_DAY)) == []
    assert list(visits_to_close(today=after)) == [world.visit]
    assert list(visits_to_close(today=after, organisations=[world.roles.other_ministry])) == []

    sent = remind_visits_to_close(today=after)
    again = remind_visits_to_close(today=after)

    reminded = set(
        Notification.objects.filter(kind="meetings.visit_to_close").values_list("recipient__username", flat=True)
    )
    assert reminded == {"ministry_editor", "ministry_approver", "coordinator"}
    assert (sent, again) == (3, 0)
    assert remind_visits_to_close(today=VISIT_DAY + datetime.timedelta(days=7)) == 3  # a week later, once more

    record(world, {kind: PartOutcome(TOOK_PLACE) for kind in VisitPart.Kind.values})
    assert list(visits_to_close(today=after)) == []


def test_the_deputy_prime_minister_is_recorded_where_the_visit_names_one(world):
    record(world, {VisitPart.Kind.MEETING: PartOutcome(TOOK_PLACE)}, deputy_prime_minister_took_part=False)
    world.visit.refresh_from_db()
    assert world.visit.deputy_prime_minister_took_part is False
    assert AuditLog.objects.get(action="meetings.visit.deputy_prime_minister").new_values == {"took_part": False}


def test_announcing_needs_every_part_prepared(world):
    """R16: the NGO meeting and the media briefing are part of the visit, not extras."""
    from kezdesu.meetings.domain.visits import publication_problems

    VisitPart.objects.filter(visit=world.visit, kind=VisitPart.Kind.NGO_MEETING).update(starts_at=None, ends_at=None)
    VisitPart.objects.filter(visit=world.visit, kind=VisitPart.Kind.MEDIA_BRIEFING).update(venue_en="", address_en="")
    problems = publication_problems(Visit.objects.get(pk=world.visit.pk))
    assert problems == [
        "Give the time of the meeting with non-governmental organisations.",
        "Give the venue and the address of the media briefing.",
    ]
