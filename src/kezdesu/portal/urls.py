from django.urls import include, path

from kezdesu.portal import views
from kezdesu.portal.views import (
    accountability,
    documents,
    evaluation,
    feeds,
    follow,
    followup_publication,
    issues,
    library,
    live,
    live_screens,
    measures,
    open_data,
    schedule,
    search,
    visit_dates,
    visit_questions,
    visit_reception,
    visits,
)

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("about/data/", views.about_data, name="about_data"),
    path("schedule/", schedule.schedule_list, name="schedule"),
    path("schedule/<int:year>/<int:month>/", schedule.schedule_month, name="schedule_month"),
    # Search visits and problem issues from the home page (issue 14).
    *search.urlpatterns,
    path("schedule/versions/<int:pk>.docx", documents.schedule_version_docx, name="schedule_version_docx"),
    path("schedule/versions/<int:pk>.xlsx", documents.schedule_version_xlsx, name="schedule_version_xlsx"),
    # Visits: the public meeting page and what citizens do on it (issue 4).
    path(
        "visits/",
        include(
            [
                *visits.urlpatterns,
                *visit_dates.urlpatterns,
                *visit_questions.urlpatterns,
                *visit_reception.urlpatterns,
                *live.urlpatterns,
                *live_screens.urlpatterns,
                # The visit's published results (issue 6).
                *followup_publication.urlpatterns,
                # A visit's own calendar (iCal), in the page's language.
                *feeds.visit_urlpatterns,
            ]
        ),
    ),
    # Problem issues, their solution and the accountability pages; open data (issue 6).
    *issues.urlpatterns,
    *measures.urlpatterns,
    *accountability.urlpatterns,
    *followup_publication.report_urlpatterns,
    *open_data.urlpatterns,
    # Following a region, a ministry or a visit by e-mail, RSS or Atom (issue 14).
    *follow.urlpatterns,
    # The library of the procedure and methodology, and the annual evaluation of the ministries (issue 7).
    *library.urlpatterns,
    *evaluation.urlpatterns,
]
