"""The ministries' and akimats' agreement to each item of the draft (G3.1: a draft agreed with them)."""

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
        agreement.decided_by = actor
        agreement.decided_at = timezone.now()
        agreement.save(update_fields=["decision", "comment", "decided_by", "decided_at"])
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
