"""Print the demo accounts (username, role, organisation, language) and their shared password."""

from typing import Any

from django.core.management.base import BaseCommand
from django.utils import translation

from kezdesu.demo.accounts import DEMO_PASSWORD
from kezdesu.organisations.models import User


class Command(BaseCommand):
    help = "List the demo accounts and the shared demo password."

    def handle(self, *args: Any, **options: Any) -> None:
        users = User.objects.filter(is_demo=True).prefetch_related("memberships__organisation").order_by("pk")
        rows = [("username", "role", "organisation", "language")]
        with translation.override("en"):
            for user in users:
                memberships = list(user.memberships.all())
                if user.is_superuser and not memberships:
                    rows.append((user.username, "superuser", "—", user.language))
                for membership in memberships:
                    organisation = membership.organisation.short_name or membership.organisation.name
                    rows.append((user.username, membership.role, organisation, user.language))
        if len(rows) == 1:
            self.stdout.write("No demo accounts yet: run `manage.py load_demo`.")
            return
        widths = [max(len(row[column]) for row in rows) for column in range(4)]
        for index, row in enumerate(rows):
            self.stdout.write("  ".join(value.ljust(width) for value, width in zip(row, widths, strict=True)))
            if index == 0:
                self.stdout.write("  ".join("-" * width for width in widths))
        self.stdout.write(f"\nEvery demo account's password: {DEMO_PASSWORD}")
