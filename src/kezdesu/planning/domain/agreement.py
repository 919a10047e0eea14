"""The ministries' and akimats' agreement to each item of the draft (G3.1: a draft agreed with them).

A party answers in Kezdesu; an answer it sent on paper is recorded by the authorized body with the letter's
reference. Either is the party's answer: nothing else (an acknowledged warning) stands for it.
"""

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kezdesu.core.domain.audit import changed, record_audit, snapshot
from kezdesu.core.domain.notifications import notify
from kezdesu.core.errors import DomainError, NotPermitted
from kezdesu.planning.domain.draft import check_editable, lock_editable
from kezdesu.planning.domain.notification_params import translated
from kezdesu.planning.domain.queries.recipients import coordinators
from kezdesu.planning.models import ItemAgreement

DECISIONS = (ItemAgreement.Decision.AGREED, ItemAgreement.Decision.COMMENTED, ItemAgreement.Decision.DISAGREED)
NEEDS_COMMENT = (ItemAgreement.Decision.COMMENTED, ItemAgreement.Decision.DISAGREED)


def decide_agreement(*, actor: Any, agreement: ItemAgreement, decision: str, comment: str = "") -> ItemAgreement:
    """The party's answer: agreed, agreed with comments, or disagreed (with its reasons)."""
    if not actor.has_perm("planning.agree_item", agreement.organisation):
        raise NotPermitted(_("You may not answer for this organisation."))
    check_editable(agreement.item.version)
    if decision not in DECISIONS:
        raise DomainError(_("Choose agreed, agreed with comments, or disagreed."), code="decision")
    comment = comment.strip()
    if decision in NEEDS_COMMENT and not comment:
        raise DomainError(_("Write the comments or the reasons for disagreeing."), code="comment")
    with transaction.atomic():
        lock_editable(agreement.item.version)
        before = snapshot(agreement, ("decision", "comment"))
        agreement.decision = decision
        agreement.comment = comment
        agreement.paper_reference = ""  # the party's own answer in Kezdesu replaces one received on paper
        agreement.decided_by = actor
        agreement.decided_at = timezone.now()
        agreement.save(update_fields=["decision", "comment", "paper_reference", "decided_by", "decided_at"])
        old, new = changed(before, snapshot(agreement, ("decision", "comment")))
        record_audit(
            actor=actor,
            action="planning.agreement.decide",
            target=agreement,
            organisation=agreement.organisation,
            old=old,
            new=new,
        )
        if decision == ItemAgreement.Decision.DISAGREED:
            item = agreement.item
            notify(
                recipients=coordinators(),
                kind="schedule.disagreed",
                params={
                    "organisation": translated(agreement.organisation),
                    "official": translated(item.position, "title"),
                    "region": translated(item.region),
                    "start": item.start_date.isoformat(),
                    "end": item.end_date.isoformat(),
                    "comment": comment,
                },
            )
    return agreement


def record_paper_answer(
    *, actor: Any, agreement: ItemAgreement, decision: str, reference: str, comment: str = ""
) -> ItemAgreement:
    """The authorized body records a party's answer received on paper, with the letter's number and date."""
    if not actor.has_perm("planning.compile_draft"):
        raise NotPermitted(_("Only the authorized body records an answer received on paper."))
    check_editable(agreement.item.version)
    if decision not in DECISIONS:
        raise DomainError(_("Choose agreed, agreed with comments, or disagreed."), code="decision")
    reference, comment = reference.strip(), comment.strip()
    if not reference:
        raise DomainError(_("Give the letter's number and date."), code="reference")
    if decision in NEEDS_COMMENT and not comment:
        raise DomainError(_("Write the comments or the reasons for disagreeing."), code="comment")
    with transaction.atomic():
        lock_editable(agreement.item.version)
        before = snapshot(agreement, ("decision", "comment", "paper_reference"))
        agreement.decision, agreement.comment, agreement.paper_reference = decision, comment, reference
        agreement.decided_by = actor
        agreement.decided_at = timezone.now()
        agreement.save(update_fields=["decision", "comment", "paper_reference", "decided_by", "decided_at"])
        old, new = changed(before, snapshot(agreement, ("decision", "comment", "paper_reference")))
        record_audit(
            actor=actor,
            action="planning.agreement.paper",
            target=agreement,
            organisation=agreement.organisation,
            old=old,
            new=new,
        )
    return agreement
