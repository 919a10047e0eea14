from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path

from kezdesu.portal.views import feeds

urlpatterns: list[URLPattern | URLResolver] = [
    path("api/", include("kezdesu.api.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    # iCalendar feeds keep short addresses outside the language prefixes; `?lang=` picks the language.
    path("schedule.ics", feeds.schedule_feed, name="schedule_feed"),
    path("schedule/ministry/<slug:code>.ics", feeds.ministry_feed, name="schedule_ministry_feed"),
    path("schedule/region/<str:kato>.ics", feeds.region_feed, name="schedule_region_feed"),
]

urlpatterns += i18n_patterns(
    path("admin/", admin.site.urls),
    path("office/", include("kezdesu.office.urls")),
    path("", include("kezdesu.portal.urls")),
    prefix_default_language=True,
)

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
