"""Moderation demo data: the questions of the demo visits grouped and, for held visits, moderated.

Runs after the questions demo (`add_questions_demo`). To each announced or held visit it adds a few questions
the automatic checks have something to say about (a phone number, an IIN, a link, an insult), then groups the
visit's duplicates. For a held visit the moderators have done their work: questions the checks find nothing in
are published, personal data is removed before publishing, spam and abuse are hidden. An announced visit keeps
its queue for the demo's moderators. A visit already grouped is skipped, so running it twice changes nothing.
"""

import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone

from kezdesu.demo.accounts import demo_account
from kezdesu.demo.clock import DemoClock
from kezdesu.meetings.domain.queries.held import meeting_took_place
from kezdesu.meetings.models import Visit
from kezdesu.organisations.models import User
from kezdesu.questions.domain.fingerprint import question_fingerprint
from kezdesu.questions.domain.grouping import group_questions
from kezdesu.questions.domain.moderation import hide_question, publish_question
from kezdesu.questions.domain.moderation_checks import check_question
from kezdesu.questions.models import Channel, Question, QuestionGroup

COORDINATOR = "culture-information.coordinator"
# Demo texts only: the numbers are made up (the IIN fails its check digit) and the address is a demo one.
FLAGGED = (
    ("ru", "Позвоните мне по номеру +7 701 000 00 07, когда починят уличное освещение на нашей улице?"),
    ("kk", "Менің ЖСН 900101000000, зейнетақы неге әлі есептелмеген?"),
    ("ru", "Скидки на пластиковые окна! Заходите на www.okna-demo.kz"),
    ("ru", "Аким района — дурак, ничего не делает для села!!!!!!!"),
)


def _moderator(visit: Visit) -> User:
    try:
        return demo_account(f"{visit.organisation.code}.editor")
    except User.DoesNotExist:
        return demo_account(COORDINATOR)


def _add_flagged(clock: DemoClock, visit: Visit) -> None:
    before_visit = timezone.make_aware(datetime.datetime.combine(visit.start_date, datetime.time(8)))
    received_at = before_visit - datetime.timedelta(days=3)
    if visit.published_at is not None:
        received_at = max(received_at, visit.published_at + datetime.timedelta(hours=2))
    received_at = min(received_at, clock.now - datetime.timedelta(hours=1))
    for number, (language, text) in enumerate(FLAGGED, start=1):
        Question.objects.get_or_create(
            visit=visit,
            channel=Channel.SOCIAL,
            external_id=f"demo-moderation-{number}",
            defaults={
                "region": visit.region,
                "text": text,
                "fingerprint": question_fingerprint(text),
                "language": language,
                "received_at": received_at,
            },
        )


def _moderate(visit: Visit, actor: User, *, share: float = 1.0) -> tuple[int, int]:
    """Moderate the earliest `share` of the questions awaiting it, as a moderator working through the queue."""
    published = hidden = 0
    waiting = Question.objects.filter(visit=visit, status=Question.Status.RECEIVED).order_by("received_at", "pk")
    for question in list(waiting.select_related("visit"))[: round(waiting.count() * share)]:
        check = check_question(question)
        reasons = check.reasons - {Question.HiddenReason.PERSONAL_DATA}
        if reasons:
            reason = (
                Question.HiddenReason.ABUSE if Question.HiddenReason.ABUSE in reasons else Question.HiddenReason.SPAM
            )
            hide_question(actor=actor, question=question, reason=reason)
            hidden += 1
        else:
            publish_question(actor=actor, question=question, published_text=check.proposed_text)
            published += 1
    return published, hidden


@transaction.atomic
def add_moderation_demo(clock: DemoClock, visits: list[Visit]) -> dict[str, Any]:
    """Group and moderate the demo visits' questions (some still waiting on announced ones); returns what was done."""
    done = {"visits": 0, "groups": 0, "published": 0, "hidden": 0}
    for visit in visits:
        if visit.status not in (Visit.Status.PUBLISHED, Visit.Status.HELD) or not visit.questions.exists():
            continue
        if QuestionGroup.objects.filter(visit=visit).exists():
            continue
        _add_flagged(clock, visit)
        actor = _moderator(visit)
        took_place = meeting_took_place(visit)
        # Held visits were moderated in full on their morning; the announced ones' queues are two-thirds done.
        moment = clock.on(visit.start_date, 9) if took_place else clock.now - datetime.timedelta(minutes=5)
        with clock.at(moment):
            done["groups"] += group_questions(visit=visit, actor=actor).new_groups
            published, hidden = _moderate(visit, actor, share=1.0 if took_place else 2 / 3)
        done["published"] += published
        done["hidden"] += hidden
        done["visits"] += 1
    return done
