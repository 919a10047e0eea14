from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "kezdesu.meetings"
    verbose_name = _("Meetings: visits, agendas and personal reception")

    def ready(self) -> None:
        # The notification centre renders stored notifications: their kinds must be known at start.
        from kezdesu.meetings.domain import date_vote, notification_kinds, tasks  # noqa: F401
        from kezdesu.meetings.receivers import keep_visits_in_step
        from kezdesu.planning.signals import schedule_frozen

        schedule_frozen.connect(keep_visits_in_step, dispatch_uid="meetings.keep_visits_in_step")
