"""The akims invited to a visit and their answers (R17): the akimat says whether its akim takes part.

The visit's overview lists the invitations with a small form for each akim the user answers for
(`templates/office/visit/_akims.html`); a form with an error comes back on its own page, next to its fields.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _

from kezdesu.core.errors import DomainError
from kezdesu.core.templatetags.layout import message_at
from kezdesu.meetings.domain.akims import accepts_answers, answer_akim_invitation
from kezdesu.meetings.domain.queries.access import visit_for
from kezdesu.meetings.models import AkimAnswer, VisitPart
from kezdesu.office.forms.visit_akims import AkimAnswerForm, answer_prefix
from kezdesu.office.views.access import StaffRequest, office_view
from kezdesu.organisations.models import Position

# Errors of the domain shown next to a field rather than above the form.
FIELD_OF_ERROR = {"note_required": "note", "note": "note", "decision": "decision"}


@office_view
def akim_answer(request: StaffRequest, pk: int, kind: str, position_id: int) -> HttpResponse:
    visit = visit_for(request.user, pk)
    part = get_object_or_404(VisitPart, visit=visit, kind=kind)
    part.visit = visit
    position: Position = get_object_or_404(part.akim_positions.select_related("organisation"), pk=position_id)
    if not request.user.has_perm("meetings.answer_akim_invitation", position):
        raise Http404
    answer = AkimAnswer.objects.filter(part=part, position=position).first()
    initial: dict[str, Any] = {"decision": answer.decision, "note": answer.note} if answer else {}
    form = AkimAnswerForm(request.POST or None, prefix=answer_prefix(part, position), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            answer_akim_invitation(actor=request.user, part=part, position=position, **form.cleaned_data)
        except DomainError as error:
            form.add_error(FIELD_OF_ERROR.get(error.code), str(error.message))
        else:
            messages.success(
                request,
                _("The answer for %(akim)s is saved.") % {"akim": position.title},
                extra_tags=message_at("akims"),  # shown in the section the page lands on
            )
            return redirect(reverse("office:visit_detail", kwargs={"pk": visit.pk}) + "#akims")
    return render(
        request,
        "office/visit/akim_answer.html",
        {
            "visit": visit,
            "part": part,
            "position": position,
            "answer": answer,
            "form": form,
            "accepts_answers": accepts_answers(part),
        },
    )


urlpatterns = [
    path("<int:pk>/akims/<slug:kind>/<int:position_id>/", akim_answer, name="visit_akim_answer"),
]
