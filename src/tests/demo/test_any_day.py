"""The demo is laid out around the day it is loaded: whatever the day, the same story holds and nothing that should
be past is dated after it. Each date loads the whole demo (half a minute or more): three days in the regular suite,
chosen for their edges — the first working day of a year (the held visits fall in the previous half-year), a public
holiday (8 March: today's meeting is on a day off, the next working day's after it) and a Sunday at the end of June
(the next visits fall in the next half-year, whose schedule is then approved)."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.db.models import F
from django.utils import timezone

from kezdesu.core.models import AuditLog
from kezdesu.demo.layout import half_year_start, next_half_year
from kezdesu.followup.models import ProgressUpdate, Publication
from kezdesu.meetings.models import LiveMeeting, Visit, VisitPart
from kezdesu.planning.models import PlanningPeriod, Proposal, ScheduleVersion
from kezdesu.questions.models import Question
from kezdesu.regulations.domain.calendar import WorkingCalendar

pytestmark = [pytest.mark.django_db, pytest.mark.rendering]


def _end_of(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.max))


def _meeting(visit: Visit) -> VisitPart:
    return visit.parts.get(kind=VisitPart.Kind.MEETING)


@pytest.mark.parametrize("day", ["2027-01-04", "2027-03-08", "2027-06-27"])
def test_the_demo_tells_the_same_story_whatever_the_day(day):
    today = datetime.date.fromisoformat(day)
    out = io.StringIO()
    call_command("load_reference", stdout=io.StringIO())
    call_command("load_demo", "--today", day, stdout=out)
    end_of_today = _end_of(today)
    calendar = WorkingCalendar.for_range(today - datetime.timedelta(days=400), today + datetime.timedelta(days=400))
    visits = list(Visit.objects.select_related("organisation", "region"))

    # A meeting today, announced, its live meeting ready to be opened.
    (live,) = [visit for visit in visits if visit.start_date == today]
    assert live.status == Visit.Status.PUBLISHED
    assert not LiveMeeting.objects.filter(part__visit=live, opened_at__isnull=False).exists()
    assert live.questions.exists()
    # The next working day: the Minister of Enlightenment in Abai Region, its vote, questions and reception open.
    tomorrow = calendar.next_working_day_on_or_after(today + datetime.timedelta(days=1))
    (walk_through,) = [visit for visit in visits if visit.start_date == tomorrow]
    assert (walk_through.organisation.code, walk_through.region.kato) == ("enlightenment", "100000000")
    assert walk_through.date_fixed_at is None
    assert walk_through.vote_closes_at is not None
    assert walk_through.vote_closes_at > end_of_today - datetime.timedelta(hours=6)
    assert walk_through.questions_close_at > end_of_today - datetime.timedelta(hours=6)
    assert walk_through.parts.get(kind=VisitPart.Kind.RECEPTION).slots.filter(bookings__isnull=False).exists()
    # Held in the past weeks, results due: one published, one overdue, Finance's left to close.
    recent = [visit for visit in visits if today - datetime.timedelta(days=45) <= visit.end_date < today]
    assert {visit.organisation.code for visit in recent} == {"agriculture", "healthcare", "finance"}
    published = {visit.organisation.code for visit in recent if Publication.objects.filter(visit=visit).exists()}
    assert published == {"agriculture"}
    finance = next(visit for visit in recent if visit.organisation.code == "finance")
    assert finance.status == Visit.Status.PUBLISHED
    assert _meeting(finance).outcome == VisitPart.Outcome.TOOK_PLACE
    assert "Visits: 8: 3 held (closed), 4 announced" in out.getvalue()

    # Nothing that should be past is dated after today; things happen in their order.
    for visit in visits:
        starts = _meeting(visit).starts_at or _end_of(visit.start_date)
        assert not visit.questions.filter(received_at__gt=starts).exists(), visit
        assert not visit.questions.filter(received_at__gt=end_of_today).exists()
    assert not Question.objects.filter(moderated_at__gt=end_of_today).exists()
    for publication in Publication.objects.exclude(published_at=None).select_related("visit"):
        assert _end_of(publication.visit.end_date) < publication.published_at <= end_of_today
    for update in ProgressUpdate.objects.select_related("measure__issue__visit"):
        assert _end_of(update.measure.issue.visit.end_date) < update.reported_at <= end_of_today
    acts = ScheduleVersion.objects.exclude(act_date=None)
    assert acts.exists()
    assert not acts.filter(act_date__gt=today).exists()
    assert not acts.filter(frozen_at__gt=end_of_today).exists()
    assert not AuditLog.objects.filter(at__gt=end_of_today).exists()
    assert not LiveMeeting.objects.filter(closed_at__gt=end_of_today).exists()
    assert not Question.objects.filter(outcome_at__lt=F("received_at")).exists()

    # Today's half-year approved before it began and amended before today; the draft is of a later half-year.
    current = PlanningPeriod.objects.get(start=half_year_start(today))
    acts = list(current.versions.exclude(number=None).order_by("number").values_list("act_date", flat=True))
    assert len(acts) == 2
    assert acts[0] < current.start
    assert acts[0] < acts[1] < today
    proposed = set(Proposal.objects.values_list("period__start", flat=True))
    assert proposed
    assert min(proposed) >= next_half_year(half_year_start(today))
    # Every meeting of the approved schedules on a working day, but today's.
    for visit in visits:
        assert visit.start_date == today or calendar.is_working_day(visit.start_date), visit
