"""A visit's problem issues (R19): the list, the suggested clusters of questions, creating an issue from the
chosen questions, adding them to an issue, editing, splitting, merging, the status, and recording what was
raised at the reception, the NGO meeting and the media briefing.

Every change calls kezdesu.followup.domain.issues; a refusal shows its message on the same form with what was
typed. Readers of the visit see the issues without any form.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from kezdesu.core.collation import CollatedModelChoiceField
from kezdesu.core.errors import DomainError
from kezdesu.followup.domain.issues import (
    COMPETENT_KINDS,
    EDIT,
    create_issue,
    delete_issue,
    merge_issues,
    move_questions,
    set_issue_status,
    split_issue,
    unlink_question,
    update_issue,
)
from kezdesu.followup.domain.queries.issues import issues_of_visit
from kezdesu.followup.domain.raised_questions import RAISED_CHANNELS, bring_reception_topics, record_raised_question
from kezdesu.followup.domain.suggestions import proposal, suggest_issues
from kezdesu.followup.models import IssueQuestion, ProblemIssue
from kezdesu.meetings.domain.queries.access import visit_for
from kezdesu.meetings.models import Visit
from kezdesu.office.forms.visits import LANGUAGE_LABELS, TranslatedGroups
from kezdesu.office.views.access import StaffRequest, office_view
from kezdesu.organisations.models import District, Organisation
from kezdesu.questions.models import Channel, Question, Topic

NOTE_HELP = gettext_lazy("Needed in Kazakh and Russian when the problem cannot be solved, or a measure was not done.")


def _translated(form: forms.Form, name: str, label: Any, *, textarea: bool = False, max_length: int = 300) -> None:
    for code, language in LANGUAGE_LABELS:
        widget = forms.Textarea(attrs={"rows": 3, "lang": code}) if textarea else forms.TextInput(attrs={"lang": code})
        field = forms.CharField(
            label=language, required=False, widget=widget, max_length=None if textarea else max_length
        )
        field.group_label = label  # type: ignore[attr-defined]
        form.fields[f"{name}_{code}"] = field


class IssueForm(TranslatedGroups, forms.Form):
    """The fields of a problem issue; the domain checks them (titles, district, one competent body)."""

    translated = (("title", gettext_lazy("Title")), ("description", gettext_lazy("Description")))

    def __init__(self, *args: Any, visit: Visit, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _translated(self, "title", gettext_lazy("Title"))
        _translated(self, "description", gettext_lazy("Description"), textarea=True)
        self.fields["title_kk"].help_text = gettext_lazy("The title is needed in Kazakh and in Russian.")
        self.fields["district"] = CollatedModelChoiceField(
            label=gettext_lazy("District or town"),
            queryset=District.objects.filter(region=visit.region).order_by("name"),
            required=False,
        )
        self.fields["sector"] = forms.ModelChoiceField(
            label=gettext_lazy("Sector"), queryset=Topic.objects.order_by("order", "code"), required=False
        )
        self.fields["competent_body"] = CollatedModelChoiceField(
            label=gettext_lazy("Competent body (a ministry or an akimat)"),
            queryset=Organisation.objects.filter(kind__in=COMPETENT_KINDS, is_active=True).order_by("kind", "name"),
            required=False,
            collation_group=lambda body: body.kind,
        )
        self.fields["competent_company"] = forms.CharField(
            label=gettext_lazy("Or a national holding or company"), required=False, max_length=300
        )

    def values(self) -> dict[str, Any]:
        data = self.cleaned_data
        names = [f"{name}_{code}" for name in ("title", "description") for code, _label in LANGUAGE_LABELS]
        return {
            **{name: data.get(name, "") for name in names},
            "district": data.get("district"),
            "sector": data.get("sector"),
            "competent_body": data.get("competent_body"),
            "competent_company": data.get("competent_company", ""),
        }


class StatusForm(TranslatedGroups, forms.Form):
    translated = (("note", gettext_lazy("Note on the status")),)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["status"] = forms.ChoiceField(label=gettext_lazy("Status"), choices=ProblemIssue.Status.choices)
        _translated(self, "note", gettext_lazy("Note on the status"), textarea=True)
        self.fields["note_kk"].help_text = NOTE_HELP


class RaisedForm(forms.Form):
    channel = forms.ChoiceField(
        label=gettext_lazy("Raised at"), choices=[(value, Channel(value).label) for value in RAISED_CHANNELS]
    )
    text = forms.CharField(
        label=gettext_lazy("The question or problem"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("Without the name or contacts of who raised it."),
    )

    def __init__(self, *args: Any, visit: Visit, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["district"] = CollatedModelChoiceField(
            label=gettext_lazy("District or town"),
            queryset=District.objects.filter(region=visit.region).order_by("name"),
            required=False,
        )
        self.fields["topic"] = forms.ModelChoiceField(
            label=gettext_lazy("Topic"), queryset=Topic.objects.order_by("order", "code"), required=False
        )


def _ids(values: list[str]) -> list[int]:
    return [int(value) for value in values if value.isdigit()]


def _chosen(visit: Visit, data: Any) -> list[Question]:
    return list(
        Question.objects.filter(visit=visit, pk__in=_ids(data.getlist("question")))
        .select_related("topic__ministry", "district", "forwarded_to")
        .order_by("received_at", "pk")
    )


def _issue(visit: Visit, issue_pk: int) -> ProblemIssue:
    return get_object_or_404(issues_of_visit(visit), pk=issue_pk)


def _refused(form: forms.Form, error: DomainError) -> None:
    form.add_error(None, str(error.message))


# --- the list and the suggestions --------------------------------------------------------------------------


def _list_page(request: StaffRequest, visit: Visit, *, raised: RaisedForm | None = None) -> HttpResponse:
    can_edit = request.user.has_perm(EDIT, visit)
    issues = list(issues_of_visit(visit))
    return render(
        request,
        "office/followup/issues.html",
        {
            "visit": visit,
            "issues": issues,
            "can_edit": can_edit,
            "suggestions": suggest_issues(visit) if can_edit else [],
            "raised_form": raised or RaisedForm(visit=visit),
        },
        status=400 if raised is not None else 200,
    )


@office_view
def issue_list(request: StaffRequest, pk: int) -> HttpResponse:
    return _list_page(request, visit_for(request.user, pk))


@require_POST
@office_view
def issue_selection(request: StaffRequest, pk: int) -> HttpResponse:
    """The ticked questions of a suggestion: a new issue from them (its form, prefilled), or add them to one."""
    visit = visit_for(request.user, pk, EDIT)
    chosen = _chosen(visit, request.POST)
    if request.POST.get("action") == "add":
        target = ProblemIssue.objects.filter(visit=visit, pk__in=_ids([request.POST.get("to_issue", "")])).first()
        try:
            if target is None:
                raise DomainError(_("Choose the problem issue to add the questions to."), code="no_issue")
            move_questions(actor=request.user, questions=chosen, to_issue=target)
        except DomainError as error:
            messages.error(request, str(error.message))
            return redirect("office:visit_issues", pk=visit.pk)
        messages.success(request, _("The questions are added to problem issue %(number)s.") % {"number": target.number})
        return redirect("office:visit_issues", pk=visit.pk)
    if not chosen:
        messages.error(request, _("Choose at least one question."))
        return redirect("office:visit_issues", pk=visit.pk)
    return _create_page(request, visit, chosen, _prefilled(visit, chosen))


def _prefilled(visit: Visit, chosen: list[Question]) -> IssueForm:
    proposed = proposal(chosen)
    initial = {
        "title_kk": proposed.title,
        "title_ru": proposed.title,
        "district": proposed.district,
        "sector": proposed.sector,
        "competent_body": proposed.competent_body,
    }
    return IssueForm(initial=initial, visit=visit)


def _create_page(
    request: StaffRequest, visit: Visit, chosen: list[Question], form: IssueForm, status: int = 200
) -> HttpResponse:
    return render(
        request,
        "office/followup/issues_form.html",
        {"visit": visit, "form": form, "chosen": chosen, "issue": None},
        status=status,
    )


@office_view
def issue_create(request: StaffRequest, pk: int) -> HttpResponse:
    visit = visit_for(request.user, pk, EDIT)
    if request.method != "POST":
        chosen = _chosen(visit, request.GET)
        return _create_page(request, visit, chosen, _prefilled(visit, chosen))
    chosen = _chosen(visit, request.POST)
    form = IssueForm(request.POST, visit=visit)
    if form.is_valid():
        try:
            issue = create_issue(actor=request.user, visit=visit, questions=chosen, **form.values())
        except DomainError as error:
            _refused(form, error)
        else:
            messages.success(request, _("Problem issue %(number)s is created.") % {"number": issue.number})
            return redirect("office:visit_issue", pk=visit.pk, issue_pk=issue.pk)
    return _create_page(request, visit, chosen, form, status=400)


# --- one issue ----------------------------------------------------------------------------------------------


def _detail_page(
    request: StaffRequest,
    visit: Visit,
    issue: ProblemIssue,
    *,
    split_form: IssueForm | None = None,
    status_form: StatusForm | None = None,
) -> HttpResponse:
    can_edit = request.user.has_perm(EDIT, visit)
    status_initial = {
        "status": issue.status,
        **{f"note_{code}": getattr(issue, f"status_note_{code}") for code in ("kk", "ru", "en")},
    }
    return render(
        request,
        "office/followup/issues_detail.html",
        {
            "visit": visit,
            "issue": issue,
            "can_edit": can_edit,
            "others": [
                other for other in ProblemIssue.objects.filter(visit=visit).order_by("number") if other.pk != issue.pk
            ],
            "split_form": split_form or IssueForm(visit=visit, prefix="split"),
            "status_form": status_form or StatusForm(initial=status_initial, prefix="status"),
            "ticked": {int(value) for value in _ids(request.POST.getlist("question"))} if split_form else set(),
        },
        status=400 if (split_form or status_form) else 200,
    )


@office_view
def issue_detail(request: StaffRequest, pk: int, issue_pk: int) -> HttpResponse:
    visit = visit_for(request.user, pk)
    return _detail_page(request, visit, _issue(visit, issue_pk))


def _revision(request: StaffRequest) -> int:
    value = request.POST.get("revision", "")
    return int(value) if value.isdigit() else -1


@office_view
def issue_edit(request: StaffRequest, pk: int, issue_pk: int) -> HttpResponse:
    visit = visit_for(request.user, pk, EDIT)
    issue = _issue(visit, issue_pk)
    if request.method == "POST":
        form = IssueForm(request.POST, visit=visit)
        if form.is_valid():
            try:
                update_issue(actor=request.user, issue=issue, revision=_revision(request), **form.values())
            except DomainError as error:
                _refused(form, error)
            else:
                messages.success(request, _("The problem issue is saved."))
                return redirect("office:visit_issue", pk=visit.pk, issue_pk=issue.pk)
        # The issue as it is now: after "changed meanwhile", saving again applies what was typed to it.
        revision, status = str(issue.revision), 400
    else:
        names = [f"{name}_{code}" for name in ("title", "description") for code, _label in LANGUAGE_LABELS]
        initial = {name: getattr(issue, name) for name in names}
        initial.update(
            district=issue.district,
            sector=issue.sector,
            competent_body=issue.competent_body,
            competent_company=issue.competent_company,
        )
        form = IssueForm(initial=initial, visit=visit)
        revision, status = str(issue.revision), 200
    return render(
        request,
        "office/followup/issues_form.html",
        {"visit": visit, "form": form, "issue": issue, "revision": revision, "chosen": []},
        status=status,
    )


@require_POST
@office_view
def issue_status(request: StaffRequest, pk: int, issue_pk: int) -> HttpResponse:
    visit = visit_for(request.user, pk, EDIT)
    issue = _issue(visit, issue_pk)
    form = StatusForm(request.POST, prefix="status")
    if form.is_valid():
        data = form.cleaned_data
        try:
            set_issue_status(
                actor=request.user,
                issue=issue,
                status=data["status"],
                revision=_revision(request),
                note_kk=data["note_kk"],
                note_ru=data["note_ru"],
                note_en=data["note_en"],
            )
        except DomainError as error:
            _refused(form, error)
        else:
            messages.success(request, _("The status is saved."))
            return redirect("office:visit_issue", pk=visit.pk, issue_pk=issue.pk)
    return _detail_page(request, visit, issue, status_form=form)


@require_POST
@office_view
def issue_split(request: StaffRequest, pk: int, issue_pk: int) -> HttpResponse:
    visit = visit_for(request.user, pk, EDIT)
    issue = _issue(visit, issue_pk)
    form = IssueForm(request.POST, visit=visit, prefix="split")
    if form.is_valid():
        try:
            new = split_issue(actor=request.user, issue=issue, questions=_chosen(visit, request.POST), **form.values())
        except DomainError as error:
            _refused(form, error)
        else:
            messages.success(
                request, _("Problem issue %(number)s is made of the chosen questions.") % {"number": new.number}
            )
            return redirect("office:visit_issue", pk=visit.pk, issue_pk=new.pk)
    return _detail_page(request, visit, issue, split_form=form)


@require_POST
@office_view
def issue_merge(request: StaffRequest, pk: int, issue_pk: int) -> HttpResponse:
    """Merge the chosen issues into this one."""
    visit = visit_for(request.user, pk, EDIT)
    issue = _issue(visit, issue_pk)
    others = list(ProblemIssue.objects.filter(visit=visit, pk__in=_ids(request.POST.getlist("other"))))
    try:
        merged = merge_issues(actor=request.user, target=issue, others=others)
    except DomainError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(
            request,
            _("Merged: %(count)s citizens raised problem issue %(number)s.")
            % {"count": merged.citizens, "number": merged.number},
        )
    return redirect("office:visit_issue", pk=visit.pk, issue_pk=issue.pk)


@require_POST
@office_view
def issue_unlink(request: StaffRequest, pk: int, issue_pk: int, question_pk: int) -> HttpResponse:
    visit = visit_for(request.user, pk, EDIT)
    link = get_object_or_404(IssueQuestion, issue__visit=visit, issue_id=issue_pk, question_id=question_pk)
    try:
        unlink_question(actor=request.user, question=link.question)
    except DomainError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("The question is taken out of the problem issue."))
    return redirect("office:visit_issue", pk=visit.pk, issue_pk=issue_pk)


@require_POST
@office_view
def issue_delete(request: StaffRequest, pk: int, issue_pk: int) -> HttpResponse:
    visit = visit_for(request.user, pk, EDIT)
    issue = _issue(visit, issue_pk)
    try:
        delete_issue(actor=request.user, issue=issue, revision=_revision(request))
    except DomainError as error:
        messages.error(request, str(error.message))
        return redirect("office:visit_issue", pk=visit.pk, issue_pk=issue.pk)
    messages.success(request, _("Problem issue %(number)s is deleted.") % {"number": issue.number})
    return redirect("office:visit_issues", pk=visit.pk)


# --- what the visit's other parts raised ---------------------------------------------------------------------


@require_POST
@office_view
def raised_question(request: StaffRequest, pk: int) -> HttpResponse:
    visit = visit_for(request.user, pk, EDIT)
    form = RaisedForm(request.POST, visit=visit)
    if form.is_valid():
        try:
            record_raised_question(actor=request.user, visit=visit, **form.cleaned_data)
        except DomainError as error:
            _refused(form, error)
        else:
            messages.success(request, _("The question is recorded: place it behind a problem issue."))
            return redirect("office:visit_issues", pk=visit.pk)
    return _list_page(request, visit, raised=form)


@require_POST
@office_view
def reception_topics(request: StaffRequest, pk: int) -> HttpResponse:
    visit = visit_for(request.user, pk, EDIT)
    try:
        added = bring_reception_topics(actor=request.user, visit=visit)
    except DomainError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("Topics brought in from the reception: %(count)s.") % {"count": added})
    return redirect("office:visit_issues", pk=visit.pk)


urlpatterns = [
    path("<int:pk>/issues/", issue_list, name="visit_issues"),
    path("<int:pk>/issues/selection/", issue_selection, name="visit_issue_selection"),
    path("<int:pk>/issues/new/", issue_create, name="visit_issue_create"),
    path("<int:pk>/issues/raised/", raised_question, name="visit_issue_raised"),
    path("<int:pk>/issues/reception-topics/", reception_topics, name="visit_issue_reception_topics"),
    path("<int:pk>/issues/<int:issue_pk>/", issue_detail, name="visit_issue"),
    path("<int:pk>/issues/<int:issue_pk>/edit/", issue_edit, name="visit_issue_edit"),
    path("<int:pk>/issues/<int:issue_pk>/status/", issue_status, name="visit_issue_status"),
    path("<int:pk>/issues/<int:issue_pk>/split/", issue_split, name="visit_issue_split"),
    path("<int:pk>/issues/<int:issue_pk>/merge/", issue_merge, name="visit_issue_merge"),
    path("<int:pk>/issues/<int:issue_pk>/delete/", issue_delete, name="visit_issue_delete"),
    path("<int:pk>/issues/<int:issue_pk>/questions/<int:question_pk>/unlink/", issue_unlink, name="visit_issue_unlink"),
]
