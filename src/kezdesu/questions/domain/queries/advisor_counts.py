"""Citizens' questions in a ministry's sector, per region, for the region advisor (R3).

What counts as a question "in the ministry's sector" is decided from the question's own records, the most
specific first (`sector_body`):
1. the body it was forwarded to at the meeting, when it was forwarded: the staff judged who is competent;
2. else its topic's competent ministry (questions/data/topics.yaml): what the asker, an import or a moderator
   said it is about, whichever ministry's meeting it was sent to;
3. else (no topic, or a topic with no ministry, such as "other") the ministry whose visit received it.
A committee's questions are its ministry's (R5): the sector is the ministry and its committees. So a
question about schools asked at the Minister of Transport's meeting counts for Enlightenment, not Transport;
this also lets the figure speak for regions the ministry has not visited yet.

The region is the asker's (`Question.region`), else the visit's. Left out: hidden questions (spam, abuse,
off topic..., as in the visit's analysis) and the akimat's systemic problems attached to a visit as
questions, which the advisor counts already as its own factor.
"""

import datetime

from django.db.models import Count, Q
from django.db.models.functions import Coalesce
from django.utils import timezone

from kezdesu.organisations.models import Organisation
from kezdesu.questions.models import Channel, Question

__all__ = ["questions_in_sector_by_region"]


def questions_in_sector_by_region(ministry: Organisation, since: datetime.date) -> dict[int, int]:
    """{region id: questions in the ministry's sector received from `since` on (Astana time)}, in one query.

    Regions with no question are absent. Registered with the advisor in `QuestionsConfig.ready`.
    """
    sector = Organisation.objects.filter(Q(pk=ministry.pk) | Q(parent_id=ministry.pk)).values("pk")
    start = timezone.make_aware(datetime.datetime.combine(since, datetime.time.min))
    rows = (
        Question.objects.filter(received_at__gte=start)
        .exclude(status=Question.Status.HIDDEN)
        .exclude(channel=Channel.SYSTEMIC_PROBLEM)
        .annotate(
            sector_body=Coalesce("forwarded_to", "topic__ministry", "visit__organisation"),
            asked_in=Coalesce("region", "visit__region"),
        )
        .filter(sector_body__in=sector)
        .values("asked_in")
        .annotate(count=Count("pk"))
        .order_by()
        .values_list("asked_in", "count")
    )
    return dict(rows)
