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

        # The meetings that took place meet the meeting obligations (R2, R4); one typed by hand must be held
        # outside Kezdesu.
        from kezdesu.meetings.domain.evidence import first_head_meetings, held_in_kezdesu, unscheduled_meetings
        from kezdesu.regulations.domain.by_hand import register_by_hand_check
        from kezdesu.regulations.domain.evidence import register_evidence_source
        from kezdesu.regulations.models import ObligationRule

        role = ObligationRule.Role
        register_evidence_source(role.FIRST_HEAD_MEETINGS, first_head_meetings)
        register_evidence_source(role.UNSCHEDULED_MEETING, unscheduled_meetings)
        register_by_hand_check(role.FIRST_HEAD_MEETINGS, held_in_kezdesu)
        register_by_hand_check(role.UNSCHEDULED_MEETING, held_in_kezdesu)
