from django.contrib.auth import views as auth_views
from django.urls import include, path

from kezdesu.office.views import (
    audit,
    calendar,
    followup_issues,
    followup_measures,
    followup_plan,
    followup_publication,
    followup_reports,
    home,
    live_console,
    live_meeting,
    notifications,
    obligations,
    oversight,
    problems,
    proposals,
    questions,
    reports_evaluation,
    reports_half_year,
    reports_home,
    reports_library,
    reports_quarterly,
    risks,
    schedule,
    visit_agenda,
    visit_akims,
    visit_closing,
    visit_dates,
    visit_moderation,
    visit_questions,
    visit_reception,
    visit_tasks,
    visits,
)

app_name = "office"

urlpatterns = [
    path("", home.home, name="home"),
    path(
        "login/",
        auth_views.LoginView.as_view(template_name="office/login.html", redirect_authenticated_user=True),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("obligations/", obligations.obligation_list, name="obligations"),
    path("obligations/<path:key>/", obligations.obligation_detail, name="obligation"),
    path("audit/", audit.audit_list, name="audit"),
    path("questions/", questions.question_list, name="questions"),
    path("notifications/", notifications.notification_list, name="notifications"),
    path("notifications/read-all/", notifications.read_all, name="notifications_read_all"),
    path("notifications/settings/", notifications.notification_settings, name="notification_settings"),
    path("notifications/<int:pk>/read/", notifications.read_one, name="notification_read"),
    path("calendar/", calendar.calendar_year, name="calendar"),
    path("calendar/<int:year>/", calendar.calendar_year, name="calendar_year"),
    path("calendar/exceptions/<int:pk>/remove/", calendar.remove_exception, name="calendar_exception_remove"),
    # Proposals, the region advisor, systemic problems and risk flags (issue 3).
    path("planning/proposals/", proposals.proposal_list, name="proposals"),
    path("planning/proposals/submit/", proposals.proposals_submit, name="proposals_submit"),
    path("planning/proposals/<int:pk>/", proposals.proposal_edit, name="proposal_edit"),
    path("planning/proposals/<int:pk>/withdraw/", proposals.proposal_withdraw, name="proposal_withdraw"),
    path("planning/advisor/weights/", proposals.weights_edit, name="advisor_weights"),
    path("planning/problems/", problems.problem_list, name="problems"),
    path("planning/problems/send/", problems.problems_send, name="problems_send"),
    path("planning/problems/inbox/", problems.problems_inbox, name="problems_inbox"),
    path("planning/problems/<int:pk>/answer/", problems.problem_answer, name="problem_answer"),
    path("planning/problems/<int:pk>/edit/", problems.problem_edit, name="problem_edit"),
    path("planning/risks/", risks.risk_list, name="risks"),
    path("planning/risks/<int:pk>/decide/", risks.risk_decide, name="risk_decide"),
    # The schedule: periods, the draft, agreement, submission, approval, amendments (issue 3).
    path("planning/schedule/", schedule.period_list, name="schedule_periods"),
    path("planning/schedule/open/", schedule.open_period, name="schedule_period_open"),
    path("planning/schedule/<int:period_id>/", schedule.draft, name="schedule_draft"),
    path("planning/schedule/<int:period_id>/items/add/", schedule.item_add, name="schedule_item_add"),
    path("planning/schedule/items/<int:pk>/", schedule.item_edit, name="schedule_item_edit"),
    path("planning/schedule/items/<int:pk>/remove/", schedule.item_remove, name="schedule_item_remove"),
    path("planning/schedule/proposals/<int:pk>/include/", schedule.proposal_include, name="schedule_proposal_include"),
    path("planning/schedule/<int:period_id>/acknowledge/", schedule.acknowledge, name="schedule_acknowledge"),
    path("planning/schedule/<int:period_id>/submit/", schedule.submit, name="schedule_submit"),
    path("planning/schedule/<int:period_id>/approve/", schedule.approve, name="schedule_approve"),
    path("planning/schedule/<int:period_id>/amend/", schedule.amend, name="schedule_amend"),
    path("planning/schedule/<int:period_id>/versions/", schedule.versions, name="schedule_versions"),
    path(
        "planning/schedule/<int:period_id>/versions/<int:number>/",
        schedule.version_changes,
        name="schedule_version",
    ),
    path("planning/schedule/<int:period_id>/agreements/", schedule.agreements, name="schedule_agreements"),
    path("planning/schedule/agreements/<int:pk>/", schedule.agreement_decide, name="schedule_agreement_decide"),
    path("planning/schedule/agreements/<int:pk>/paper/", schedule.agreement_paper, name="schedule_agreement_paper"),
    # Visits and their preparation (issue 4): each concern's pages in its own module.
    path(
        "visits/",
        include(
            [
                *visit_closing.urlpatterns,
                *visits.urlpatterns,
                *visit_agenda.urlpatterns,
                *visit_akims.urlpatterns,
                *visit_dates.urlpatterns,
                *visit_reception.urlpatterns,
                *visit_questions.urlpatterns,
                *visit_moderation.urlpatterns,
                *visit_tasks.urlpatterns,
                *live_console.urlpatterns,
                *live_meeting.urlpatterns,
                # After the meeting (issue 6): problem issues, the action plan, the ten-day publication.
                *followup_issues.urlpatterns,
                *followup_plan.urlpatterns,
                *followup_publication.urlpatterns,
            ]
        ),
    ),
    # The executors' workspace and the quarterly progress reports (issue 6).
    path("followup/", include([*followup_measures.urlpatterns, *followup_reports.urlpatterns])),
    # Reports and oversight (issue 7): quarterly information, half-year results, the annual evaluation, the
    # library of the procedure and methodology, and the oversight dashboards.
    path(
        "reports/",
        include(
            [
                *reports_home.urlpatterns,
                *reports_quarterly.urlpatterns,
                *reports_half_year.urlpatterns,
                *reports_evaluation.urlpatterns,
                *reports_library.urlpatterns,
                *oversight.urlpatterns,
            ]
        ),
    ),
]
