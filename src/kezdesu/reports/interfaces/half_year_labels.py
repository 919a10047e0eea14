"""The words for the states the half-year results show, shared by the pages and the documents."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from kezdesu.planning.models import SystemicProblem

QUARTER_STATES = {
    "on_time": _("submitted on time"),
    "late": _("submitted late"),
    "pending": _("not yet due"),
    "missing": _("not submitted"),
    "not_required": _("not required by the act"),
}
QUARTER_SOURCES = {
    "submitted": _("as submitted"),
    "compiled": _("compiled from the records"),
    "not_started": _("not started"),
}
INSTRUCTION_STATES = {
    "open": _("being executed"),
    "overdue": _("overdue"),
    "done_on_time": _("executed on time"),
    "done_late": _("executed late"),
    "withdrawn": _("withdrawn"),
}
OBLIGATION_STATES = {
    "met": pgettext_lazy("obligation", "met"),
    "open": pgettext_lazy("obligation", "open"),
    "overdue": pgettext_lazy("obligation", "overdue"),
    "": _("no rule applies"),
}
PROBLEM_STATES = dict(SystemicProblem.Status.choices)
# The CSS modifier of each state (site.css: state--met, --overdue, --open, --soon).
STATE_CLASSES = {
    "on_time": "met",
    "late": "soon",
    "pending": "open",
    "missing": "overdue",
    "open": "open",
    "overdue": "overdue",
    "done_on_time": "met",
    "done_late": "soon",
    "withdrawn": "open",
    "met": "met",
    "answered": "met",
    "sent": "open",
}


def label(states: dict, value: str) -> str:
    return str(states.get(value, value))
