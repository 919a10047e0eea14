"""The public live page's demo (issue 5): the population's votes for the questions of today's visit.

Entered through `vote_for_question`, as the live page does, with the keys a browser would have (one demo
resident a key, a handful of networks). The most voted questions come first on the live page. A visit
whose questions already have votes is left alone, so running it twice changes nothing.
"""

import datetime
import random

from django.db import transaction

from kezdesu.demo.clock import DemoClock
from kezdesu.demo.layout import LIVE
from kezdesu.meetings.interfaces.voter_keys import voter_key
from kezdesu.meetings.models import Visit
from kezdesu.questions.domain.live_votes import vote_for_question
from kezdesu.questions.domain.queries.intake import published_questions
from kezdesu.questions.models import QuestionVote

# Residents voting; each votes for a few questions, the earlier questions in the list drawing more.
RESIDENTS = 40
VOTES_EACH = (1, 4)
NETWORKS = 7


@transaction.atomic
def add_live_page_demo(clock: DemoClock, visits: dict[str, Visit]) -> int:
    """Votes for the published questions of today's visit, cast this past hour; returns the number of votes cast."""
    visit = visits[LIVE]
    if visit.status != Visit.Status.PUBLISHED or QuestionVote.objects.filter(question__visit=visit).exists():
        return 0
    questions = list(published_questions(visit).select_related("visit")[:30])
    if not questions:
        return 0
    rng = random.Random(f"live-page-{visit.schedule_uid or visit.pk}")
    weights = [1 / (rank + 1) for rank in range(len(questions))]
    cast = 0
    for resident in range(RESIDENTS):
        chosen = {id(q): q for q in rng.choices(questions, weights=weights, k=rng.randint(*VOTES_EACH))}
        with clock.at(clock.now - datetime.timedelta(minutes=60 - resident)):
            for question in chosen.values():
                result = vote_for_question(
                    question=question,
                    voter_key=voter_key(visit, f"demo-live-resident-{resident}"),
                    network_key=voter_key(visit, f"demo-live-network-{resident % NETWORKS}"),
                )
                cast += int(result.counted)
    return cast
