"""Grouping the questions that ask the same thing, so the minister sees how many people asked it.

Exact duplicates share a fingerprint; near-duplicates are found by the cosine similarity of TF-IDF vectors of
character 3–5-grams (within words, so Kazakh and Russian endings matter little), in sparse blocks so that a
visit's few thousand questions take seconds. Linked questions form connected components.

`group_questions` is idempotent and keeps the moderators' work: it only places questions that are in no
group yet — into the existing group they are most similar to, or into new groups among themselves. Groups
are never broken up or joined automatically; a question a moderator split off keeps a group of its own.
"""

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components
from sklearn.feature_extraction.text import TfidfVectorizer

from kezdesu.core.domain.audit import record_audit
from kezdesu.core.errors import DomainError, NotPermitted
from kezdesu.meetings.models import Visit
from kezdesu.organisations.models import User
from kezdesu.questions.domain.fingerprint import normalised_text, question_fingerprint
from kezdesu.questions.models import Question, QuestionGroup

DEFAULT_THRESHOLD = 0.6
BLOCK_ROWS = 500
GROUPED_STATUSES = (Question.Status.RECEIVED, Question.Status.PUBLISHED)


def similarity_threshold() -> float:
    return float(getattr(settings, "KEZDESU_QUESTION_SIMILARITY", DEFAULT_THRESHOLD))


@dataclass(frozen=True)
class GroupingResult:
    new_groups: int
    joined: int  # questions added to groups that already existed
    questions: int


def similar_pairs(texts: list[str], threshold: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Pairs (i, j), i < j, of texts whose cosine similarity is at least `threshold`, and the similarity."""
    if len(texts) < 2:
        empty = np.array([], dtype=int)
        return empty, empty, np.array([], dtype=float)
    vectorizer = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), preprocessor=normalised_text, min_df=1)
    try:
        matrix = vectorizer.fit_transform(texts)  # rows are L2-normalised: a dot product is the cosine
    except ValueError:  # no text has a single n-gram
        empty = np.array([], dtype=int)
        return empty, empty, np.array([], dtype=float)
    rows, cols, values = [], [], []
    transposed = matrix.T.tocsc()
    for start in range(0, matrix.shape[0], BLOCK_ROWS):
        block = (matrix[start : start + BLOCK_ROWS] @ transposed).tocoo()
        keep = (block.data >= threshold) & (block.row + start < block.col)
        rows.append(block.row[keep] + start)
        cols.append(block.col[keep])
        values.append(block.data[keep])
    return np.concatenate(rows), np.concatenate(cols), np.concatenate(values)


def _fill_fingerprints(questions: list[Question]) -> None:
    missing = [question for question in questions if not question.fingerprint]
    for question in missing:
        question.fingerprint = question_fingerprint(question.text)
    Question.objects.bulk_update(missing, ["fingerprint"])


def refresh_groups(group_ids: Iterable[int | None]) -> None:
    """Recount each group (hidden questions do not count) and choose its representative: the earliest
    published question, or the earliest awaiting moderation while none is published."""
    ids = {pk for pk in group_ids if pk is not None}
    if not ids:
        return
    members: dict[int, list[Question]] = {pk: [] for pk in ids}
    for question in (
        Question.objects.filter(group_id__in=ids, status__in=GROUPED_STATUSES)
        .only("pk", "group_id", "status", "received_at")
        .order_by("received_at", "pk")
    ):
        members[question.group_id].append(question)  # type: ignore[index]
    groups = list(QuestionGroup.objects.filter(pk__in=ids))
    for group in groups:
        people = members[group.pk]
        published = [question for question in people if question.status == Question.Status.PUBLISHED]
        chosen = published or people
        group.size = len(people)
        group.representative_id = chosen[0].pk if chosen else None
    QuestionGroup.objects.bulk_update(groups, ["size", "representative"])


@transaction.atomic
def group_questions(*, visit: Visit, actor: User | None = None, threshold: float | None = None) -> GroupingResult:
    """Place the visit's ungrouped questions (not hidden ones) into groups of duplicates and near-duplicates."""
    Visit.objects.select_for_update().filter(pk=visit.pk).first()  # one grouping of a visit at a time
    limit = similarity_threshold() if threshold is None else threshold
    questions = list(
        Question.objects.filter(visit=visit, status__in=GROUPED_STATUSES)
        .only("pk", "text", "fingerprint", "group_id", "received_at", "status")
        .order_by("received_at", "pk")
    )
    _fill_fingerprints(questions)
    count = len(questions)
    if count == 0:
        return GroupingResult(new_groups=0, joined=0, questions=0)
    # Exact duplicates link to the first of their fingerprint; only those firsts are compared by similarity,
    # so a question sent a thousand times costs one row of the matrix, not a thousand.
    by_fingerprint: dict[str, int] = {}
    exact_from, exact_to = [], []
    for index, question in enumerate(questions):
        first = by_fingerprint.setdefault(question.fingerprint, index)
        if first != index:
            exact_from.append(first)
            exact_to.append(index)
    firsts = np.array(list(by_fingerprint.values()), dtype=int)
    near_from, near_to, near_weights = similar_pairs([questions[i].text for i in firsts], limit)
    edges_from = np.concatenate([firsts[near_from], np.array(exact_from, dtype=int)])
    edges_to = np.concatenate([firsts[near_to], np.array(exact_to, dtype=int)])
    weights = np.concatenate([near_weights, np.ones(len(exact_from))])

    grouped = np.array([question.group_id is not None for question in questions], dtype=bool)
    # Components among the ungrouped questions only: existing groups are never joined together.
    free = ~grouped[edges_from] & ~grouped[edges_to]
    graph = coo_matrix((np.ones(int(free.sum())), (edges_from[free], edges_to[free])), shape=(count, count))
    _, labels = connected_components(graph, directed=False)
    # For each component, the existing group it is most similar to, through any of its questions.
    best: dict[int, tuple[float, int]] = {}
    for a, b, weight in zip(edges_from, edges_to, weights, strict=True):
        if grouped[a] == grouped[b]:
            continue
        loose, held = (a, b) if grouped[b] else (b, a)
        label = int(labels[loose])
        group_id = questions[held].group_id
        assert group_id is not None
        if label not in best or (weight, -group_id) > (best[label][0], -best[label][1]):
            best[label] = (float(weight), group_id)

    components: dict[int, list[Question]] = {}
    for index, question in enumerate(questions):
        if not grouped[index]:
            components.setdefault(int(labels[index]), []).append(question)
    new_groups, joined, touched = 0, 0, set()
    for label, members in components.items():
        if label in best:
            group_id = best[label][1]
            joined += len(members)
        elif len(members) >= 2:
            group_id = QuestionGroup.objects.create(visit=visit, representative=members[0], size=len(members)).pk
            new_groups += 1
        else:
            continue
        Question.objects.filter(pk__in=[question.pk for question in members]).update(group_id=group_id)
        touched.add(group_id)
    refresh_groups(touched)
    if actor is not None and (new_groups or joined):
        record_audit(
            actor=actor,
            action="questions.group",
            target=visit,
            organisation=visit.organisation,
            new={"new_groups": new_groups, "joined": joined, "threshold": limit},
        )
    return GroupingResult(new_groups=new_groups, joined=joined, questions=count)


def _require_moderator(actor: User, visit: Visit) -> None:
    if not actor.has_perm("questions.moderate", visit):
        raise NotPermitted(_("You may not moderate the questions of this visit."))


@transaction.atomic
def merge_questions(*, actor: User, visit: Visit, questions: list[Question]) -> QuestionGroup:
    """Put the chosen questions, with everyone in their groups, into one group: the largest of theirs."""
    _require_moderator(actor, visit)
    chosen = list(Question.objects.select_for_update().filter(visit=visit, pk__in=[q.pk for q in questions]))
    if len(chosen) != len({q.pk for q in questions}):
        raise DomainError(_("Only questions of this visit can be merged."), code="other_visit")
    if len(chosen) < 2 and len({q.group_id for q in chosen}) < 2:
        raise DomainError(_("Choose at least two questions to merge."), code="too_few")
    group_ids = {question.group_id for question in chosen if question.group_id}
    groups = list(QuestionGroup.objects.select_for_update().filter(pk__in=group_ids).order_by("-size", "pk"))
    target = groups[0] if groups else QuestionGroup.objects.create(visit=visit, representative=chosen[0])
    others = [group.pk for group in groups[1:]]
    Question.objects.filter(Q(pk__in=[q.pk for q in chosen]) | Q(group_id__in=others)).update(group=target)
    QuestionGroup.objects.filter(pk__in=others).delete()
    refresh_groups([target.pk])
    target.refresh_from_db()
    record_audit(
        actor=actor,
        action="questions.merge",
        target=target,
        organisation=visit.organisation,
        old={"groups": sorted(group_ids)},
        new={"group": target.pk, "questions": sorted(q.pk for q in chosen), "size": target.size},
    )
    return target


@transaction.atomic
def split_question(*, actor: User, question: Question) -> QuestionGroup:
    """Take the question out of its group into a group of its own, which later groupings leave alone."""
    visit = question.visit
    _require_moderator(actor, visit)
    question = Question.objects.select_for_update().get(pk=question.pk)
    old_group_id = question.group_id
    if old_group_id is None:
        raise DomainError(_("The question is in no group."), code="not_grouped")
    if Question.objects.filter(group_id=old_group_id).count() < 2:
        raise DomainError(_("The question is alone in its group already."), code="alone")
    own = QuestionGroup.objects.create(visit=visit, representative=question)
    question.group = own
    question.save(update_fields=["group"])
    refresh_groups([old_group_id, own.pk])
    record_audit(
        actor=actor,
        action="questions.split",
        target=question,
        organisation=visit.organisation,
        old={"group": old_group_id},
        new={"group": own.pk},
    )
    own.refresh_from_db()
    return own
