"""Questions of a visit, made directly (the intake's forms and imports are tested on their own)."""

import datetime
from itertools import count

from django.utils import timezone

from kezdesu.meetings.models import Visit
from kezdesu.questions.domain.fingerprint import question_fingerprint
from kezdesu.questions.models import Channel, Question, Topic

_numbers = count(1)


def topic(code: str = "roads", name: str = "Roads") -> Topic:
    found, _created = Topic.objects.get_or_create(
        code=code, defaults={"name": name, "name_en": name, "name_ru": name, "name_kk": name}
    )
    return found


def question(
    visit: Visit,
    text: str | None = None,
    *,
    channel: str = Channel.WEB,
    status: str = Question.Status.RECEIVED,
    received_at: datetime.datetime | None = None,
    fingerprinted: bool = True,
    **fields: object,
) -> Question:
    """A question of `visit`; by default awaiting moderation, received now, with its fingerprint."""
    text = text if text is not None else f"Question number {next(_numbers)} about the roads"
    if status == Question.Status.HIDDEN:
        fields.setdefault("hidden_reason", Question.HiddenReason.SPAM)
    if status == Question.Status.PUBLISHED:
        fields.setdefault("published_text", text)
    return Question.objects.create(
        visit=visit,
        text=text,
        channel=channel,
        status=status,
        region=fields.pop("region", visit.region),
        received_at=received_at or timezone.now(),
        fingerprint=question_fingerprint(text) if fingerprinted else "",
        **fields,
    )


def earlier_visit(visit: Visit, day: datetime.date, *, status: str = Visit.Status.HELD) -> Visit:
    """Another visit of the same official to the same region, on `day`."""
    return Visit.objects.create(
        organisation=visit.organisation,
        position=visit.position,
        region=visit.region,
        start_date=day,
        end_date=day,
        status=status,
        title_en="An earlier visit",
    )
