"""`manage.py load_demo`: demo accounts for every role and a plausible year of activity.

Needs `load_reference` first. Idempotent: a second run creates nothing.
"""

import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone

from kezdesu.core.demo.accounts import DEMO_PASSWORD, create_demo_accounts
from kezdesu.core.demo.activity import enter_demo_calendar, record_demo_fulfilments, send_demo_reminders
from kezdesu.core.demo.agenda import add_agenda_demo
from kezdesu.core.demo.date_vote import add_date_vote_demo
from kezdesu.core.demo.followup import add_followup_demo
from kezdesu.core.demo.library import add_library_demo
from kezdesu.core.demo.live_console import add_live_console_demo
from kezdesu.core.demo.live_meeting import add_live_meeting_demo
from kezdesu.core.demo.live_page import add_live_page_demo
from kezdesu.core.demo.moderation import add_moderation_demo
from kezdesu.core.demo.planning import create_demo_planning
from kezdesu.core.demo.questions import add_questions_demo
from kezdesu.core.demo.reception import add_reception_demo
from kezdesu.core.demo.reports_evaluation import add_evaluation_demo
from kezdesu.core.demo.reports_half_year import add_half_year_demo
from kezdesu.core.demo.reports_quarterly import add_quarterly_demo
from kezdesu.core.demo.visits import add_visits_demo
from kezdesu.core.errors import DomainError
from kezdesu.organisations.models import Organisation
from kezdesu.regulations.models import RegulationProfile


class Command(BaseCommand):
    help = "Create the demo accounts (password: kezdesu-demo) and a plausible year of activity. Safe to run twice."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--today",
            help="The demo's today (YYYY-MM-DD), not later than the real one; default: the real today.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        today = datetime.date.fromisoformat(options["today"]) if options["today"] else timezone.localdate()
        if not (Organisation.objects.filter(is_authorized_body=True).exists() and RegulationProfile.objects.exists()):
            raise CommandError("No reference data: run `python manage.py load_reference` first, then load_demo.")
        try:
            accounts = create_demo_accounts()
            calendar = enter_demo_calendar()
            planning = create_demo_planning(today=today)
            # Demo mail is kept in memory: it is sent when the transaction commits, so inside both.
            with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"), transaction.atomic():
                visits = add_visits_demo(today=today)
                add_agenda_demo(visits)
                add_date_vote_demo(visits)
                add_reception_demo(visits)
                questions = add_questions_demo(visits)
                add_moderation_demo(visits)
                add_live_meeting_demo(visits)
                add_live_console_demo(visits)
                add_live_page_demo(visits)
                followup = add_followup_demo(visits, today=today)
                # Reports and oversight (issue 7): the documents first, then the reports that count the records.
                reports = {
                    **add_library_demo(today=today),
                    **add_quarterly_demo(today=today),
                    **add_half_year_demo(today=today),
                    **add_evaluation_demo(today=today),
                }
            # What was done outside Kezdesu, typed by hand where no record of the demo meets an obligation: last,
            # so that nothing typed stands where a record does.
            fulfilments = record_demo_fulfilments(today=today)
            # Today's reminders, once everything the demo records in the system is there (the follow-up's ten-day
            # deadlines, the quarterly information packs).
            reminders = send_demo_reminders(today=today)
        except (LookupError, DomainError) as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Demo accounts: {accounts['users']} created, {accounts['roles']} roles granted "
            f"(password: {DEMO_PASSWORD}).\n"
            f"Calendar exceptions entered: {calendar}. Typed by hand (done outside Kezdesu): {fulfilments}. "
            f"Reminders sent for {today:%Y-%m-%d}: {reminders}.\n"
            f"Planning: {planning['approved_items']} approved meetings, {planning['draft_items']} in the draft, "
            f"{planning['problems']} systemic problems, {planning['risk_flags']} risk flags.\n"
            f"Visits: {len(visits)}; questions from the population added: "
            f"{questions['questions'] + questions['imported']}.\n"
            f"Follow-up: {followup['issues']} problem issues, {followup['published']} visits' results published, "
            f"{followup['reports']} quarterly progress reports."
        )
        if reports:
            self.stdout.write("Reports: " + ", ".join(f"{count} {what}" for what, count in reports.items()) + ".")
        self.stdout.write(self.style.SUCCESS("Demo data loaded. `python manage.py demo_accounts` lists the accounts."))
