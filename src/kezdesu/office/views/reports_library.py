"""The library of the procedure and methodological recommendations (R25) in the back office.

Every staff member reads the documents and their published versions; the authorized body's coordinators
(`reports.manage_library`) add documents, start a new version, edit the draft with the languages side by side
and the changes against the version in force in view, publish it (which circulates it) or discard it.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.db import transaction
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kezdesu.core.errors import DomainError
from kezdesu.office.views.access import StaffRequest, office_view
from kezdesu.reports.domain.library import (
    REFERENCE_MAX,
    create_document,
    discard_draft,
    missing_for_publication,
    publish_version,
    start_version,
    update_draft,
)
from kezdesu.reports.domain.queries.library import (
    compare_versions,
    document_versions,
    library_entries,
    version_in_force,
)
from kezdesu.reports.models import DocumentVersion, LibraryDocument

MANAGE = "reports.manage_library"
TEXT_MAX = 100_000


class DocumentForm(forms.Form):
    code = forms.SlugField(
        label=gettext_lazy("Code"),
        max_length=80,
        help_text=gettext_lazy("Its address on the site: Latin letters, digits and hyphens."),
    )
    kind = forms.ChoiceField(label=gettext_lazy("Kind"), choices=LibraryDocument.Kind.choices)
    title_kk = forms.CharField(label=gettext_lazy("Title in Kazakh"), max_length=300)
    title_ru = forms.CharField(label=gettext_lazy("Title in Russian"), max_length=300)
    title_en = forms.CharField(label=gettext_lazy("Title in English"), max_length=300, required=False)


class DraftForm(forms.Form):
    approved_on = forms.DateField(
        label=gettext_lazy("Approved on"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    approval_reference_kk = forms.CharField(
        label=gettext_lazy("Approved by, in Kazakh"),
        max_length=REFERENCE_MAX,
        required=False,
        help_text=gettext_lazy("The minister's order, its number and date."),
    )
    approval_reference_ru = forms.CharField(
        label=gettext_lazy("Approved by, in Russian"), max_length=REFERENCE_MAX, required=False
    )
    approval_reference_en = forms.CharField(
        label=gettext_lazy("Approved by, in English"), max_length=REFERENCE_MAX, required=False
    )
    body_kk = forms.CharField(label=gettext_lazy("Text in Kazakh"), required=False, max_length=TEXT_MAX)
    body_ru = forms.CharField(label=gettext_lazy("Text in Russian"), required=False, max_length=TEXT_MAX)
    body_en = forms.CharField(label=gettext_lazy("Text in English"), required=False, max_length=TEXT_MAX)
    changes_kk = forms.CharField(label=gettext_lazy("What changed, in Kazakh"), required=False, max_length=TEXT_MAX)
    changes_ru = forms.CharField(label=gettext_lazy("What changed, in Russian"), required=False, max_length=TEXT_MAX)
    changes_en = forms.CharField(label=gettext_lazy("What changed, in English"), required=False, max_length=TEXT_MAX)
    revision = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("body_kk", "body_ru", "body_en"):
            self.fields[name].widget = forms.Textarea(attrs={"rows": 24})
        for name in ("changes_kk", "changes_ru", "changes_en"):
            self.fields[name].widget = forms.Textarea(attrs={"rows": 4})
        for code in ("kk", "ru", "en"):
            for name in ("approval_reference", "body", "changes"):
                self.fields[f"{name}_{code}"].widget.attrs["lang"] = code


def _document(code: str) -> LibraryDocument:
    return get_object_or_404(LibraryDocument, code=code)


@office_view
def library_page(request: StaffRequest) -> HttpResponse:
    may_manage = request.user.has_perm(MANAGE)
    form = DocumentForm()
    if request.method == "POST":
        if not may_manage:
            raise Http404
        form = DocumentForm(request.POST)
        if form.is_valid():
            try:
                document = create_document(actor=request.user, **form.cleaned_data)
            except DomainError as error:
                form.add_error(None, str(error.message))
            else:
                messages.success(request, _("The document is added: start its first version."))
                return HttpResponseRedirect(reverse("office:library_document", kwargs={"code": document.code}))
    entries = library_entries(drafts=may_manage, published_only=not may_manage)
    return render(
        request,
        "office/reports/library/list.html",
        {"entries": entries, "form": form, "may_manage": may_manage},
        status=400 if form.errors else 200,
    )


@office_view
def library_document_page(request: StaffRequest, code: str) -> HttpResponse:
    document = _document(code)
    may_manage = request.user.has_perm(MANAGE)
    versions = list(document_versions(document, drafts=may_manage))
    if request.method == "POST":
        if not may_manage:
            raise Http404
        try:
            version = start_version(actor=request.user, document=document)
        except DomainError as error:
            messages.error(request, str(error.message))
            return HttpResponseRedirect(reverse("office:library_document", kwargs={"code": code}))
        messages.success(
            request, _("Version %(number)s is started as a copy of the version in force.") % {"number": version.number}
        )
        return HttpResponseRedirect(_edit_url(version))
    if not versions and not may_manage:
        raise Http404
    return render(
        request,
        "office/reports/library/document.html",
        {
            "document": document,
            "versions": versions,
            "draft": next((version for version in versions if version.status == DocumentVersion.Status.DRAFT), None),
            "in_force": next(
                (version for version in versions if version.status == DocumentVersion.Status.PUBLISHED), None
            ),
            "may_manage": may_manage,
        },
    )


def _edit_url(version: DocumentVersion) -> str:
    return reverse("office:library_version_edit", kwargs={"code": version.document.code, "number": version.number})


def _initial(version: DocumentVersion) -> dict[str, Any]:
    names = [name for name in DraftForm.base_fields if name != "revision"]
    return {**{name: getattr(version, name) or "" for name in names}, "revision": version.revision}


def _editor(request: StaffRequest, version: DocumentVersion, form: DraftForm, *, status: int = 200) -> HttpResponse:
    in_force = version_in_force(version.document)
    diffs = []
    if in_force is not None:
        for code, label in (("kk", _("Kazakh")), ("ru", _("Russian"))):
            diffs.append((code, label, compare_versions(in_force, version, code)))
    return render(
        request,
        "office/reports/library/edit.html",
        {
            "document": version.document,
            "version": version,
            "in_force": in_force,
            "form": form,
            "diffs": diffs,
            "missing": missing_for_publication(version),
        },
        status=status,
    )


@office_view
def library_version_edit(request: StaffRequest, code: str, number: int) -> HttpResponse:
    if not request.user.has_perm(MANAGE):
        raise Http404
    document = _document(code)
    version: DocumentVersion = get_object_or_404(
        DocumentVersion.objects.select_related("document"),
        document=document,
        number=number,
        status=DocumentVersion.Status.DRAFT,
    )
    if request.method != "POST":
        return _editor(request, version, DraftForm(initial=_initial(version)))
    action = request.POST.get("action")
    if action == "discard":
        try:
            discard_draft(actor=request.user, version=version)
        except DomainError as error:
            messages.error(request, str(error.message))
        else:
            messages.success(request, _("The draft is discarded."))
        return HttpResponseRedirect(reverse("office:library_document", kwargs={"code": code}))
    form = DraftForm(request.POST)
    if not form.is_valid():
        return _editor(request, version, form, status=400)
    try:
        with transaction.atomic():
            version = update_draft(actor=request.user, version=version, **form.cleaned_data)
            if action == "publish":
                publish_version(actor=request.user, version=version)
    except DomainError as error:
        version.refresh_from_db()
        if error.code == "changed_meanwhile":
            # The user's text stays in the form; saving it again will overwrite the other change knowingly.
            data = request.POST.copy()
            data["revision"] = str(version.revision)
            form = DraftForm(data)
            form.is_valid()
        form.add_error(None, str(error.message))
        return _editor(request, version, form, status=400)
    if action == "publish":
        messages.success(
            request,
            _("Version %(number)s is in force and was sent to the ministries and akimats.")
            % {"number": version.number},
        )
        return HttpResponseRedirect(reverse("office:library_document", kwargs={"code": code}))
    messages.success(request, _("The draft is saved."))
    return HttpResponseRedirect(_edit_url(version))


urlpatterns = [
    path("library/", library_page, name="library"),
    path("library/<slug:code>/", library_document_page, name="library_document"),
    path("library/<slug:code>/v<int:number>/edit/", library_version_edit, name="library_version_edit"),
]
