"""REST API v1: one router, plus the OpenAPI schema and its two browsable renderings."""

from django.urls import URLPattern, URLResolver, include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView
from rest_framework import routers

from kezdesu.api.views import (
    audit,
    calendar,
    followup_issues,
    followup_plan,
    followup_public,
    followup_publication,
    geography,
    live,
    live_meeting,
    me,
    moderation,
    notifications,
    obligations,
    organisations,
    oversight,
    profiles,
    questions,
    reception,
    reports_evaluation,
    reports_half_year,
    reports_library,
    reports_quarterly,
    visit_agenda,
    visit_dates,
    visits,
)
from kezdesu.api.views import draft as draft_views
from kezdesu.api.views import planning as planning_views
from kezdesu.api.views import schedule as schedule_views

app_name = "api"

router = routers.DefaultRouter()
router.register("regions", geography.RegionViewSet, basename="region")
router.register("districts", geography.DistrictViewSet, basename="district")
router.register("organisations", organisations.OrganisationViewSet, basename="organisation")
router.register("positions", organisations.PositionViewSet, basename="position")
router.register("profiles", profiles.RegulationProfileViewSet, basename="profile")
router.register("obligations", obligations.ObligationViewSet, basename="obligation")
router.register("calendar-exceptions", calendar.CalendarExceptionViewSet, basename="calendar-exception")
router.register("audit", audit.AuditLogViewSet, basename="audit")
router.register("notifications", notifications.NotificationViewSet, basename="notification")
router.register("schedule", schedule_views.ScheduleViewSet, basename="schedule")
router.register("schedule-versions", schedule_views.ScheduleVersionViewSet, basename="schedule-version")
router.register("planning-periods", planning_views.PlanningPeriodViewSet, basename="planning-period")
router.register("proposals", planning_views.ProposalViewSet, basename="proposal")
router.register("systemic-problems", planning_views.SystemicProblemViewSet, basename="systemic-problem")
router.register("risk-flags", planning_views.RiskFlagViewSet, basename="risk-flag")
router.register("draft", draft_views.DraftViewSet, basename="draft")
router.register("agreements", draft_views.AgreementViewSet, basename="agreement")

v1: list[URLPattern | URLResolver] = [
    path("", include(router.urls)),
    path("calendar/<int:year>/", calendar.CalendarYearView.as_view(), name="calendar-year"),
    path("me/", me.MeView.as_view(), name="me"),
    # Visits, the vote on their date, reception, questions and their moderation (issue 4).
    *visits.urlpatterns,
    *visit_dates.urlpatterns,
    *visit_agenda.urlpatterns,
    *reception.urlpatterns,
    *questions.urlpatterns,
    *moderation.urlpatterns,
    *live.urlpatterns,
    *live_meeting.urlpatterns,
    # After the meeting (issue 6): problem issues, action plans, publications, progress; open data.
    *followup_public.urlpatterns,
    *followup_issues.urlpatterns,
    *followup_plan.urlpatterns,
    *followup_publication.urlpatterns,
    # Reports and oversight (issue 7).
    *reports_quarterly.urlpatterns,
    *reports_half_year.urlpatterns,
    *reports_evaluation.urlpatterns,
    *reports_library.urlpatterns,
    *oversight.urlpatterns,
    path("schema/", SpectacularAPIView.as_view(api_version="v1"), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api:schema"), name="docs"),
    path("redoc/", SpectacularRedocView.as_view(url_name="api:schema"), name="redoc"),
]

urlpatterns = [path("v1/", include(v1))]
