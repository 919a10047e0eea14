"""Factories for the schedule in force: approved (frozen) versions and their items."""

import datetime

import factory
from django.utils import timezone

from kezdesu.planning.models import ScheduleVersion
from tests.factories.planning import PlanningPeriodFactory, ScheduleItemFactory, ScheduleVersionFactory


class ApprovedVersionFactory(ScheduleVersionFactory):
    """Version 1 of the 2030 first half-year, approved by a made-up decree (reused if it exists)."""

    class Meta:
        django_get_or_create = ("period", "number")

    period = factory.SubFactory(PlanningPeriodFactory)
    number = 1
    status = ScheduleVersion.Status.APPROVED
    act_number = "123"
    act_date = datetime.date(2029, 12, 20)
    frozen_at = factory.LazyFunction(lambda: timezone.make_aware(datetime.datetime(2029, 12, 20, 15, 0)))


class PublishedItemFactory(ScheduleItemFactory):
    """An item of the approved version."""

    version = factory.SubFactory(ApprovedVersionFactory)
