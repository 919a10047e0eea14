"""The akims invited to the parts of a visit, and their answers (R17: akims of all levels take part).

A part invites akims by post (`VisitPart.akim_positions`): the posts of the region's akimat and of its district
and town akimats (`parts.update_part`). Each invited akim's akimat answers whether the akim takes part, and may
change its answer until the part is over; the region's akimat may answer for its districts' and towns' akims.
The akimats are told when their akims are invited, the visiting ministry when an akim answers.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from kezdesu.core.domain.audit import record_audit
from kezdesu.core.domain.notifications import notify
from kezdesu.core.errors import DomainError, NotPermitted
from kezdesu.meetings.domain import notification_kinds  # noqa: F401  (registers the kinds sent here)
from kezdesu.meetings.domain.visits import CLOSED, LANGUAGES
from kezdesu.meetings.models import AkimAnswer, VisitPart
from kezdesu.organisations.models import Organisation, Position, User
from kezdesu.planning.domain.notification_params import translated
from kezdesu.planning.domain.queries.recipients import people_with_roles

NOTE_LENGTH = 2000


def is_over(part: VisitPart, *, now: datetime.datetime | None = None) -> bool:
    """Whether the part has ended: past its end time, or past the visit's last day when it has no times."""
    moment = now or timezone.now()
    if part.ends_at is not None:
        return part.ends_at <= moment
    return part.visit.end_date < timezone.localdate(moment)


def accepts_answers(part: VisitPart, *, now: datetime.datetime | None = None) -> bool:
    """Whether the akims' answers to `part` may still be given or changed."""
    return part.visit.status not in CLOSED and not is_over(part, now=now)


@transaction.atomic
def answer_akim_invitation(
    *, actor: Any, part: VisitPart, position: Position, decision: str, note: str = ""
) -> AkimAnswer:
    """Record, or change, whether the akim in `position`, invited to `part`, takes part in it.

    Nothing is written when the answer is the same as before."""
    if not actor.has_perm("meetings.answer_akim_invitation", position):
        raise NotPermitted(_("Only the akim's akimat, or the region's akimat, answers for the akim."))
    if part.visit.status in CLOSED:
        raise DomainError(_("The visit is held or cancelled: the akims' answers can no longer change."), code="closed")
    if is_over(part):
        raise DomainError(_("This part of the visit is over: the akims' answers can no longer change."), code="over")
    if not part.akim_positions.filter(pk=position.pk).exists():
        raise DomainError(_("This akim is not invited to this part of the visit."), code="not_invited")
    if decision not in AkimAnswer.Decision.values:
        raise DomainError(_("Say whether the akim takes part."), code="decision")
    note = note.strip()
    if decision == AkimAnswer.Decision.DECLINED and not note:
        raise DomainError(_("Say why the akim cannot take part."), code="note_required")
    if len(note) > NOTE_LENGTH:
        raise DomainError(_("A note has at most %(max)s characters.") % {"max": NOTE_LENGTH}, code="note")
    answer = AkimAnswer.objects.select_for_update().filter(part=part, position=position).first()
    new = {"decision": decision, "note": note}
    old = {"decision": answer.decision, "note": answer.note} if answer is not None else {}
    if answer is not None and old == new:
        return answer
    if answer is None:
        answer = AkimAnswer(part=part, position=position)
    answer.decision, answer.note, answer.answered_by = decision, note, actor
    answer.save()
    record_audit(
        actor=actor,
        action="meetings.akim.answer",
        target=answer,
        organisation=part.visit.organisation,
        old=old,
        new={"position": position.pk, **new},
    )
    _tell_ministry(answer)
    return answer


def sync_akim_invitations(*, actor: Any, part: VisitPart, invited_before: Iterable[object]) -> None:
    """After the part's akims changed: drop the answers of akims no longer invited, and tell the akimats of the
    newly invited ones (and the region's akimat above a district's or town's). `invited_before`: the posts' ids."""
    before = {str(pk) for pk in invited_before}
    invited = list(
        part.akim_positions.select_related("organisation__parent").order_by("organisation__kind", "order", "pk")
    )
    for answer in AkimAnswer.objects.filter(part=part).exclude(position__in=invited):
        record_audit(
            actor=actor,
            action="meetings.akim.uninvited",
            target=part,
            organisation=part.visit.organisation,
            old={"position": answer.position_id, "decision": answer.decision, "note": answer.note},
        )
        answer.delete()
    by_akimat: dict[Organisation, list[Position]] = defaultdict(list)
    for position in invited:
        if str(position.pk) not in before:
            by_akimat[position.organisation].append(position)
    for akimat, positions in by_akimat.items():
        above = akimat.parent if akimat.kind == Organisation.Kind.DISTRICT_AKIMAT else None
        bodies = [akimat] + ([above] if above is not None else [])
        recipients = [user for user in people_with_roles(bodies) if user.pk != getattr(actor, "pk", None)]
        _notify(part, recipients, "meetings.akims_invited", akims=_joined_titles(positions))


def _tell_ministry(answer: AkimAnswer) -> None:
    part = answer.part
    if answer.decision == AkimAnswer.Decision.CONFIRMED:
        kind, extra = "meetings.akim_confirmed", {}
    else:
        kind, extra = "meetings.akim_declined", {"note": answer.note}
    recipients = people_with_roles([part.visit.organisation])
    _notify(part, recipients, kind, akim=translated(answer.position, "title"), **extra)


def _notify(part: VisitPart, recipients: Iterable[User], kind: str, **params: Any) -> None:
    visit = part.visit
    day = timezone.localtime(part.starts_at).date() if part.starts_at is not None else visit.start_date
    notify(
        recipients=recipients,
        kind=kind,
        params={
            "official": translated(visit.position, "title"),
            "region": translated(visit.region),
            "date": day.isoformat(),
            "part": _part_label(part),
            **params,
        },
        link=reverse("office:visit_detail", kwargs={"pk": visit.pk}) + "#akims",
    )


def _part_label(part: VisitPart) -> dict[str, str]:
    labels = {}
    for language in LANGUAGES:
        with translation.override(language):
            labels[language] = str(part.get_kind_display())
    return labels


def _joined_titles(positions: Iterable[Position]) -> dict[str, str]:
    positions = list(positions)
    return {
        language: "; ".join(getattr(position, f"title_{language}") or position.title for position in positions)
        for language in LANGUAGES
    }
