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
register_kind(
    "schedule.submitted",
    message=_(
        "The authorized body submitted the draft schedule of meetings for %(period_start)s – %(period_end)s, "
        "agreed with the ministries and akimats, for approval."
    ),
    subject=_("Draft schedule submitted for approval: %(period_start)s – %(period_end)s"),
)
register_kind(
    "schedule.amendment_submitted",
    message=_(
        "The authorized body submitted an amendment of the schedule of meetings for %(period_start)s – "
        "%(period_end)s for approval, agreed with the parties it concerns. Reason: %(reason)s"
    ),
    subject=_("Amendment of the schedule submitted for approval: %(period_start)s – %(period_end)s"),
)
register_kind(
    "schedule.deputy_prime_minister",
    message=_(
        "The draft schedule links a meeting to a high risk of social tension: %(official)s meets the population "
        "of %(region)s on %(start)s – %(end)s, and %(deputy)s takes part (P6.2)."
    ),
    subject=_("A deputy prime minister takes part: %(official)s in %(region)s"),
)
