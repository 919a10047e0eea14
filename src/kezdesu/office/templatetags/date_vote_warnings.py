"""The warning that an announced visit's population was not asked about the day and time (P3.5, G3.2).

Each page that shows it does so with one include (office/visit/_date_vote_warning.html on the visit page,
office/visit/_without_date_vote.html on the authorized body's overview), so the read lives here, once per
page, and comes from the same named query on both.
"""

import datetime

from django import template

from kezdesu.meetings.domain.queries.date_vote import visits_without_date_vote
from kezdesu.meetings.models import Visit

register = template.Library()


@register.simple_tag
def visit_without_date_vote(visit: Visit) -> bool:
    """Whether this visit is announced without the population's vote on its date (one query)."""
    return visits_without_date_vote(Visit.objects.filter(pk=visit.pk)).exists()


@register.simple_tag
def upcoming_visits_without_date_vote(today: datetime.date) -> list[Visit]:
    """The announced visits not over by `today` whose population was not asked (one query)."""
    return list(visits_without_date_vote(from_day=today))
