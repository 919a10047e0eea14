import datetime

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from kezdesu.core.errors import DomainError, NotPermitted
from kezdesu.core.models import AuditLog, Notification
from kezdesu.meetings.domain.date_vote import (
    add_date_option,
    cast_vote,
    close_date_vote,
    fix_visit_date,
    open_date_vote,
    remove_date_option,
)
from kezdesu.meetings.domain.queries.date_vote import VoteState, vote_results, vote_state
from kezdesu.meetings.models import DateOption, DateVote, Visit, VisitPart
from kezdesu.planning.domain.date_amendments import Outcome
from kezdesu.planning.domain.draft import update_item
from kezdesu.planning.models import ScheduleItem, ScheduleVersion
from tests.factories.date_vote import build_scheduled_visit, offer_options
from tests.factories.meetings import at, build_visit_world
from tests.factories.organisations import DistrictFactory

pytestmark = pytest.mark.django_db

MARCH_11 = datetime.date(2027, 3, 11)
MARCH_12 = datetime.date(2027, 3, 12)
CLOSES = at(18, day=datetime.date(2027, 3, 1))


@pytest.fixture
def world():
    return build_visit_world()


def open_vote(world):
    options = offer_options(world.visit)
    open_date_vote(actor=world.user("ministry_editor"), visit=world.visit, closes_at=CLOSES)
    return options


def vote(visit, option, voter="voter-1", network="net-1", district=None):
    return cast_vote(visit=visit, option=option, voter_key=voter, network_key=network, district=district)


def test_a_ministry_editor_offers_a_working_day_and_it_is_audited(world):
    option = add_date_option(
        actor=world.user("ministry_editor"),
        visit=world.visit,
        starts_at=at(10, day=MARCH_11),
        ends_at=at(12, day=MARCH_11),
    )

    assert list(world.visit.date_options.all()) == [option]
    audit = AuditLog.objects.get(action="meetings.date_option.add")
    assert audit.target_id == str(option.pk)
    assert audit.new_values["starts_at"] == at(10, day=MARCH_11).isoformat()


@pytest.mark.parametrize(
    ("day", "day_off"),
    [
        (datetime.date(2027, 3, 13), "Saturday"),
        (datetime.date(2027, 3, 22), "Nowruz Holiday"),
        (MARCH_11, ""),
    ],
)
def test_an_option_may_fall_on_any_day_and_a_day_off_is_shown_not_refused(world, day, day_off):
    option = add_date_option(
        actor=world.user("ministry_editor"), visit=world.visit, starts_at=at(10, day=day), ends_at=at(12, day=day)
    )

    assert [(row.option, row.day_off) for row in vote_results(world.visit).options] == [(option, day_off)]


@pytest.mark.parametrize(
    ("starts_at", "ends_at", "code"),
    [
        (at(10, day=datetime.date(2026, 1, 14)), at(12, day=datetime.date(2026, 1, 14)), "past"),
        (at(12, day=MARCH_11), at(10, day=MARCH_11), "times_order"),
        (at(12, day=MARCH_11), at(12, day=MARCH_11), "times_order"),
        (at(20, day=MARCH_11), at(10, day=MARCH_12), "one_day"),
    ],
)
def test_an_option_in_the_past_or_ending_before_it_starts_is_refused(world, starts_at, ends_at, code):
    with pytest.raises(DomainError) as error:
        add_date_option(actor=world.user("ministry_editor"), visit=world.visit, starts_at=starts_at, ends_at=ends_at)

    assert error.value.code == code
    assert not DateOption.objects.exists()


def test_the_same_date_and_time_is_offered_once(world):
    saturday = datetime.date(2027, 3, 13)
    offer = {"actor": world.user("ministry_editor"), "visit": world.visit, "ends_at": at(12, day=saturday)}
    add_date_option(starts_at=at(10, day=saturday), **offer)

    with pytest.raises(DomainError) as error:
        add_date_option(starts_at=at(10, day=saturday), **offer)

    assert error.value.code == "duplicate"
    assert DateOption.objects.count() == 1


def test_an_option_outside_the_schedule_items_period_is_refused():
    """The visit carries out an item of the first half-year's schedule: July is another schedule's."""
    scheduled = build_scheduled_visit()
    july = datetime.date(2027, 7, 1)

    with pytest.raises(DomainError) as error:
        add_date_option(
            actor=scheduled.user("ministry_editor"),
            visit=scheduled.visit,
            starts_at=at(10, day=july),
            ends_at=at(12, day=july),
        )

    assert error.value.code == "outside_period"


def test_only_the_ministry_offers_options(world):
    with pytest.raises(NotPermitted):
        add_date_option(
            actor=world.user("akimat_editor"),
            visit=world.visit,
            starts_at=at(10, day=MARCH_11),
            ends_at=at(12, day=MARCH_11),
        )


def test_an_option_with_votes_cannot_be_removed_but_one_without_can(world):
    first, second, _third = open_vote(world)
    vote(world.visit, first)

    with pytest.raises(DomainError) as error:
        remove_date_option(actor=world.user("ministry_editor"), option=first)
    remove_date_option(actor=world.user("ministry_editor"), option=second)

    assert error.value.code == "has_votes"
    assert list(DateOption.objects.filter(visit=world.visit)) == [first, _third]
    assert AuditLog.objects.filter(action="meetings.date_option.remove").count() == 1


def test_the_vote_opens_only_with_two_options_and_a_closing_time_before_them(world):
    editor = world.user("ministry_editor")
    offer_options(world.visit, (MARCH_11,))
    with pytest.raises(DomainError) as too_few:
        open_date_vote(actor=editor, visit=world.visit, closes_at=CLOSES)
    offer_options(world.visit, (MARCH_12,))
    with pytest.raises(DomainError) as too_late:
        open_date_vote(actor=editor, visit=world.visit, closes_at=at(11, day=MARCH_11))

    open_date_vote(actor=editor, visit=world.visit, closes_at=CLOSES)

    assert (too_few.value.code, too_late.value.code) == ("too_few_options", "closes_too_late")
    assert vote_state(world.visit) == VoteState.OPEN
    assert AuditLog.objects.get(action="meetings.date_vote.open").new_values == {"vote_closes_at": CLOSES.isoformat()}


def test_residents_vote_and_the_results_count_per_option_and_district(world):
    first, second, third = open_vote(world)
    other_district = DistrictFactory(region=world.visit.region)
    vote(world.visit, first, "a", district=world.district)
    vote(world.visit, first, "b", district=other_district)
    vote(world.visit, second, "c", district=world.district)
    vote(world.visit, first, "d")

    results = vote_results(world.visit)

    assert results.total == 4
    assert [(r.option, r.votes, r.percent) for r in results.options] == [(first, 3, 75), (second, 1, 25), (third, 0, 0)]
    by_district = {row.district: (row.votes, row.by_option) for row in results.districts}
    assert by_district == {world.district: (2, (1, 1, 0)), other_district: (1, (1, 0, 0)), None: (1, (1, 0, 0))}
    assert results.leading == (first,)


def test_voting_again_replaces_the_vote(world):
    first, second, _third = open_vote(world)
    vote(world.visit, first, "same-voter")

    vote(world.visit, second, "same-voter", district=world.district)

    assert list(DateVote.objects.values_list("option", "district")) == [(second.pk, world.district.pk)]


def test_a_network_may_cast_at_most_the_configured_number_of_votes(world, settings):
    settings.KEZDESU_DATE_VOTES_PER_NETWORK = 2
    first, second, _third = open_vote(world)
    vote(world.visit, first, "a", network="cafe")
    vote(world.visit, first, "b", network="cafe")

    with pytest.raises(DomainError) as error:
        vote(world.visit, first, "c", network="cafe")
    vote(world.visit, second, "b", network="cafe")  # changing a vote is still allowed
    vote(world.visit, first, "c", network="home")

    assert error.value.code == "network_limit"
    assert DateVote.objects.count() == 3


def test_the_unique_key_is_the_last_defence_against_a_second_vote(world):
    first, second, _third = open_vote(world)
    DateVote.objects.create(visit=world.visit, option=first, voter_key="racer", network_key="n")

    with pytest.raises(IntegrityError), transaction.atomic():
        DateVote.objects.create(visit=world.visit, option=second, voter_key="racer", network_key="n")

    assert DateVote.objects.filter(voter_key="racer").count() == 1


@pytest.mark.parametrize("state", ["not_opened", "closed"])
def test_no_vote_is_taken_unless_the_vote_is_open(world, state):
    first, *_ = offer_options(world.visit)
    if state == "closed":
        Visit.objects.filter(pk=world.visit.pk).update(vote_closes_at=timezone.now() - datetime.timedelta(minutes=1))
        world.visit.refresh_from_db()

    with pytest.raises(DomainError) as error:
        vote(world.visit, first)

    assert error.value.code == "not_open"


def test_a_district_of_another_region_is_refused(world):
    first, *_ = open_vote(world)

    with pytest.raises(DomainError) as error:
        vote(world.visit, first, district=DistrictFactory())

    assert error.value.code == "district"


def test_closing_the_vote_stops_voting_and_freezes_the_options(world):
    first, *_ = open_vote(world)
    close_date_vote(actor=world.user("ministry_editor"), visit=world.visit)

    with pytest.raises(DomainError) as voting:
        vote(world.visit, first)
    with pytest.raises(DomainError) as adding:
        add_date_option(
            actor=world.user("ministry_editor"),
            visit=world.visit,
            starts_at=at(14, day=MARCH_12),
            ends_at=at(15, day=MARCH_12),
        )

    assert (voting.value.code, adding.value.code) == ("not_open", "closed")


def test_only_the_ministrys_approver_fixes_the_date(world):
    first, *_ = open_vote(world)

    with pytest.raises(NotPermitted):
        fix_visit_date(actor=world.user("ministry_editor"), visit=world.visit, option=first)


def test_fixing_the_date_without_a_schedule_item_moves_the_visit_and_its_parts(world):
    _first, second, _third = open_vote(world)
    vote(world.visit, second)

    outcome = fix_visit_date(actor=world.user("ministry_approver"), visit=world.visit, option=second)

    visit = Visit.objects.get(pk=world.visit.pk)
    assert outcome.outcome == Outcome.NOT_FOUND
    assert (visit.start_date, visit.end_date) == (MARCH_11, MARCH_11)
    assert visit.date_fixed_at is not None
    assert vote_state(visit) == VoteState.FIXED
    assert DateOption.objects.get(is_chosen=True) == second
    meeting = visit.parts.get(kind=VisitPart.Kind.MEETING)
    assert (meeting.starts_at, meeting.ends_at) == (at(10, day=MARCH_11), at(12, day=MARCH_11))
    reception = visit.parts.get(kind=VisitPart.Kind.RECEPTION)
    assert (reception.starts_at, reception.ends_at) == (at(13, day=MARCH_11), at(15, day=MARCH_11))
    audit = AuditLog.objects.get(action="meetings.visit.fix_date")
    assert audit.old_values["start_date"] == "2027-03-10"
    assert audit.new_values["start_date"] == "2027-03-11"
    told = set(
        Notification.objects.filter(kind="meetings.visit_date_fixed").values_list("recipient__username", flat=True)
    )
    assert told == {"akimat_editor", "akimat_approver", world.user("coordinator").username}
    assert not ScheduleVersion.objects.exists()


def test_a_fixed_date_cannot_be_fixed_again(world):
    first, second, _third = open_vote(world)
    fix_visit_date(actor=world.user("ministry_approver"), visit=world.visit, option=first)

    with pytest.raises(DomainError) as error:
        fix_visit_date(actor=world.user("ministry_approver"), visit=world.visit, option=second)

    assert error.value.code == "fixed"


def test_fixing_the_date_writes_it_into_the_working_draft_and_asks_the_akimat_again():
    scheduled = build_scheduled_visit()
    options = offer_options(scheduled.visit)
    chosen = options[2]  # Friday 12 March

    outcome = fix_visit_date(actor=scheduled.user("ministry_approver"), visit=scheduled.visit, option=chosen)

    assert outcome.outcome == Outcome.PENDING
    # The amendment is in force only once approved: the approved version is unchanged until then.
    assert ScheduleVersion.objects.filter(number__isnull=False).count() == 1
    working = ScheduleItem.objects.get(pk=scheduled.item.pk)
    assert (working.start_date, working.end_date) == (MARCH_12, MARCH_12)
    assert AuditLog.objects.get(action="planning.item.update").actor == scheduled.user("ministry_approver")
    assert Notification.objects.filter(kind="schedule.date_change_pending").exists()
    assert Notification.objects.filter(kind="schedule.agreement_requested").exists()


def test_with_other_pending_changes_the_date_waits_in_the_draft_and_the_coordinator_is_told():
    scheduled = build_scheduled_visit()
    update_item(actor=scheduled.user("coordinator"), item=scheduled.item, topics_en="Roads and water")
    [first, *_rest] = offer_options(scheduled.visit, (MARCH_11, MARCH_12))

    outcome = fix_visit_date(actor=scheduled.user("ministry_approver"), visit=scheduled.visit, option=first)

    assert outcome.outcome == Outcome.PENDING
    assert ScheduleVersion.objects.filter(number__isnull=False).count() == 1
    working = ScheduleItem.objects.get(pk=scheduled.item.pk)
    assert (working.start_date, working.topics) == (MARCH_11, "Roads and water")
    pending = Notification.objects.get(kind="schedule.date_change_pending")
    assert pending.recipient == scheduled.user("coordinator")
    assert Visit.objects.get(pk=scheduled.visit.pk).start_date == MARCH_11


def test_a_submitted_draft_is_not_changed_and_the_coordinator_is_told_to_carry_the_date_over():
    scheduled = build_scheduled_visit()
    ScheduleVersion.objects.filter(number__isnull=True).update(status=ScheduleVersion.Status.SUBMITTED)
    [first, *_rest] = offer_options(scheduled.visit, (MARCH_11, MARCH_12))

    outcome = fix_visit_date(actor=scheduled.user("ministry_approver"), visit=scheduled.visit, option=first)

    assert outcome.outcome == Outcome.BLOCKED
    assert ScheduleItem.objects.get(pk=scheduled.item.pk).start_date == datetime.date(2027, 3, 10)
    assert Notification.objects.filter(kind="schedule.date_change_blocked").count() == 1
    assert Visit.objects.get(pk=scheduled.visit.pk).start_date == MARCH_11


def test_choosing_the_date_the_schedule_already_has_freezes_no_empty_amendment():
    scheduled = build_scheduled_visit()
    [same_day, *_rest] = offer_options(scheduled.visit)

    outcome = fix_visit_date(actor=scheduled.user("ministry_approver"), visit=scheduled.visit, option=same_day)

    assert outcome.outcome == Outcome.UNCHANGED
    assert ScheduleVersion.objects.filter(number__isnull=False).count() == 1
    assert Visit.objects.get(pk=scheduled.visit.pk).date_fixed_at is not None


def test_the_approver_fixes_a_saturday_and_a_date_fixed_without_a_vote_stays_unvoted(world):
    saturday = datetime.date(2027, 3, 13)
    [option] = offer_options(world.visit, (saturday,))

    fix_visit_date(actor=world.user("ministry_approver"), visit=world.visit, option=option)

    visit = Visit.objects.get(pk=world.visit.pk)
    assert (visit.start_date, vote_state(visit)) == (saturday, VoteState.FIXED)
    assert visit.vote_closes_at is None  # no vote was ever opened: the record says so


def test_a_saturday_in_the_schedule_items_period_amends_the_schedule():
    scheduled = build_scheduled_visit()
    saturday = datetime.date(2027, 3, 13)
    [option] = offer_options(scheduled.visit, (saturday,))

    outcome = fix_visit_date(actor=scheduled.user("ministry_approver"), visit=scheduled.visit, option=option)

    assert outcome.item is not None
    assert ScheduleItem.objects.get(pk=scheduled.item.pk).start_date == saturday
