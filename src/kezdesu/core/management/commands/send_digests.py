"""Send the daily digests of notifications, for deployments that run a cron job instead of Celery beat."""

from typing import Any

from django.core.management.base import BaseCommand

from kezdesu.core.domain.digest import send_notification_digests


class Command(BaseCommand):
    help = (
        "E-mail everyone who chose one e-mail a day the digest of their notifications not e-mailed yet. "
        "Safe to run twice: what a digest carried is not sent again."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        sent = send_notification_digests()
        self.stdout.write(f"{sent} digest(s) sent.")
