"""The notifications a visit sends. Imported by the visit domain; the app should import it at start too."""

from django.utils.translation import gettext_lazy as _

from kezdesu.core.domain.notifications import register_kind

register_kind(
    "meetings.visit_published",
    message=_(
        "%(ministry)s announced the meeting of %(official)s with the population of %(region)s on %(start)s. "
        "Please prepare the venue and the publicity."
    ),
    subject=_("Meeting announced: %(official)s in %(region)s"),
)
register_kind(
    "meetings.visit_cancelled",
    message=_(
        "%(ministry)s cancelled the meeting of %(official)s with the population of %(region)s on %(start)s. "
        "Reason: %(reason)s"
    ),
    subject=_("Meeting cancelled: %(official)s in %(region)s"),
)
register_kind(
    "meetings.visit_dates_changed",
    message=_(
        "The meeting of %(official)s with the population of %(region)s moved to %(start)s – %(end)s, "
        "as the schedule was amended. Check the times of its parts."
    ),
    subject=_("Meeting moved: %(official)s in %(region)s"),
)
# The akims invited to a part of the visit and their answers (R17): sent by `meetings/domain/akims.py`.
register_kind(
    "meetings.akims_invited",
    message=_(
        "%(akims)s: invited to take part in the visit of %(official)s to %(region)s on %(date)s (%(part)s). "
        "Please answer in Kezdesu whether each takes part."
    ),
    subject=_("Akims invited: %(official)s in %(region)s"),
)
register_kind(
    "meetings.akim_confirmed",
    message=_("%(akim)s takes part in the visit of %(official)s to %(region)s on %(date)s (%(part)s)."),
    subject=_("An akim takes part: %(official)s in %(region)s"),
)
register_kind(
    "meetings.akim_declined",
    message=_(
        "%(akim)s cannot take part in the visit of %(official)s to %(region)s on %(date)s (%(part)s). Reason: %(note)s"
    ),
    subject=_("An akim cannot take part: %(official)s in %(region)s"),
)
