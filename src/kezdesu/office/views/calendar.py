from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kezdesu.core.errors import DomainError
from kezdesu.office.forms.calendar import CalendarExceptionForm
from kezdesu.office.queries import calendar_exceptions_of, holidays_of_year
from kezdesu.office.views.access import StaffRequest, office_view
from kezdesu.regulations.domain.calendar_exceptions import add_calendar_exception, remove_calendar_exception
from kezdesu.regulations.models import CalendarException

# Years the calendar can show: the package knows holidays far ahead, but decrees are yearly.
FIRST_YEAR, LAST_YEAR = 2020, 2040


@office_view
def calendar_year(request: StaffRequest, year: int | None = None) -> HttpResponse:
    year = year or timezone.localdate().year
    if not FIRST_YEAR <= year <= LAST_YEAR:
        return redirect("office:calendar")
    may_manage = request.user.has_perm("regulations.manage_calendar")
    form = CalendarExceptionForm() if may_manage else None
    if request.method == "POST":
        if not may_manage:
            raise PermissionDenied
        form = CalendarExceptionForm(request.POST)
        if form.is_valid():
            try:
                exception = add_calendar_exception(actor=request.user, **form.cleaned_data)
            except DomainError as error:
                form.add_error(None, str(error.message))
            else:
                messages.success(
                    request, _("Entered in the calendar: %(date)s.") % {"date": f"{exception.date:%d.%m.%Y}"}
                )
                return redirect("office:calendar_year", year=exception.date.year)
    return render(
        request,
        "office/calendar/year.html",
        {
            "year": year,
            "previous_year": year - 1 if year > FIRST_YEAR else None,
            "next_year": year + 1 if year < LAST_YEAR else None,
            "holidays": holidays_of_year(year),
            "exceptions": calendar_exceptions_of(year),
            "form": form,
        },
    )


@require_POST
@office_view
def remove_exception(request: StaffRequest, pk: int) -> HttpResponse:
    if not request.user.has_perm("regulations.manage_calendar"):
        raise PermissionDenied
    exception = get_object_or_404(CalendarException, pk=pk)
    year = exception.date.year
    try:
        remove_calendar_exception(actor=request.user, exception=exception)
    except DomainError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("The entry is removed from the calendar."))
    return redirect("office:calendar_year", year=year)
