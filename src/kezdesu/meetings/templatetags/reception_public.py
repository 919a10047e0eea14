"""The personal reception panel of the public meeting page (R16): free times by official and the booking form.

It shows no personal data (S4): only officials, times and whether booking is open. A form refused by
`portal.views.visit_reception` comes back in the context as `reception_form`, with what was typed.
"""

from __future__ import annotations

from typing import Any

from django import template
from django.utils import timezone

from kezdesu.meetings.domain.queries.reception import free_slots, reception_part, slots_by_official
from kezdesu.meetings.interfaces.reception_forms import BookingForm
from kezdesu.meetings.models import Visit

register = template.Library()


@register.inclusion_tag("portal/visit/_reception.html", takes_context=True)
def reception_panel(context: template.Context, visit: Visit) -> dict[str, Any]:
    part = reception_part(visit)
    form = context.get("reception_form")
    if not isinstance(form, BookingForm):
        form = BookingForm(visit=visit)
    officials = slots_by_official(free_slots(visit), visit) if part is not None else []
    open_for_booking = bool(
        part is not None
        and part.starts_at is not None
        and visit.status == Visit.Status.PUBLISHED
        and timezone.now() < part.starts_at
    )
    shown = officials if open_for_booking else []
    return {
        "visit": visit,
        "part": part,
        "officials": shown,
        "open_for_booking": open_for_booking,
        "form": form,
        "chosen_slot": str(form["slot"].value() or ""),
        # The times are radios named after their slots: the error summary links to the first one shown.
        "error_anchors": {"slot": f"reception-slot-{shown[0].slots[0].pk}"} if shown else {},
        "request": context.get("request"),
        "csrf_token": context.get("csrf_token"),
    }
