"""How long the annual evaluation (R24) takes for a year of national-scale data (issue 7).

Reuses the follow-up benchmark's year (benchmarks/followup.py: 64 held visits of the 16 non-exempt ministries,
960 public problem issues, 2,880 measures), adds a live-meeting record and questions to each visit and the
fulfilments of the ministries' obligations, then times computing the evaluation of all 21 ministries and
publishing it (freezing every ministry's criteria and records), with the number of SQL queries each takes.
Target: under 10 seconds each.

Run: cd src && ../.venv/bin/python ../benchmarks/reports_evaluation.py
Uses a throw-away SQLite database unless DATABASE_URL is set (e.g. postgres://postgres@127.0.0.1:5432/kz_ebench).
"""

import datetime
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import followup
from django.core.management import call_command
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from kezdesu.meetings.models import LiveMeeting, Visit, VisitPart
from kezdesu.organisations.models import Membership, Organisation, Role, User
from kezdesu.questions.models import Question
from kezdesu.regulations.domain.obligations import obligations_between
from kezdesu.regulations.models import Fulfilment
from kezdesu.reports.domain.evaluation import compute_evaluation, create_evaluation, publish_evaluation
from kezdesu.reports.models import EvaluationScheme

YEAR = followup.YEAR
TODAY = datetime.date(YEAR + 1, 2, 1)
QUESTIONS_PER_VISIT = 40
RUNS = 3


def add_participation_and_fulfilments() -> None:
    now = timezone.now()
    parts, questions = [], []
    for number, visit in enumerate(Visit.objects.filter(status=Visit.Status.HELD)):
        starts = datetime.datetime.combine(visit.start_date, datetime.time(10), tzinfo=datetime.UTC)
        parts.append(
            VisitPart(
                visit=visit, kind=VisitPart.Kind.MEETING, starts_at=starts, ends_at=starts + datetime.timedelta(hours=2)
            )
        )
        questions += [
            Question(visit=visit, text=f"Question {n}", region=visit.region, received_at=now, status="published")
            for n in range(QUESTIONS_PER_VISIT + number % 7)
        ]
    VisitPart.objects.bulk_create(parts)
    LiveMeeting.objects.bulk_create(
        LiveMeeting(part=part, attendance_hall=100 + part.visit_id % 50, online_viewers=300)
        for part in VisitPart.objects.filter(kind=VisitPart.Kind.MEETING)
    )
    Question.objects.bulk_create(questions, batch_size=2000)
    due = obligations_between(start=datetime.date(YEAR, 1, 1), end=datetime.date(YEAR, 12, 31), today=TODAY)
    Fulfilment.objects.bulk_create(
        Fulfilment(
            obligation_key=o.key,
            organisation=o.debtor.organisation,
            met_on=o.due + datetime.timedelta(days=number % 3 * 2),  # some on time, some two or four days late
            reference="No. 1",
        )
        for number, o in enumerate(due)
        if o.debtor.organisation is not None and number % 5
    )


def coordinator() -> User:
    body = Organisation.objects.get(is_authorized_body=True)
    user = User.objects.create(username="bench-coordinator")
    Membership.objects.create(user=user, organisation=body, role=Role.COORDINATOR)
    return user


def timed(label: str, call) -> None:  # type: ignore[no-untyped-def]
    durations, queries = [], 0
    for _run in range(RUNS):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            call()
            durations.append(time.perf_counter() - started)
        queries = len(captured.captured_queries)
    print(f"{label}: median {statistics.median(durations):.2f} s over {RUNS} runs, {queries} queries")


def main() -> None:
    call_command("migrate", verbosity=0)
    call_command("load_reference", verbosity=0)
    started = time.perf_counter()
    followup.build_year()
    add_participation_and_fulfilments()
    print(
        f"Built {Visit.objects.count()} visits, {Question.objects.count()} questions, "
        f"{Fulfilment.objects.count()} fulfilments in {time.perf_counter() - started:.1f} s on {connection.vendor}; "
        f"{Organisation.objects.filter(kind=Organisation.Kind.MINISTRY).count()} ministries."
    )
    actor = coordinator()
    scheme = create_evaluation(actor=actor, year=YEAR)
    scores = compute_evaluation(scheme, today=TODAY)
    imputed = sum(1 for s in scores for c in s.criteria if c.imputed)
    print(
        f"Ranked {sum(1 for s in scores if s.ranked)} of {len(scores)} ministries; top score {scores[0].score}; "
        f"nothing to count counts as the rule says ({scheme.missing}): {imputed} criterion values imputed."
    )
    timed("compute the annual evaluation", lambda: compute_evaluation(scheme, today=TODAY))

    def publish() -> None:
        with transaction.atomic():
            publish_evaluation(actor=actor, scheme=EvaluationScheme.objects.get(pk=scheme.pk))

    timed("publish the annual evaluation", publish)


if __name__ == "__main__":
    main()
