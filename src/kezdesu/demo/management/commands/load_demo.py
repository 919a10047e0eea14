"""`manage.py load_demo`: demo accounts for every role and a plausible year of activity, laid out around the day
it is loaded (`--today`, by default the real date in Asia/Almaty: kezdesu/demo/layout.py).

Needs `load_reference` first. Idempotent: a second run on the same day creates nothing.
"""

import datetime
import time
from collections import Counter
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone

from kezdesu.core.errors import DomainError
from kezdesu.demo.accounts import DEMO_PASSWORD, create_demo_accounts
from kezdesu.demo.activity import enter_demo_calendar, record_demo_fulfilments, send_demo_reminders
from kezdesu.demo.agenda import add_agenda_demo
from kezdesu.demo.clock import DemoClock
from kezdesu.demo.date_vote import add_date_vote_demo
from kezdesu.demo.followup import add_followup_demo
from kezdesu.demo.layout import LIVE, DemoLayout
from kezdesu.demo.library import add_library_demo
from kezdesu.demo.live_console import add_live_console_demo
from kezdesu.demo.live_meeting import add_live_meeting_demo
from kezdesu.demo.live_page import add_live_page_demo
from kezdesu.demo.moderation import add_moderation_demo
from kezdesu.demo.planning import create_demo_planning
from kezdesu.demo.questions import add_questions_demo
from kezdesu.demo.reception import add_reception_demo
from kezdesu.demo.reports_evaluation import add_evaluation_demo
from kezdesu.demo.reports_half_year import add_half_year_demo
from kezdesu.demo.reports_quarterly import add_quarterly_demo
from kezdesu.demo.visits import add_visits_demo
from kezdesu.meetings.models import Visit
from kezdesu.organisations.models import Organisation
from kezdesu.regulations.models import RegulationProfile


class Command(BaseCommand):
    help = "Create the demo accounts (password: kezdesu-demo) and a plausible year of activity. Safe to run twice."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--today",
            help="The demo's today (YYYY-MM-DD); default: the real today. The demo is laid out around that day.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.monotonic()
        today = datetime.date.fromisoformat(options["today"]) if options["today"] else timezone.localdate()
        if not (Organisation.objects.filter(is_authorized_body=True).exists() and RegulationProfile.objects.exists()):
            raise CommandError("No reference data: run `python manage.py load_reference` first, then load_demo.")
        clock = DemoClock(today)
        layout = DemoLayout(today)
        try:
            with clock.running():
                # The accounts and the Government's transfers of days off come first: the layout's working days
                # depend on the transfers, and everything after is done by the accounts.
                with clock.at(clock.on(today - datetime.timedelta(days=400), 9)):
                    accounts = create_demo_accounts()
                    calendar = enter_demo_calendar()
                planning = create_demo_planning(clock, layout)
                # Demo mail is kept in memory: it is sent when the transaction commits, so inside both.
                with (
                    override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"),
                    transaction.atomic(),
                ):
                    by_part = add_visits_demo(clock, layout)
                    visits = sorted(by_part.values(), key=lambda visit: (visit.start_date, visit.pk))
                    add_agenda_demo(clock, by_part)
                    add_date_vote_demo(clock, by_part)
                    add_reception_demo(clock, by_part)
                    questions = add_questions_demo(clock, visits)
                    add_moderation_demo(clock, visits)
                    add_live_meeting_demo(visits)
                    add_live_console_demo(clock, visits)
                    add_live_page_demo(clock, by_part)
                    followup = add_followup_demo(clock, layout, by_part)
                    # Reports and oversight (issue 7): the documents first, then the reports that count the records.
                    reports = {
                        **add_library_demo(today=today),
                        **add_quarterly_demo(clock, layout),
                        **add_half_year_demo(clock, layout),
                        **add_evaluation_demo(clock, layout),
                    }
                # What was done outside Kezdesu, typed by hand where no record of the demo meets an obligation:
                # last, so that nothing typed stands where a record does.
                fulfilments = record_demo_fulfilments(layout)
                # Today's reminders, once everything the demo records in the system is there (the follow-up's
                # ten-day deadlines, the quarterly information packs).
                reminders = send_demo_reminders(today=today)
        except (LookupError, DomainError) as error:
            raise CommandError(str(error)) from error
        statuses = Counter(visit.status for visit in Visit.objects.filter(pk__in=[visit.pk for visit in visits]))
        self.stdout.write(
            f"Demo accounts: {accounts['users']} created, {accounts['roles']} roles granted "
            f"(password: {DEMO_PASSWORD}).\n"
            f"Calendar exceptions entered: {calendar}. Typed by hand (done outside Kezdesu): {fulfilments}. "
            f"Reminders sent for {today:%Y-%m-%d}: {reminders}.\n"
            f"Planning: {planning['approved_items']} approved meetings, {planning['draft_items']} in the draft, "
            f"{planning['problems']} systemic problems, {planning['risk_flags']} risk flags.\n"
            f"Visits: {len(visits)}: {statuses[Visit.Status.HELD]} held (closed), "
            f"{statuses[Visit.Status.PUBLISHED]} announced (one of them held, left to close; one today, "
            f"{by_part[LIVE].start_date:%d.%m.%Y}), {statuses[Visit.Status.DRAFT]} being prepared; "
            f"questions from the population added: {questions['questions'] + questions['imported']}.\n"
            f"Follow-up: {followup['issues']} problem issues, {followup['published']} visits' results published, "
            f"{followup['reports']} quarterly progress reports."
        )
        if reports:
            self.stdout.write("Reports: " + ", ".join(f"{count} {what}" for what, count in reports.items()) + ".")
        self.stdout.write(f"Loaded in {time.monotonic() - started:.1f} s.")
        self.stdout.write(self.style.SUCCESS("Demo data loaded. `python manage.py demo_accounts` lists the accounts."))
