"""The notifications the schedule sends (issue 3). Imported by the planning app when it is ready."""

from django.utils.translation import gettext_lazy as _

from kezdesu.core.domain.notifications import register_kind

register_kind(
    "schedule.agreement_requested",
    message=_(
        "%(organisation)s is asked to agree a meeting in the draft schedule: %(official)s in %(region)s, "
        "%(start)s – %(end)s."
    ),
    subject=_("Agreement requested: %(official)s in %(region)s"),
)
register_kind(
    "schedule.disagreed",
    message=_(
        "%(organisation)s disagreed with a meeting in the draft schedule: %(official)s in %(region)s, "
        "%(start)s – %(end)s. Comment: %(comment)s"
    ),
    subject=_("Disagreement with the draft schedule: %(organisation)s"),
)
register_kind(
    "schedule.approved",
    message=_(
        "The schedule of meetings for %(period_start)s – %(period_end)s is approved (act %(act_number)s of "
        "%(act_date)s)."
    ),
    subject=_("Schedule approved for %(period_start)s – %(period_end)s"),
)
register_kind(
    "schedule.amended",
    message=_(
        "The schedule of meetings for %(period_start)s – %(period_end)s is amended (version %(number)s) "
        "in a meeting that concerns %(organisation)s. Reason: %(reason)s"
    ),
    subject=_("Schedule amended for %(period_start)s – %(period_end)s"),
)
