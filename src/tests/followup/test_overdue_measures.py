"""Executors hear once of each measure past its deadline."""

import datetime

import pytest

from kezdesu.core.models import Notification
from kezdesu.followup.domain.overdue import notify_overdue_measures
from kezdesu.followup.models import Measure, MeasureStatus
from tests.factories.followup import build_followup_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return build_followup_world(publish=True)


def recipients(kind="followup.measure_overdue"):
    return sorted(Notification.objects.filter(kind=kind).values_list("recipient__username", flat=True))


def test_nothing_is_overdue_before_the_deadlines(world):
    assert notify_overdue_measures(today=datetime.date(2027, 6, 30)) == 0


def test_the_other_ministry_hears_of_its_overdue_measure_once(world):
    assert notify_overdue_measures(today=datetime.date(2027, 7, 1)) == 2
    assert recipients() == ["other_approver", "other_editor"]
    assert notify_overdue_measures(today=datetime.date(2027, 7, 2)) == 0
    assert Notification.objects.filter(kind="followup.measure_overdue").count() == 2


def test_a_company_measure_is_chased_by_the_visiting_ministry(world):
    Measure.objects.exclude(pk=world.company_measure.pk).update(status=MeasureStatus.DONE)
    notify_overdue_measures(today=datetime.date(2027, 12, 2))
    assert recipients() == ["ministry_approver", "ministry_editor"]


def test_a_finished_measure_is_not_overdue(world):
    Measure.objects.update(status=MeasureStatus.NOT_DONE)
    assert notify_overdue_measures(today=datetime.date(2028, 1, 1)) == 0


def test_the_notice_names_the_deadline_in_every_language(world):
    notify_overdue_measures(today=datetime.date(2027, 7, 1))
    notice = Notification.objects.filter(kind="followup.measure_overdue").first()
    assert notice.params["deadline"] == "2027-06-30"
    assert notice.params["measure"]["en"] == "Fund the repair"
