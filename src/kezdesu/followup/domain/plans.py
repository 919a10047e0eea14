"""The action plan of a visit (R20): measures for each problem issue, with a deadline, an executor body (or a
national holding or company named in text) and the position responsible.

Edits name the measure's `revision` the planner saw; the row is locked and an edit on an older revision is
refused. A measure that has progress reported on a published issue is part of the public record: it can be
changed (the timeline says so) but not removed.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import F, Max
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.translation import gettext as _

from kezdesu.core.domain.audit import changed, record_audit, snapshot
from kezdesu.core.domain.notifications import notify
from kezdesu.core.errors import DomainError, NotPermitted
from kezdesu.followup.domain.timeline import record_event
from kezdesu.followup.domain.visit_end import end_date
from kezdesu.followup.models import IssueEvent, Measure, ProblemIssue
from kezdesu.organisations.models import Organisation, Role, User

LANGUAGES = ("kk", "ru", "en")
EDIT_PLAN = "followup.edit_plan"
TEXT_MAX = 4000
POSITION_MAX = 300
COMPANY_MAX = 300
MAX_YEARS_AHEAD = 5
EDITABLE_FIELDS = (
    "text_kk",
    "text_ru",
    "text_en",
    "deadline",
    "executor",
    "executor_company",
    "executor_position_kk",
    "executor_position_ru",
    "executor_position_en",
)
AUDITED = (*EDITABLE_FIELDS, "order")


def require_planner(actor: User, issue: ProblemIssue) -> None:
    if not actor.has_perm(EDIT_PLAN, issue.visit):
        raise NotPermitted(_("You may not edit the action plan of this visit."))


def latest_deadline(visit_end: datetime.date) -> datetime.date:
    try:
        return visit_end.replace(year=visit_end.year + MAX_YEARS_AHEAD)
    except ValueError:  # 29 February
        return visit_end.replace(year=visit_end.year + MAX_YEARS_AHEAD, day=28)


def validate_measure(
    values: dict[str, Any], *, issue: ProblemIssue, visit_end: datetime.date | None = None
) -> dict[str, Any]:
    """The measure's values cleaned, or a DomainError naming the first problem. Shared with the XLSX import."""
    clean = {key: (value.strip() if isinstance(value, str) else value) for key, value in values.items()}
    if not clean.get("text_kk") or not clean.get("text_ru"):
        raise DomainError(_("Write the measure in Kazakh and in Russian."), code="text_required")
    if any(len(clean.get(f"text_{code}") or "") > TEXT_MAX for code in LANGUAGES):
        raise DomainError(
            _("A measure may be at most %(max)s characters long.") % {"max": TEXT_MAX}, code="text_too_long"
        )
    deadline = clean.get("deadline")
    if not isinstance(deadline, datetime.date):
        raise DomainError(_("Give the measure a deadline (a date)."), code="deadline_required")
    visit_end = visit_end or end_date(issue.visit)
    if deadline < visit_end:
        raise DomainError(
            _("The deadline cannot be before the visit ended (%(day)s).") % {"day": visit_end.strftime("%d.%m.%Y")},
            code="deadline_too_early",
        )
    if deadline > latest_deadline(visit_end):
        raise DomainError(
            _("The deadline can be at most %(years)s years after the visit.") % {"years": MAX_YEARS_AHEAD},
            code="deadline_too_late",
        )
    executor: Organisation | None = values.get("executor")
    company = clean.get("executor_company") or ""
    if (executor is None) == (not company):
        raise DomainError(
            _("Name the executor: either a state body or a national holding or company, not both."),
            code="executor_required",
        )
    if executor is not None and not executor.is_active:
        raise DomainError(_("This body is no longer active; choose another executor."), code="executor_inactive")
    if len(company) > COMPANY_MAX:
        raise DomainError(
            _("The company's name may be at most %(max)s characters long.") % {"max": COMPANY_MAX},
            code="company_too_long",
        )
    if not clean.get("executor_position_kk") or not clean.get("executor_position_ru"):
        raise DomainError(_("Name the responsible position in Kazakh and in Russian."), code="position_required")
    if any(len(clean.get(f"executor_position_{code}") or "") > POSITION_MAX for code in LANGUAGES):
        raise DomainError(
            _("A position may be at most %(max)s characters long.") % {"max": POSITION_MAX}, code="position_too_long"
        )
    clean["executor_company"] = company
    for code in LANGUAGES:
        clean[f"text_{code}"] = clean.get(f"text_{code}") or ""
        clean[f"executor_position_{code}"] = clean.get(f"executor_position_{code}") or ""
    return clean


def executor_names(measure: Measure) -> dict[str, str]:
    """The executor's name in each language, for the timeline and notifications."""
    if measure.executor is None:
        return dict.fromkeys(LANGUAGES, measure.executor_company)
    organisation = measure.executor
    return {code: getattr(organisation, f"name_{code}", None) or organisation.name for code in LANGUAGES}


def _translated(measure: Measure, name: str) -> dict[str, str]:
    return {code: getattr(measure, f"{name}_{code}", None) or "" for code in LANGUAGES}


def _event_params(measure: Measure) -> dict[str, Any]:
    return {
        "deadline": measure.deadline.isoformat(),
        "executor": executor_names(measure),
        "measure": _translated(measure, "text"),
    }


def _issue_params(issue: ProblemIssue) -> dict[str, Any]:
    return {"issue": {code: f"{issue.number}. " + (getattr(issue, f"title_{code}", None) or "") for code in LANGUAGES}}


def _visit_name(issue: ProblemIssue) -> dict[str, str]:
    visit = issue.visit
    return {code: getattr(visit, f"title_{code}", None) or str(visit) for code in LANGUAGES}


def assignment_link() -> str:
    try:
        with translation.override(settings.LANGUAGE_CODE):
            return reverse("office:my_measures")
    except NoReverseMatch:
        return ""


def _notify_executor(measure: Measure, issue: ProblemIssue) -> None:
    """Tell a body other than the visiting ministry that it is responsible for a measure."""
    executor = measure.executor
    if executor is None or executor.pk == issue.visit.organisation_id:
        return
    recipients = User.objects.filter(
        is_active=True, memberships__organisation=executor, memberships__role__in=(Role.EDITOR, Role.APPROVER)
    ).distinct()
    notify(
        recipients=list(recipients),
        kind="followup.measure_assigned",
        params={
            **_issue_params(issue),
            "executor": executor_names(measure),
            "visit": _visit_name(issue),
            "deadline": measure.deadline.isoformat(),
            "measure": _translated(measure, "text"),
        },
        link=assignment_link(),
    )


@transaction.atomic
def add_measure(
    *,
    actor: User,
    issue: ProblemIssue,
    text_kk: str,
    text_ru: str,
    text_en: str = "",
    deadline: datetime.date | None,
    executor: Organisation | None = None,
    executor_company: str = "",
    executor_position_kk: str,
    executor_position_ru: str,
    executor_position_en: str = "",
) -> Measure:
    require_planner(actor, issue)
    values = validate_measure(
        {
            "text_kk": text_kk,
            "text_ru": text_ru,
            "text_en": text_en,
            "deadline": deadline,
            "executor": executor,
            "executor_company": executor_company,
            "executor_position_kk": executor_position_kk,
            "executor_position_ru": executor_position_ru,
            "executor_position_en": executor_position_en,
        },
        issue=issue,
    )
    return create_measure(actor=actor, issue=issue, values=values)


def create_measure(*, actor: User, issue: ProblemIssue, values: dict[str, Any]) -> Measure:
    """Create a measure from values `validate_measure` cleaned (the caller holds the transaction)."""
    last = Measure.objects.filter(issue=issue).aggregate(last=Max("order"))["last"]
    measure = Measure.objects.create(issue=issue, order=0 if last is None else last + 1, **values)
    record_audit(
        actor=actor,
        action="followup.measure_add",
        target=measure,
        organisation=issue.visit.organisation,
        new=snapshot(measure, AUDITED),
    )
    record_event(issue=issue, kind=IssueEvent.Kind.MEASURE_ADDED, measure=measure, params=_event_params(measure))
    _notify_executor(measure, issue)
    return measure


def _locked(actor: User, measure: Measure, revision: int | None) -> Measure:
    current = (
        Measure.objects.select_for_update(of=("self",))
        .select_related("issue__visit__organisation", "executor")
        .get(pk=measure.pk)
    )
    require_planner(actor, current.issue)
    if revision is not None and current.revision != revision:
        raise DomainError(
            _("Someone changed this measure meanwhile — the measure is shown as it is now."), code="changed_meanwhile"
        )
    return current


@transaction.atomic
def update_measure(*, actor: User, measure: Measure, revision: int | None, **fields: Any) -> Measure:
    """Change some of the measure's texts, deadline, executor or position."""
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"Not editable: {', '.join(sorted(unknown))}")
    current = _locked(actor, measure, revision)
    issue = current.issue
    old = snapshot(current, AUDITED)
    merged = {name: getattr(current, name) for name in EDITABLE_FIELDS}
    merged.update(fields)
    if "executor" in fields and fields["executor"] is not None and "executor_company" not in fields:
        merged["executor_company"] = ""
    if fields.get("executor_company") and "executor" not in fields:
        merged["executor"] = None
    values = validate_measure(merged, issue=issue)
    previous_executor = current.executor_id
    for name, value in values.items():
        setattr(current, name, value)
    new = snapshot(current, AUDITED)
    before, after = changed(old, new)
    if not after:
        return current
    current.revision = current.revision + 1
    current.save(update_fields=[*values.keys(), "revision", "updated_at"])
    record_audit(
        actor=actor,
        action="followup.measure_change",
        target=current,
        organisation=issue.visit.organisation,
        old=before,
        new=after,
    )
    record_event(issue=issue, kind=IssueEvent.Kind.MEASURE_CHANGED, measure=current, params=_event_params(current))
    if current.executor_id != previous_executor:
        _notify_executor(current, issue)
    return current


@transaction.atomic
def remove_measure(*, actor: User, measure: Measure, revision: int | None = None) -> None:
    """Remove a measure while its issue is unpublished or while nobody has reported on it."""
    current = _locked(actor, measure, revision)
    issue = current.issue
    if issue.published_at is not None and current.updates.exists():
        raise DomainError(
            _(
                "This measure is published and its executor has reported progress on it: it stays on the record. "
                "Change its deadline or text instead, or record why it was not done."
            ),
            code="measure_has_progress",
        )
    record_audit(
        actor=actor,
        action="followup.measure_remove",
        target=current,
        organisation=issue.visit.organisation,
        old=snapshot(current, AUDITED),
    )
    current.delete()
    Measure.objects.filter(issue=issue, order__gt=current.order).update(order=F("order") - 1)
