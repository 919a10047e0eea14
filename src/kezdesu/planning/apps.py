from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlanningConfig(AppConfig):
    name = "kezdesu.planning"
    verbose_name = _("Planning: the schedule of meetings")

    def ready(self) -> None:
        # The notification centre renders stored notifications: their kinds must be known at start.
        from kezdesu.planning.domain import date_amendments, notification_kinds, problems, risks  # noqa: F401
        from kezdesu.planning.domain.obligation_links import RISK_FLAG_EVENT
        from kezdesu.regulations.domain.events import register_event_source

        # An assigned risk flag obliges an unscheduled meeting (R4): the profiles' rule on this event.
        register_event_source(RISK_FLAG_EVENT, risks.assigned_risk_flags, lookup=risks.assigned_risk_flag)
