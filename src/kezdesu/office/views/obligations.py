from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _

from kezdesu.core.errors import DomainError
from kezdesu.office.forms.obligations import FulfilmentForm, ObligationFilterForm
from kezdesu.office.queries import visible_obligation, visible_obligations
from kezdesu.office.views.access import StaffRequest, office_view
from kezdesu.organisations.models import Organisation
from kezdesu.regulations.domain.by_hand import record_fulfilment
from kezdesu.regulations.domain.obligations import Obligation
from kezdesu.regulations.domain.roles import ByHand, by_hand, what_counts


def _owed_by(obligation: Obligation, body: Organisation) -> bool:
    """Owed by the body or by one of its committees (as the oversight dashboards count them)."""
    debtor = obligation.debtor.organisation
    return debtor is not None and (debtor.pk == body.pk or debtor.parent_id == body.pk)


@office_view
def obligation_list(request: StaffRequest) -> HttpResponse:
    today = timezone.localdate()
    form = ObligationFilterForm(request.GET or None, user=request.user, today=today)
    filters = form.filters()
    obligations = visible_obligations(user=request.user, today=today, **filters)
    # ?debtor=<code>: only what that body (or its committees) owes; the oversight dashboards link here.
    debtor_code = request.GET.get("debtor", "").strip()
    debtor = Organisation.objects.filter(code=debtor_code).first() if debtor_code else None
    if debtor is not None:
        obligations = [obligation for obligation in obligations if _owed_by(obligation, debtor)]
    context = {
        "form": form,
        "filters": filters,
        "today": today,
        "debtor": debtor,
        "obligations": obligations,
    }
    # htmx swaps only the results; without JavaScript the whole page reloads.
    template = "office/obligations/_results.html" if request.htmx else "office/obligations/list.html"
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request"])
    return response


@office_view
def obligation_detail(request: StaffRequest, key: str) -> HttpResponse:
    today = timezone.localdate()
    obligation = visible_obligation(user=request.user, key=key, today=today)
    if obligation is None:
        raise Http404
    kind = by_hand(obligation.rule)
    # A reference typed by hand is the exception: only where no record meets it and the role allows one.
    may_record = (
        request.user.has_perm("regulations.record_fulfilment", obligation.debtor.organisation)
        and kind != ByHand.NEVER
        and not obligation.is_met
        and obligation.fulfilment is None
    )
    meeting, debtor = kind == ByHand.MEETING, obligation.debtor.organisation
    form = FulfilmentForm(initial={"met_on": today}, meeting=meeting, debtor=debtor) if may_record else None
    if request.method == "POST":
        if not may_record:
            raise PermissionDenied
        form = FulfilmentForm(request.POST, meeting=meeting, debtor=debtor)
        if form.is_valid():
            try:
                record_fulfilment(actor=request.user, obligation=obligation, **form.cleaned_data)
            except DomainError as error:
                form.add_error(None, str(error.message))
            else:
                messages.success(request, _("Recorded by hand: the obligation is met, marked as done outside Kezdesu."))
                return redirect("office:obligation", key=obligation.key)
    return render(
        request,
        "office/obligations/detail.html",
        {
            "obligation": obligation,
            "form": form,
            "today": today,
            "what_counts": what_counts(obligation.rule),
            "records_only": kind == ByHand.NEVER,
            "meeting_by_hand": kind == ByHand.MEETING,
        },
    )
