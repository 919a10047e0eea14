"""Suggested problem issues (R19): the visit's questions behind no issue yet, clustered by what they ask.

Texts are compared as in the grouping of duplicates (questions.domain.grouping: TF-IDF of character n-grams,
which works for Kazakh and Russian alike) but with a lower threshold, since one problem is asked about in many
words; questions a moderator grouped as duplicates stay together. Linked questions form connected components.
Every question is in exactly one suggestion — a question alike no other is a suggestion of its own — so that
each ends up behind some problem issue. Suggestions are only proposals: staff accept, split or merge them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from django.conf import settings
from django.utils.text import Truncator
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components

from kezdesu.followup.domain.queries.issues import unassigned_questions
from kezdesu.meetings.models import Visit
from kezdesu.organisations.models import District, Organisation
from kezdesu.questions.domain.grouping import similar_pairs
from kezdesu.questions.models import Question, Topic

DEFAULT_THRESHOLD = 0.35
TITLE_LENGTH = 120


def issue_similarity_threshold() -> float:
    return float(getattr(settings, "KEZDESU_ISSUE_SIMILARITY", DEFAULT_THRESHOLD))


@dataclass(frozen=True)
class Suggestion:
    questions: list[Question]  # the most voted first
    title: str
    sector: Topic | None
    district: District | None
    competent_body: Organisation | None

    @property
    def citizens(self) -> int:
        return len(self.questions)


def shown_text(question: Question) -> str:
    return question.published_text or question.text


def _representative(questions: Sequence[Question]) -> Question:
    """A published question before one awaiting moderation, then the most voted, then the earliest."""
    return min(
        questions,
        key=lambda q: (q.status != Question.Status.PUBLISHED, -q.votes, q.received_at, q.pk),
    )


def proposal(questions: Sequence[Question]) -> Suggestion:
    """What a problem issue made of these questions would likely be: title, sector, district, competent body.

    The questions need their topic (with its ministry), district and forwarded_to loaded.
    """
    ordered = sorted(questions, key=lambda q: (q.status != Question.Status.PUBLISHED, -q.votes, q.received_at, q.pk))
    title = Truncator(" ".join(shown_text(_representative(ordered)).split())).chars(TITLE_LENGTH) if ordered else ""
    topics = Counter(q.topic_id for q in ordered if q.topic_id is not None)
    sector = None
    if topics:
        # The most common topic; on a tie, the topic of the better-placed question.
        best = max(topics.values())
        sector = next(q.topic for q in ordered if q.topic_id is not None and topics[q.topic_id] == best)
    districts = {q.district_id for q in ordered if q.district_id is not None}
    district = next(q.district for q in ordered if q.district_id is not None) if len(districts) == 1 else None
    forwarded = Counter(q.forwarded_to_id for q in ordered if q.forwarded_to_id is not None)
    body = sector.ministry if sector is not None else None
    if forwarded:
        body_id, count = forwarded.most_common(1)[0]
        if count * 2 > len(ordered):  # most of the people were sent to that body (usually the region's akimat)
            body = next(q.forwarded_to for q in ordered if q.forwarded_to_id == body_id)
    return Suggestion(questions=ordered, title=title, sector=sector, district=district, competent_body=body)


def suggest_issues(visit: Visit, threshold: float | None = None) -> list[Suggestion]:
    """The free questions of the visit in clusters of similar texts, the largest clusters first."""
    limit = issue_similarity_threshold() if threshold is None else threshold
    questions = list(unassigned_questions(visit))
    count = len(questions)
    if count == 0:
        return []
    near_from, near_to, _weights = similar_pairs([shown_text(q) for q in questions], limit)
    # Duplicates a moderator grouped are one problem, however differently they are worded.
    first_of_group: dict[int, int] = {}
    group_from, group_to = [], []
    for index, question in enumerate(questions):
        if question.group_id is None:
            continue
        first = first_of_group.setdefault(question.group_id, index)
        if first != index:
            group_from.append(first)
            group_to.append(index)
    rows = np.concatenate([near_from, np.array(group_from, dtype=int)])
    cols = np.concatenate([near_to, np.array(group_to, dtype=int)])
    graph = coo_matrix((np.ones(len(rows)), (rows, cols)), shape=(count, count))
    _, labels = connected_components(graph, directed=False)
    clusters: dict[int, list[Question]] = {}
    for index, question in enumerate(questions):
        clusters.setdefault(int(labels[index]), []).append(question)
    # Clusters in order of size, then of their earliest question (the list is oldest first).
    ordered = sorted(clusters.values(), key=lambda members: (-len(members), members[0].received_at, members[0].pk))
    return [proposal(members) for members in ordered]
