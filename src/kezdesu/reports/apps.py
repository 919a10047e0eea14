from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "kezdesu.reports"
    verbose_name = _("Reports and oversight: quarterly information, half-year results, evaluation, documents")

    def ready(self) -> None:
        # The notification centre renders stored notifications: the kinds these modules register must be known.
        from kezdesu.reports.domain import evaluation, half_year, instructions, library, quarterly  # noqa: F401
