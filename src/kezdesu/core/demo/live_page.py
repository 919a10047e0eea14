"""The public live page's demo (issue 5): the population's votes for the questions of the next announced visit.

Entered through `vote_for_question`, as the live page does, with the keys a browser would have (one demo
resident a key, a handful of networks). The most voted questions come first on the live page. A visit
whose questions already have votes is left alone, so running it twice changes nothing.
"""

import random
from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone

from kezdesu.core.demo.visits import DEMO_MINISTRIES
from kezdesu.meetings.interfaces.voter_keys import voter_key
from kezdesu.meetings.models import Visit
from kezdesu.questions.domain.live_votes import vote_for_question
from kezdesu.questions.domain.queries.intake import published_questions
from kezdesu.questions.models import QuestionVote

# Residents voting; each votes for a few questions, the earlier questions in the list drawing more.
RESIDENTS = 40
VOTES_EACH = (1, 4)
NETWORKS = 7


def _next_announced(visits: Iterable[Visit]) -> Visit | None:
    today = timezone.localdate()
    ahead = sorted(
        (visit for visit in visits if visit.status == Visit.Status.PUBLISHED and visit.end_date >= today),
        key=lambda visit: (visit.organisation.code not in DEMO_MINISTRIES, visit.start_date, visit.pk),
    )
    return next((visit for visit in ahead if published_questions(visit).exists()), None)


@transaction.atomic
def add_live_page_demo(visits: Iterable[Visit]) -> int:
    """Votes for the published questions of the next announced visit; returns the number of votes cast."""
    visit = _next_announced(visits)
    if visit is None or QuestionVote.objects.filter(question__visit=visit).exists():
        return 0
    questions = list(published_questions(visit).select_related("visit")[:30])
    rng = random.Random(f"live-page-{visit.schedule_uid or visit.pk}")
    weights = [1 / (rank + 1) for rank in range(len(questions))]
    cast = 0
    for resident in range(RESIDENTS):
        chosen = {id(q): q for q in rng.choices(questions, weights=weights, k=rng.randint(*VOTES_EACH))}
        for question in chosen.values():
            result = vote_for_question(
                question=question,
                voter_key=voter_key(visit, f"demo-live-resident-{resident}"),
                network_key=voter_key(visit, f"demo-live-network-{resident % NETWORKS}"),
            )
            cast += int(result.counted)
    return cast
