"""A ministry's quarterly information (R22, G1.4): compiled from the records, with a narrative its editors write,
approved by its approver (freezing the figures as a snapshot) and submitted to the authorized body by the 10th
of the month after the quarter, which closes the profile's `quarterly-information` obligation.

The authorized body may return a submitted pack for correction: it goes back to draft with the comment. The
obligation stays met on the day of the first submission (the pack was submitted in time or not on that day; the
correction does not undo it); resubmitting replaces the snapshot and the submission time. Acts without a
`quarterly-information` rule (REG-2022) require no pack: `quarterly_obligation` is None for their quarters.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kezdesu.core.domain.audit import record_audit, save_changed_fields
from kezdesu.core.domain.notifications import notify, register_kind
from kezdesu.core.errors import DomainError, NotPermitted
from kezdesu.followup.domain.queries.progress_reports import quarter_bounds
from kezdesu.organisations.models import Organisation
from kezdesu.planning.domain.queries.recipients import coordinators, people_with_roles
from kezdesu.regulations.domain.obligations import Obligation, periodic_obligation
from kezdesu.regulations.models import ObligationRule
from kezdesu.reports.domain.figures import compile_quarterly_information
from kezdesu.reports.models import QuarterlyInformation

LANGUAGES = ("kk", "ru", "en")

register_kind(
    "reports.quarterly_submitted",
    message=gettext_lazy("%(ministry)s submitted its quarterly information for Q%(quarter)s %(year)s."),
    subject=gettext_lazy("Quarterly information submitted: %(ministry)s, Q%(quarter)s %(year)s"),
)
register_kind(
    "reports.quarterly_returned",
    message=gettext_lazy(
        "The authorized body returned the quarterly information for Q%(quarter)s %(year)s for correction: %(comment)s"
    ),
    subject=gettext_lazy("Quarterly information returned: Q%(quarter)s %(year)s"),
)


def quarterly_obligation(
    organisation: Organisation, year: int, quarter: int, *, today: datetime.date | None = None
) -> Obligation | None:
    """The ministry's `quarterly-information` obligation for the quarter, under the act in force at its end."""
    start, end = quarter_bounds(year, quarter)
    return periodic_obligation(
        ObligationRule.Role.QUARTERLY_INFORMATION, organisation, period_start=start, period_end=end, today=today
    )


def information_of(organisation: Organisation, year: int, quarter: int) -> QuarterlyInformation | None:
    return QuarterlyInformation.objects.filter(organisation=organisation, year=year, quarter=quarter).first()


def _check_quarter(organisation: Organisation, year: int, quarter: int) -> None:
    if quarter not in (1, 2, 3, 4) or not 2000 <= year <= 2100:
        raise DomainError(_("There is no such quarter."), code="quarter")
    if organisation.kind != Organisation.Kind.MINISTRY:
        raise DomainError(_("Only ministries prepare quarterly information."), code="not_a_ministry")


def _locked(organisation: Organisation, year: int, quarter: int) -> QuarterlyInformation:
    QuarterlyInformation.objects.get_or_create(organisation=organisation, year=year, quarter=quarter)
    return QuarterlyInformation.objects.select_for_update().get(organisation=organisation, year=year, quarter=quarter)


def _check_revision(information: QuarterlyInformation, revision: int) -> None:
    if information.revision != revision:
        raise DomainError(
            _(
                "Someone changed the quarterly information meanwhile. "
                "Your text is kept below: compare it and save again."
            ),
            code="changed_meanwhile",
        )


def office_url(organisation: Organisation, year: int, quarter: int) -> str:
    from django.urls import NoReverseMatch, reverse

    try:
        url = reverse("office:quarterly_information_detail", kwargs={"year": year, "quarter": quarter})
    except NoReverseMatch:
        url = f"/office/reports/quarterly/{year}/{quarter}/"
    return f"{url}?organisation={organisation.code}"


def save_quarterly_narrative(
    *,
    actor: Any,
    organisation: Organisation,
    year: int,
    quarter: int,
    narrative_kk: str,
    narrative_ru: str,
    narrative_en: str = "",
    revision: int,
) -> QuarterlyInformation:
    """Create or edit the narrative of a draft. `revision` is the one the editor saw (0 for a new pack)."""
    if not actor.has_perm("reports.prepare_quarterly_information", organisation):
        raise NotPermitted(_("You may not prepare this ministry's quarterly information."))
    _check_quarter(organisation, year, quarter)
    new = {
        "narrative_kk": narrative_kk.strip(),
        "narrative_ru": narrative_ru.strip(),
        "narrative_en": narrative_en.strip(),
    }
    with transaction.atomic():
        information = _locked(organisation, year, quarter)
        _check_revision(information, revision)
        if information.status != QuarterlyInformation.Status.DRAFT:
            raise DomainError(
                _("The quarterly information is approved: withdraw the approval to change the narrative."),
                code="not_draft",
            )
        save_changed_fields(
            actor=actor,
            instance=information,
            new=new,
            action="reports.quarterly_information.save_narrative",
            organisation=organisation,
        )
    return information


def approve_quarterly_information(
    *,
    actor: Any,
    organisation: Organisation,
    year: int,
    quarter: int,
    revision: int,
    now: datetime.datetime | None = None,
) -> QuarterlyInformation:
    """Approve the draft inside the ministry: the figures as they stand are frozen with the narrative."""
    if not actor.has_perm("reports.approve_quarterly_information", organisation):
        raise NotPermitted(_("Only the ministry's approver approves its quarterly information."))
    _check_quarter(organisation, year, quarter)
    now = now or timezone.now()
    today = timezone.localdate(now)
    _start, end = quarter_bounds(year, quarter)
    if today <= end:
        raise DomainError(_("The quarter has not ended yet: approve its information once it has."), code="not_ended")
    with transaction.atomic():
        information = _locked(organisation, year, quarter)
        _check_revision(information, revision)
        if information.status != QuarterlyInformation.Status.DRAFT:
            raise DomainError(_("The quarterly information is already approved."), code="not_draft")
        figures = compile_quarterly_information(organisation, year, quarter, today=today)
        snapshot = figures.to_json()
        snapshot["narrative"] = {code: getattr(information, f"narrative_{code}", "") or "" for code in LANGUAGES}
        snapshot["approved_at"] = now.isoformat()
        information.snapshot = snapshot
        information.status = QuarterlyInformation.Status.APPROVED
        information.approved_at, information.approved_by = now, actor
        information.revision += 1
        information.save(update_fields=["snapshot", "status", "approved_at", "approved_by", "revision"])
        record_audit(
            actor=actor,
            action="reports.quarterly_information.approve",
            target=information,
            organisation=organisation,
            old={"status": QuarterlyInformation.Status.DRAFT},
            new={"status": information.status, "at": now},
        )
    return information


def withdraw_approval(
    *, actor: Any, organisation: Organisation, year: int, quarter: int, revision: int
) -> QuarterlyInformation:
    """Back to draft before submission (the approver), e.g. to correct the narrative or recompile."""
    if not actor.has_perm("reports.approve_quarterly_information", organisation):
        raise NotPermitted(_("Only the ministry's approver withdraws the approval."))
    _check_quarter(organisation, year, quarter)
    with transaction.atomic():
        information = _locked(organisation, year, quarter)
        _check_revision(information, revision)
        if information.status != QuarterlyInformation.Status.APPROVED:
            raise DomainError(_("Only approved, not yet submitted, information can be withdrawn."), code="not_approved")
        information.status = QuarterlyInformation.Status.DRAFT
        information.revision += 1
        information.save(update_fields=["status", "revision"])
        record_audit(
            actor=actor,
            action="reports.quarterly_information.withdraw",
            target=information,
            organisation=organisation,
            old={"status": QuarterlyInformation.Status.APPROVED},
            new={"status": information.status},
        )
    return information


def submit_quarterly_information(
    *,
    actor: Any,
    organisation: Organisation,
    year: int,
    quarter: int,
    now: datetime.datetime | None = None,
) -> QuarterlyInformation:
    """Submit the approved pack to the authorized body; the first submission meets the obligation."""
    if not actor.has_perm("reports.approve_quarterly_information", organisation):
        raise NotPermitted(_("Only the ministry's approver submits its quarterly information."))
    _check_quarter(organisation, year, quarter)
    now = now or timezone.now()
    today = timezone.localdate(now)
    with transaction.atomic():
        information = _locked(organisation, year, quarter)
        if information.status != QuarterlyInformation.Status.APPROVED:
            raise DomainError(_("Approve the quarterly information before submitting it."), code="not_approved")
        information.status = QuarterlyInformation.Status.SUBMITTED
        information.submitted_at, information.submitted_by = now, actor
        information.revision += 1
        information.save(update_fields=["status", "submitted_at", "submitted_by", "revision"])
        # Submitting meets the obligation (reports.domain.evidence reads it); the audit says if it is late.
        obligation = quarterly_obligation(organisation, year, quarter, today=today)
        late = obligation is not None and today > obligation.due
        record_audit(
            actor=actor,
            action="reports.quarterly_information.submit",
            target=information,
            organisation=organisation,
            old={"status": QuarterlyInformation.Status.APPROVED},
            new={"status": information.status, "at": now, "late": late},
        )
        notify(
            recipients=coordinators(),
            kind="reports.quarterly_submitted",
            params={"ministry": organisation.name, "year": year, "quarter": quarter},
            link=office_url(organisation, year, quarter),
        )
    return information


def return_quarterly_information(
    *, actor: Any, information: QuarterlyInformation, comment: str, now: datetime.datetime | None = None
) -> QuarterlyInformation:
    """The authorized body returns a submitted pack for correction: back to draft, with why."""
    organisation = information.organisation
    if not actor.has_perm("reports.return_quarterly_information", organisation):
        raise NotPermitted(_("Only the authorized body returns quarterly information."))
    comment = comment.strip()
    if not comment:
        raise DomainError(_("Say what is to be corrected."), code="comment")
    now = now or timezone.now()
    with transaction.atomic():
        information = QuarterlyInformation.objects.select_for_update().get(pk=information.pk)
        if information.status != QuarterlyInformation.Status.SUBMITTED:
            raise DomainError(_("Only submitted information can be returned."), code="not_submitted")
        information.status = QuarterlyInformation.Status.DRAFT
        information.returned_at, information.return_comment = now, comment
        information.revision += 1
        information.save(update_fields=["status", "returned_at", "return_comment", "revision"])
        record_audit(
            actor=actor,
            action="reports.quarterly_information.return",
            target=information,
            organisation=organisation,
            old={"status": QuarterlyInformation.Status.SUBMITTED},
            new={"status": information.status, "comment": comment, "at": now},
        )
        notify(
            recipients=people_with_roles([organisation]),
            kind="reports.quarterly_returned",
            params={"year": information.year, "quarter": information.quarter, "comment": comment},
            link=office_url(organisation, information.year, information.quarter),
        )
    return information
