"""The visits demo: from the approved demo schedule, announced, held and prepared visits with venues."""

import datetime

import pytest

from kezdesu.core.models import AuditLog
from kezdesu.demo.clock import DemoClock
from kezdesu.demo.layout import HELD_TO_CLOSE, LIVE, PREPARED, VISITS, VOTE_OPEN, DemoLayout
from kezdesu.demo.visits import add_visits_demo
from kezdesu.meetings.models import BroadcastLink, OfficialAccount, Visit, VisitPart
from tests.conftest import DEMO_TODAY

pytestmark = pytest.mark.django_db
TODAY = datetime.date.fromisoformat(DEMO_TODAY)


def test_the_demo_has_held_announced_and_prepared_visits(demo_once):
    layout = DemoLayout(TODAY)
    by_part = {
        key: Visit.objects.get(organisation__code=code, start_date=layout.visit_day(key))
        for key, code, _k, _o in VISITS
    }
    statuses = {key: visit.status for key, visit in by_part.items()}
    # Finance's past visit is left for a new user to close: its meeting took place, its other parts are not recorded.
    assert statuses == {
        "held-late": "held",
        "held-published": "held",
        "held-unpublished": "held",
        HELD_TO_CLOSE: "published",
        LIVE: "published",
        VOTE_OPEN: "published",
        "vote-fixed": "published",
        PREPARED: "draft",
    }
    assert Visit.objects.count() == 8
    assert by_part[LIVE].start_date == TODAY  # a Saturday: today's meeting is today whatever the weekday
    assert by_part[VOTE_OPEN].start_date == datetime.date(2026, 11, 23)  # the next working day
    assert (by_part[VOTE_OPEN].organisation.code, by_part[VOTE_OPEN].region.kato) == ("enlightenment", "100000000")
    assert set(by_part[HELD_TO_CLOSE].parts.values_list("kind", "outcome")) == {
        ("meeting", "took_place"),
        ("reception", "planned"),
        ("ngo_meeting", "planned"),
        ("media_briefing", "planned"),
    }
    assert Visit.objects.values("region").distinct().count() == 3
    assert Visit.objects.values("organisation").distinct().count() == 4


def test_announced_visits_have_venues_in_three_languages_and_broadcasts(demo_once):
    for visit in Visit.objects.exclude(status="draft"):
        meeting = visit.parts.get(kind=VisitPart.Kind.MEETING)
        assert all(getattr(meeting, f"venue_{code}") for code in ("kk", "ru", "en"))
        assert meeting.akim_positions.count() == 1
        assert BroadcastLink.objects.filter(part=meeting).count() == 2
    assert OfficialAccount.objects.filter(url__regex=r"kezdesu[-_]demo").count() == OfficialAccount.objects.count()
    assert AuditLog.objects.filter(action="meetings.visit.publish").count() == 7


def test_the_visits_demo_runs_twice_without_change(demo_once):
    before = (Visit.objects.count(), BroadcastLink.objects.count(), AuditLog.objects.count())
    visits = add_visits_demo(DemoClock(TODAY), DemoLayout(TODAY))
    assert len(visits) == 8
    assert (Visit.objects.count(), BroadcastLink.objects.count(), AuditLog.objects.count()) == before
