"""The ten-day publication of a visit's results (R20) in the back office: the deadline and its clause, what the
package still lacks, the results text in kk/ru/en, a preview, and publishing (or republishing)."""

from typing import Any

from django.contrib import messages
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kezdesu.core.errors import DomainError
from kezdesu.followup.domain.publication import (
    missing_for_publication,
    publication_deadline,
    publication_of,
    publish_results,
    save_results,
)
from kezdesu.followup.interfaces.publication_docx import file_name, language_or_default, publication_docx
from kezdesu.followup.interfaces.publication_pdf import publication_html
from kezdesu.meetings.domain.queries.access import visit_for
from kezdesu.meetings.models import Visit
from kezdesu.office.views.access import StaffRequest, office_view

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
FIELDS = ("results_kk", "results_ru", "results_en")
TEXT_MAX = 20000


def _page(request: StaffRequest, visit: Visit, *, typed: dict[str, Any] | None = None, error: str = "") -> HttpResponse:
    publication = publication_of(visit)
    values = (
        {name: getattr(publication, name, "") or "" for name in FIELDS} if publication else dict.fromkeys(FIELDS, "")
    )
    revision = publication.revision if publication else 0
    if typed is not None:  # a refused save: what was typed comes back, with the revision it was typed on
        values = {name: typed.get(name, "") for name in FIELDS}
        revision = int(typed.get("revision") or 0) if str(typed.get("revision", "")).isdigit() else revision
    return render(
        request,
        "office/followup/publication.html",
        {
            "visit": visit,
            "publication": publication,
            "deadline": publication_deadline(visit),
            "missing": missing_for_publication(visit, publication),
            "values": values,
            "revision": revision,
            "may_edit": request.user.has_perm("followup.edit_issues", visit),
            "may_publish": request.user.has_perm("followup.publish_results", visit),
            "error": error,
            "fields": [
                (name, label, values[name])
                for name, label in (
                    ("results_kk", _("Kazakh")),
                    ("results_ru", _("Russian")),
                    ("results_en", _("English")),
                )
            ],
        },
        status=400 if error else 200,
    )


@office_view
def publication_page(request: StaffRequest, pk: int) -> HttpResponse:
    return _page(request, visit_for(request.user, pk))


@require_POST
@office_view
def publication_save(request: StaffRequest, pk: int) -> HttpResponse:
    visit = visit_for(request.user, pk, "followup.edit_issues")
    typed = {name: request.POST.get(name, "")[:TEXT_MAX] for name in FIELDS}
    typed["revision"] = request.POST.get("revision", "")
    revision = typed["revision"]
    try:
        save_results(
            actor=request.user,
            visit=visit,
            results_kk=typed["results_kk"],
            results_ru=typed["results_ru"],
            results_en=typed["results_en"],
            revision=int(revision) if revision.isdigit() else -1,
        )
    except DomainError as error:
        return _page(request, visit, typed=typed, error=str(error.message))
    messages.success(request, _("The results are saved."))
    return HttpResponseRedirect(reverse("office:visit_publication", args=[visit.pk]))


@require_POST
@office_view
def publication_publish(request: StaffRequest, pk: int) -> HttpResponse:
    visit = visit_for(request.user, pk, "followup.publish_results")
    already = (publication := publication_of(visit)) is not None and publication.is_published
    try:
        publish_results(actor=request.user, visit=visit)
    except DomainError as error:
        return _page(request, visit, error=str(error.message))
    messages.success(request, _("The results are published again.") if already else _("The results are published."))
    return HttpResponseRedirect(reverse("office:visit_publication", args=[visit.pk]))


@office_view
def publication_preview(request: StaffRequest, pk: int) -> HttpResponse:
    visit = visit_for(request.user, pk)
    language = language_or_default(request.GET.get("lang"))
    return HttpResponse(publication_html(visit, publication_of(visit), language=language))


@office_view
def publication_preview_docx(request: StaffRequest, pk: int) -> HttpResponse:
    visit = visit_for(request.user, pk)
    language = language_or_default(request.GET.get("lang"))
    response = HttpResponse(publication_docx(visit, publication_of(visit), language=language), content_type=DOCX)
    response["Content-Disposition"] = f'attachment; filename="{file_name(visit, language, "docx")}"'
    return response


urlpatterns = [
    path("<int:pk>/publication/", publication_page, name="visit_publication"),
    path("<int:pk>/publication/save/", publication_save, name="visit_publication_save"),
    path("<int:pk>/publication/publish/", publication_publish, name="visit_publication_publish"),
    path("<int:pk>/publication/preview/", publication_preview, name="visit_publication_preview"),
    path("<int:pk>/publication/preview.docx", publication_preview_docx, name="visit_publication_preview_docx"),
]
