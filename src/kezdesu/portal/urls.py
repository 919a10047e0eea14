from django.urls import path

from kezdesu.portal import views
from kezdesu.portal.views import documents, schedule

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("about/data/", views.about_data, name="about_data"),
    path("schedule/", schedule.schedule_list, name="schedule"),
    path("schedule/<int:year>/<int:month>/", schedule.schedule_month, name="schedule_month"),
    path("schedule/versions/<int:pk>.docx", documents.schedule_version_docx, name="schedule_version_docx"),
    path("schedule/versions/<int:pk>.xlsx", documents.schedule_version_xlsx, name="schedule_version_xlsx"),
]
