"""The follow-up's notifications to staff, registered once at start (core.domain.notifications)."""

from django.utils.translation import gettext_lazy as _

from kezdesu.core.domain.notifications import register_kind

register_kind(
    "followup.measure_assigned",
    message=_(
        "%(executor)s is responsible for a measure on problem issue %(issue)s (%(visit)s), "
        "due %(deadline)s: %(measure)s"
    ),
    subject=_("A measure for you to carry out: %(issue)s"),
)
register_kind(
    "followup.measure_overdue",
    message=_(
        "%(executor)s: the measure on problem issue %(issue)s was due on %(deadline)s and is overdue: %(measure)s. "
        "Report its progress or agree a new deadline with the ministry."
    ),
    subject=_("Overdue measure: %(issue)s"),
)
