"""Questions reaching a visit from every channel (R10, R11): the meeting page's form, imported exports,
integrations and the akimat's systemic problems.

Every question starts "received": it waits for moderation before the public sees it. Every question
gets the fingerprint of its text, so that exact duplicates are found whatever their case,
punctuation or spacing.

When questions close: the web form and integrations take questions until the visit's
`questions_close_at` or the start of the meeting, whichever comes first. Staff imports of other
channels' exports are not closed by that time (an akim's meeting may be reported late); they are
refused only for a cancelled visit.
"""

from __future__ import annotations

import datetime
import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from kezdesu.core.domain.audit import record_audit
from kezdesu.core.errors import DomainError, NotPermitted
from kezdesu.meetings.models import Visit, VisitPart
from kezdesu.organisations.models import District, Region
from kezdesu.planning.domain.queries.schedule import akimat_of_region
from kezdesu.planning.models import SystemicProblem
from kezdesu.questions.domain.fingerprint import question_fingerprint
from kezdesu.questions.models import Channel, ImportBatch, Question, Topic
from kezdesu.questions.tasks import group_after_commit

TEXT_MIN_LENGTH = 10
TEXT_MAX_LENGTH = 3000
NAME_MAX_LENGTH = 300
CONTACT_MAX_LENGTH = 300
EXTERNAL_ID_MAX_LENGTH = 200
# Exports of other platforms, uploaded by staff.
IMPORT_CHANNELS = (Channel.BLOG, Channel.EOTINISH, Channel.SOCIAL, Channel.AKIM_MEETING)
# What an integration may deliver through the API.
INTEGRATION_CHANNELS = (*IMPORT_CHANNELS, Channel.API)

# A tag-like "<word ...>" or "</word>", or a script or event-handler fragment: questions are plain text.
MARKUP = re.compile(r"<\s*/?\s*[a-z][^<>]*>|<\s*script|javascript\s*:|\bon[a-z]+\s*=\s*[\"']", re.IGNORECASE)
# Letters that only Kazakh writes in Cyrillic.
KAZAKH_LETTERS = set("әғқңөұүһі")


def fingerprint(text: str) -> str:
    """The sha256 of the text's words: case, punctuation and extra spaces dropped, letters of any script kept.

    One definition for intake and grouping (questions/domain/fingerprint.py), so that equal texts match.
    """
    return question_fingerprint(text)


def detect_language(text: str) -> str:
    """A guess good enough to sort questions: Kazakh letters mean kk, other Cyrillic ru, Latin en."""
    letters = [char for char in text.casefold() if char.isalpha()]
    if not letters:
        return ""
    if any(char in KAZAKH_LETTERS for char in letters):
        return "kk"
    cyrillic = sum(1 for char in letters if "а" <= char <= "я" or char == "ё")
    return "ru" if cyrillic * 2 >= len(letters) else "en"


def contains_markup(text: str) -> bool:
    return bool(MARKUP.search(text))


def text_problem(text: str) -> str | None:
    """Why the text cannot be a question, translated; None when it can."""
    if contains_markup(text):
        return _(
            "Write the question as plain text: it contains HTML tags or a script, which cannot be accepted. "
            "Remove the angle brackets and what is between them."
        )
    if len(text) < TEXT_MIN_LENGTH:
        return _("The question is too short: write at least %(min)s characters.") % {"min": TEXT_MIN_LENGTH}
    if len(text) > TEXT_MAX_LENGTH:
        return _("The question is too long: %(length)s characters, at most %(max)s.") % {
            "length": len(text),
            "max": TEXT_MAX_LENGTH,
        }
    return None


def questions_deadline(visit: Visit) -> datetime.datetime:
    """When the web form and integrations stop taking questions: the set time or the meeting's start."""
    starts_at = (
        VisitPart.objects.filter(visit=visit, kind=VisitPart.Kind.MEETING).values_list("starts_at", flat=True).first()
    )
    return questions_deadline_at(visit, meeting_starts_at=starts_at)


def questions_deadline_at(visit: Visit, *, meeting_starts_at: datetime.datetime | None) -> datetime.datetime:
    """`questions_deadline` for a caller that has already read the meeting's start (a list of visits)."""
    starts_at = meeting_starts_at
    if starts_at is None:  # no time yet: the visit's first day
        starts_at = timezone.make_aware(datetime.datetime.combine(visit.start_date, datetime.time.min))
    if visit.questions_close_at is not None:
        return min(visit.questions_close_at, starts_at)
    return starts_at


def questions_open(visit: Visit, *, now: datetime.datetime | None = None) -> bool:
    return visit.status == Visit.Status.PUBLISHED and (now or timezone.now()) < questions_deadline(visit)


def _check_open(visit: Visit) -> None:
    if visit.status != Visit.Status.PUBLISHED:
        raise DomainError(_("This visit does not take questions."), code="not_published")
    if not questions_open(visit):
        raise DomainError(_("Questions to this meeting are closed."), code="questions_closed")


def _check_place(visit: Visit, region: Region | None, district: District | None) -> tuple[Region, District | None]:
    region = region or visit.region
    if district is not None and district.region_id != region.pk:
        raise DomainError(_("The district or town is not in the region chosen."), code="district_region")
    return region, district


def _check_personal_data(author_name: str, contact: str, consent: bool) -> None:
    if len(author_name) > NAME_MAX_LENGTH or len(contact) > CONTACT_MAX_LENGTH:
        raise DomainError(
            _("The name and the contact may have at most %(max)s characters each.") % {"max": NAME_MAX_LENGTH},
            code="too_long",
        )
    if contains_markup(author_name) or contains_markup(contact):
        raise DomainError(_("Write the name and the contact as plain text, without HTML tags."), code="markup")
    if (author_name or contact) and not consent:
        raise DomainError(
            _(
                "You gave your name or a contact: tick the consent to the processing of personal data, "
                "or leave both empty to ask anonymously."
            ),
            code="consent",
        )


def updates_problem(contact: str, consent: bool) -> str | None:
    """Why the asker cannot be e-mailed about their question's problem issue, translated; None when they can."""
    try:
        validate_email(contact.strip())
    except ValidationError:
        return _("To hear what becomes of your question, give your e-mail address as the contact.")
    if not consent:
        return _("To hear what becomes of your question by e-mail, tick the consent to the processing of your contact.")
    return None


def _checked_text(text: str) -> str:
    text = text.strip()
    problem = text_problem(text)
    if problem:
        raise DomainError(problem, code="text")
    return text


def _received_audit(question: Question, *, actor: Any) -> None:
    # Only whether personal data came, never the data itself: the audit trail is read widely.
    record_audit(
        actor=actor,
        action="questions.received",
        target=question,
        organisation=question.visit.organisation,
        new={
            "visit": question.visit_id,
            "channel": question.channel,
            "external_id": question.external_id,
            "topic": question.topic_id,
            "region": question.region_id,
            "district": question.district_id,
            "with_name": bool(question.author_name),
            "with_contact": bool(question.contact),
            "consent": question.consent,
            "wants_updates": question.wants_updates,
        },
    )


@transaction.atomic
def submit_question(
    *,
    actor: Any = None,
    visit: Visit,
    text: str,
    topic: Topic | None,
    region: Region | None = None,
    district: District | None = None,
    author_name: str = "",
    contact: str = "",
    consent: bool = False,
    wants_updates: bool = False,
) -> Question:
    """A citizen's question from the meeting page. Anonymous unless a name is given; a name or a
    contact needs consent to the processing of personal data. `wants_updates`: e-mail the asker what
    becomes of the question once its problem issue is public; needs an e-mail contact and consent."""
    _check_open(visit)
    text = _checked_text(text)
    region, district = _check_place(visit, region, district)
    author_name, contact = author_name.strip(), contact.strip()
    _check_personal_data(author_name, contact, consent)
    if wants_updates:
        problem = updates_problem(contact, consent)
        if problem:
            raise DomainError(problem, code="wants_updates")
    question = Question.objects.create(
        visit=visit,
        channel=Channel.WEB,
        author_name=author_name,
        region=region,
        district=district,
        topic=topic,
        text=text,
        fingerprint=fingerprint(text),
        language=detect_language(text),
        contact=contact,
        consent=bool(consent) and bool(author_name or contact),
        wants_updates=bool(wants_updates),
        received_at=timezone.now(),
    )
    _received_audit(question, actor=actor)
    group_after_commit(visit)
    return question


def _check_may_import(actor: Any, visit: Visit) -> None:
    if not actor.has_perm("questions.import_questions", visit):
        raise NotPermitted(_("You may not add questions to this visit."))


def receive_from_integration(
    *,
    actor: Any,
    visit: Visit,
    channel: str,
    external_id: str,
    text: str,
    received_at: datetime.datetime | None = None,
    author_name: str = "",
    region: Region | None = None,
    district: District | None = None,
    topic: Topic | None = None,
    contact: str = "",
    consent: bool = False,
) -> tuple[Question, bool]:
    """A question an integration delivers. The channel and its id make it idempotent: delivered again,
    the question already there is returned with False."""
    _check_may_import(actor, visit)
    if channel not in INTEGRATION_CHANNELS:
        raise DomainError(_("Questions cannot be delivered for this channel."), code="channel")
    external_id = external_id.strip()
    if not external_id or len(external_id) > EXTERNAL_ID_MAX_LENGTH:
        raise DomainError(
            _("Give the question's id in the source system, at most %(max)s characters.")
            % {"max": EXTERNAL_ID_MAX_LENGTH},
            code="external_id",
        )
    existing = Question.objects.filter(visit=visit, channel=channel, external_id=external_id).first()
    if existing is not None:
        return existing, False
    _check_open(visit)
    text = _checked_text(text)
    region, district = _check_place(visit, region, district)
    author_name, contact = author_name.strip(), contact.strip()
    _check_personal_data(author_name, contact, consent)
    try:
        with transaction.atomic():
            question = Question.objects.create(
                visit=visit,
                channel=channel,
                external_id=external_id,
                author_name=author_name,
                region=region,
                district=district,
                topic=topic,
                text=text,
                fingerprint=fingerprint(text),
                language=detect_language(text),
                contact=contact,
                consent=bool(consent),
                received_at=received_at or timezone.now(),
            )
            _received_audit(question, actor=actor)
    except IntegrityError:  # delivered twice at the same moment: the other delivery won
        return Question.objects.get(visit=visit, channel=channel, external_id=external_id), False
    group_after_commit(visit)
    return question, True


# Imports of exported files. The interface (questions/interfaces/importers.py) reads the file into rows
# of plain strings; the rules about what a row may hold are here.


@dataclass(frozen=True)
class ImportRow:
    number: int  # as the person who opens the file sees it: the spreadsheet's row, the list's item
    external_id: str
    date: str
    name: str
    region: str
    district: str
    topic: str
    text: str
    contact: str


@dataclass(frozen=True)
class QuestionFile:
    file_name: str
    file_format: str  # ImportBatch.Format
    rows: Sequence[ImportRow]


@dataclass
class _Places:
    """Regions, districts and topics by every name they are written with (any language, any case)."""

    regions: dict[str, Region] = field(default_factory=dict)
    districts: dict[tuple[int, str], District] = field(default_factory=dict)
    topics: dict[str, Topic] = field(default_factory=dict)

    @classmethod
    def load(cls) -> _Places:
        places = cls()
        for region in Region.objects.all():
            for key in (region.kato, *_names(region)):
                if key:
                    places.regions[key.casefold()] = region
        for district in District.objects.all():
            for key in (district.kato, *_names(district)):
                if key:
                    places.districts[(district.region_id, key.casefold())] = district
        for topic in Topic.objects.all():
            for key in (topic.code, *_names(topic)):
                if key:
                    places.topics[key.casefold()] = topic
        return places


def _names(instance: Region | District | Topic) -> list[str]:
    """The name in every language (modeltranslation's name_kk, name_ru, name_en)."""
    return [getattr(instance, f"name_{language}") or "" for language in ("kk", "ru", "en")]


DATE_FORMATS = ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d", "%d.%m.%Y %H:%M:%S", "%d.%m.%Y %H:%M", "%d.%m.%Y")


def parse_received(value: str) -> datetime.datetime | None:
    """An export's date: ISO 8601 or dd.mm.yyyy, with or without a time; a date without a zone is local."""
    value = value.strip()
    try:
        moment = datetime.datetime.fromisoformat(value)
    except ValueError:
        for pattern in DATE_FORMATS:
            try:
                moment = datetime.datetime.strptime(value, pattern)
                break
            except ValueError:
                continue
        else:
            return None
    return moment if timezone.is_aware(moment) else timezone.make_aware(moment)


def row_external_id(row: ImportRow) -> str:
    """The row's id in the source, or one made of its content: the same row imported again gets the same id."""
    if row.external_id.strip():
        return row.external_id.strip()
    content = "\x1f".join((row.date, row.name, row.region, row.district, row.topic, row.text, row.contact))
    return "row-" + hashlib.sha256(content.encode("utf-8")).hexdigest()[:32]


def _question_of_row(row: ImportRow, *, visit: Visit, places: _Places, now: datetime.datetime) -> Question | str:
    """The question a row holds, or why it is refused."""
    text = row.text.strip()
    if not text:
        return _("The text is empty.")
    problem = text_problem(text)
    if problem:
        return problem
    if len(row.external_id.strip()) > EXTERNAL_ID_MAX_LENGTH:
        return _("The id is longer than %(max)s characters.") % {"max": EXTERNAL_ID_MAX_LENGTH}
    if len(row.name.strip()) > NAME_MAX_LENGTH or len(row.contact.strip()) > CONTACT_MAX_LENGTH:
        return _("The name or the contact is longer than %(max)s characters.") % {"max": NAME_MAX_LENGTH}
    received_at = now
    if row.date.strip():
        parsed = parse_received(row.date)
        if parsed is None:
            return _("The date “%(date)s” is not understood: write it as 2027-03-01 or 01.03.2027.") % {
                "date": row.date.strip()
            }
        received_at = parsed
    region = visit.region
    if row.region.strip():
        found = places.regions.get(row.region.strip().casefold())
        if found is None:
            return _("The region “%(region)s” is not known.") % {"region": row.region.strip()}
        region = found
    district = None
    if row.district.strip():
        district = places.districts.get((region.pk, row.district.strip().casefold()))
        if district is None:
            return _("The district or town “%(district)s” is not known in %(region)s.") % {
                "district": row.district.strip(),
                "region": region.name,
            }
    return Question(
        visit=visit,
        external_id=row_external_id(row),
        author_name=row.name.strip(),
        region=region,
        district=district,
        # A topic the export names differently is left for the moderator to choose.
        topic=places.topics.get(row.topic.strip().casefold()),
        text=text,
        fingerprint=fingerprint(text),
        language=detect_language(text),
        contact=row.contact.strip(),
        received_at=received_at,
    )


def save_import_batch(
    *,
    actor: Any,
    visit: Visit,
    channel: str,
    source: QuestionFile,
    new: list[Question],
    already_there: int,
    refused: list[dict[str, Any]],
) -> ImportBatch:
    """Record one import with what it added and refused, and save its new questions in bulk."""
    batch = ImportBatch.objects.create(
        visit=visit,
        channel=channel,
        file_name=source.file_name[:300],
        file_format=source.file_format,
        created=len(new),
        already_there=already_there,
        refused=refused,
        uploaded_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    for question in new:
        question.import_batch = batch
    Question.objects.bulk_create(new, batch_size=1000)
    return batch


@transaction.atomic
def import_questions(*, actor: Any, visit: Visit, channel: str, source: QuestionFile) -> ImportBatch:
    """Add the questions of an exported file; all in one transaction.

    Rows already imported for this visit and channel (the same id) are counted, not added again;
    rows that cannot be questions are listed in the batch with their number and the reason.
    """
    _check_may_import(actor, visit)
    if channel not in IMPORT_CHANNELS:
        raise DomainError(_("Choose the channel the file was exported from."), code="channel")
    if visit.status == Visit.Status.CANCELLED:
        raise DomainError(_("The visit is cancelled: it takes no questions."), code="cancelled")
    places = _Places.load()
    now = timezone.now()
    known = set(
        Question.objects.filter(visit=visit, channel=channel)
        .exclude(external_id="")
        .values_list("external_id", flat=True)
    )
    first_row_of: dict[str, int] = {}
    refused: list[dict[str, Any]] = []
    new: list[Question] = []
    already_there = 0
    for row in source.rows:
        outcome = _question_of_row(row, visit=visit, places=places, now=now)
        if isinstance(outcome, str):
            refused.append({"row": row.number, "reason": outcome})
            continue
        if outcome.external_id in known:
            already_there += 1
            continue
        if outcome.external_id in first_row_of:
            refused.append(
                {
                    "row": row.number,
                    "reason": _("The id “%(id)s” repeats row %(row)s.")
                    % {"id": outcome.external_id, "row": first_row_of[outcome.external_id]},
                }
            )
            continue
        first_row_of[outcome.external_id] = row.number
        outcome.channel = channel
        new.append(outcome)
    batch = save_import_batch(
        actor=actor, visit=visit, channel=channel, source=source, new=new, already_there=already_there, refused=refused
    )
    record_audit(
        actor=actor,
        action="questions.imported",
        target=batch,
        organisation=visit.organisation,
        new={
            "visit": visit.pk,
            "channel": channel,
            "file_name": batch.file_name,
            "file_format": batch.file_format,
            "created": batch.created,
            "already_there": already_there,
            "refused": len(refused),
        },
    )
    if new:
        group_after_commit(visit)
    return batch


def systemic_problems_for(visit: Visit) -> Iterable[SystemicProblem]:
    """The systemic problems the region's akimat sent to the visiting ministry (or one of its committees),
    of the half-year of the visit and the one before."""
    akimat = akimat_of_region(visit.region)
    if akimat is None:
        return SystemicProblem.objects.none()
    first = visit.start_date.replace(month=1 if visit.start_date.month < 7 else 7, day=1)
    earliest = first.replace(year=first.year - 1, month=7) if first.month == 1 else first.replace(month=1)
    return (
        SystemicProblem.objects.filter(
            akimat=akimat,
            region=visit.region,
            status__in=(SystemicProblem.Status.SENT, SystemicProblem.Status.ANSWERED),
            half_year_start__gte=earliest,
            half_year_start__lte=first,
        )
        .filter(Q(competent_body=visit.organisation) | Q(competent_body__parent=visit.organisation))
        .select_related("akimat")
        .order_by("half_year_start", "pk")
    )


@transaction.atomic
def attach_systemic_problems(*, actor: Any, visit: Visit) -> list[Question]:
    """Each systemic problem the akimat sent to this ministry becomes a question of the visit, once (R11)."""
    _check_may_import(actor, visit)
    if visit.status == Visit.Status.CANCELLED:
        raise DomainError(_("The visit is cancelled: it takes no questions."), code="cancelled")
    attached = set(
        Question.objects.filter(visit=visit, channel=Channel.SYSTEMIC_PROBLEM).values_list("external_id", flat=True)
    )
    created = []
    for problem in systemic_problems_for(visit):
        if str(problem.pk) in attached:
            continue
        text = f"{problem.title}\n\n{problem.description}".strip()
        created.append(
            Question.objects.create(
                visit=visit,
                channel=Channel.SYSTEMIC_PROBLEM,
                external_id=str(problem.pk),
                author_name=problem.akimat.name,
                region=visit.region,
                text=text,
                fingerprint=fingerprint(text),
                language=detect_language(text),
                received_at=problem.sent_at or timezone.now(),
                systemic_problem=problem,
            )
        )
    if created:
        record_audit(
            actor=actor,
            action="questions.systemic_problems_attached",
            target=visit,
            organisation=visit.organisation,
            new={"questions": [question.pk for question in created], "problems": [q.external_id for q in created]},
        )
    return created
