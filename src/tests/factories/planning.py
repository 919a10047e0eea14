"""Factories for the planning app: periods, proposals, the schedule and what feeds it.

Defaults make a half-year period under a made-up REG-2024-like profile (1 January 2030 –
30 June 2030), a first head of a ministry and an oblast. Items default to the period's working
version (`number=None`); pass `version=` for a frozen one.
"""

import datetime
from dataclasses import dataclass, field

import factory
from factory.django import DjangoModelFactory

from kezdesu.organisations.models import Organisation, Position, Role, User
from kezdesu.planning.models import (
    PlanningPeriod,
    Proposal,
    RiskFlag,
    ScheduleItem,
    ScheduleVersion,
    SystemicProblem,
)
from kezdesu.regulations.domain.profile_loading import load_profiles
from kezdesu.regulations.models import RegulationProfile
from tests.factories.organisations import (
    MembershipFactory,
    OrganisationFactory,
    PositionFactory,
    RegionFactory,
    UserFactory,
)
from tests.factories.regulations import RegulationProfileFactory
from tests.factories.roles import RoleWorld, build_role_world


class PlanningPeriodFactory(DjangoModelFactory):
    class Meta:
        model = PlanningPeriod
        django_get_or_create = ("start",)

    profile = factory.SubFactory(RegulationProfileFactory)
    start = datetime.date(2030, 1, 1)
    end = datetime.date(2030, 6, 30)


class ProposalFactory(DjangoModelFactory):
    class Meta:
        model = Proposal

    period = factory.SubFactory(PlanningPeriodFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    position = factory.SubFactory(PositionFactory, organisation=factory.SelfAttribute("..organisation"))
    region = factory.SubFactory(RegionFactory)
    district = None
    preferred_from = factory.LazyAttribute(lambda proposal: proposal.period.start + datetime.timedelta(days=30))
    preferred_to = factory.LazyAttribute(lambda proposal: proposal.preferred_from + datetime.timedelta(days=6))
    topics = "Water supply of the villages"
    status = Proposal.Status.DRAFT


class ScheduleVersionFactory(DjangoModelFactory):
    """The working version of the period by default; pass `number=1, status=APPROVED` for a frozen one."""

    class Meta:
        model = ScheduleVersion

    period = factory.SubFactory(PlanningPeriodFactory)
    number = None
    status = ScheduleVersion.Status.WORKING


class ScheduleItemFactory(DjangoModelFactory):
    class Meta:
        model = ScheduleItem
        skip_postgeneration_save = True

    version = factory.SubFactory(ScheduleVersionFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    position = factory.SubFactory(PositionFactory, organisation=factory.SelfAttribute("..organisation"))
    region = factory.SubFactory(RegionFactory)
    district = None
    start_date = factory.LazyAttribute(lambda item: item.version.period.start + datetime.timedelta(days=40))
    end_date = factory.LazyAttribute(lambda item: item.start_date)
    topics = "Water supply of the villages"
    is_unscheduled = False

    @factory.post_generation
    def akim_positions(self, create, extracted, **kwargs):
        if create and extracted:
            self.akim_positions.set(extracted)


class SystemicProblemFactory(DjangoModelFactory):
    class Meta:
        model = SystemicProblem

    region = factory.SubFactory(RegionFactory)
    akimat = factory.SubFactory(
        OrganisationFactory, kind=Organisation.Kind.AKIMAT, region=factory.SelfAttribute("..region")
    )
    half_year_start = datetime.date(2030, 1, 1)
    title = factory.Sequence(lambda n: f"Systemic problem {n}")
    description = "Roads to the district centres are not repaired."
    competent_body = factory.SubFactory(OrganisationFactory)
    status = SystemicProblem.Status.DRAFT


class RiskFlagFactory(DjangoModelFactory):
    class Meta:
        model = RiskFlag

    region = factory.SubFactory(RegionFactory)
    competent_ministry = factory.SubFactory(OrganisationFactory)
    level = RiskFlag.Level.ELEVATED
    description = "Spring flood forecast above the dams' capacity."
    raised_by = factory.SubFactory(UserFactory)
    raised_by_organisation = factory.SubFactory(
        OrganisationFactory, kind=Organisation.Kind.AKIMAT, region=factory.SelfAttribute("..region")
    )
    status = RiskFlag.Status.RAISED


EXEMPT_CODES = ("defence", "foreign-affairs", "emergency-situations", "internal-affairs", "justice")


@dataclass
class ScheduleWorld:
    """The role world, the real profiles, a half-year under REG-2024 and a minister per ministry."""

    roles: RoleWorld
    period: PlanningPeriod
    version: ScheduleVersion
    minister: Position
    other_minister: Position
    exempt: dict[str, Organisation]
    users: dict[str, User | None] = field(default_factory=dict)

    def user(self, role_name: str) -> User:
        user = self.users.get(role_name) or self.roles.users[role_name]
        assert user is not None
        return user


def build_schedule_world(*, start: datetime.date = datetime.date(2027, 1, 1)) -> ScheduleWorld:
    """Everything the draft needs; `government_approver` approves for the Government Apparatus."""
    exempt = {code: OrganisationFactory(code=code, name_en=code.replace("-", " ").title()) for code in EXEMPT_CODES}
    load_profiles()
    roles = build_role_world()
    profile = RegulationProfile.objects.get(code="REG-2024")
    period_end = datetime.date(start.year, 6, 30) if start.month == 1 else datetime.date(start.year, 12, 31)
    period = PlanningPeriod.objects.create(profile=profile, start=start, end=period_end)
    version = ScheduleVersion.objects.create(period=period)
    world = ScheduleWorld(
        roles=roles,
        period=period,
        version=version,
        minister=PositionFactory(organisation=roles.ministry, code="minister", title_en="Minister A"),
        other_minister=PositionFactory(organisation=roles.other_ministry, code="minister", title_en="Minister B"),
        exempt=exempt,
    )
    world.users["government_approver"] = MembershipFactory(
        user=UserFactory(username="government_approver"), organisation=roles.apparatus, role=Role.APPROVER
    ).user
    world.users["akimat_editor"] = MembershipFactory(
        user=UserFactory(username="akimat_editor"), organisation=roles.akimat, role=Role.EDITOR
    ).user
    return world


def agree_and_approve(
    world: ScheduleWorld, *, reason: str = "", act_number: str = "No. 9", act_date: datetime.date | None = None
) -> ScheduleVersion:
    """The road of a draft or an amendment: every party agrees (their answers recorded), the other warnings are
    acknowledged, the authorized body submits (an amendment with its reason), the Government approves."""
    from django.utils import timezone

    from kezdesu.planning.domain.versions import approve_schedule, submit_schedule
    from kezdesu.planning.domain.warnings import draft_warnings
    from kezdesu.planning.models import ItemAgreement, WarningAcknowledgement

    ItemAgreement.objects.filter(item__version=world.version).update(decision=ItemAgreement.Decision.AGREED)
    for warning in draft_warnings(world.version):
        if not warning.is_acknowledged and not warning.is_blocking:
            WarningAcknowledgement.objects.create(version=world.version, key=warning.key, note="Accepted")
    submit_schedule(actor=world.user("coordinator"), period=world.period, reason=reason)
    return approve_schedule(
        actor=world.user("government_approver"),
        period=world.period,
        act_number=act_number,
        act_date=act_date or timezone.localdate(),
    )
