"""Store the live page's queued questions now (ops: after a worker outage, or to check the queue)."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from kezdesu.questions.domain.live_queue import drain_until_empty, queue_enabled, queued_count


class Command(BaseCommand):
    help = "Store the live page's questions queued in Redis, batch after batch until the queue is empty."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--batch", type=int, default=1000, help="questions per transaction")
        parser.add_argument("--max-seconds", type=float, default=600.0)

    def handle(self, *args: Any, **options: Any) -> None:
        if not queue_enabled():
            self.stdout.write("No REDIS_URL: live questions are stored at once, there is no queue.")
            return
        stored = drain_until_empty(max_items=options["batch"], max_seconds=options["max_seconds"])
        self.stdout.write(f"Stored {stored} questions; {queued_count()} still queued.")
