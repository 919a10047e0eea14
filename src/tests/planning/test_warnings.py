import datetime

import pytest

from kezdesu.core.errors import DomainError, NotPermitted
from kezdesu.core.models import AuditLog
from kezdesu.organisations.models import Position
from kezdesu.planning.domain.queries.schedule import items_of
from kezdesu.planning.domain.warnings import (
    BLOCKING,
    acknowledge_warning,
    crowded_region_days,
    days_off_and_blackouts,
    draft_warnings,
    exempt_bodies_scheduled,
    first_head_gaps,
    open_agreements,
    outstanding_warnings,
    unavailable_officials,
    unvisited_regions,
)
from kezdesu.planning.models import ItemAgreement, OfficialUnavailability, RegionBlackout
from tests.factories.organisations import PositionFactory
from tests.factories.planning import ScheduleItemFactory, build_schedule_world

pytestmark = pytest.mark.django_db

# Wednesday 10 February 2027, a working day; 8 March 2027 is International Women's Day.
FEB_10 = datetime.date(2027, 2, 10)
MARCH_8 = datetime.date(2027, 3, 8)


@pytest.fixture
def world():
    return build_schedule_world()


def item(world, **values):
    defaults = {
        "version": world.version,
        "organisation": world.roles.ministry,
        "position": world.minister,
        "region": world.roles.akimat.region,
        "start_date": FEB_10,
        "end_date": FEB_10,
    }
    return ScheduleItemFactory(**{**defaults, **values})


def run(check, world):
    return check(world.version, list(items_of(world.version)))


def test_first_head_gap_names_each_quarter_without_a_meeting(world):
    item(world)

    keys = [w.key for w in run(first_head_gaps, world) if w.key.startswith("first-head-gap:ministry-a:")]

    assert keys == ["first-head-gap:ministry-a:2027-04-01"]


def test_first_head_gap_ignores_a_deputys_meeting(world):
    deputy = PositionFactory(organisation=world.roles.ministry, code="deputy", level=Position.Level.DEPUTY)
    item(world, position=deputy)

    keys = [w.key for w in run(first_head_gaps, world) if w.key.startswith("first-head-gap:ministry-a:")]

    assert keys == ["first-head-gap:ministry-a:2027-01-01", "first-head-gap:ministry-a:2027-04-01"]


def test_first_head_gap_leaves_out_exempt_bodies(world):
    keys = {w.key.split(":")[1] for w in run(first_head_gaps, world)}

    assert keys == {"ministry-a", "ministry-b", "culture"}


def test_an_exempt_body_in_the_schedule_blocks(world):
    defence = world.exempt["defence"]
    scheduled = item(world, organisation=defence, position=PositionFactory(organisation=defence))
    item(world)

    warnings = run(exempt_bodies_scheduled, world)

    assert [(w.key, w.severity, w.item_uids) for w in warnings] == [
        (f"exempt-body:{scheduled.uid}", BLOCKING, (str(scheduled.uid),))
    ]


def test_two_ministers_in_one_region_on_one_day_is_a_warning(world):
    first = item(world)
    second = item(world, organisation=world.roles.other_ministry, position=world.other_minister)

    warnings = run(crowded_region_days, world)

    assert [(w.key, w.item_uids) for w in warnings] == [
        (f"crowded:{world.roles.akimat.region.kato}:2027-02-10", (str(first.uid), str(second.uid)))
    ]


def test_the_ministers_per_region_and_day_limit_is_a_setting(world, settings):
    settings.KEZDESU_MAX_MINISTERS_PER_REGION_DAY = 2
    item(world)
    item(world, organisation=world.roles.other_ministry, position=world.other_minister)

    assert run(crowded_region_days, world) == []


def test_a_meeting_on_a_public_holiday_is_a_warning(world):
    holiday = item(world, start_date=MARCH_8, end_date=MARCH_8)
    item(world)

    warnings = run(days_off_and_blackouts, world)

    assert [(w.code, w.key) for w in warnings] == [("day_off", f"day-off:{holiday.uid}:2027-03-08:2027-03-08")]


def test_a_meeting_in_a_region_blackout_is_a_warning(world):
    scheduled = item(world)
    blackout = RegionBlackout.objects.create(
        region=world.roles.akimat.region, start=FEB_10, end=FEB_10 + datetime.timedelta(days=3), reason="Elections"
    )
    RegionBlackout.objects.create(region=world.roles.other_akimat.region, start=FEB_10, end=FEB_10, reason="Other")

    warnings = run(days_off_and_blackouts, world)

    assert [(w.code, w.key) for w in warnings] == [("region_blackout", f"blackout:{scheduled.uid}:{blackout.pk}")]


def test_a_meeting_when_the_official_is_unavailable_is_a_warning(world):
    scheduled = item(world)
    absence = OfficialUnavailability.objects.create(
        position=world.minister, start=FEB_10 - datetime.timedelta(days=1), end=FEB_10, reason="Abroad"
    )
    OfficialUnavailability.objects.create(position=world.other_minister, start=FEB_10, end=FEB_10, reason="Abroad")

    warnings = run(unavailable_officials, world)

    assert [w.key for w in warnings] == [f"unavailable:{scheduled.uid}:{absence.pk}"]


def test_a_region_without_a_visit_is_a_warning(world):
    item(world)

    warnings = run(unvisited_regions, world)

    assert [w.key for w in warnings] == [f"unvisited:{world.roles.other_akimat.region.kato}"]


def test_a_disagreement_and_a_pending_answer_both_block_acknowledging_is_not_agreeing(world):
    scheduled = item(world)
    ItemAgreement.objects.create(item=scheduled, organisation=world.roles.ministry)
    ItemAgreement.objects.create(
        item=scheduled, organisation=world.roles.akimat, decision=ItemAgreement.Decision.DISAGREED, comment="Floods"
    )

    warnings = run(open_agreements, world)

    assert sorted((w.key, w.severity) for w in warnings) == [
        (f"disagreed:{scheduled.uid}:akimat-x", BLOCKING),
        (f"pending:{scheduled.uid}:ministry-a", BLOCKING),
    ]
    with pytest.raises(DomainError) as refused:
        acknowledge_warning(
            actor=world.user("coordinator"), version=world.version, key=f"pending:{scheduled.uid}:ministry-a", note="x"
        )
    assert refused.value.code == "blocking"


def test_draft_warnings_puts_blocking_first_and_marks_acknowledged(world):
    defence = world.exempt["defence"]
    item(world, organisation=defence, position=PositionFactory(organisation=defence))
    key = f"unvisited:{world.roles.other_akimat.region.kato}"

    acknowledge_warning(actor=world.user("coordinator"), version=world.version, key=key, note="Visited in autumn")
    warnings = draft_warnings(world.version)

    assert warnings[0].code == "exempt_body"
    assert next(w for w in warnings if w.key == key).is_acknowledged
    assert key not in {w.key for w in outstanding_warnings(world.version)}
    assert AuditLog.objects.get(action="planning.warning.acknowledge").new_values == {
        "key": key,
        "note": "Visited in autumn",
    }


def test_a_blocking_warning_cannot_be_acknowledged(world):
    defence = world.exempt["defence"]
    scheduled = item(world, organisation=defence, position=PositionFactory(organisation=defence))

    with pytest.raises(DomainError) as error:
        acknowledge_warning(
            actor=world.user("coordinator"), version=world.version, key=f"exempt-body:{scheduled.uid}", note="Fine"
        )

    assert error.value.code == "blocking"


def test_acknowledging_needs_a_note_a_current_warning_and_the_coordinator(world):
    key = f"unvisited:{world.roles.akimat.region.kato}"
    coordinator = world.user("coordinator")

    with pytest.raises(DomainError) as no_note:
        acknowledge_warning(actor=coordinator, version=world.version, key=key, note="  ")
    with pytest.raises(DomainError) as unknown:
        acknowledge_warning(actor=coordinator, version=world.version, key="unvisited:000", note="Why")
    with pytest.raises(NotPermitted):
        acknowledge_warning(actor=world.user("ministry_approver"), version=world.version, key=key, note="Why")

    assert (no_note.value.code, unknown.value.code) == ("note", "unknown_warning")
