"""The action plan: adding, changing and removing measures, with their checks, audit, timeline and notices."""

import datetime

import pytest

from kezdesu.core.errors import DomainError, NotPermitted
from kezdesu.core.models import AuditLog, Notification
from kezdesu.followup.domain.plans import add_measure, remove_measure, update_measure
from kezdesu.followup.models import IssueEvent, Measure, ProgressUpdate
from tests.factories.followup import build_followup_world

pytestmark = pytest.mark.django_db

DEADLINE = datetime.date(2027, 10, 1)


@pytest.fixture
def world():
    return build_followup_world()


@pytest.fixture
def published():
    return build_followup_world(publish=True)


def values(**overrides):
    return {
        "text_kk": "Жолды жөндеу",
        "text_ru": "Отремонтировать дорогу",
        "text_en": "Repair the road",
        "deadline": DEADLINE,
        "executor_position_kk": "Аким",
        "executor_position_ru": "Аким",
        **overrides,
    }


def test_a_planner_adds_a_measure_with_an_audit_row_and_a_timeline_event(world):
    measure = add_measure(actor=world.user("ministry_editor"), issue=world.gas, executor_company="QazaqGaz", **values())
    assert (measure.order, measure.text_ru, measure.executor_company) == (1, "Отремонтировать дорогу", "QazaqGaz")
    audit = AuditLog.objects.get(action="followup.measure_add")
    assert audit.new_values["deadline"] == "2027-10-01"
    event = IssueEvent.objects.get(kind=IssueEvent.Kind.MEASURE_ADDED, measure=measure)
    assert event.params["deadline"] == "2027-10-01"
    assert event.params["executor"] == {"kk": "QazaqGaz", "ru": "QazaqGaz", "en": "QazaqGaz"}


def test_an_executor_body_other_than_the_ministry_hears_of_its_measure(world):
    add_measure(actor=world.user("ministry_editor"), issue=world.road, executor=world.roles.other_ministry, **values())
    notified = set(
        Notification.objects.filter(kind="followup.measure_assigned").values_list("recipient__username", flat=True)
    )
    assert notified == {"other_editor", "other_approver"}


def test_the_visiting_ministry_as_executor_gets_no_notice(world):
    add_measure(actor=world.user("ministry_editor"), issue=world.road, executor=world.visit.organisation, **values())
    assert Notification.objects.filter(kind="followup.measure_assigned").count() == 0


@pytest.mark.parametrize(
    ("overrides", "code"),
    [
        ({"text_ru": " "}, "text_required"),
        ({"deadline": None}, "deadline_required"),
        ({"deadline": datetime.date(2027, 3, 1)}, "deadline_too_early"),
        ({"deadline": datetime.date(2033, 1, 1)}, "deadline_too_late"),
        ({"executor_position_kk": ""}, "position_required"),
        ({"executor_company": ""}, "executor_required"),
    ],
)
def test_a_measure_with_missing_or_wrong_values_is_refused(world, overrides, code):
    data = {"executor_company": "QazaqGaz", **values(**overrides)}
    with pytest.raises(DomainError) as refused:
        add_measure(actor=world.user("ministry_editor"), issue=world.gas, **data)
    assert refused.value.code == code
    assert Measure.objects.filter(issue=world.gas).count() == 1


def test_both_a_body_and_a_company_are_refused(world):
    with pytest.raises(DomainError) as refused:
        add_measure(
            actor=world.user("ministry_editor"),
            issue=world.gas,
            executor=world.roles.akimat,
            executor_company="QazaqGaz",
            **values(),
        )
    assert refused.value.code == "executor_required"


def test_a_reader_of_the_visit_may_not_plan(world):
    with pytest.raises(NotPermitted):
        add_measure(actor=world.user("ministry_viewer"), issue=world.gas, executor_company="QazaqGaz", **values())


def test_changing_a_measure_bumps_its_revision_and_records_what_changed(world):
    measure = world.company_measure
    changed = update_measure(
        actor=world.user("akimat_editor"), measure=measure, revision=0, deadline=datetime.date(2028, 1, 15)
    )
    assert (changed.revision, changed.deadline) == (1, datetime.date(2028, 1, 15))
    audit = AuditLog.objects.get(action="followup.measure_change")
    assert (audit.old_values, audit.new_values) == ({"deadline": "2027-12-01"}, {"deadline": "2028-01-15"})
    event = IssueEvent.objects.get(kind=IssueEvent.Kind.MEASURE_CHANGED)
    assert event.params["deadline"] == "2028-01-15"


def test_a_change_on_an_old_revision_is_refused(world):
    measure = world.company_measure
    update_measure(actor=world.user("ministry_editor"), measure=measure, revision=0, text_en="Gas")
    with pytest.raises(DomainError) as refused:
        update_measure(actor=world.user("ministry_editor"), measure=measure, revision=0, text_en="Gas pipes")
    assert refused.value.code == "changed_meanwhile"
    measure.refresh_from_db()
    assert measure.text_en == "Gas"


def test_switching_from_a_company_to_a_body_clears_the_company(world):
    changed = update_measure(
        actor=world.user("ministry_editor"), measure=world.company_measure, revision=0, executor=world.roles.akimat
    )
    assert (changed.executor, changed.executor_company) == (world.roles.akimat, "")


def test_a_change_that_changes_nothing_records_nothing(world):
    update_measure(actor=world.user("ministry_editor"), measure=world.company_measure, revision=0)
    assert AuditLog.objects.filter(action="followup.measure_change").count() == 0


def test_an_unpublished_measure_is_removed_and_the_rest_close_up(world):
    remove_measure(actor=world.user("ministry_editor"), measure=world.akimat_measure)
    assert list(Measure.objects.filter(issue=world.road).values_list("order", flat=True)) == [0]
    assert AuditLog.objects.filter(action="followup.measure_remove").count() == 1


def test_a_published_measure_with_progress_cannot_be_removed(published):
    world = published
    ProgressUpdate.objects.create(
        measure=world.company_measure,
        year=2027,
        quarter=2,
        status="in_progress",
        percent=10,
        comment="Started",
        organisation=world.visit.organisation,
    )
    with pytest.raises(DomainError) as refused:
        remove_measure(actor=world.user("ministry_editor"), measure=world.company_measure)
    assert refused.value.code == "measure_has_progress"
    assert Measure.objects.filter(pk=world.company_measure.pk).exists()


def test_a_published_measure_without_progress_can_be_removed(published):
    world = published
    remove_measure(actor=world.user("ministry_editor"), measure=world.company_measure)
    assert not Measure.objects.filter(pk=world.company_measure.pk).exists()
