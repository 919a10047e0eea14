from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlanningConfig(AppConfig):
    name = "kezdesu.planning"
    verbose_name = _("Planning: the schedule of meetings")

    def ready(self) -> None:
        # The notification centre renders stored notifications: their kinds must be known at start.
        from kezdesu.planning.domain import date_amendments, notification_kinds, problems, risks  # noqa: F401
        from kezdesu.regulations.domain.events import register_event_source

        # An assigned risk flag obliges an unscheduled meeting (R4): the profiles' rule on this event.
        register_event_source(risks.RISK_FLAG_EVENT, risks.assigned_risk_flags, lookup=risks.assigned_risk_flag)

        from kezdesu.planning.domain import evidence
        from kezdesu.regulations.domain.evidence import register_evidence_source
        from kezdesu.regulations.models import ObligationRule

        role = ObligationRule.Role
        register_evidence_source(role.SCHEDULE_PROPOSALS, evidence.submitted_proposals)
        register_evidence_source(role.SCHEDULE_DRAFT, evidence.submitted_drafts)
        register_evidence_source(role.SCHEDULE_APPROVAL, evidence.approved_schedules)
        register_evidence_source(role.SYSTEMIC_PROBLEMS, evidence.sent_systemic_problems)
