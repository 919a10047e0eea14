"""How many viewers the public live page holds, and how many questions a second it takes (issue 5).

Builds a live meeting like the demo's (about 200 published questions, some voted, shortlisted and
answered) in a PostgreSQL database, starts gunicorn on it with Redis as Django's cache, then
1. drives the update endpoint with `wrk`: most requests carry the ETag of the current revision (304),
   every FULL_EVERY-th none (a full 200 with the questions, as a viewer who just opened the page);
   then again while the revision moves several times a second (votes arriving): the polls' ETags are
   old, so they get 200s, each new revision rendered once;
2. posts new questions to the queued intake endpoint (POST /api/v1/visits/<id>/live/ask/, JSON, answered
   by the WSGI fast path: checks, then RPUSH onto a Redis list, 202) while a drain stores the queue in
   batches in this process (as the Celery worker would, competing for the same two cores); when wrk stops,
   drains what is left and counts the acknowledged answers (202) against the rows stored;
3. for comparison, posts to the live page's form (stored at once, 302) and counts the same way.
It prints requests per second and the 50th/99th percentile latencies against the targets
(>= 2,000 updates/s with p99 < 100 ms; >= 300 questions/s, none lost).

Run (from the repository):  .venv/bin/python benchmarks/live.py
  --database postgres://postgres@127.0.0.1:5432/kz_livebench   (created and migrated when missing)
  --redis redis://127.0.0.1:6379/7                              (that database number is flushed)
  --workers 4 --threads 4 --duration 20 --connections 32   (gunicorn gthread: 4 processes x 4 threads)
The load tool is wrk (Debian/Ubuntu: `apt-get install -y wrk`; macOS: `brew install wrk`). Without it a
Python load generator (threads with keep-alive connections) runs instead, which saturates well below
wrk and so understates the server.
"""

from __future__ import annotations

import argparse
import datetime
import http.client
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SRC = REPO / "src"
BENCH = Path(__file__).resolve().parent
QUESTIONS = 200
TARGET_UPDATES_PER_SECOND = 2000
TARGET_P99_MS = 100.0
TARGET_QUESTIONS_PER_SECOND = 300


def parse_arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", default="postgres://postgres@127.0.0.1:5432/kz_livebench")
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/7")
    parser.add_argument("--port", type=int, default=8199)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--threads", type=int, default=4, help="gunicorn threads per worker (gthread when > 1)")
    parser.add_argument("--duration", type=int, default=20, help="seconds of each wrk run")
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--full-every", type=int, default=10, help="one request in N without an ETag (a 200)")
    parser.add_argument("--changes-per-second", type=float, default=5, help="for the run with a moving revision")
    parser.add_argument("--question-connections", type=int, default=16)
    parser.add_argument("--question-duration", type=int, default=10)
    parser.add_argument("--no-drain-during", action="store_true", help="drain only after wrk stops")
    parser.add_argument("--skip-form", action="store_true", help="skip the form-path comparison")
    parser.add_argument("--no-fast-path", action="store_true", help="serve Django's application, unwrapped")
    parser.add_argument("--python-load", action="store_true", help="use the Python load generator, not wrk")
    return parser.parse_args()


def configure(arguments: argparse.Namespace) -> dict[str, str]:
    environment = {
        "DATABASE_URL": arguments.database,
        "REDIS_URL": arguments.redis,
        "CONN_MAX_AGE": "600",
        "DJANGO_SETTINGS_MODULE": "kezdesu.settings",
        "KEZDESU_VAR_DIR": tempfile.mkdtemp(prefix="kezdesu-livebench-"),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECRET_KEY": "benchmark-only-" + "x" * 40,
        # The anti-abuse limits count per address: every request here comes from 127.0.0.1.
        "KEZDESU_LIVE_QUESTIONS_PER_MINUTE": "100000000",
        "KEZDESU_LIVE_VOTE_ATTEMPTS_PER_MINUTE": "100000000",
        "LOG_LEVEL": "ERROR",
    }
    os.environ.update(environment)
    return environment


def create_database(url: str) -> None:
    import psycopg

    parts = urllib.parse.urlsplit(url)
    name = parts.path.lstrip("/")
    if not re.fullmatch(r"[a-z0-9_]+", name) or name == "kezdesu":
        raise SystemExit(f"Refusing to use the database {name!r}: give a throw-away kz_... name.")
    admin = urllib.parse.urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as connection:
        exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            connection.execute(f'CREATE DATABASE "{name}"')


@dataclass
class Meeting:
    visit_id: int
    updates_path: str
    page_path: str
    ask_path: str
    queue_path: str


def build_meeting() -> Meeting:
    """A published visit whose meeting is on now, with ~200 published questions in its live state."""
    import django

    django.setup()
    from django.core.cache import cache
    from django.core.management import call_command
    from django.db import transaction
    from django.urls import reverse
    from django.utils import timezone, translation

    from kezdesu.meetings.domain.live_state import live_meeting_for
    from kezdesu.meetings.models import BroadcastLink, LiveMeeting, OfficialAccount, Platform, Visit, VisitPart
    from kezdesu.organisations.models import Organisation, Position, Region
    from kezdesu.questions.domain.fingerprint import question_fingerprint
    from kezdesu.questions.models import Channel, Question

    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)  # the pages name the hashed files
    if not Organisation.objects.filter(kind=Organisation.Kind.MINISTRY).exists():
        call_command("load_reference", verbosity=0)
    cache.clear()  # only the benchmark's Redis database
    now = timezone.now()
    ministry = Organisation.objects.filter(kind=Organisation.Kind.MINISTRY).order_by("pk").first()
    assert ministry is not None
    position = Position.objects.filter(organisation=ministry).order_by("level", "pk").first()
    region = Region.objects.order_by("kato").first()
    with transaction.atomic():
        Visit.objects.filter(title_en="Live benchmark").delete()
        visit = Visit.objects.create(
            organisation=ministry,
            position=position,
            region=region,
            start_date=timezone.localdate(now),
            end_date=timezone.localdate(now),
            status=Visit.Status.PUBLISHED,
            title_en="Live benchmark",
            title_ru="Live benchmark",
            title_kk="Live benchmark",
        )
        part = VisitPart.objects.create(
            visit=visit,
            kind=VisitPart.Kind.MEETING,
            starts_at=now - datetime.timedelta(hours=1),
            ends_at=now + datetime.timedelta(hours=3),
            venue_en="Palace of Culture",
        )
        account, _created = OfficialAccount.objects.get_or_create(
            organisation=ministry, platform=Platform.YOUTUBE, defaults={"url": "https://www.youtube.com/@ministry"}
        )
        BroadcastLink.objects.create(part=part, account=account, url="https://www.youtube.com/live/dQw4w9WgXcQ")
        meeting = live_meeting_for(visit)
        questions = []
        for number in range(QUESTIONS):
            text = f"Question {number + 1}: when will the road to village {number + 1} be repaired and lit?"
            questions.append(
                Question(
                    visit=visit,
                    channel=[Channel.WEB, Channel.HALL, Channel.BROADCAST, Channel.LIVE_PAGE][number % 4],
                    text=text,
                    published_text=text,
                    fingerprint=question_fingerprint(text),
                    language="en",
                    status=Question.Status.PUBLISHED,
                    region=region,
                    received_at=now - datetime.timedelta(minutes=QUESTIONS - number),
                    votes=(number * 37) % 120,
                    shortlisted_at=now if number % 25 == 0 else None,
                    outcome=Question.Outcome.ANSWERED if number % 40 == 1 else "",
                    outcome_at=now if number % 40 == 1 else None,
                )
            )
        Question.objects.bulk_create(questions)
        meeting.stage = LiveMeeting.Stage.QUESTIONS
        meeting.current_question = Question.objects.filter(visit=visit).order_by("pk").first()
        meeting.opened_at = now - datetime.timedelta(minutes=30)
        meeting.revision = 1
        meeting.save()
    with translation.override("ru"):
        return Meeting(
            visit_id=visit.pk,
            updates_path=reverse("portal:live_updates", args=[visit.pk]),
            page_path=reverse("portal:live", args=[visit.pk]),
            ask_path=reverse("portal:live_ask", args=[visit.pk]),
            queue_path=f"/api/v1/visits/{visit.pk}/live/ask/",
        )


def start_gunicorn(arguments: argparse.Namespace, environment: dict[str, str]) -> subprocess.Popen[bytes]:
    gunicorn = REPO / ".venv" / "bin" / "gunicorn"
    application = "kezdesu.wsgi:django_application" if arguments.no_fast_path else "kezdesu.wsgi:application"
    command = [
        str(gunicorn if gunicorn.exists() else "gunicorn"),
        application,
        "--chdir",
        str(SRC),
        "--bind",
        f"127.0.0.1:{arguments.port}",
        "--workers",
        str(arguments.workers),
        "--log-level",
        "warning",
        "--backlog",
        "4096",
    ]
    if arguments.threads > 1:
        command += ["--worker-class", "gthread", "--threads", str(arguments.threads), "--keep-alive", "30"]
    server = subprocess.Popen(command, env={**os.environ, **environment}, start_new_session=True)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", arguments.port, timeout=2)
            connection.request("GET", "/kk/")
            connection.getresponse().read()
            return server
        except OSError:
            time.sleep(0.3)
    stop(server)
    raise SystemExit("gunicorn did not start")


def stop(server: subprocess.Popen[bytes]) -> None:
    os.killpg(server.pid, signal.SIGTERM)
    try:
        server.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)


def get(port: int, path: str, headers: dict[str, str] | None = None) -> http.client.HTTPResponse:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request("GET", path, headers=headers or {})
    response = connection.getresponse()
    response.read()
    return response


@dataclass
class Figures:
    requests: int = 0
    seconds: float = 0.0
    p50_ms: float = 0.0
    p99_ms: float = 0.0
    statuses: dict[int, int] = field(default_factory=dict)
    errors: int = 0

    @property
    def per_second(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0


def _milliseconds(value: str) -> float:
    match = re.fullmatch(r"([0-9.]+)(us|ms|s|m|h)", value.strip())
    if match is None:
        print(f"wrk wrote a time this script does not read: {value!r}")
        return 0.0
    number, unit = match.groups()
    return float(number) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0, "h": 3600000.0}[unit]


def run_wrk(url: str, script: Path, *, connections: int, duration: int, env: dict[str, str]) -> Figures:
    command = ["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "--latency", "-s", str(script), url]
    output = subprocess.run(command, env={**os.environ, **env}, capture_output=True, text=True, check=True).stdout
    if os.environ.get("LIVE_BENCH_VERBOSE"):
        print(output)
    figures = Figures()
    figures.requests = int(re.search(r"(\d+) requests in", output).group(1))  # type: ignore[union-attr]
    elapsed = re.search(r"requests in ([0-9.]+)(ms|s|m)", output)
    figures.seconds = _milliseconds(elapsed.group(1) + elapsed.group(2)) / 1000  # type: ignore[union-attr]
    # The latency distribution's lines ("     50%    5.35ms"), not a "+/- Stdev" column ending in "50%".
    p50, p99 = re.search(r"^\s*50%[ \t]+(\S+)", output, re.M), re.search(r"^\s*99%[ \t]+(\S+)", output, re.M)
    figures.p50_ms = _milliseconds(p50.group(1)) if p50 else 0.0
    figures.p99_ms = _milliseconds(p99.group(1)) if p99 else 0.0
    figures.statuses = {int(s): int(n) for s, n in re.findall(r"status (\d+) (\d+)", output)}
    socket_errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    figures.errors = sum(int(n) for n in socket_errors.groups()) if socket_errors else 0
    return figures


def run_python_load(
    port: int, requests_for: list[tuple[str, str, dict[str, str], bytes | None]], *, connections: int, duration: int
) -> Figures:
    """A fallback for machines without wrk: keep-alive connections in threads, cycling through the requests."""
    latencies: list[float] = []
    statuses: dict[int, int] = {}
    lock = threading.Lock()
    stop_at = time.monotonic() + duration

    def worker(offset: int) -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        mine: list[float] = []
        seen: dict[int, int] = {}
        index = offset
        while time.monotonic() < stop_at:
            method, path, headers, body = requests_for[index % len(requests_for)]
            index += 1
            started = time.perf_counter()
            try:
                connection.request(method, path, body=body, headers=headers)
                response = connection.getresponse()
                response.read()
            except (OSError, http.client.HTTPException):
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
                continue
            mine.append((time.perf_counter() - started) * 1000)
            seen[response.status] = seen.get(response.status, 0) + 1
        with lock:
            latencies.extend(mine)
            for status, count in seen.items():
                statuses[status] = statuses.get(status, 0) + count

    started = time.monotonic()
    threads = [threading.Thread(target=worker, args=(n,)) for n in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    figures = Figures(requests=len(latencies), seconds=time.monotonic() - started, statuses=statuses)
    if latencies:
        cuts = statistics.quantiles(latencies, n=100)
        figures.p50_ms, figures.p99_ms = cuts[49], cuts[98]
    return figures


def run_wrk_while_changing(arguments: argparse.Namespace, url: str, visit_id: int, etag: str) -> Figures:
    """The polls while votes arrive: the revision moves several times a second, so polls mostly get 200s."""
    from kezdesu.meetings.domain.live_state import live_changed

    stop_changes = threading.Event()

    def change() -> None:
        while not stop_changes.wait(1 / arguments.changes_per_second):
            live_changed(visit_id=visit_id)  # outside a transaction: runs at once

    changer = threading.Thread(target=change)
    changer.start()
    try:
        return run_wrk(
            url,
            BENCH / "live_updates.lua",
            connections=arguments.connections,
            duration=arguments.duration,
            env={"LIVE_ETAG": etag, "FULL_EVERY": str(arguments.full_every)},
        )
    finally:
        stop_changes.set()
        changer.join()


def csrf_of_page(port: int, path: str) -> tuple[str, str]:
    response = get(port, path)
    cookie = re.search(r"csrftoken=([^;]+)", response.getheader("Set-Cookie") or "")
    if cookie is None:
        raise SystemExit("The live page set no CSRF cookie")
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request("GET", path, headers={"Cookie": f"csrftoken={cookie.group(1)}"})
    html = connection.getresponse().read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    if token is None:
        raise SystemExit("The live page has no CSRF token")
    return cookie.group(1), token.group(1)


def stored_questions(visit_id: int) -> int:
    from kezdesu.questions.models import Channel, Question

    return Question.objects.filter(visit_id=visit_id, channel=Channel.LIVE_PAGE).count()


@dataclass
class DrainFigures:
    stored: int = 0
    seconds: float = 0.0  # time spent inside drain calls


def run_queued_questions(arguments: argparse.Namespace, url: str) -> tuple[Figures, DrainFigures, DrainFigures]:
    """wrk on the queued endpoint, a drain loop alongside (unless --no-drain-during), then the rest drained.
    Returns wrk's figures, the drain's while wrk ran, and the drain's after wrk stopped."""
    from django.db import close_old_connections

    from kezdesu.questions.domain.live_queue import drain_live_questions, queued_count

    drain = DrainFigures()
    stop_draining = threading.Event()

    def drain_once() -> int:
        started = time.perf_counter()
        drained = drain_live_questions(max_items=1000)
        drain.seconds += time.perf_counter() - started
        drain.stored += drained.stored
        return drained.taken

    def drain_loop() -> None:
        while not stop_draining.is_set():
            if drain_once() == 0:
                stop_draining.wait(0.2)
        close_old_connections()

    drainer = threading.Thread(target=drain_loop)
    if not arguments.no_drain_during:
        drainer.start()
    try:
        if shutil.which("wrk") is not None and not arguments.python_load:
            figures = run_wrk(
                url,
                BENCH / "live_ask.lua",
                connections=arguments.question_connections,
                duration=arguments.question_duration,
                env={},
            )
        else:
            path = urllib.parse.urlsplit(url).path
            json_type = {"Content-Type": "application/json"}
            bodies = [f'{{"text": "When will the road to village {n} be lit?"}}'.encode() for n in range(5000)]
            posts = [("POST", path, json_type, body) for body in bodies]
            figures = run_python_load(
                arguments.port, posts, connections=arguments.question_connections, duration=arguments.question_duration
            )
    finally:
        stop_draining.set()
        if drainer.is_alive():
            drainer.join()
    time.sleep(1)  # answers still under way when wrk stopped counting
    during = DrainFigures(stored=drain.stored, seconds=drain.seconds)
    started = time.monotonic()
    while queued_count():
        drain_once()
    tail = DrainFigures(stored=drain.stored - during.stored, seconds=time.monotonic() - started)
    return figures, during, tail


def verdict(ok: bool) -> str:
    return "meets the target" if ok else "BELOW THE TARGET"


def main() -> int:
    arguments = parse_arguments()
    environment = configure(arguments)
    sys.path.insert(0, str(SRC))
    create_database(arguments.database)
    meeting = build_meeting()
    use_wrk = shutil.which("wrk") is not None and not arguments.python_load
    if not use_wrk:
        print("wrk not found (apt-get install -y wrk): using the Python load generator, which understates the server")
    server = start_gunicorn(arguments, environment)
    base = f"http://127.0.0.1:{arguments.port}"
    try:
        first = get(arguments.port, meeting.updates_path)
        etag = first.getheader("ETag") or ""
        check = get(arguments.port, meeting.updates_path, {"If-None-Match": etag})
        if (first.status, check.status) != (200, 304):
            raise SystemExit(f"The update endpoint answered {first.status}, then {check.status}: not 200, then 304")
        connection = http.client.HTTPConnection("127.0.0.1", arguments.port)
        connection.request("GET", meeting.updates_path)
        size = len(connection.getresponse().read())
        worker_kind = f"gthread, {arguments.threads} threads" if arguments.threads > 1 else "sync"
        print(f"gunicorn: {arguments.workers} workers ({worker_kind}); fast path: {not arguments.no_fast_path}")
        print(f"PostgreSQL: {arguments.database}; Redis: {arguments.redis}; machine: {os.cpu_count()} cores")
        print(f"live meeting: visit {meeting.visit_id}, {QUESTIONS} published questions, fragment {size // 1024} KiB")
        print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")

        if use_wrk:
            updates = run_wrk(
                base + meeting.updates_path,
                BENCH / "live_updates.lua",
                connections=arguments.connections,
                duration=arguments.duration,
                env={"LIVE_ETAG": etag, "FULL_EVERY": str(arguments.full_every)},
            )
        else:
            batch = [("GET", meeting.updates_path, {"If-None-Match": etag}, None)] * (arguments.full_every - 1)
            batch.append(("GET", meeting.updates_path, {}, None))
            updates = run_python_load(
                arguments.port, batch, connections=arguments.connections, duration=arguments.duration
            )
        ok_updates = updates.per_second >= TARGET_UPDATES_PER_SECOND and updates.p99_ms < TARGET_P99_MS
        print(
            f"updates   {updates.per_second:8.0f} req/s  p50 {updates.p50_ms:6.2f} ms  p99 {updates.p99_ms:6.2f} ms"
            f"  ({updates.requests} requests, statuses {dict(sorted(updates.statuses.items()))},"
            f" socket errors {updates.errors})  -> {verdict(ok_updates)}"
        )

        if use_wrk and arguments.changes_per_second > 0:
            changing = run_wrk_while_changing(arguments, base + meeting.updates_path, meeting.visit_id, etag)
            print(
                f"changing  {changing.per_second:8.0f} req/s  p50 {changing.p50_ms:6.2f} ms"
                f"  p99 {changing.p99_ms:6.2f} ms  (the revision moving {arguments.changes_per_second} times a second,"
                f" polls with an old ETag; statuses {dict(sorted(changing.statuses.items()))},"
                f" socket errors {changing.errors})"
            )

        before = stored_questions(meeting.visit_id)
        queued, drain, tail = run_queued_questions(arguments, base + meeting.queue_path)
        stored = stored_questions(meeting.visit_id) - before
        acknowledged = queued.statuses.get(202, 0)
        accepted_per_second = acknowledged / queued.seconds if queued.seconds else 0.0
        # 202 means the item is in the Redis list; every acknowledged question must be stored once drained.
        # More may be stored: requests under way when wrk stopped counting were still answered and queued.
        lost = max(0, acknowledged - stored)
        ok_questions = accepted_per_second >= TARGET_QUESTIONS_PER_SECOND and lost == 0
        during = "after wrk stopped" if arguments.no_drain_during else "alongside, in this process"
        print(
            f"questions {accepted_per_second:8.0f} accepted/s  p50 {queued.p50_ms:6.2f} ms"
            f"  p99 {queued.p99_ms:6.2f} ms  (queued endpoint; acknowledged {acknowledged}, stored {stored},"
            f" lost {lost}; {stored - acknowledged} more stored than counted;"
            f" statuses {dict(sorted(queued.statuses.items()))}, socket errors {queued.errors})"
            f"  -> {verdict(ok_questions)}"
        )
        print(
            f"drain     stored {drain.stored} while wrk ran ({drain.seconds:.1f} s inside drain calls, {during});"
            f" then {tail.stored} in {tail.seconds:.1f} s to empty the queue after wrk"
            + (f" ({tail.stored / tail.seconds:.0f} stored/s)" if tail.seconds > 0.5 else "")
        )

        if use_wrk and not arguments.skip_form:
            cookie, token = csrf_of_page(arguments.port, meeting.page_path)
            before = stored_questions(meeting.visit_id)
            form = run_wrk(
                base + meeting.ask_path,
                BENCH / "live_questions.lua",
                connections=arguments.question_connections,
                duration=arguments.question_duration,
                env={"CSRF_COOKIE": cookie, "CSRF_TOKEN": token},
            )
            time.sleep(1)
            form_stored = stored_questions(meeting.visit_id) - before
            form_acknowledged = form.statuses.get(302, 0)
            print(
                f"form      {form_acknowledged / form.seconds:8.0f} accepted/s  p50 {form.p50_ms:6.2f} ms"
                f"  p99 {form.p99_ms:6.2f} ms  (the live page's form, stored at once, for comparison;"
                f" acknowledged {form_acknowledged}, stored {form_stored},"
                f" lost {max(0, form_acknowledged - form_stored)})"
            )
        print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
        return 0 if ok_updates and ok_questions else 1
    finally:
        stop(server)


if __name__ == "__main__":
    sys.exit(main())
