"""Systemic problems: the akimat drafts and sends them per half-year; the ministry answers."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kezdesu.core.collation import collated
from kezdesu.core.errors import DomainError
from kezdesu.office.forms.problems import AnswerForm, SystemicProblemForm
from kezdesu.office.views.access import StaffRequest, office_view
from kezdesu.organisations.domain.queries.scope import organisations_in_scope
from kezdesu.organisations.models import Organisation
from kezdesu.planning.domain.problems import (
    answer_systemic_problem,
    create_systemic_problem,
    record_company_answer,
    send_systemic_problems,
    update_systemic_problem,
)
from kezdesu.planning.domain.queries.problems import problems_of_akimat, problems_sent_to
from kezdesu.planning.models import SystemicProblem

INBOX_LIMIT = 200


def _half_year(value: str | None) -> date:
    today = timezone.localdate()
    try:
        chosen = date.fromisoformat(value or "")
    except ValueError:
        chosen = today
    return date(chosen.year, 1 if chosen.month < 7 else 7, 1)


def _half_years_around(current: date) -> list[date]:
    """The half-year shown, the two before it and the one after."""
    starts = []
    year, month = current.year, current.month
    for _step in range(3):
        year, month = (year, 1) if month == 7 else (year - 1, 7)
        starts.append(date(year, month, 1))
    after = date(current.year, 7, 1) if current.month == 1 else date(current.year + 1, 1, 1)
    return [*reversed(starts), current, after]


def _list_url(akimat: Organisation, half_year: date) -> str:
    return f"{reverse('office:problems')}?akimat={akimat.pk}&half_year={half_year:%Y-%m-%d}"


@office_view
def problem_list(request: StaffRequest) -> HttpResponse:
    akimats = collated(organisations_in_scope(request.user).filter(kind=Organisation.Kind.AKIMAT))
    akimat = next((a for a in akimats if str(a.pk) == request.GET.get("akimat")), akimats[0] if akimats else None)
    half_year = _half_year(request.GET.get("half_year"))
    may_edit = bool(akimat and request.user.has_perm("planning.edit_systemic_problems", akimat))
    form = SystemicProblemForm() if may_edit else None
    if request.method == "POST":
        if not may_edit or akimat is None:
            raise PermissionDenied
        form = SystemicProblemForm(request.POST)
        if form.is_valid():
            try:
                create_systemic_problem(
                    actor=request.user, akimat=akimat, half_year_start=half_year, **form.cleaned_data
                )
            except DomainError as error:
                form.add_error(None, str(error.message))
            else:
                messages.success(request, _("The problem is saved as a draft."))
                return redirect(_list_url(akimat, half_year))
    return render(
        request,
        "office/problems/list.html",
        {
            "akimats": akimats,
            "akimat": akimat,
            "half_year": half_year,
            "half_years": _half_years_around(half_year),
            "problems": problems_of_akimat(akimat, half_year) if akimat else [],
            "form": form,
            "may_edit": may_edit,
            "may_send": bool(akimat and request.user.has_perm("planning.send_systemic_problems", akimat)),
            "answer_form": AnswerForm(),
        },
    )


@office_view
def problem_edit(request: StaffRequest, pk: int) -> HttpResponse:
    """The akimat changes a problem it has not sent yet."""
    problem = get_object_or_404(SystemicProblem.objects.select_related("akimat", "competent_body"), pk=pk)
    if not organisations_in_scope(request.user).filter(pk=problem.akimat.pk).exists():
        raise Http404
    if not request.user.has_perm("planning.edit_systemic_problems", problem.akimat):
        raise PermissionDenied
    back = _list_url(problem.akimat, problem.half_year_start)
    if problem.status != SystemicProblem.Status.DRAFT:
        messages.error(request, _("Only a draft problem can be changed."))
        return redirect(back)
    initial = {name: getattr(problem, name) for name in SystemicProblemForm.base_fields}
    form = SystemicProblemForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            update_systemic_problem(actor=request.user, problem=problem, **form.cleaned_data)
        except DomainError as error:
            form.add_error(None, str(error.message))
        else:
            messages.success(request, _("The problem is changed."))
            return redirect(back)
    return render(request, "office/problems/edit.html", {"problem": problem, "form": form, "back": back})


@require_POST
@office_view
def problems_send(request: StaffRequest) -> HttpResponse:
    akimat = get_object_or_404(Organisation, pk=request.POST.get("akimat") or 0, kind=Organisation.Kind.AKIMAT)
    half_year = _half_year(request.POST.get("half_year"))
    if not request.user.has_perm("planning.send_systemic_problems", akimat):
        raise PermissionDenied
    try:
        sent = send_systemic_problems(actor=request.user, akimat=akimat, half_year_start=half_year)
    except DomainError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("Sent to the competent bodies: %(count)s.") % {"count": len(sent)})
    return redirect(_list_url(akimat, half_year))


@office_view
def problems_inbox(request: StaffRequest) -> HttpResponse:
    bodies = list(
        organisations_in_scope(request.user).filter(kind__in=(Organisation.Kind.MINISTRY, Organisation.Kind.COMMITTEE))
    )
    problems = list(problems_sent_to(bodies)[:INBOX_LIMIT])
    # Asked once per body, not once per row.
    addressed = {problem.competent_body.pk: problem.competent_body for problem in problems if problem.competent_body}
    may_answer = {pk: request.user.has_perm("planning.answer_systemic_problem", body) for pk, body in addressed.items()}
    return render(
        request,
        "office/problems/inbox.html",
        {
            "rows": [(problem, may_answer.get(problem.competent_body_id or 0, False)) for problem in problems],
            "answer_form": AnswerForm(),
        },
    )


@require_POST
@office_view
def problem_answer(request: StaffRequest, pk: int) -> HttpResponse:
    problem = get_object_or_404(SystemicProblem.objects.select_related("akimat", "competent_body"), pk=pk)
    scope = organisations_in_scope(request.user)
    if not scope.filter(pk__in=[problem.akimat.pk, problem.competent_body_id or 0]).exists():
        raise Http404
    form = AnswerForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the answer."))
    else:
        answer = form.cleaned_data["answer"]
        try:
            if problem.competent_body is None:
                record_company_answer(actor=request.user, problem=problem, answer=answer)
            else:
                answer_systemic_problem(actor=request.user, problem=problem, answer=answer)
        except DomainError as error:
            messages.error(request, str(error.message))
        else:
            messages.success(request, _("The answer is recorded."))
    if problem.competent_body is None:
        return redirect(_list_url(problem.akimat, problem.half_year_start))
    return redirect("office:problems_inbox")
