"""A visit's questions in the back office: the list by channel, imports of exported files, and the
akimat's systemic problems attached as questions (R10, R11). Moderation is on its own pages."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from kezdesu.core.errors import DomainError
from kezdesu.meetings.domain.queries.access import visit_for
from kezdesu.office.views.access import StaffRequest, office_view
from kezdesu.questions.domain.intake import attach_systemic_problems
from kezdesu.questions.domain.queries.intake import channel_counts, import_batches, visit_questions
from kezdesu.questions.interfaces.forms import ImportForm
from kezdesu.questions.interfaces.importers import MAX_FILE_BYTES, import_question_file
from kezdesu.questions.models import Channel

PAGE_SIZE = 50
RECENT_IMPORTS = 10


@office_view
def question_list(request: StaffRequest, pk: int) -> HttpResponse:
    visit = visit_for(request.user, pk)
    channel = request.GET.get("channel", "")
    if channel not in Channel.values:
        channel = ""
    page = Paginator(visit_questions(visit, channel=channel), PAGE_SIZE).get_page(request.GET.get("page"))
    counts = channel_counts(visit)
    return render(
        request,
        "office/visit/questions.html",
        {
            "visit": visit,
            "counts": counts,
            "total": sum(count.total for count in counts),
            "channel": channel,
            "page": page,
            "query": f"channel={channel}" if channel else "",
            "may_import": request.user.has_perm("questions.import_questions", visit),
        },
    )


@office_view
def question_import(request: StaffRequest, pk: int) -> HttpResponse:
    visit = visit_for(request.user, pk, "questions.import_questions")
    form = ImportForm(request.POST or None, request.FILES or None)
    batch = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            batch = import_question_file(
                actor=request.user,
                visit=visit,
                channel=form.cleaned_data["channel"],
                file_name=upload.name,
                # Read at most one byte more than allowed: the importer refuses the size, nothing more is held.
                content=upload.read(MAX_FILE_BYTES + 1),
            )
        except DomainError as error:
            form.add_error("file", str(error.message))
        else:
            messages.success(
                request,
                _("Imported: %(created)s added, %(already)s already imported, %(refused)s refused.")
                % {"created": batch.created, "already": batch.already_there, "refused": len(batch.refused)},
            )
            form = ImportForm(initial={"channel": form.cleaned_data["channel"]})
    return render(
        request,
        "office/visit/questions_import.html",
        {"visit": visit, "form": form, "batch": batch, "batches": import_batches(visit)[:RECENT_IMPORTS]},
    )


@require_POST
@office_view
def attach_problems(request: StaffRequest, pk: int) -> HttpResponse:
    visit = visit_for(request.user, pk)
    if not request.user.has_perm("questions.import_questions", visit):
        raise PermissionDenied
    try:
        created = attach_systemic_problems(actor=request.user, visit=visit)
    except DomainError as error:
        messages.error(request, str(error.message))
    else:
        if created:
            messages.success(
                request,
                ngettext(
                    "%(count)s systemic problem of the akimat is attached as a question.",
                    "%(count)s systemic problems of the akimat are attached as questions.",
                    len(created),
                )
                % {"count": len(created)},
            )
        else:
            messages.info(request, _("No new systemic problems: every one sent to this ministry is already attached."))
    return redirect("office:visit_questions", pk=visit.pk)


urlpatterns: list[URLPattern] = [
    path("<int:pk>/questions/", question_list, name="visit_questions"),
    path("<int:pk>/questions/import/", question_import, name="visit_questions_import"),
    path("<int:pk>/questions/systemic-problems/", attach_problems, name="visit_questions_attach_problems"),
]
