"""How the oversight dashboards (R26) hold a year of national-scale data (issue 7).

Reuses benchmarks/followup.py's year (64 visits held, 960 published problem issues, 2,880 measures, 11,520
progress updates), gives each visit its meeting part, adds 50 questions per visit (3,200), records two in three
of the obligations due so far this year as met (half of them late) and gives 40 Government instructions, then
times the dashboard page as a coordinator of the authorized body, and the three API endpoints, with the number
of SQL queries each takes.

Run: cd src && ../.venv/bin/python ../benchmarks/oversight.py
Uses a throw-away SQLite database unless DATABASE_URL is set (e.g. postgres://postgres@127.0.0.1:5432/kz_obench).
"""

import datetime
import itertools
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import followup as followup_bench  # sets up Django and a throw-away database
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.utils import timezone

from kezdesu.meetings.models import Visit, VisitPart
from kezdesu.organisations.models import Membership, Organisation, Role, User
from kezdesu.questions.models import Question
from kezdesu.regulations.domain.obligations import ObligationState, obligations_between
from kezdesu.regulations.models import Fulfilment
from kezdesu.reports.models import GovernmentReview, HalfYearReport, Instruction

YEAR = followup_bench.YEAR
QUESTIONS_PER_VISIT = 50
INSTRUCTIONS = 40


def build_extras() -> User:
    now = timezone.now()
    # Held visits have their meeting with the population, which ends the visit (R20's ten days run from it).
    VisitPart.objects.bulk_create(
        VisitPart(
            visit=visit,
            kind=VisitPart.Kind.MEETING,
            starts_at=timezone.make_aware(datetime.datetime.combine(visit.start_date, datetime.time(10))),
            ends_at=timezone.make_aware(datetime.datetime.combine(visit.end_date, datetime.time(12))),
        )
        for visit in Visit.objects.all()
    )
    questions = [
        Question(visit=visit, text=f"Вопрос {number}", received_at=now.replace(year=YEAR, month=visit.start_date.month))
        for visit in Visit.objects.all()
        for number in range(QUESTIONS_PER_VISIT)
    ]
    Question.objects.bulk_create(questions, batch_size=2000)
    today = timezone.localdate()
    due = [
        obligation
        for obligation in obligations_between(start=datetime.date(YEAR, 1, 1), end=today, today=today)
        if obligation.state != ObligationState.MET and obligation.debtor.organisation is not None
    ]
    fulfilments = [
        Fulfilment(
            obligation_key=obligation.key,
            organisation=obligation.debtor.organisation,
            met_on=obligation.due if number % 2 else min(obligation.due + datetime.timedelta(days=5), today),
            reference=f"No. {number}",
        )
        for number, obligation in enumerate(due)
        if number % 3
    ]
    Fulfilment.objects.bulk_create(fulfilments, batch_size=1000)
    report = HalfYearReport.objects.create(year=YEAR, half=1)
    review = GovernmentReview.objects.create(report=report, reviewed_on=datetime.date(YEAR, 7, 1))
    bodies = itertools.cycle(Organisation.objects.filter(kind__in=["ministry", "akimat"]).order_by("code"))
    Instruction.objects.bulk_create(
        Instruction(
            review=review,
            number=number,
            text_ru="Поручение",
            assignee=next(bodies),
            deadline=datetime.date(YEAR, 9, 1) + datetime.timedelta(days=number * 3),
        )
        for number in range(1, INSTRUCTIONS + 1)
    )
    authorized = Organisation.objects.filter(is_authorized_body=True).first()
    user = User.objects.create(username="bench.coordinator")
    Membership.objects.create(user=user, organisation=authorized, role=Role.COORDINATOR)
    print(f"Added {len(questions)} questions, {len(fulfilments)} fulfilments of {len(due)} obligations due.")
    return user


def main() -> None:
    call_command("migrate", verbosity=0)
    call_command("load_reference", verbosity=0)
    started = time.perf_counter()
    followup_bench.build_year()
    user = build_extras()
    print(f"Built the year in {time.perf_counter() - started:.1f} s on {connection.vendor}.")
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    client = Client()
    client.force_login(user)
    timed = followup_bench.timed
    timed(f"oversight dashboard, {YEAR}", lambda: client.get(f"/en/office/reports/oversight/?year={YEAR}"))
    timed("API: compliance", lambda: client.get(f"/api/v1/oversight/compliance/?year={YEAR}"))
    timed("API: overdue by body", lambda: client.get("/api/v1/oversight/overdue/"))
    timed("API: trends", lambda: client.get("/api/v1/oversight/trends/"))


if __name__ == "__main__":
    main()
