from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FollowupConfig(AppConfig):
    name = "kezdesu.followup"
    verbose_name = _("Follow-up: problem issues, action plans and their progress")

    def ready(self) -> None:
        # The notification centre renders stored notifications: their kinds must be known at start.
        from kezdesu.followup.domain import notification_kinds  # noqa: F401
        from kezdesu.followup.domain.visit_end import VISIT_ENDED_EVENT, visit_ended, visits_ended
        from kezdesu.regulations.domain.events import register_event_source

        # A visit's end starts the ten days for publishing its results (R20): the profiles' rule on this event.
        register_event_source(VISIT_ENDED_EVENT, visits_ended, lookup=visit_ended)

        from kezdesu.followup.domain.evidence import published_progress, published_results
        from kezdesu.regulations.domain.evidence import register_evidence_source
        from kezdesu.regulations.models import ObligationRule

        register_evidence_source(ObligationRule.Role.VISIT_RESULTS, published_results)
        register_evidence_source(ObligationRule.Role.QUARTERLY_PROGRESS, published_progress)
