"""The reports hub: each party's reports and the oversight pages, as far as the user's roles reach."""

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import path

from kezdesu.office.views.access import StaffRequest, office_view


@office_view
def reports_home(request: StaffRequest) -> HttpResponse:
    return render(request, "office/reports/home.html")


urlpatterns = [path("", reports_home, name="reports")]
