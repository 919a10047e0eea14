"""The visits demo: from the approved demo schedule, announced, held and prepared visits with venues."""

import datetime

import pytest

from kezdesu.core.demo.visits import add_visits_demo
from kezdesu.core.models import AuditLog
from kezdesu.meetings.models import BroadcastLink, OfficialAccount, Visit, VisitPart

pytestmark = pytest.mark.django_db
TODAY = "2026-11-21"


def test_the_demo_has_held_announced_and_prepared_visits(demo_once):
    statuses = list(Visit.objects.order_by("start_date").values_list("organisation__code", "status"))
    # The demo ministries' December meetings are announced too: their demo accounts prepare them. Finance's past
    # visit is left for a new user to close: its meeting took place, its other parts are not recorded yet.
    assert [status for _code, status in statuses] == ["held", "held", "published", "held"] + [
        "published",
        "published",
        "draft",
    ] + ["published"] * 4
    assert statuses[2][0] == "finance"
    finance = Visit.objects.get(organisation__code="finance", start_date__lt=datetime.date(2026, 11, 21))
    assert set(finance.parts.values_list("kind", "outcome")) == {
        ("meeting", "took_place"),
        ("reception", "planned"),
        ("ngo_meeting", "planned"),
        ("media_briefing", "planned"),
    }
    soonest = (
        Visit.objects.filter(status="published", start_date__gte=datetime.date(2026, 11, 21))
        .order_by("start_date")
        .first()
    )
    assert soonest.start_date == datetime.date(2026, 11, 23)
    assert Visit.objects.values("region").distinct().count() == 6
    assert Visit.objects.values("organisation").distinct().count() == 7


def test_announced_visits_have_venues_in_three_languages_and_broadcasts(demo_once):
    for visit in Visit.objects.exclude(status="draft"):
        meeting = visit.parts.get(kind=VisitPart.Kind.MEETING)
        assert all(getattr(meeting, f"venue_{code}") for code in ("kk", "ru", "en"))
        assert meeting.akim_positions.count() == 1
        assert BroadcastLink.objects.filter(part=meeting).count() == 2
    assert OfficialAccount.objects.filter(url__regex=r"kezdesu[-_]demo").count() == OfficialAccount.objects.count()
    assert AuditLog.objects.filter(action="meetings.visit.publish").count() == 10


def test_the_visits_demo_runs_twice_without_change(demo_once):
    before = (Visit.objects.count(), BroadcastLink.objects.count(), AuditLog.objects.count())
    visits = add_visits_demo(today=datetime.date(2026, 11, 21))
    assert len(visits) == 11
    assert (Visit.objects.count(), BroadcastLink.objects.count(), AuditLog.objects.count()) == before
