"""Recording whether each part of a visit took place (R16), which closes the visit; the visits to close."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kezdesu.core.errors import DomainError
from kezdesu.core.templatetags.layout import message_at
from kezdesu.meetings.domain.closing import record_visit_outcomes
from kezdesu.meetings.domain.queries.access import visit_for
from kezdesu.meetings.domain.queries.closing import visits_to_close
from kezdesu.meetings.models import Visit, VisitPart
from kezdesu.office.forms.visit_closing import VisitClosingForm
from kezdesu.office.views.access import StaffRequest, office_view
from kezdesu.organisations.domain.queries.scope import organisations_in_scope, sees_everything


@office_view
def visit_close(request: StaffRequest, pk: int) -> HttpResponse:
    visit = visit_for(request.user, pk, "meetings.record_part_outcome")
    parts = list(VisitPart.objects.filter(visit=visit).order_by("starts_at", "pk"))
    form = VisitClosingForm(request.POST or None, visit=visit, parts=parts)
    if request.method == "POST" and form.is_valid():
        outcomes = form.outcomes()
        took_part = form.deputy_prime_minister_took_part() if "deputy_prime_minister" in form.fields else None
        if not outcomes and took_part is None:
            form.add_error(None, _("Say for at least one part whether it took place."))
        else:
            try:
                visit = record_visit_outcomes(
                    actor=request.user, visit=visit, outcomes=outcomes, deputy_prime_minister_took_part=took_part
                )
            except DomainError as error:
                form.add_error(None, str(error.message))
            else:
                if visit.status == Visit.Status.HELD:
                    said = _("Saved: the visit is closed as held.")
                elif visit.status == Visit.Status.CANCELLED:
                    said = _("Saved: the meeting did not take place, so the visit is closed as cancelled.")
                else:
                    said = _("Saved. Record the other parts once they have taken place.")
                messages.success(request, said, extra_tags=message_at("closing"))  # shown where the page lands
                return redirect(reverse("office:visit_detail", kwargs={"pk": visit.pk}) + "#closing")
    return render(request, "office/visit/close.html", {"visit": visit, "parts": parts, "form": form})


@office_view
def to_close(request: StaffRequest) -> HttpResponse:
    """The visits past their last day that nobody has closed: the user's bodies', or all for the authorized body."""
    organisations = None if sees_everything(request.user) else list(organisations_in_scope(request.user))
    visits = list(visits_to_close(today=timezone.localdate(), organisations=organisations))
    return render(request, "office/visit/to_close.html", {"visits": visits, "today": timezone.localdate()})


urlpatterns = [
    path("to-close/", to_close, name="visits_to_close"),
    path("<int:pk>/close/", visit_close, name="visit_close"),
]
