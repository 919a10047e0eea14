"""The executors' quarterly progress on their measures (R21).

An executor body's editors and approvers report on its measures; the visiting ministry reports for a national
holding or company. A report belongs to the quarter it is made in; several may come in a quarter and the
last counts. The comment is public (the issue's timeline shows it); the form says so.
"""

from __future__ import annotations

import datetime
from urllib.parse import urlsplit

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kezdesu.core.domain.audit import changed, record_audit, snapshot
from kezdesu.core.errors import DomainError, NotPermitted
from kezdesu.followup.domain.queries.measures import quarter_of
from kezdesu.followup.domain.timeline import record_event
from kezdesu.followup.models import IssueEvent, Measure, MeasureStatus, ProblemIssue, ProgressUpdate
from kezdesu.organisations.models import Organisation, User
from kezdesu.organisations.rules import executes_measure, prepares_visit

REPORT_PROGRESS = "followup.report_progress"
COMMENT_MAX = 4000
LINKS_MAX = 20
LINK_MAX = 500
AUDITED = ("status", "percent", "evidence", "completed_on")


def clean_links(links: list[str]) -> list[str]:
    """The evidence links without blanks and duplicates; each must be an http(s) address."""
    cleaned: list[str] = []
    for raw in links:
        link = raw.strip()
        if not link or link in cleaned:
            continue
        parts = urlsplit(link)
        if parts.scheme not in ("http", "https") or not parts.netloc or len(link) > LINK_MAX or " " in link:
            raise DomainError(
                _("“%(link)s” is not a web address: each link must start with http:// or https://.")
                % {"link": link[:100]},
                code="bad_link",
            )
        cleaned.append(link)
    if len(cleaned) > LINKS_MAX:
        raise DomainError(_("Give at most %(max)s links.") % {"max": LINKS_MAX}, code="too_many_links")
    return cleaned


def may_report(actor: User, measure: Measure) -> bool:
    """The executor body's editors and approvers; the visiting ministry's only for a company's measure.

    Django lets superusers pass every permission; the executor answers for its own measure, so not here.
    """
    if not actor.has_perm(REPORT_PROGRESS, measure):
        return False
    if measure.executor is not None:
        return bool(executes_measure(actor, measure))
    return bool(prepares_visit(actor, measure.issue.visit))


def _validate(status: str, percent: int | None, comment: str, links: list[str]) -> None:
    if status not in MeasureStatus.values:
        raise DomainError(_("Choose the measure's status."), code="status_required")
    if percent is None or not 0 <= percent <= 100:
        raise DomainError(_("Give how much is done as a percentage from 0 to 100."), code="bad_percent")
    if not comment:
        raise DomainError(_("Write what has been done."), code="comment_required")
    if len(comment) > COMMENT_MAX:
        raise DomainError(
            _("The comment may be at most %(max)s characters long.") % {"max": COMMENT_MAX}, code="comment_too_long"
        )
    if status == MeasureStatus.DONE:
        if percent != 100:
            # xgettext:no-python-format
            raise DomainError(_("A measure that is done is 100% done."), code="done_not_100")
        if not links:
            raise DomainError(
                _("Give at least one link to evidence that the measure is done."), code="evidence_required"
            )


def _reporting_body(measure: Measure) -> Organisation:
    """The body the report is made for: the executor, or the visiting ministry for a company."""
    return measure.executor if measure.executor is not None else measure.issue.visit.organisation


@transaction.atomic
def report_progress(
    *,
    actor: User,
    measure: Measure,
    status: str,
    percent: int | None,
    comment: str,
    evidence_links: list[str],
    today: datetime.date | None = None,
) -> ProgressUpdate:
    today = today or timezone.localdate()
    current = (
        Measure.objects.select_for_update(of=("self",))
        .select_related("issue__visit__organisation", "executor")
        .get(pk=measure.pk)
    )
    if not may_report(actor, current):
        raise NotPermitted(_("You may not report progress on this measure."))
    comment = (comment or "").strip()
    links = clean_links(evidence_links)
    _validate(status, percent, comment, links)
    assert percent is not None
    year, quarter = quarter_of(today)
    update = ProgressUpdate.objects.create(
        measure=current,
        year=year,
        quarter=quarter,
        status=status,
        percent=percent,
        comment=comment,
        evidence_links=links,
        organisation=_reporting_body(current),
        reported_by=actor,
    )
    old = snapshot(current, AUDITED)
    previous_status = current.status
    current.status = status
    current.percent = percent
    if links:
        current.evidence = "\n".join(links)
    current.completed_on = (current.completed_on or today) if status == MeasureStatus.DONE else None
    current.revision = current.revision + 1
    current.save(update_fields=["status", "percent", "evidence", "completed_on", "revision", "updated_at"])
    before, after = changed(old, snapshot(current, AUDITED))
    record_audit(
        actor=actor,
        action="followup.progress_report",
        target=current,
        organisation=update.organisation,
        old=before,
        new={**after, "year": year, "quarter": quarter, "update": update.pk},
    )
    issue = current.issue
    if issue.status == ProblemIssue.Status.RAISED:
        ProblemIssue.objects.filter(pk=issue.pk).update(
            status=ProblemIssue.Status.IN_PROGRESS, revision=issue.revision + 1
        )
        record_audit(
            actor=actor,
            action="followup.issue_status",
            target=issue,
            organisation=issue.visit.organisation,
            old={"status": issue.status},
            new={"status": ProblemIssue.Status.IN_PROGRESS},
        )
        record_event(
            issue=issue,
            kind=IssueEvent.Kind.STATUS,
            params={"status": ProblemIssue.Status.IN_PROGRESS, "old_status": issue.status},
        )
        issue.status = ProblemIssue.Status.IN_PROGRESS
        issue.revision += 1
    record_event(
        issue=issue,
        kind=IssueEvent.Kind.PROGRESS,
        measure=current,
        params={"status": status, "percent": percent, "comment": comment, "year": year, "quarter": quarter},
    )
    if status != previous_status:
        record_event(
            issue=issue,
            kind=IssueEvent.Kind.STATUS,
            measure=current,
            params={"status": status, "old_status": previous_status},
        )
    return update
