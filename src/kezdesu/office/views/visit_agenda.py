"""The agenda editor of a visit's meeting (R15): rows added, removed and renumbered without JavaScript;
with htmx the presentation's share is recomputed as the fields change."""

from __future__ import annotations

import math
from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kezdesu.core.errors import DomainError
from kezdesu.meetings.domain.agenda import (
    CLOSED_STATUSES,
    MAX_ITEMS,
    AgendaEntry,
    agenda_problems,
    max_presentation_share,
    part_minutes,
    presentation_share,
    set_agenda,
)
from kezdesu.meetings.domain.queries.access import visit_for
from kezdesu.meetings.domain.queries.agenda import meeting_part_with_agenda
from kezdesu.meetings.models import AgendaItem, Visit, VisitPart
from kezdesu.office.forms.visit_agenda import (
    bound_rows,
    in_number_order,
    lenient_entries,
    renumbered,
    rows_as_sent,
    rows_of,
    typed_rows,
    unbound_rows,
)
from kezdesu.office.views.access import StaffRequest, office_view

DEFAULT_MINUTES = 90  # a suggestion's length when the meeting has no times yet
OPENING_MINUTES = CLOSING_MINUTES = 5


def _meeting(visit: Visit) -> VisitPart:
    part = meeting_part_with_agenda(visit)
    if part is None:
        raise Http404
    return part


def _suggestion(part: VisitPart, max_share: Decimal) -> list[AgendaEntry]:
    """A first agenda that keeps the rule: a quarter at most for the presentation, questions the rest."""
    total = part_minutes(part) or DEFAULT_MINUTES
    presentation = math.floor(max_share * total)
    questions = total - presentation - OPENING_MINUTES - CLOSING_MINUTES
    kinds = AgendaItem.Kind
    return [
        AgendaEntry(kind=kinds.OPENING, planned_minutes=OPENING_MINUTES),
        AgendaEntry(kind=kinds.PRESENTATION, planned_minutes=presentation),
        AgendaEntry(kind=kinds.QUESTIONS, planned_minutes=max(questions, 1)),
        AgendaEntry(kind=kinds.CLOSING, planned_minutes=CLOSING_MINUTES),
    ]


def _share_context(part: VisitPart, entries: list[AgendaEntry], max_share: Decimal) -> dict[str, Any]:
    return {
        "part": part,
        "share": presentation_share(entries, max_share=max_share),
        "part_minutes": part_minutes(part),
    }


@office_view
def visit_agenda(request: StaffRequest, pk: int) -> HttpResponse:
    visit = visit_for(request.user, pk)
    part = _meeting(visit)
    max_share = max_presentation_share(visit)
    # A held or cancelled visit keeps its agenda as it was: shown, not edited.
    may_edit = request.user.has_perm("meetings.edit_agenda", visit) and visit.status not in CLOSED_STATUSES
    saved = [AgendaEntry.of(item) for item in part.agenda.all()]
    problems: list[str] = []
    notice = ""
    if request.method == "POST":
        if not may_edit:
            raise PermissionDenied
        action = request.POST.get("action", "save")
        sent = rows_as_sent(request.POST)
        if action == "add" and len(sent) < MAX_ITEMS:
            rows = [*in_number_order(sent), {"number": "", "kind": AgendaItem.Kind.QUESTIONS, "minutes": ""}]
            forms = unbound_rows(renumbered(rows))
        elif action.startswith("remove-"):
            rows = [row for index, row in enumerate(sent) if action != f"remove-{index}"]
            forms = unbound_rows(renumbered(in_number_order(rows)))
        else:
            forms = bound_rows(request.POST)
            if all(form.is_valid() for form in forms):
                ordered = sorted(forms, key=lambda form: form.cleaned_data["number"])
                items = [form.entry() for form in ordered]
                try:
                    set_agenda(actor=request.user, part=part, items=items)
                except DomainError as error:
                    # The refusal's reasons one per line, as the domain listed them.
                    listed = agenda_problems(part=part, items=items, max_share=max_share)
                    problems = listed if error.code == "agenda" and listed else [str(error.message)]
                else:
                    messages.success(request, _("The agenda is saved."))
                    return redirect("office:visit_agenda", pk=visit.pk)
            else:
                problems = [_("Correct the rows marked below.")]
        entries = lenient_entries(sent)
    else:
        entries = saved or (_suggestion(part, max_share) if may_edit else [])
        forms = unbound_rows(rows_of(entries))
        if not saved and may_edit:
            notice = _("No agenda is saved yet: a suggestion that keeps the rule is filled in.")
    context = {
        "visit": visit,
        "forms": forms,
        "may_edit": may_edit,
        "max_items": MAX_ITEMS,
        "problems": problems,
        "notice": notice,
        "saved": saved,
        **_share_context(part, entries, max_share),
    }
    return render(request, "office/visit/agenda.html", context)


@require_POST
@office_view
def visit_agenda_preview(request: StaffRequest, pk: int) -> HttpResponse:
    """The share box, recomputed from the rows as typed (htmx, on every change)."""
    visit = visit_for(request.user, pk, "meetings.edit_agenda")
    part = _meeting(visit)
    max_share = max_presentation_share(visit)
    entries = lenient_entries(typed_rows(request.POST))
    context = {
        **_share_context(part, entries, max_share),
        "problems": agenda_problems(part=part, items=entries, max_share=max_share),
        "preview": True,
    }
    return render(request, "office/visit/_agenda_share.html", context)


urlpatterns = [
    path("<int:pk>/agenda/", visit_agenda, name="visit_agenda"),
    path("<int:pk>/agenda/preview/", visit_agenda_preview, name="visit_agenda_preview"),
]
