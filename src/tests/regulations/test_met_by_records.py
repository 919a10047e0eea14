"""Obligations met by the records (issue 13): a held meeting meets the first head's quarter (R2; R1 under
REG-2022), a meeting after a risk flag meets it (R4), the records say why a meeting counts or not, and a
reference typed by hand is the exception, refused where the records decide and marked wherever it shows."""

import datetime

import pytest

from kezdesu.core.errors import DomainError, NotPermitted
from kezdesu.core.models import AuditLog
from kezdesu.meetings.models import Visit, VisitPart
from kezdesu.organisations.models import Position, Role
from kezdesu.planning.models import ItemAgreement, RiskFlag
from kezdesu.regulations.domain.by_hand import record_fulfilment
from kezdesu.regulations.domain.obligations import Basis, ObligationState, find_obligation
from tests.factories.meetings import at
from tests.factories.organisations import MembershipFactory, PositionFactory, RegionFactory, UserFactory
from tests.factories.planning import PlanningPeriodFactory, RiskFlagFactory
from tests.factories.planning_profiles import load_real_profiles
from tests.factories.planning_published import ApprovedVersionFactory, PublishedItemFactory
from tests.factories.roles import build_role_world

pytestmark = pytest.mark.django_db
D = datetime.date
Q1 = "REG-2024:first-head-meeting:ministry-a:2026-01-01"


@pytest.fixture
def world():
    load_real_profiles()
    roles = build_role_world()
    roles.minister = PositionFactory(organisation=roles.ministry, code="minister", title_en="Minister A")
    roles.deputy = PositionFactory(
        organisation=roles.ministry, code="vice", level=Position.Level.DEPUTY, title_en="Vice minister A"
    )
    return roles


def scheduled_visit(world, day, *, position=None, region=None, agreed=True, took_place=True, status=None):
    """A visit carrying an item of the approved schedule; the region's akimat agreed the item or not."""
    region = region or world.akimat.region
    position = position or world.minister
    item = PublishedItemFactory(
        version=ApprovedVersionFactory(period=PlanningPeriodFactory(start=D(2026, 1, 1), end=D(2026, 6, 30))),
        organisation=world.ministry,
        position=position,
        region=region,
        start_date=day,
        end_date=day,
    )
    akimat = world.akimat if region == world.akimat.region else world.other_akimat
    ItemAgreement.objects.create(
        item=item,
        organisation=akimat,
        decision=ItemAgreement.Decision.AGREED if agreed else ItemAgreement.Decision.PENDING,
    )
    return visit_of(world, day, position=position, region=region, uid=item.uid, took_place=took_place, status=status)


def visit_of(world, day, *, position=None, region=None, uid=None, took_place=True, status=None, **fields):
    visit = Visit.objects.create(
        schedule_uid=uid,
        organisation=fields.pop("organisation", world.ministry),
        position=position or world.minister,
        region=region or world.akimat.region,
        start_date=day,
        end_date=day,
        status=status or Visit.Status.PUBLISHED,
        **fields,
    )
    for kind, (start, end) in {VisitPart.Kind.MEETING: (10, 12), VisitPart.Kind.RECEPTION: (14, 16)}.items():
        VisitPart.objects.create(
            visit=visit,
            kind=kind,
            starts_at=at(start, day=day),
            ends_at=at(end, day=day),
            outcome=VisitPart.Outcome.TOOK_PLACE if took_place and kind == VisitPart.Kind.MEETING else "planned",
        )
    return visit


MAY_1 = D(2026, 5, 1)


def r2(today=MAY_1):
    return find_obligation(Q1, today=today)


def assigned_flag(world, **fields):
    """A risk flag the world's akimat raised on its region, assigned to the world's ministry."""
    return RiskFlagFactory(
        region=world.akimat.region,
        competent_ministry=world.ministry,
        raised_by_organisation=world.akimat,
        status=RiskFlag.Status.ASSIGNED,
        deadline=D(2026, 3, 1),
        **fields,
    )


def test_a_held_first_head_meeting_agreed_by_the_akimat_meets_the_quarter_by_itself(world):
    visit = scheduled_visit(world, D(2026, 2, 12))

    obligation = r2()

    assert (obligation.state, obligation.basis, obligation.met_on, obligation.met_on_time) == (
        ObligationState.MET,
        Basis.RECORDS,
        D(2026, 2, 12),
        True,
    )
    [record] = obligation.evidence
    assert (record.counts, record.record, str(record.why)) == (
        True,
        f"meetings.visit:{visit.pk}",
        "held as scheduled; the region's akimat agreed the date",
    )
    assert not obligation.by_hand


def test_the_meeting_counts_once_its_record_says_it_took_place_whether_or_not_the_visit_is_closed(world):
    """Closing the visit (every part recorded) is not needed: the meeting's own record decides."""
    visit = scheduled_visit(world, D(2026, 2, 12), took_place=False)
    assert r2().state == ObligationState.OVERDUE
    assert str(r2().evidence[0].why) == "its day has passed, but nobody has closed the meeting yet"

    VisitPart.objects.filter(visit=visit, kind=VisitPart.Kind.MEETING).update(outcome=VisitPart.Outcome.TOOK_PLACE)
    assert visit.status == Visit.Status.PUBLISHED
    assert r2().state == ObligationState.MET


@pytest.mark.parametrize(
    ("setup", "why"),
    [
        ("deputy", "a meeting of a deputy or a committee chair (R5): counted as theirs"),
        ("not_agreed", "held, but the region's akimat has not agreed this date"),
        ("cancelled", "cancelled"),
        ("not_held", "recorded as not held"),
        ("unscheduled_without_flag", "held outside the schedule without a risk flag in its region"),
    ],
)
def test_a_meeting_that_does_not_meet_the_quarter_says_why(world, setup, why):
    day = D(2026, 2, 12)
    if setup == "deputy":
        scheduled_visit(world, day, position=world.deputy)
    elif setup == "not_agreed":
        scheduled_visit(world, day, agreed=False)
    elif setup == "cancelled":
        scheduled_visit(world, day, status=Visit.Status.CANCELLED)
    elif setup == "not_held":
        visit = scheduled_visit(world, day, took_place=False)
        VisitPart.objects.filter(visit=visit, kind=VisitPart.Kind.MEETING).update(
            outcome=VisitPart.Outcome.NOT_HELD, outcome_note="Flood"
        )
    else:
        visit_of(world, day, is_unscheduled=True)

    obligation = r2()

    assert obligation.state == ObligationState.OVERDUE
    assert [(record.counts, str(record.why)) for record in obligation.evidence] == [(False, why)]


def test_an_unscheduled_meeting_on_the_ministrys_risk_flag_in_that_region_counts(world):
    flag = assigned_flag(world)
    visit_of(world, D(2026, 2, 20), is_unscheduled=True, risk_flag=flag)

    obligation = r2()

    assert (obligation.state, obligation.met_on) == (ObligationState.MET, D(2026, 2, 20))
    assert str(obligation.evidence[0].why).startswith("held outside the schedule on the risk flag raised on")


def test_a_committee_chairs_meeting_is_listed_beside_the_first_heads_and_counted_as_theirs(world):
    chair = PositionFactory(
        organisation=world.committee, code="chair", level=Position.Level.COMMITTEE_CHAIR, title_en="Chair"
    )
    visit_of(world, D(2026, 3, 3), organisation=world.committee, position=chair)
    scheduled_visit(world, D(2026, 2, 12))

    obligation = r2()

    assert [(record.counts, record.on) for record in obligation.evidence] == [
        (True, D(2026, 2, 12)),
        (False, D(2026, 3, 3)),
    ]


def test_under_reg_2022_the_same_records_meet_the_years_meeting(world):
    """R1 (P1): the role, not the rule's code, links the records; REG-2022 counts a year."""
    item = PublishedItemFactory(
        version=ApprovedVersionFactory(period=PlanningPeriodFactory(start=D(2023, 1, 1), end=D(2023, 12, 31))),
        organisation=world.ministry,
        position=world.minister,
        region=world.akimat.region,
        start_date=D(2023, 5, 4),
        end_date=D(2023, 5, 4),
    )
    ItemAgreement.objects.create(item=item, organisation=world.akimat, decision=ItemAgreement.Decision.AGREED)
    visit_of(world, D(2023, 5, 4), uid=item.uid)

    obligation = find_obligation("REG-2022:first-head-meeting:ministry-a:2023-01-01", today=D(2024, 1, 5))

    assert (obligation.state, obligation.basis, obligation.met_on) == (
        ObligationState.MET,
        Basis.RECORDS,
        D(2023, 5, 4),
    )


def test_r4_a_first_heads_meeting_with_the_flagged_region_after_the_flag_meets_it(world):
    flag = assigned_flag(world, level=RiskFlag.Level.HIGH)
    RiskFlag.objects.filter(pk=flag.pk).update(raised_at=at(9, day=D(2026, 2, 1)))
    key = f"REG-2024:unscheduled-meeting:ministry-a:risk-{flag.pk}"
    visit_of(world, D(2026, 1, 20))  # before the flag: does not answer it
    visit_of(world, D(2026, 2, 10), region=RegionFactory())  # another region: not listed
    assert find_obligation(key, today=D(2026, 3, 5)).state == ObligationState.OVERDUE

    visit = visit_of(world, D(2026, 2, 25), is_unscheduled=True, risk_flag=flag, deputy_prime_minister_took_part=True)

    obligation = find_obligation(key, today=D(2026, 3, 5))
    assert (obligation.state, obligation.met_on, obligation.met_on_time) == (ObligationState.MET, D(2026, 2, 25), True)
    assert [record.record for record in obligation.counting] == [f"meetings.visit:{visit.pk}"]
    assert "the deputy prime minister took part" in str(obligation.counting[0].why)


def test_by_hand_is_refused_where_the_records_meet_it(world):
    scheduled_visit(world, D(2026, 2, 12))
    approver = world.user("ministry_approver")
    with pytest.raises(DomainError) as refused:
        record_fulfilment(
            actor=approver,
            obligation=r2(),
            met_on=D(2026, 2, 14),
            reference="Report",
            region=world.akimat.region,
            position=world.minister,
        )
    assert refused.value.code == "met_by_records"


def test_a_meeting_by_hand_names_where_and_who_and_must_be_held_outside_kezdesu(world):
    approver = world.user("ministry_approver")
    scheduled_visit(world, D(2026, 3, 20), took_place=False)  # a visit Kezdesu holds on 20 March
    obligation = r2(today=D(2026, 4, 1))

    def typed(**values):
        with pytest.raises(DomainError) as refused:
            record_fulfilment(actor=approver, obligation=obligation, reference="Report No. 5", **values)
        return refused.value.code

    assert typed(met_on=D(2026, 2, 12), position=world.minister) == "region"
    assert typed(met_on=D(2026, 2, 12), region=world.akimat.region, position=world.deputy) == "not_first_head"
    assert typed(met_on=D(2025, 12, 30), region=world.akimat.region, position=world.minister) == "outside_period"
    assert typed(met_on=D(2026, 3, 20), region=world.akimat.region, position=world.minister) == "held_in_kezdesu"

    record_fulfilment(
        actor=approver,
        obligation=obligation,
        met_on=D(2026, 2, 12),
        reference="Report No. 5",
        region=world.akimat.region,
        position=world.minister,
    )
    met = r2(today=D(2026, 4, 1))
    assert (met.state, met.basis, met.by_hand, met.met_on) == (ObligationState.MET, Basis.BY_HAND, True, D(2026, 2, 12))
    audit = AuditLog.objects.get(action="regulations.fulfilment.record")
    assert (audit.new_values["by_hand"], audit.new_values["region"], audit.new_values["position"]) == (
        "meeting",
        world.akimat.region.kato,
        "minister",
    )


def test_a_visits_results_are_never_typed_by_hand(world):
    visit = visit_of(world, D(2026, 2, 12))
    obligation = find_obligation(f"REG-2024:visit-results:ministry-a:{visit.pk}", today=D(2026, 4, 1))
    assert obligation.state == ObligationState.OVERDUE  # announced, held, ten days gone: nobody closed it
    with pytest.raises(DomainError) as refused:
        record_fulfilment(
            actor=world.user("ministry_approver"), obligation=obligation, met_on=D(2026, 2, 20), reference="Site"
        )
    assert refused.value.code == "records_only"


def test_records_win_over_a_reference_typed_earlier(world):
    """A meeting typed by hand, then the visit closed in Kezdesu: the record is what the obligation rests on."""
    approver = world.user("ministry_approver")
    record_fulfilment(
        actor=approver,
        obligation=r2(),
        met_on=D(2026, 1, 25),
        reference="Report No. 5",
        region=world.other_akimat.region,
        position=world.minister,
    )
    scheduled_visit(world, D(2026, 2, 12))
    obligation = r2()
    assert (obligation.basis, obligation.met_on, obligation.fulfilment is not None) == (
        Basis.RECORDS,
        D(2026, 2, 12),
        True,
    )


def test_the_coordinator_and_an_editor(world):
    """Who may type by hand: the debtor's approver or the authorized body's coordinator, not an editor."""
    editor = world.user("ministry_editor")
    with pytest.raises(NotPermitted):
        record_fulfilment(
            actor=editor,
            obligation=r2(),
            met_on=D(2026, 2, 1),
            reference="x",
            region=world.akimat.region,
            position=world.minister,
        )
    coordinator = MembershipFactory(
        user=UserFactory(username="coordinator-2"), organisation=world.authorized_body, role=Role.COORDINATOR
    ).user
    record_fulfilment(
        actor=coordinator,
        obligation=r2(),
        met_on=D(2026, 2, 1),
        reference="Report",
        region=world.akimat.region,
        position=world.minister,
    )
    assert r2().by_hand
