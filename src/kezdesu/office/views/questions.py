"""The citizens' questions across visits, filtered: the records the oversight dashboard's figures count (R26).
Each member of staff sees the questions of the visits they read; the nationwide readers see all."""

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render

from kezdesu.office.forms.questions import QuestionFilterForm
from kezdesu.office.views.access import StaffRequest, office_view
from kezdesu.questions.domain.queries.office_list import office_questions
from kezdesu.questions.models import Question

PAGE_SIZE = 50


@office_view
def question_list(request: StaffRequest) -> HttpResponse:
    form = QuestionFilterForm(request.GET or None)
    filters = form.filters()
    # Wrong filters list nothing rather than everything: a wrong count would pass for the right one.
    questions = office_questions(request.user, filters) if filters is not None else Question.objects.none()
    page = Paginator(questions, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "office/questions/list.html",
        {"form": form, "filters": filters, "page": page, "query": query.urlencode()},
    )
