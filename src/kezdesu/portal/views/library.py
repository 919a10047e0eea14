"""The public library (R25) and the hub "Documents and evaluation".

Every party reads the procedure (G3.2) and the methodological recommendations (P5.3): the version in force in
the page's language, every earlier version with what changed, a comparison of any two versions that works
without JavaScript, and each version as a Word document. Drafts are never public.
"""

from __future__ import annotations

from django import forms
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import URLPattern, path
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from kezdesu.followup.domain.queries.progress_reports import published_reports
from kezdesu.followup.models import ProgressReport
from kezdesu.reports.domain.queries.library import (
    compare_versions,
    document_versions,
    library_entries,
    text_in,
)
from kezdesu.reports.domain.text_diff import paragraphs
from kezdesu.reports.interfaces.library_docx import library_file_name, library_version_docx
from kezdesu.reports.models import DocumentVersion, LibraryDocument

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
DIFF_LANGUAGES = (("kk", _("Kazakh")), ("ru", _("Russian")))
LATEST_PROGRESS_REPORTS = 12


def _language() -> str:
    return (translation.get_language() or "kk")[:2]


def _document(code: str) -> LibraryDocument:
    return get_object_or_404(LibraryDocument, code=code)


def _latest_progress_reports() -> list[ProgressReport]:
    """The newest quarter's published progress reports (R21), one per ministry."""
    latest = published_reports().order_by("-year", "-quarter").first()
    if latest is None:
        return []
    return list(
        published_reports()
        .filter(year=latest.year, quarter=latest.quarter)
        .order_by("organisation__name")[:LATEST_PROGRESS_REPORTS]
    )


def reports_hub(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "portal/reports.html",
        {"entries": library_entries(), "progress_reports": _latest_progress_reports()},
    )


def library_list(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/library/list.html", {"entries": library_entries()})


def _version_page(document: LibraryDocument, version: DocumentVersion) -> dict[str, object]:
    language = _language()
    body = text_in(version, "body", language)
    return {
        "document": document,
        "version": version,
        "body": body,
        "body_paragraphs": paragraphs(body.text),
        "changes": text_in(version, "changes", language),
    }


def library_document(request: HttpRequest, code: str) -> HttpResponse:
    document = _document(code)
    versions = list(document_versions(document))
    if not versions:
        raise Http404
    context = _version_page(document, versions[0])
    context["history"] = [(version, text_in(version, "changes", _language())) for version in versions]
    context["in_force"] = True
    return render(request, "portal/library/document.html", context)


def library_version(request: HttpRequest, code: str, number: int) -> HttpResponse:
    document = _document(code)
    versions = list(document_versions(document))
    version = next((version for version in versions if version.number == number), None)
    if version is None:
        raise Http404
    context = _version_page(document, version)
    context["in_force"] = version.number == versions[0].number
    context["current"] = versions[0]
    return render(request, "portal/library/version.html", context)


class CompareForm(forms.Form):
    from_ = forms.TypedChoiceField(label=_("From version"), coerce=int)
    to = forms.TypedChoiceField(label=_("To version"), coerce=int)
    lang = forms.ChoiceField(label=_("Language of the text"), choices=DIFF_LANGUAGES)

    def __init__(self, data: dict[str, str], *, numbers: list[int]) -> None:
        super().__init__(data)
        # "from" is a Python keyword: the field is named from_ but its HTML name is "from".
        self.fields["from"] = self.fields.pop("from_")
        self.order_fields(["from", "to", "lang"])
        choices = [(number, _("version %(number)s") % {"number": number}) for number in numbers]
        for name in ("from", "to"):
            self.fields[name].choices = choices  # type: ignore[attr-defined]


def library_diff(request: HttpRequest, code: str) -> HttpResponse:
    document = _document(code)
    versions = {version.number: version for version in document_versions(document)}
    if not versions:
        raise Http404
    numbers = sorted(versions)
    language = _language()
    defaults = {
        "from": str(numbers[-2] if len(numbers) > 1 else numbers[0]),
        "to": str(numbers[-1]),
        "lang": language if language in ("kk", "ru") else "ru",
    }
    data = {name: request.GET.get(name) or value for name, value in defaults.items()}
    form = CompareForm(data, numbers=numbers)
    diff = old = new = None
    if form.is_valid():
        old, new = versions[form.cleaned_data["from"]], versions[form.cleaned_data["to"]]
        diff = compare_versions(old, new, form.cleaned_data["lang"])
    return render(
        request,
        "portal/library/diff.html",
        {
            "document": document,
            "form": form,
            "diff": diff,
            "old": old,
            "new": new,
            "diff_language": form.cleaned_data.get("lang") if form.is_valid() else None,
        },
        status=200 if form.is_valid() else 400,
    )


def library_version_docx_view(request: HttpRequest, code: str, number: int) -> HttpResponse:
    document = _document(code)
    version = document_versions(document).filter(number=number).first()
    if version is None:
        raise Http404
    language = request.GET.get("lang") or _language()
    language = language if language in ("kk", "ru", "en") else "kk"
    response = HttpResponse(library_version_docx(version, language=language), content_type=DOCX)
    name = library_file_name(document.code, number, text_in(version, "body", language).language)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


urlpatterns: list[URLPattern] = [
    path("reports/", reports_hub, name="reports"),
    path("documents/", library_list, name="library"),
    path("documents/<slug:code>/", library_document, name="library_document"),
    path("documents/<slug:code>/v<int:number>/", library_version, name="library_version"),
    path("documents/<slug:code>/v<int:number>.docx", library_version_docx_view, name="library_version_docx"),
    path("documents/<slug:code>/compare/", library_diff, name="library_diff"),
]
