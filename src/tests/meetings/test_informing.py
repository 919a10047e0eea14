"""The authorized body kept informed at every stage of a visit (R18): one notification to each coordinator at a
stage the profile in force names, none at a stage it does not."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from kezdesu.core.domain.notifications import render_notification
from kezdesu.core.models import Notification
from kezdesu.followup.domain.publication import publish_results, save_results
from kezdesu.meetings.domain.date_vote import fix_visit_date
from kezdesu.meetings.domain.informing import STAGES, Stage, inform_authorized_body
from kezdesu.meetings.domain.parts import update_part
from kezdesu.meetings.domain.visits import cancel_visit, create_visit, publish_visit, sync_visit_with_schedule
from kezdesu.meetings.models import Visit, VisitPart
from kezdesu.organisations.models import Role
from kezdesu.planning.models import ScheduleItem
from kezdesu.regulations.models import RegulationProfile
from tests.factories.date_vote import offer_options
from tests.factories.followup import build_followup_world
from tests.factories.followup_rules import with_followup_rules
from tests.factories.meetings import at, build_visit_world
from tests.factories.organisations import MembershipFactory, UserFactory
from tests.factories.regulations import RegulationProfileFactory
from tests.factories.visits import ITEM_DAY, approved_item

pytestmark = pytest.mark.django_db

EXTRAS = {
    Stage.DATE_CHANGED: {"previous_start": "2027-03-09", "previous_end": "2027-03-09"},
    Stage.CANCELLED: {"reason": "The minister is ill."},
}


def profile(*, informs=STAGES, source="T3.4") -> RegulationProfile:
    """A profile in force since 2020 naming `informs`; the profiles the factories made already name them too."""
    made = RegulationProfileFactory(code="TEST-R18", effective_from=datetime.date(2020, 1, 1))
    RegulationProfile.objects.update(informs=list(informs), informs_source=source)
    made.refresh_from_db()
    return made


def all_but(stage: str) -> list[str]:
    return [other for other in STAGES if other != stage]


def told(stage: str) -> list[str]:
    """Who was told of `stage`, by username."""
    informed = Notification.objects.filter(kind=f"meetings.informed.{stage}")
    return sorted(informed.values_list("recipient__username", flat=True))


@pytest.fixture
def world():
    world = build_visit_world()
    MembershipFactory(
        user=UserFactory(username="coordinator_2"), organisation=world.roles.authorized_body, role=Role.COORDINATOR
    )
    return world


@pytest.mark.parametrize("stage", STAGES)
def test_each_stage_the_profile_names_tells_every_coordinator_once(world, stage):
    profile()

    sent = inform_authorized_body(stage=stage, visit=world.visit, **EXTRAS.get(stage, {}))

    assert len(sent) == 2
    assert told(stage) == ["coordinator", "coordinator_2"]
    assert Notification.objects.count() == 2
    assert {n.link for n in sent} == {reverse("office:visit_detail", kwargs={"pk": world.visit.pk})}
    for language in ("kk", "ru", "en"):
        with translation.override(language):
            assert "T3.4" in render_notification(sent[0])


@pytest.mark.parametrize("stage", STAGES)
def test_a_stage_the_profile_does_not_name_sends_nothing(world, stage):
    profile(informs=all_but(stage))

    assert inform_authorized_body(stage=stage, visit=world.visit, **EXTRAS.get(stage, {})) == []
    assert Notification.objects.count() == 0


def test_without_a_profile_in_force_nothing_is_sent(world):
    RegulationProfileFactory(code="LATER", effective_from=datetime.date(2040, 1, 1), informs=list(STAGES))

    assert inform_authorized_body(stage=Stage.HELD, visit=world.visit) == []


def test_the_message_names_the_ministry_official_region_dates_and_clause(world):
    profile(source="G3.2 (P3.4)")
    region = world.visit.region

    [sent, _other] = inform_authorized_body(stage=Stage.CANCELLED, visit=world.visit, reason="The minister is ill.")

    with translation.override("en"):
        assert render_notification(sent) == (
            f"Ministry A cancelled the visit of Minister A to {region.name_en} planned for 10.03.2027 – 10.03.2027. "
            "Clause: G3.2 (P3.4). Reason: The minister is ill."
        )


def test_the_clause_falls_back_to_the_profiles_code(world):
    profile(source="")

    [sent, _other] = inform_authorized_body(stage=Stage.HELD, visit=world.visit)

    assert sent.params["source"] == "TEST-R18"


def test_an_unknown_stage_or_a_missing_param_is_refused(world):
    profile()
    with pytest.raises(ValueError, match="Unknown stage"):
        inform_authorized_body(stage="postponed", visit=world.visit)
    with pytest.raises(TypeError, match="reason"):
        inform_authorized_body(stage=Stage.CANCELLED, visit=world.visit)
    with pytest.raises(TypeError, match="previous_end, previous_start"):
        inform_authorized_body(stage=Stage.DATE_CHANGED, visit=world.visit)
    assert Notification.objects.count() == 0


# The stages as the visit's own functions reach them.


def test_announcing_a_visit_informs_the_authorized_body():
    world = build_visit_world(status=Visit.Status.DRAFT)
    profile()

    publish_visit(actor=world.user("ministry_approver"), visit=world.visit)

    assert told(Stage.ANNOUNCED) == ["coordinator"]
    assert Notification.objects.filter(recipient=world.user("coordinator")).count() == 1


def test_announcing_sends_nothing_to_the_authorized_body_when_the_profile_does_not_name_it():
    world = build_visit_world(status=Visit.Status.DRAFT)
    profile(informs=all_but(Stage.ANNOUNCED))

    publish_visit(actor=world.user("ministry_approver"), visit=world.visit)

    assert Notification.objects.filter(recipient=world.user("coordinator")).count() == 0
    assert Notification.objects.filter(kind="meetings.visit_published").count() == 2  # the akimat is still told


def test_cancelling_a_visit_informs_the_authorized_body_with_the_reason(world):
    profile()

    cancel_visit(actor=world.user("ministry_approver"), visit=world.visit, reason="  The minister is ill. ")

    assert told(Stage.CANCELLED) == ["coordinator", "coordinator_2"]
    assert Notification.objects.get(recipient__username="coordinator").params["reason"] == "The minister is ill."


def test_cancelling_sends_nothing_to_the_authorized_body_when_the_profile_does_not_name_it(world):
    profile(informs=all_but(Stage.CANCELLED))

    cancel_visit(actor=world.user("ministry_approver"), visit=world.visit, reason="The minister is ill.")

    assert Notification.objects.filter(recipient__username__startswith="coordinator").count() == 0


def prepared_visit(world) -> Visit:
    visit = create_visit(actor=world.user("ministry_editor"), item=approved_item(world))
    part = visit.parts.get(kind=VisitPart.Kind.MEETING)
    update_part(
        actor=world.user("ministry_editor"), part=part, starts_at=at(10, day=ITEM_DAY), ends_at=at(12, day=ITEM_DAY)
    )
    return visit


def test_a_schedule_amendment_that_moves_the_visit_informs_the_authorized_body_once(world):
    visit = prepared_visit(world)
    profile()
    later = ITEM_DAY + datetime.timedelta(days=7)
    ScheduleItem.objects.filter(uid=visit.schedule_uid).update(start_date=later, end_date=later)

    sync_visit_with_schedule(actor=None, visit=visit)
    sync_visit_with_schedule(actor=None, visit=visit)  # nothing changes the second time

    assert told(Stage.DATE_CHANGED) == ["coordinator", "coordinator_2"]
    sent = Notification.objects.get(recipient__username="coordinator")
    assert (sent.params["previous_start"], sent.params["start"]) == ("2030-02-12", "2030-02-19")


def test_a_schedule_amendment_that_keeps_the_dates_informs_nobody(world):
    visit = prepared_visit(world)
    profile()
    ScheduleItem.objects.filter(uid=visit.schedule_uid).update(is_unscheduled=True)

    assert sync_visit_with_schedule(actor=None, visit=visit) == ["is_unscheduled"]
    assert Notification.objects.count() == 0


def test_a_moved_visit_informs_nobody_when_the_profile_does_not_name_it(world):
    visit = prepared_visit(world)
    profile(informs=all_but(Stage.DATE_CHANGED))
    ScheduleItem.objects.filter(uid=visit.schedule_uid).update(end_date=ITEM_DAY + datetime.timedelta(days=1))

    assert sync_visit_with_schedule(actor=None, visit=visit) == ["end_date"]
    assert Notification.objects.count() == 0


def test_the_date_fixed_after_the_vote_reaches_the_coordinators_once_as_the_profiles_informing(world):
    profile()
    _first, second, _third = offer_options(world.visit)

    fix_visit_date(actor=world.user("ministry_approver"), visit=world.visit, option=second)

    assert told(Stage.DATE_CHANGED) == ["coordinator", "coordinator_2"]
    fixed = Notification.objects.filter(kind="meetings.visit_date_fixed")
    assert sorted(fixed.values_list("recipient__username", flat=True)) == ["akimat_approver", "akimat_editor"]
    sent = Notification.objects.get(recipient__username="coordinator")
    assert (sent.params["previous_start"], sent.params["start"]) == ("2027-03-10", "2027-03-11")


def test_the_date_fixed_after_the_vote_still_reaches_the_coordinators_when_the_profile_does_not_name_it(world):
    profile(informs=all_but(Stage.DATE_CHANGED))
    _first, second, _third = offer_options(world.visit)

    fix_visit_date(actor=world.user("ministry_approver"), visit=world.visit, option=second)

    assert told(Stage.DATE_CHANGED) == []
    fixed = Notification.objects.filter(kind="meetings.visit_date_fixed")
    assert sorted(fixed.values_list("recipient__username", flat=True)) == [
        "akimat_approver",
        "akimat_editor",
        "coordinator",
        "coordinator_2",
    ]


def test_fixing_the_date_the_visit_already_has_informs_nobody_of_a_change(world):
    profile()
    first, _second, _third = offer_options(world.visit)  # 10 March, the visit's day

    fix_visit_date(actor=world.user("ministry_approver"), visit=world.visit, option=first)

    assert told(Stage.DATE_CHANGED) == []
    assert Notification.objects.filter(kind="meetings.visit_date_fixed", recipient__username="coordinator").exists()


def results_ready(*, informs=STAGES):
    world = build_followup_world()
    rules = with_followup_rules()
    RegulationProfile.objects.filter(pk=rules.pk).update(informs=list(informs), informs_source="G3.2 (P3.4)")
    day = timezone.localdate() - datetime.timedelta(days=2)
    Visit.objects.filter(pk=world.visit.pk).update(start_date=day, end_date=day)
    world.visit.refresh_from_db()
    save_results(
        actor=world.user("ministry_editor"),
        visit=world.visit,
        results_kk="Кездесу нәтижелері",
        results_ru="Итоги встречи",
        revision=0,
    )
    return world


def test_the_first_publication_of_the_results_informs_the_authorized_body_and_a_republication_does_not():
    world = results_ready()
    approver = world.user("ministry_approver")

    publish_results(actor=approver, visit=world.visit)
    publish_results(actor=approver, visit=world.visit)

    assert told(Stage.RESULTS_PUBLISHED) == ["coordinator"]


def test_publishing_the_results_informs_nobody_when_the_profile_does_not_name_it():
    world = results_ready(informs=all_but(Stage.RESULTS_PUBLISHED))

    publish_results(actor=world.user("ministry_approver"), visit=world.visit)

    assert told(Stage.RESULTS_PUBLISHED) == []
