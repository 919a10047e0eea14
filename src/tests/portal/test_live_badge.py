"""The "Live" badge and the live page's link (issue 14): decided in one place from the records, the same on the
live page, the meeting page, the list of visits and the home page."""

import datetime

import pytest

from kezdesu.meetings.domain.live_state import live_meeting_for
from kezdesu.meetings.domain.queries.live_status import LiveState, live_status
from kezdesu.meetings.domain.timekeeper import close_meeting, open_meeting, start_presentation
from kezdesu.meetings.models import LiveMeeting, Visit, VisitPart
from tests.factories.organisations import UserFactory
from tests.portal.wayfinding import DAY, at, freeze, visit_on

pytestmark = pytest.mark.django_db


def meeting(visit: Visit) -> VisitPart:
    return VisitPart.objects.select_related("visit", "live").get(visit=visit, kind=VisitPart.Kind.MEETING)


@pytest.mark.parametrize(
    ("now", "state"),
    [
        (at(1), LiveState.NOT_STARTED),  # nine hours before
        (at(9, 59), LiveState.NOT_STARTED),
        (at(10), LiveState.LIVE),
        (at(12), LiveState.LIVE),
        (at(12, 1), LiveState.ENDED),
    ],
)
def test_without_a_live_record_the_planned_times_decide(now, state):
    assert live_status(meeting(visit_on(DAY)), now=now).state == state


def test_an_opened_live_meeting_is_live_until_it_is_closed(staff_timekeeper):
    visit = visit_on(DAY)
    live_meeting_for(visit)
    assert live_status(meeting(visit), now=at(9)).state == LiveState.NOT_STARTED  # made by a page view only

    open_meeting(actor=staff_timekeeper(visit), visit=visit, now=at(9, 50))
    assert live_status(meeting(visit), now=at(9, 55)).is_live
    assert live_status(meeting(visit), now=at(12, 30)).is_live  # it runs late: still on

    start_presentation(actor=staff_timekeeper(visit), visit=visit, now=at(10))
    close_meeting(actor=staff_timekeeper(visit), visit=visit, now=at(11, 40))
    assert live_status(meeting(visit), now=at(11, 45)).state == LiveState.ENDED  # closed before its planned end


def test_a_held_visit_or_a_recorded_outcome_has_ended():
    held = visit_on(DAY, status=Visit.Status.HELD)
    recorded = visit_on(DAY)
    VisitPart.objects.filter(visit=recorded).update(outcome=VisitPart.Outcome.NOT_HELD)

    assert live_status(meeting(held), now=at(11)).state == LiveState.ENDED
    assert live_status(meeting(recorded), now=at(11)).state == LiveState.ENDED


@pytest.mark.parametrize(
    ("now", "linked"),
    [
        (at(23, 59, day=DAY - datetime.timedelta(days=2)), False),
        (at(0, 0, day=DAY - datetime.timedelta(days=1)), True),
        (at(11), True),
        (at(12, 1), False),
    ],
)
def test_the_live_page_is_linked_from_the_day_before_until_the_end(now, linked):
    assert live_status(meeting(visit_on(DAY)), now=now).linked is linked


def test_a_draft_is_never_live_nor_linked():
    status = live_status(meeting(visit_on(DAY, status=Visit.Status.DRAFT)), now=at(11))
    assert (status.is_live, status.linked) == (False, False)


def test_the_live_page_says_when_it_starts_and_shows_live_only_while_it_is_on(client, monkeypatch):
    visit = visit_on(DAY)
    url = f"/en/visits/{visit.pk}/live/"

    freeze(monkeypatch, at(1))
    before = client.get(url).content.decode()
    freeze(monkeypatch, at(11))
    during = client.get(url).content.decode()
    LiveMeeting.objects.filter(part__visit=visit).update(stage=LiveMeeting.Stage.CLOSED, closed_at=at(11, 30))
    after = client.get(url).content.decode()

    assert 'class="live__badge"' not in before
    assert '<span class="live-when">Starts at 10:00</span>' in before
    assert '<span class="live__badge">Live</span>' in during
    assert 'class="live__badge"' not in after
    assert '<span class="live-when live-when--ended">Ended</span>' in after


def test_the_meeting_page_links_the_live_page_from_the_day_before(client, monkeypatch):
    visit = visit_on(DAY)
    url = f"/en/visits/{visit.pk}/"
    live = f'href="/en/visits/{visit.pk}/live/"'

    freeze(monkeypatch, at(12, day=DAY - datetime.timedelta(days=2)))
    too_early = client.get(url).content.decode()
    freeze(monkeypatch, at(12, day=DAY - datetime.timedelta(days=1)))
    day_before = client.get(url).content.decode()
    freeze(monkeypatch, at(11))
    during = client.get(url).content.decode()
    freeze(monkeypatch, at(13))
    over = client.get(url).content.decode()

    assert live not in too_early
    assert live in day_before
    assert "Starts on 11.03.2030 at 10:00" in day_before
    assert live in during
    assert '<span class="live__badge">Live</span>' in during
    assert live not in over
    assert 'class="live__badge"' not in over


def test_the_list_of_visits_links_the_live_page_while_it_is_offered(client, monkeypatch):
    today = visit_on(DAY)
    later = visit_on(DAY + datetime.timedelta(days=5))
    freeze(monkeypatch, at(9))

    html = client.get("/en/visits/").content.decode()

    assert f'href="/en/visits/{today.pk}/live/"' in html
    assert "Follow it live" in html
    assert f'href="/en/visits/{later.pk}/live/"' not in html


@pytest.fixture
def staff_timekeeper():
    """A user who may run the visit's live meeting (the ministry's editor)."""
    from kezdesu.organisations.models import Role
    from tests.factories.organisations import MembershipFactory

    def for_visit(visit: Visit):
        return MembershipFactory(user=UserFactory(), organisation=visit.organisation, role=Role.EDITOR).user

    return for_visit
