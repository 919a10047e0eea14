"""What each role of a rule allows to be typed by hand, when no record in Kezdesu meets the obligation.

Records are the rule; a reference typed by hand is the exception, marked as such wherever the obligation
shows. A meeting may have been held outside the system (then it names where, when and who); a letter may
have been sent outside it. A visit's results are Kezdesu's own: the visit is here, so are its results.
"""

from __future__ import annotations

from enum import StrEnum

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from kezdesu.regulations.models import ObligationRule

Role = ObligationRule.Role


class ByHand(StrEnum):
    MEETING = "meeting"  # a meeting held outside the system: its day, region and official
    DOCUMENT = "document"  # a letter or act outside the system: its reference
    NEVER = "never"  # only Kezdesu's records meet it


BY_HAND: dict[str, ByHand] = {
    Role.FIRST_HEAD_MEETINGS: ByHand.MEETING,
    Role.UNSCHEDULED_MEETING: ByHand.MEETING,
    Role.VISIT_RESULTS: ByHand.NEVER,
    Role.QUARTERLY_INFORMATION: ByHand.DOCUMENT,
    Role.HALF_YEAR_RESULTS: ByHand.DOCUMENT,
    Role.SYSTEMIC_PROBLEMS: ByHand.DOCUMENT,
    Role.QUARTERLY_PROGRESS: ByHand.DOCUMENT,
    Role.SCHEDULE_PROPOSALS: ByHand.DOCUMENT,
    Role.SCHEDULE_DRAFT: ByHand.DOCUMENT,
    Role.SCHEDULE_APPROVAL: ByHand.DOCUMENT,
}


def by_hand(rule: ObligationRule) -> ByHand:
    """How the rule's obligations may be recorded by hand (a rule without a role: as a document)."""
    return BY_HAND.get(rule.role, ByHand.DOCUMENT)


# What the records that meet an obligation of each role are, in words: the obligation's page says it.
WHAT_COUNTS: dict[str, Promise] = {
    Role.FIRST_HEAD_MEETINGS: _(
        "A meeting of the body's first head with the population that took place within the period: in a region "
        "whose akimat agreed its date (a meeting of the schedule), or on a risk flag of the body in that region "
        "(a meeting outside the schedule). A deputy's or a committee chair's meeting counts as theirs, not the "
        "first head's. The meeting took place when its record says so: closing the live meeting records it."
    ),
    Role.UNSCHEDULED_MEETING: _(
        "A meeting of the flagged body's first head with the population of the flagged region that took place "
        "after the flag was raised. Met late if it took place after the deadline the authorized body set. Where "
        "the risk is high, a deputy prime minister takes part, and the visit records whether they did."
    ),
    Role.VISIT_RESULTS: _(
        "The visit's results, the list of problem issues and the action plan published in Kezdesu. The ten "
        "calendar days run from the end of the last of the meeting and the personal reception, whether or not "
        "anyone has closed the visit."
    ),
    Role.QUARTERLY_INFORMATION: _(
        "The quarterly information submitted to the authorized body in Kezdesu. A pack returned for correction "
        "meets nothing until it is submitted again."
    ),
    Role.HALF_YEAR_RESULTS: _("The half-year results submitted to the Government Apparatus in Kezdesu."),
    Role.SYSTEMIC_PROBLEMS: _(
        "The akimat's systemic problems of the half-year sent to the competent bodies in Kezdesu."
    ),
    Role.QUARTERLY_PROGRESS: _("The ministry's quarterly progress report published in Kezdesu."),
    Role.SCHEDULE_PROPOSALS: _("The ministry's proposals for the planning period submitted in Kezdesu."),
    Role.SCHEDULE_DRAFT: _("The period's draft schedule submitted to the Government in Kezdesu."),
    Role.SCHEDULE_APPROVAL: _("The period's schedule approved in Kezdesu, on the approving act's date."),
}


def what_counts(rule: ObligationRule) -> Promise | None:
    return WHAT_COUNTS.get(rule.role)
