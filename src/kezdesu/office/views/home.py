import datetime
from urllib.parse import urlencode

from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from kezdesu.core.domain.queries.notifications import unread_notification_count
from kezdesu.office.queries import HORIZON_DAYS, OVERDUE_LOOKBACK_DAYS, obligation_summary
from kezdesu.office.views.access import StaffRequest, office_view
from kezdesu.organisations.domain.queries.scope import memberships_of, sees_everything


@office_view
def home(request: StaffRequest) -> HttpResponse:
    today = timezone.localdate()
    return render(
        request,
        "office/home.html",
        {
            "memberships": memberships_of(request.user).order_by("organisation__name", "role"),
            "sees_everything": sees_everything(request.user),
            "summary": obligation_summary(user=request.user, today=today),
            "horizon_days": HORIZON_DAYS,
            "unread": unread_notification_count(request.user),
            "overdue_query": urlencode(
                {
                    "start": today - datetime.timedelta(days=OVERDUE_LOOKBACK_DAYS),
                    "end": today,
                    "state": "overdue",
                }
            ),
        },
    )
