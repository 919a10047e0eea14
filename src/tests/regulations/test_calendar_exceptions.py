"""Entering transfers of days off: permission, validation, audit."""

from datetime import date

import pytest

from kezdesu.core.errors import DomainError, NotPermitted
from kezdesu.core.models import AuditLog
from kezdesu.organisations.models import Role
from kezdesu.regulations.domain.calendar import WorkingCalendar
from kezdesu.regulations.domain.calendar_exceptions import (
    add_calendar_exception,
    remove_calendar_exception,
    update_calendar_exception,
)
from kezdesu.regulations.models import CalendarException
from tests.factories.organisations import MembershipFactory, OrganisationFactory
from tests.factories.regulations import CalendarExceptionFactory

pytestmark = pytest.mark.django_db

DAY_OFF = CalendarException.Kind.DAY_OFF
WORKING_DAY = CalendarException.Kind.WORKING_DAY


@pytest.fixture
def coordinator():
    return MembershipFactory(role=Role.COORDINATOR, organisation=OrganisationFactory(is_authorized_body=True)).user


def test_a_coordinator_enters_a_transfer_and_it_is_audited(coordinator):
    exception = add_calendar_exception(
        actor=coordinator, day=date(2027, 7, 5), kind=DAY_OFF, reason_kk=" Ауыстыру ", reason_en="Transfer", act="No. 1"
    )

    assert (exception.date, exception.kind, exception.reason_kk, exception.reason_en) == (
        date(2027, 7, 5),
        DAY_OFF,
        "Ауыстыру",
        "Transfer",
    )
    audit = AuditLog.objects.get(action="regulations.calendar_exception.add")
    assert audit.actor == coordinator
    assert audit.new_values["date"] == "2027-07-05"
    assert WorkingCalendar.for_range(date(2027, 1, 1), date(2027, 12, 31)).is_working_day(date(2027, 7, 5)) is False


def test_someone_without_the_permission_may_not_change_the_calendar():
    viewer = MembershipFactory(role=Role.APPROVER).user
    with pytest.raises(NotPermitted):
        add_calendar_exception(actor=viewer, day=date(2027, 7, 5), kind=DAY_OFF, reason_kk="Ауыстыру")
    exception = CalendarExceptionFactory()
    with pytest.raises(NotPermitted):
        remove_calendar_exception(actor=viewer, exception=exception)
    assert CalendarException.objects.count() == 1


@pytest.mark.parametrize(
    ("day", "kind", "code"),
    [
        (date(2027, 7, 3), DAY_OFF, "already_off"),  # a Saturday
        (date(2027, 3, 22), DAY_OFF, "already_off"),  # Nauryz
        (date(2027, 7, 7), WORKING_DAY, "already_working"),  # a Wednesday
    ],
)
def test_a_transfer_must_change_the_day(coordinator, day, kind, code):
    with pytest.raises(DomainError) as error:
        add_calendar_exception(actor=coordinator, day=day, kind=kind, reason_kk="Ауыстыру")
    assert error.value.code == code


def test_a_day_is_moved_only_once_and_needs_a_reason(coordinator):
    CalendarExceptionFactory(date=date(2027, 7, 5))
    with pytest.raises(DomainError) as duplicate:
        add_calendar_exception(actor=coordinator, day=date(2027, 7, 5), kind=DAY_OFF, reason_kk="Ауыстыру")
    assert duplicate.value.code == "duplicate"
    with pytest.raises(DomainError) as no_reason:
        add_calendar_exception(actor=coordinator, day=date(2027, 7, 9), kind=DAY_OFF, reason_kk="  ")
    assert no_reason.value.code == "reason"


def test_updating_and_removing_a_transfer_are_audited(coordinator):
    exception = CalendarExceptionFactory(date=date(2027, 7, 5), act="")

    update_calendar_exception(
        actor=coordinator,
        exception=exception,
        day=date(2027, 7, 5),
        kind=DAY_OFF,
        reason_kk=exception.reason_kk,
        reason_ru=exception.reason_ru,
        reason_en=exception.reason_en,
        act="Decree No. 9",
    )
    audit = AuditLog.objects.get(action="regulations.calendar_exception.update")
    assert (audit.old_values, audit.new_values) == ({"act": ""}, {"act": "Decree No. 9"})

    remove_calendar_exception(actor=coordinator, exception=exception)
    assert not CalendarException.objects.exists()
    assert AuditLog.objects.get(action="regulations.calendar_exception.remove").old_values["act"] == "Decree No. 9"
