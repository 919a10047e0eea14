"""The vote on a visit's date in the back office (R9): the ministry offers dates, opens and closes the
vote and reads the results by option and district; its approver fixes the date. Works without JavaScript."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kezdesu.core.errors import DomainError
from kezdesu.meetings.domain.date_vote import (
    add_date_option,
    close_date_vote,
    fix_visit_date,
    open_date_vote,
    remove_date_option,
)
from kezdesu.meetings.domain.queries.access import visit_for
from kezdesu.meetings.domain.queries.date_vote import vote_results, vote_state
from kezdesu.meetings.models import DateOption, Visit
from kezdesu.office.forms.visit_dates import DateOptionForm, OpenVoteForm
from kezdesu.office.views.access import StaffRequest, office_view
from kezdesu.planning.domain.date_amendments import DateAmendment, Outcome


def _page(
    request: StaffRequest,
    visit: Visit,
    *,
    option_form: DateOptionForm | None = None,
    open_form: OpenVoteForm | None = None,
    status: int = 200,
) -> HttpResponse:
    user = request.user
    return render(
        request,
        "office/visit/dates.html",
        {
            "visit": visit,
            "state": vote_state(visit),
            "results": vote_results(visit),
            "may_manage": user.has_perm("meetings.manage_date_vote", visit),
            "may_fix": user.has_perm("meetings.fix_visit_date", visit),
            "option_form": option_form or DateOptionForm(),
            "open_form": open_form or OpenVoteForm(initial=_closing(visit)),
        },
        status=status,
    )


def _closing(visit: Visit) -> dict[str, object]:
    """The current closing time, to change it from there."""
    if visit.vote_closes_at is None:
        return {}
    local = timezone.localtime(visit.vote_closes_at)
    return {"closes_day": local.date(), "closes_time": local.time().replace(second=0, microsecond=0)}


@office_view
def visit_dates(request: StaffRequest, pk: int) -> HttpResponse:
    visit = visit_for(request.user, pk)
    if request.method != "POST":
        return _page(request, visit)
    visit = visit_for(request.user, pk, "meetings.manage_date_vote")
    form = DateOptionForm(request.POST)
    if form.is_valid():
        try:
            add_date_option(
                actor=request.user,
                visit=visit,
                starts_at=form.cleaned_data["starts_at"],
                ends_at=form.cleaned_data["ends_at"],
            )
        except DomainError as error:
            form.add_error(None, str(error.message))
        else:
            messages.success(request, _("The date is offered."))
            return redirect("office:visit_dates", pk=visit.pk)
    return _page(request, visit, option_form=form, status=400)


@require_POST
@office_view
def visit_date_remove(request: StaffRequest, pk: int, option_id: int) -> HttpResponse:
    visit = visit_for(request.user, pk, "meetings.manage_date_vote")
    option = get_object_or_404(DateOption.objects.select_related("visit"), pk=option_id, visit=visit)
    try:
        remove_date_option(actor=request.user, option=option)
    except DomainError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("The date is withdrawn."))
    return redirect("office:visit_dates", pk=visit.pk)


@require_POST
@office_view
def visit_vote_open(request: StaffRequest, pk: int) -> HttpResponse:
    visit = visit_for(request.user, pk, "meetings.manage_date_vote")
    form = OpenVoteForm(request.POST)
    if form.is_valid():
        try:
            open_date_vote(actor=request.user, visit=visit, closes_at=form.cleaned_data["closes_at"])
        except DomainError as error:
            form.add_error(None, str(error.message))
        else:
            messages.success(request, _("The vote on the date is open to the region's residents."))
            return redirect("office:visit_dates", pk=visit.pk)
    return _page(request, visit, open_form=form, status=400)


@require_POST
@office_view
def visit_vote_close(request: StaffRequest, pk: int) -> HttpResponse:
    visit = visit_for(request.user, pk, "meetings.manage_date_vote")
    try:
        close_date_vote(actor=request.user, visit=visit)
    except DomainError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("The vote on the date is closed."))
    return redirect("office:visit_dates", pk=visit.pk)


def _fixed_message(amendment: DateAmendment) -> str:
    if amendment.outcome == Outcome.PENDING:
        return _(
            "The date is fixed and written into the working draft of the schedule: the akimat is asked to agree "
            "it, then the authorized body submits the amendment for approval."
        )
    if amendment.outcome == Outcome.BLOCKED:
        return _(
            "The date is fixed. The draft schedule is with the Government, so the authorized body is asked "
            "to carry the new date over once it is approved."
        )
    if amendment.outcome == Outcome.UNCHANGED:
        return _("The date is fixed. The schedule already has this date.")
    if amendment.outcome == Outcome.DRAFT_ONLY:
        return _("The date is fixed and written into the draft schedule.")
    return _("The date is fixed.")


@office_view
def visit_date_fix(request: StaffRequest, pk: int, option_id: int) -> HttpResponse:
    """A confirmation page, then the fix: the approver sees what will change before it does."""
    visit = visit_for(request.user, pk, "meetings.fix_visit_date")
    option = get_object_or_404(DateOption, pk=option_id, visit=visit)
    if request.method == "POST":
        try:
            amendment = fix_visit_date(actor=request.user, visit=visit, option=option)
        except DomainError as error:
            messages.error(request, str(error.message))
        else:
            messages.success(request, _fixed_message(amendment))
        return redirect("office:visit_dates", pk=visit.pk)
    results = vote_results(visit)
    row = next((row for row in results.options if row.option.pk == option.pk), None)
    return render(
        request,
        "office/visit/date_fix.html",
        {
            "visit": visit,
            "option": option,
            "votes": row.votes if row else 0,
            "day_off": row.day_off if row else "",
            "results": results,
        },
    )


urlpatterns = [
    path("<int:pk>/dates/", visit_dates, name="visit_dates"),
    path("<int:pk>/dates/open/", visit_vote_open, name="visit_vote_open"),
    path("<int:pk>/dates/close/", visit_vote_close, name="visit_vote_close"),
    path("<int:pk>/dates/<int:option_id>/remove/", visit_date_remove, name="visit_date_remove"),
    path("<int:pk>/dates/<int:option_id>/fix/", visit_date_fix, name="visit_date_fix"),
]
