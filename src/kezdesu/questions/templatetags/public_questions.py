"""The questions panel of the public meeting page: the published questions and the form to ask."""

from typing import Any

from django import template
from django.core.paginator import Paginator

from kezdesu.meetings.models import Visit
from kezdesu.questions.domain.intake import questions_deadline, questions_open
from kezdesu.questions.domain.queries.intake import published_questions
from kezdesu.questions.interfaces.forms import AskQuestionForm

register = template.Library()

PAGE_SIZE = 10
PAGE_PARAMETER = "questions_page"


@register.inclusion_tag("portal/visit/_questions.html", takes_context=True)
def visit_questions_panel(
    context: template.Context, visit: Visit, form: AskQuestionForm | None = None
) -> dict[str, Any]:
    """The published questions and a new form; or, on the ask page, only the `form` it passes (with
    its errors and everything typed), so that the form comes first on a phone."""
    request = context.get("request")
    page = None
    if form is None:
        page_number = request.GET.get(PAGE_PARAMETER, 1) if request is not None else 1
        page = Paginator(published_questions(visit), PAGE_SIZE).get_page(page_number)
    is_open = questions_open(visit)
    return {
        "visit": visit,
        "request": request,
        "page": page,
        "show_list": page is not None,
        "page_parameter": PAGE_PARAMETER,
        "questions_open": is_open,
        "deadline": questions_deadline(visit),
        "form": (form or AskQuestionForm(visit=visit)) if is_open else None,
        "csrf_token": context.get("csrf_token"),
        "meeting_url": context.get("meeting_url", ""),
    }
