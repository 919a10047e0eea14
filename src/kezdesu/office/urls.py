from django.contrib.auth import views as auth_views
from django.urls import path

from kezdesu.office.views import audit, calendar, home, notifications, obligations

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
    path("notifications/", notifications.notification_list, name="notifications"),
    path("notifications/read-all/", notifications.read_all, name="notifications_read_all"),
    path("notifications/<int:pk>/read/", notifications.read_one, name="notification_read"),
    path("calendar/", calendar.calendar_year, name="calendar"),
    path("calendar/<int:year>/", calendar.calendar_year, name="calendar_year"),
    path("calendar/exceptions/<int:pk>/remove/", calendar.remove_exception, name="calendar_exception_remove"),
]
