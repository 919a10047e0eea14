"""`manage.py load_reference`: load the reference data files, then the regulation profiles.

Idempotent: a second run with the same files changes nothing and writes no audit rows.
"""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from kezdesu.core.errors import DomainError
from kezdesu.organisations.domain.reference import load_reference_data


class Command(BaseCommand):
    help = "Load regions, districts, organisations, positions and regulation profiles from the data files."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--data-dir",
            type=Path,
            default=None,
            help="Folder with regions.csv, districts.csv, organisations.yaml and positions.yaml "
            "(default: the files shipped in kezdesu/organisations/data/).",
        )

    def handle(self, *args: Any, data_dir: Path | None = None, **options: Any) -> None:
        # Imported here: the regulations app loads its profiles once the organisations exist.
        from kezdesu.questions.domain.topics import load_topics
        from kezdesu.regulations.domain.profile_loading import load_profiles

        try:
            with transaction.atomic():
                report = load_reference_data(data_dir=data_dir)
                profiles = load_profiles()
                topics = load_topics()
        except DomainError as error:
            raise CommandError(error.message) from error

        if options["verbosity"] == 0:
            return
        for kind, counts in report.kinds().items():
            self.stdout.write(
                f"{kind}: {counts.created} created, {counts.updated} updated, {counts.unchanged} unchanged"
            )
            if counts.deactivated:
                self.stdout.write(
                    self.style.WARNING(f"  deactivated (no longer in the files): {', '.join(counts.deactivated)}")
                )
            if counts.vanished:
                self.stdout.write(self.style.WARNING(f"  no longer in the files (kept): {', '.join(counts.vanished)}"))
        self.stdout.write("profiles: " + ", ".join(f"{count} {state}" for state, count in profiles.items()))
        self.stdout.write(f"topics: {topics.created} created, {topics.updated} updated, {topics.unchanged} unchanged")
        self.stdout.write(self.style.SUCCESS("Reference data loaded."))
