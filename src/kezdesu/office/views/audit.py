from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render

from kezdesu.core.domain.queries.audit import audit_entries
from kezdesu.office.forms.audit import AuditFilterForm
from kezdesu.office.views.access import StaffRequest, hidden_unless

PAGE_SIZE = 50


@hidden_unless("core.view_audit")
def audit_list(request: StaffRequest) -> HttpResponse:
    form = AuditFilterForm(request.GET or None)
    page = Paginator(audit_entries(**form.filters()), PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "office/audit/list.html", {"form": form, "page": page, "query": query.urlencode()})
