"""The meeting's question stream as the moderators' console and the staff API read it."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from django.db.models import Case, Count, F, Max, OuterRef, Q, QuerySet, Subquery, Sum, When
from django.db.models.functions import Coalesce

from kezdesu.meetings.models import LiveMeeting, Visit
from kezdesu.questions.models import Channel, Question

NO_OUTCOME = "none"
ORDERS = {"newest": ("-received_at", "-pk"), "votes": ("-group_votes", "-received_at", "-pk")}


@dataclass(frozen=True)
class StreamFilters:
    channel: str = ""
    status: str = ""
    shortlisted: str = ""  # "yes", "no" or ""
    outcome: str = ""  # an Outcome, NO_OUTCOME or ""
    text: str = ""
    order: str = "newest"

    @classmethod
    def from_params(cls, params: object) -> StreamFilters:
        """Filters from a query string; values not understood are ignored rather than refused."""
        get = params.get  # type: ignore[attr-defined]

        def choice(name: str, allowed: list[str], default: str = "") -> str:
            value = str(get(name, "") or "")
            return value if value in allowed else default

        return cls(
            channel=choice("channel", Channel.values),
            status=choice("status", Question.Status.values),
            shortlisted=choice("shortlisted", ["yes", "no"]),
            outcome=choice("outcome", [*Question.Outcome.values, NO_OUTCOME]),
            text=str(get("q", "") or "").strip()[:200],
            order=choice("order", list(ORDERS), "newest"),
        )

    def query(self) -> dict[str, str]:
        values = {
            "channel": self.channel,
            "status": self.status,
            "shortlisted": self.shortlisted,
            "outcome": self.outcome,
            "q": self.text,
            "order": "" if self.order == "newest" else self.order,
        }
        return {key: value for key, value in values.items() if value}


def live_stream(visit: Visit, filters: StreamFilters) -> QuerySet[Question]:
    """The meeting's questions matching `filters`, duplicates merged: a group shows as its representative
    (with the group's size); a hidden question shows on its own (it counts in no group)."""
    questions = (
        Question.objects.filter(visit=visit)
        .filter(
            Q(group__isnull=True)
            | Q(group__representative_id=F("pk"))
            | Q(status=Question.Status.HIDDEN)
            | Q(group__representative__isnull=True)
        )
        .select_related("group", "topic", "district", "forwarded_to", "moderated_by")
        .annotate(group_votes=_group_votes())
    )
    if filters.channel:
        questions = questions.filter(channel=filters.channel)
    if filters.status:
        questions = questions.filter(status=filters.status)
    if filters.shortlisted == "yes":
        questions = questions.filter(shortlisted_at__isnull=False)
    elif filters.shortlisted == "no":
        questions = questions.filter(shortlisted_at__isnull=True)
    if filters.outcome == NO_OUTCOME:
        questions = questions.filter(outcome="")
    elif filters.outcome:
        questions = questions.filter(outcome=filters.outcome)
    if filters.text:
        questions = questions.filter(Q(text__icontains=filters.text) | Q(published_text__icontains=filters.text))
    return questions.order_by(*ORDERS.get(filters.order, ORDERS["newest"]))


def _group_votes() -> Case:
    """The votes of everyone in the question's group (a merged duplicate's votes count for its representative),
    or the question's own when it is in no group or hidden."""
    in_group = (
        Question.objects.filter(
            group_id=OuterRef("group_id"), status__in=(Question.Status.RECEIVED, Question.Status.PUBLISHED)
        )
        .order_by()
        .values("group_id")
        .annotate(total=Sum("votes"))
        .values("total")
    )
    return Case(
        When(
            group__isnull=False,
            status__in=(Question.Status.RECEIVED, Question.Status.PUBLISHED),
            then=Coalesce(Subquery(in_group), F("votes")),
        ),
        default=F("votes"),
    )


def stream_etag(visit: Visit, meeting: LiveMeeting | None, *, extra: str = "") -> str:
    """A tag that changes whenever anything the console shows changes: the live revision, and the questions'
    count, revisions, votes, groups and moderation (moderation and grouping outside the console included)."""
    figures = Question.objects.filter(visit=visit).aggregate(
        count=Count("pk"),
        last=Max("pk"),
        revisions=Sum("revision"),
        votes=Sum("votes"),
        groups=Sum("group_id"),
        moderated=Max("moderated_at"),
        published=Count("pk", filter=Q(status=Question.Status.PUBLISHED)),
        hidden=Count("pk", filter=Q(status=Question.Status.HIDDEN)),
    )
    current = meeting.current_question_id if meeting else None
    revision = meeting.revision if meeting else 0
    raw = f"{revision}|{current}|{sorted(figures.items())}|{extra}"
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()[:32]
