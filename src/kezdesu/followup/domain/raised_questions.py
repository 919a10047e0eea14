"""What the visit's other parts raised (R19): questions raised at the reception, the NGO meeting or the media
briefing, recorded by staff so that they can be behind a problem issue like any other question."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kezdesu.core.domain.audit import record_audit
from kezdesu.core.errors import DomainError
from kezdesu.followup.domain.issues import lock_visit
from kezdesu.meetings.models import Booking, Visit
from kezdesu.organisations.models import District, User
from kezdesu.questions.domain.fingerprint import question_fingerprint
from kezdesu.questions.domain.intake import detect_language
from kezdesu.questions.models import Channel, Question, Topic

RAISED_CHANNELS = (Channel.RECEPTION, Channel.NGO_MEETING, Channel.MEDIA_BRIEFING)
QUESTION_MAX = 5000


@transaction.atomic
def record_raised_question(
    *,
    actor: User,
    visit: Visit,
    channel: str,
    text: str,
    district: District | None = None,
    topic: Topic | None = None,
) -> Question:
    """A question raised at the reception, the NGO meeting or the media briefing, recorded by staff without
    who raised it, published as it stands so that it can be behind a problem issue."""
    locked = lock_visit(actor, visit)
    if channel not in RAISED_CHANNELS:
        raise DomainError(
            _("Choose where the question was raised: the reception, the NGO meeting or the media briefing."),
            code="channel",
        )
    text = (text or "").strip()
    if not text:
        raise DomainError(_("Write the question that was raised."), code="no_text")
    if len(text) > QUESTION_MAX:
        raise DomainError(
            _("The question may have at most %(max)s characters.") % {"max": QUESTION_MAX}, code="too_long"
        )
    if district is not None and district.region_id != locked.region_id:
        raise DomainError(_("The district must be in the visit's region."), code="district_not_in_region")
    now = timezone.now()
    question = Question.objects.create(
        visit=locked,
        channel=channel,
        text=text,
        published_text=text,
        fingerprint=question_fingerprint(text),
        language=detect_language(text),
        region=locked.region,
        district=district,
        topic=topic,
        status=Question.Status.PUBLISHED,
        received_at=now,
        moderated_by=actor,
        moderated_at=now,
    )
    record_audit(
        actor=actor,
        action="followup.raised_question",
        target=question,
        organisation=locked.organisation,
        new={"channel": channel, "text": text, "district": question.district_id, "topic": question.topic_id},
    )
    return question


@transaction.atomic
def bring_reception_topics(*, actor: User, visit: Visit) -> int:
    """The topics citizens booked the reception for, as questions of the reception — the topic's text only,
    never the name, IIN or phone — awaiting moderation, as the citizen typed them. Once per booking: bringing
    them again adds only new bookings."""
    locked = lock_visit(actor, visit)
    bookings = list(
        Booking.objects.filter(slot__part__visit=locked, status=Booking.Status.BOOKED)
        .exclude(topic="")
        .only("pk", "topic", "created_at")
        .order_by("slot__starts_at", "pk")
    )
    known = set(
        Question.objects.filter(
            visit=locked, channel=Channel.RECEPTION, external_id__startswith="booking-"
        ).values_list("external_id", flat=True)
    )
    new = [
        Question(
            visit=locked,
            channel=Channel.RECEPTION,
            external_id=f"booking-{booking.pk}",
            text=booking.topic.strip(),
            fingerprint=question_fingerprint(booking.topic),
            language=detect_language(booking.topic),
            region=locked.region,
            # The citizen typed it and it may name people: moderators read it before it is published.
            status=Question.Status.RECEIVED,
            received_at=booking.created_at,
        )
        for booking in bookings
        if f"booking-{booking.pk}" not in known and booking.topic.strip()
    ]
    Question.objects.bulk_create(new)
    if new:
        record_audit(
            actor=actor,
            action="followup.reception_topics",
            target=locked,
            organisation=locked.organisation,
            new={"questions": len(new), "bookings": sorted(question.external_id for question in new)},
        )
    return len(new)
