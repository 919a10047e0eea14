"""The invited akims of a visit for its overview (R17), with an answer form for each akim the user answers for.

A tag rather than the overview's view: the section stays in its own template and module.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import template

from kezdesu.meetings.domain.akims import accepts_answers
from kezdesu.meetings.domain.queries.akims import Invitation, akim_invitations
from kezdesu.meetings.models import Visit
from kezdesu.office.forms.visit_akims import AkimAnswerForm, answer_prefix

register = template.Library()


@dataclass(frozen=True)
class InvitationRow:
    invitation: Invitation
    form: AkimAnswerForm | None  # for an akim the user answers for, while the part takes answers


@register.simple_tag(takes_context=True)
def akim_invitation_rows(context: dict[str, Any], visit: Visit) -> list[InvitationRow]:
    user = context["request"].user
    rows = []
    for invitation in akim_invitations(visit):
        part, position, answer = invitation.part, invitation.position, invitation.answer
        form = None
        if accepts_answers(part) and user.has_perm("meetings.answer_akim_invitation", position):
            initial = {"decision": answer.decision, "note": answer.note} if answer else {}
            form = AkimAnswerForm(prefix=answer_prefix(part, position), initial=initial)
        rows.append(InvitationRow(invitation=invitation, form=form))
    return rows
