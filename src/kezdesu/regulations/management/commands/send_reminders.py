"""Send today's deadline reminders, for deployments that run a cron job instead of Celery beat."""

import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from kezdesu.regulations.domain.reminders import send_deadline_reminders


class Command(BaseCommand):
    help = "Send the deadline reminders due today (7, 3 and 1 days before, and overdue). Safe to run twice."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--today", help="Run as if today were this date (YYYY-MM-DD).")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            today = datetime.date.fromisoformat(options["today"]) if options["today"] else timezone.localdate()
        except ValueError as error:
            raise CommandError(f"--today must be a date in the form YYYY-MM-DD: {error}") from error
        sent = send_deadline_reminders(today=today)
        self.stdout.write(f"{today.isoformat()}: {sent} reminder(s) sent.")
