"""Problem issues (R19): staff systematise what a visit collected — the meeting, the reception, the NGO meeting,
the media briefing, online comments — into problem issues, each with the questions behind it.

Every change needs "followup.edit_issues" on the visit and writes an audit row. Edits name the issue's
`revision` the editor saw: a change made on an older revision is refused, never overwritten. A question is
behind one problem issue at most (IssueQuestion's one-to-one); an issue's `citizens` is its number of questions.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.translation import gettext as _

from kezdesu.core.domain.audit import changed, record_audit, snapshot
from kezdesu.core.errors import DomainError, NotPermitted
from kezdesu.core.models import AuditLog
from kezdesu.followup.domain.timeline import record_event
from kezdesu.followup.models import Follower, IssueEvent, IssueQuestion, Measure, MeasureStatus, ProblemIssue
from kezdesu.meetings.models import Visit
from kezdesu.organisations.models import District, Organisation, Region, User
from kezdesu.questions.models import Question, Topic

EDIT = "followup.edit_issues"
# A visit takes problem issues once it is announced (its meeting may have happened) or held.
TAKES_ISSUES = (Visit.Status.PUBLISHED, Visit.Status.HELD)
COMPETENT_KINDS = (Organisation.Kind.MINISTRY, Organisation.Kind.AKIMAT)
TEXT_FIELDS = ("title_kk", "title_ru", "title_en", "description_kk", "description_ru", "description_en")
PLACE_FIELDS = ("region", "district", "sector", "competent_body", "competent_company")
ISSUE_FIELDS = (*TEXT_FIELDS, *PLACE_FIELDS)
STATUS_FIELDS = ("status", "status_note_kk", "status_note_ru", "status_note_en", "solved_on")
TITLE_MAX = 300
TEXT_MAX = 10000


# --- checks shared by every change -------------------------------------------------------------------------


def _require_editor(actor: User, visit: Visit) -> None:
    if not actor.has_perm(EDIT, visit):
        raise NotPermitted(_("You may not edit the problem issues of this visit."))


def lock_visit(actor: User, visit: Visit) -> Visit:
    """The visit, locked: issue numbers and links of one visit change one editor at a time."""
    _require_editor(actor, visit)
    locked = Visit.objects.select_for_update(of=("self",)).select_related("region", "organisation").get(pk=visit.pk)
    if locked.status not in TAKES_ISSUES:
        raise DomainError(
            _("Problem issues are recorded for a visit that took place, not for one cancelled or being prepared."),
            code="visit_not_held",
        )
    return locked


def _stale_message(issue: ProblemIssue) -> str:
    last = (
        AuditLog.objects.filter(
            target_type__app_label="followup", target_type__model="problemissue", target_id=str(issue.pk)
        )
        .only("actor_label")
        .order_by("-at", "-pk")
        .first()
    )
    who = last.actor_label if last and last.actor_label else _("unknown")
    return _(
        "Someone else (%(who)s) has just changed this problem issue — it is shown as it is now; make your change again."
    ) % {"who": who}


def _locked_issue(actor: User, issue: ProblemIssue, revision: int | None) -> tuple[Visit, ProblemIssue]:
    visit = lock_visit(actor, issue.visit)
    current = ProblemIssue.objects.select_for_update(of=("self",)).get(pk=issue.pk)
    if revision is not None and current.revision != revision:
        raise DomainError(_stale_message(current), code="changed_meanwhile")
    return visit, current


def _bump(issue: ProblemIssue) -> None:
    ProblemIssue.objects.filter(pk=issue.pk).update(revision=F("revision") + 1)
    issue.revision += 1


def _text(values: dict[str, Any], name: str, limit: int) -> str:
    value = str(values.get(name) or "").strip()
    if len(value) > limit:
        raise DomainError(
            _("%(field)s may have at most %(max)s characters.") % {"field": _field_label(name), "max": limit},
            code="too_long",
        )
    return value


def _field_label(name: str) -> str:
    labels = {
        "title_kk": _("The title in Kazakh"),
        "title_ru": _("The title in Russian"),
        "title_en": _("The title in English"),
        "description_kk": _("The description in Kazakh"),
        "description_ru": _("The description in Russian"),
        "description_en": _("The description in English"),
        "competent_company": _("The national holding or company"),
    }
    return labels.get(name, name)


def _cleaned(values: dict[str, Any], visit: Visit) -> dict[str, Any]:
    """The issue's fields checked: kk and ru titles, the place in the visit's region, one competent body."""
    clean: dict[str, Any] = {}
    for name in ("title_kk", "title_ru", "title_en"):
        clean[name] = _text(values, name, TITLE_MAX)
    for name in ("description_kk", "description_ru", "description_en"):
        clean[name] = _text(values, name, TEXT_MAX)
    if not clean["title_kk"] or not clean["title_ru"]:
        raise DomainError(_("Give the problem issue a title in Kazakh and in Russian."), code="no_title")
    region: Region = values.get("region") or visit.region
    district: District | None = values.get("district")
    if district is not None and district.region_id != region.pk:
        raise DomainError(_("The district must be in the problem issue's region."), code="district_not_in_region")
    sector: Topic | None = values.get("sector")
    body: Organisation | None = values.get("competent_body")
    company = _text(values, "competent_company", TITLE_MAX)
    if (body is None) == (not company):
        raise DomainError(
            _("Name the competent body: either a ministry or akimat, or a national holding or company — one of them."),
            code="competent_body",
        )
    if body is not None and body.kind not in COMPETENT_KINDS:
        raise DomainError(_("The competent body must be a ministry or an akimat."), code="competent_body_kind")
    clean.update(region=region, district=district, sector=sector, competent_body=body, competent_company=company)
    return clean


def _free_questions(visit: Visit, questions: Iterable[Question]) -> list[Question]:
    """The questions locked, checked to be the visit's, not hidden and behind no problem issue yet."""
    wanted = {question.pk for question in questions}
    if not wanted:
        raise DomainError(_("Choose at least one question."), code="no_questions")
    found = list(Question.objects.select_for_update().filter(pk__in=wanted, visit=visit).order_by("received_at", "pk"))
    if len(found) != len(wanted):
        raise DomainError(_("Only questions of this visit can be behind its problem issues."), code="other_visit")
    if any(question.status == Question.Status.HIDDEN for question in found):
        raise DomainError(_("A hidden question cannot be behind a problem issue."), code="hidden")
    if IssueQuestion.objects.filter(question_id__in=wanted).exists():
        raise DomainError(
            _("Some of the questions are behind another problem issue already: move them instead."), code="linked"
        )
    return found


def _recount(issues: Iterable[ProblemIssue]) -> None:
    for issue in issues:
        issue.citizens = IssueQuestion.objects.filter(issue=issue).count()
        ProblemIssue.objects.filter(pk=issue.pk).update(citizens=issue.citizens, revision=F("revision") + 1)
        issue.revision += 1


def _enrol_if_public(issue: ProblemIssue) -> None:
    if issue.published_at is not None:
        # Written by the followers' module; imported here so this module loads on its own.
        from kezdesu.followup.domain.followers import enrol_askers

        enrol_askers(issue)


def _values(issue: ProblemIssue) -> dict[str, Any]:
    return snapshot(issue, ISSUE_FIELDS)


# --- creating and editing ------------------------------------------------------------------------------------


def _create(actor: User, visit: Visit, questions: list[Question], values: dict[str, Any]) -> ProblemIssue:
    number = (ProblemIssue.objects.filter(visit=visit).aggregate(last=Max("number"))["last"] or 0) + 1
    issue = ProblemIssue.objects.create(visit=visit, number=number, citizens=len(questions), created_by=actor, **values)
    IssueQuestion.objects.bulk_create([IssueQuestion(issue=issue, question=question) for question in questions])
    record_event(issue=issue, kind=IssueEvent.Kind.RAISED, params={"citizens": issue.citizens})
    record_audit(
        actor=actor,
        action="followup.issue_create",
        target=issue,
        organisation=visit.organisation,
        new={**_values(issue), "number": number, "questions": [question.pk for question in questions]},
    )
    return issue


@transaction.atomic
def create_issue(
    *,
    actor: User,
    visit: Visit,
    questions: Sequence[Question],
    title_kk: str,
    title_ru: str,
    title_en: str = "",
    description_kk: str = "",
    description_ru: str = "",
    description_en: str = "",
    region: Region | None = None,
    district: District | None = None,
    sector: Topic | None = None,
    competent_body: Organisation | None = None,
    competent_company: str = "",
) -> ProblemIssue:
    """A new problem issue of the visit, numbered next, from questions behind no issue yet."""
    locked = lock_visit(actor, visit)
    values = _cleaned(
        {
            "title_kk": title_kk,
            "title_ru": title_ru,
            "title_en": title_en,
            "description_kk": description_kk,
            "description_ru": description_ru,
            "description_en": description_en,
            "region": region,
            "district": district,
            "sector": sector,
            "competent_body": competent_body,
            "competent_company": competent_company,
        },
        locked,
    )
    return _create(actor, locked, _free_questions(locked, questions), values)


@transaction.atomic
def update_issue(*, actor: User, issue: ProblemIssue, revision: int, **fields: Any) -> ProblemIssue:
    """Change the issue's titles, descriptions, place, sector or competent body; fields not given stay."""
    unknown = set(fields) - set(ISSUE_FIELDS)
    if unknown:
        raise DomainError(
            _("These cannot be changed here: %(fields)s.") % {"fields": ", ".join(sorted(unknown))}, code="unknown"
        )
    visit, current = _locked_issue(actor, issue, revision)
    old = _values(current)
    merged = {name: getattr(current, name) for name in ISSUE_FIELDS}
    merged.update(fields)
    values = _cleaned(merged, visit)
    for name, value in values.items():
        setattr(current, name, value)
    current.save(update_fields=[*ISSUE_FIELDS, "updated_at"])
    before, after = changed(old, _values(current))
    if not after:
        return current
    _bump(current)
    record_audit(
        actor=actor,
        action="followup.issue_update",
        target=current,
        organisation=visit.organisation,
        old=before,
        new=after,
    )
    return current


@transaction.atomic
def delete_issue(*, actor: User, issue: ProblemIssue, revision: int | None = None) -> None:
    """Remove a problem issue not yet published and without measures; its questions become free again."""
    visit, current = _locked_issue(actor, issue, revision)
    if current.published_at is not None:
        raise DomainError(_("A published problem issue cannot be deleted."), code="published")
    if Measure.objects.filter(issue=current).exists():
        raise DomainError(
            _("The problem issue has measures in the action plan: remove them or merge the issue into another."),
            code="has_measures",
        )
    questions = sorted(current.links.values_list("question_id", flat=True))
    record_audit(
        actor=actor,
        action="followup.issue_delete",
        target=current,
        organisation=visit.organisation,
        old={**_values(current), "number": current.number, "questions": questions},
    )
    current.delete()


# --- the questions behind issues ----------------------------------------------------------------------------


@transaction.atomic
def move_questions(*, actor: User, questions: Sequence[Question], to_issue: ProblemIssue) -> ProblemIssue:
    """Put questions behind `to_issue`: free ones, or ones taken from another issue of the same visit."""
    visit, target = _locked_issue(actor, to_issue, None)
    wanted = {question.pk for question in questions}
    if not wanted:
        raise DomainError(_("Choose at least one question."), code="no_questions")
    found = list(Question.objects.select_for_update().filter(pk__in=wanted, visit=visit))
    if len(found) != len(wanted):
        raise DomainError(_("Only questions of this visit can be behind its problem issues."), code="other_visit")
    if any(question.status == Question.Status.HIDDEN for question in found):
        raise DomainError(_("A hidden question cannot be behind a problem issue."), code="hidden")
    links = {
        link.question_id: link for link in IssueQuestion.objects.select_for_update().filter(question_id__in=wanted)
    }
    sources = {link.issue_id for link in links.values()} - {target.pk}
    moved = [pk for pk in wanted if pk not in links or links[pk].issue_id != target.pk]
    if not moved:
        raise DomainError(_("The questions are behind this problem issue already."), code="unchanged")
    IssueQuestion.objects.filter(question_id__in=moved).delete()
    IssueQuestion.objects.bulk_create([IssueQuestion(issue=target, question_id=pk) for pk in sorted(moved)])
    source_issues = list(ProblemIssue.objects.select_for_update().filter(pk__in=sources).order_by("pk"))
    _recount([target, *source_issues])
    record_audit(
        actor=actor,
        action="followup.questions_move",
        target=target,
        organisation=visit.organisation,
        old={"from_issues": sorted(sources)},
        new={"questions": sorted(moved), "citizens": target.citizens},
    )
    _enrol_if_public(target)
    return target


@transaction.atomic
def unlink_question(*, actor: User, question: Question) -> ProblemIssue:
    """Take a question from behind its problem issue: it waits to be placed again."""
    link = IssueQuestion.objects.filter(question=question).select_related("issue").first()
    if link is None:
        raise DomainError(_("The question is behind no problem issue."), code="not_linked")
    visit, issue = _locked_issue(actor, link.issue, None)
    IssueQuestion.objects.filter(pk=link.pk).delete()
    _recount([issue])
    record_audit(
        actor=actor,
        action="followup.question_unlink",
        target=issue,
        organisation=visit.organisation,
        old={"question": question.pk},
        new={"citizens": issue.citizens},
    )
    return issue


@transaction.atomic
def split_issue(
    *,
    actor: User,
    issue: ProblemIssue,
    questions: Sequence[Question],
    title_kk: str,
    title_ru: str,
    title_en: str = "",
    description_kk: str = "",
    description_ru: str = "",
    description_en: str = "",
    region: Region | None = None,
    district: District | None = None,
    sector: Topic | None = None,
    competent_body: Organisation | None = None,
    competent_company: str = "",
) -> ProblemIssue:
    """A new problem issue from some of `issue`'s questions. Place, sector and competent body not given are the
    original's."""
    visit, original = _locked_issue(actor, issue, None)
    wanted = {question.pk for question in questions}
    behind = set(original.links.values_list("question_id", flat=True))
    if not wanted:
        raise DomainError(_("Choose the questions that make the new problem issue."), code="no_questions")
    if not wanted <= behind:
        raise DomainError(_("Choose questions behind this problem issue."), code="not_behind")
    if wanted == behind:
        raise DomainError(_("Leave at least one question behind the problem issue you split."), code="all_questions")
    if competent_body is None and not competent_company:
        competent_body, competent_company = original.competent_body, original.competent_company
    values = _cleaned(
        {
            "title_kk": title_kk,
            "title_ru": title_ru,
            "title_en": title_en,
            "description_kk": description_kk,
            "description_ru": description_ru,
            "description_en": description_en,
            "region": region or original.region,
            "district": district if district is not None else original.district,
            "sector": sector if sector is not None else original.sector,
            "competent_body": competent_body,
            "competent_company": competent_company,
        },
        visit,
    )
    IssueQuestion.objects.filter(issue=original, question_id__in=wanted).delete()
    chosen = list(Question.objects.filter(pk__in=wanted).order_by("received_at", "pk"))
    new = _create(actor, visit, chosen, values)
    _recount([original])
    record_audit(
        actor=actor,
        action="followup.issue_split",
        target=original,
        organisation=visit.organisation,
        old={"questions": sorted(behind)},
        new={"new_issue": new.pk, "moved": sorted(wanted), "citizens": original.citizens},
    )
    if original.published_at is not None:
        # The new issue is born of a public one: it is public too, and its askers can follow it.
        new.published_at = original.published_at
        new.save(update_fields=["published_at"])
        _enrol_if_public(new)
    return new


@transaction.atomic
def merge_issues(*, actor: User, target: ProblemIssue, others: Sequence[ProblemIssue]) -> ProblemIssue:
    """Join `others` into `target`: their questions, measures, measure history and followers move; they go."""
    visit, kept = _locked_issue(actor, target, None)
    other_ids = {other.pk for other in others} - {kept.pk}
    if not other_ids:
        raise DomainError(_("Choose another problem issue to merge into this one."), code="no_others")
    joined = list(ProblemIssue.objects.select_for_update().filter(pk__in=other_ids, visit=visit).order_by("number"))
    if len(joined) != len(other_ids):
        raise DomainError(_("Only problem issues of the same visit can be merged."), code="other_visit")
    if kept.published_at is None and any(other.published_at is not None for other in joined):
        raise DomainError(
            _("A published problem issue can only be merged into another published one."), code="published"
        )
    IssueQuestion.objects.filter(issue__in=joined).update(issue=kept)
    last = Measure.objects.filter(issue=kept).aggregate(last=Max("order"))["last"]
    start = 0 if last is None else last + 1
    moved_measures = list(Measure.objects.filter(issue__in=joined).order_by("issue__number", "order", "pk"))
    for offset, measure in enumerate(moved_measures):
        measure.issue, measure.order = kept, start + offset
    Measure.objects.bulk_update(moved_measures, ["issue", "order"])
    # The measures' history goes with them; the merged issues' own events go with the issues.
    IssueEvent.objects.filter(issue__in=joined, measure__isnull=False).update(issue=kept)
    following = set(Follower.objects.filter(issue=kept).values_list("email", flat=True))
    for follower in Follower.objects.filter(issue__in=joined).order_by("pk"):
        if follower.email not in following:
            following.add(follower.email)
            Follower.objects.filter(pk=follower.pk).update(issue=kept)
    numbers = [other.number for other in joined]
    old = [{"id": other.pk, **_values(other), "number": other.number} for other in joined]
    ProblemIssue.objects.filter(pk__in=other_ids).delete()
    _recount([kept])
    record_event(issue=kept, kind=IssueEvent.Kind.MERGED, params={"numbers": numbers, "citizens": kept.citizens})
    record_audit(
        actor=actor,
        action="followup.issue_merge",
        target=kept,
        organisation=visit.organisation,
        old={"merged": old},
        new={"citizens": kept.citizens, "measures_moved": [measure.pk for measure in moved_measures]},
    )
    _enrol_if_public(kept)
    return kept


# --- status ----------------------------------------------------------------------------------------------------


@transaction.atomic
def set_issue_status(
    *,
    actor: User,
    issue: ProblemIssue,
    status: str,
    revision: int,
    note_kk: str = "",
    note_ru: str = "",
    note_en: str = "",
) -> ProblemIssue:
    """Raised, being solved, solved (every measure done, or not done with a note saying why) or cannot be
    solved (with the reason in Kazakh and Russian)."""
    visit, current = _locked_issue(actor, issue, revision)
    if status not in ProblemIssue.Status.values:
        raise DomainError(_("Choose the problem issue's status."), code="no_status")
    notes = {"kk": note_kk.strip(), "ru": note_ru.strip(), "en": note_en.strip()}
    if any(len(note) > TEXT_MAX for note in notes.values()):
        raise DomainError(_("The note may have at most %(max)s characters.") % {"max": TEXT_MAX}, code="too_long")
    explained = bool(notes["kk"] and notes["ru"])
    if status == ProblemIssue.Status.NOT_SOLVABLE and not explained:
        raise DomainError(_("Explain in Kazakh and in Russian why the problem cannot be solved."), code="note_required")
    if status == ProblemIssue.Status.SOLVED:
        measures = list(Measure.objects.filter(issue=current).values_list("status", flat=True))
        if any(state in (MeasureStatus.PLANNED, MeasureStatus.IN_PROGRESS) for state in measures):
            raise DomainError(
                _("The problem is solved only when every measure of its action plan is done."), code="measures_open"
            )
        if MeasureStatus.NOT_DONE in measures and not explained:
            raise DomainError(
                _("Some measures were not done: explain in Kazakh and in Russian how the problem was solved."),
                code="note_required",
            )
    old = snapshot(current, STATUS_FIELDS)
    current.status = status
    for code, note in notes.items():  # modeltranslation's status_note_kk/ru/en
        setattr(current, f"status_note_{code}", note)
    if status != ProblemIssue.Status.SOLVED:
        current.solved_on = None
    elif current.solved_on is None:
        current.solved_on = timezone.localdate()
    new = snapshot(current, STATUS_FIELDS)
    if old == new:
        raise DomainError(_("The problem issue has this status already."), code="unchanged")
    current.save(update_fields=[*STATUS_FIELDS, "updated_at"])
    _bump(current)
    params: dict[str, Any] = {"status": status}
    if any(notes.values()):
        params["note"] = notes
    record_event(issue=current, kind=IssueEvent.Kind.STATUS, params=params)
    before, after = changed(old, new)
    record_audit(
        actor=actor,
        action="followup.issue_status",
        target=current,
        organisation=visit.organisation,
        old=before,
        new=after,
    )
    return current
