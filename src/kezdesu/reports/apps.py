from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "kezdesu.reports"
    verbose_name = _("Reports and oversight: quarterly information, half-year results, evaluation, documents")

    def ready(self) -> None:
        # The notification centre renders stored notifications: the kinds these modules register must be known.
        from kezdesu.regulations.domain.evidence import register_evidence_source
        from kezdesu.regulations.models import ObligationRule
        from kezdesu.reports.domain import evaluation, half_year, instructions, library, quarterly  # noqa: F401
        from kezdesu.reports.domain.evidence import submitted_half_year_results, submitted_quarterly_information

        register_evidence_source(ObligationRule.Role.QUARTERLY_INFORMATION, submitted_quarterly_information)
        register_evidence_source(ObligationRule.Role.HALF_YEAR_RESULTS, submitted_half_year_results)
