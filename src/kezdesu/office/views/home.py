import datetime
from urllib.parse import urlencode

from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from kezdesu.core.domain.queries.notifications import unread_notification_count
from kezdesu.meetings.domain.queries.closing import visits_to_close
from kezdesu.office.queries import HORIZON_DAYS, OVERDUE_LOOKBACK_DAYS, obligation_summary
from kezdesu.office.views.access import StaffRequest, office_view
from kezdesu.organisations.domain.queries.scope import memberships_of, organisations_in_scope, sees_everything


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
            # Visits past their last day that nobody has closed (R16): their own, or all for nationwide readers.
            "to_close": visits_to_close(
                today=today,
                organisations=None if sees_everything(request.user) else list(organisations_in_scope(request.user)),
            ).count(),
            "overdue_query": urlencode(
                {
                    "start": today - datetime.timedelta(days=OVERDUE_LOOKBACK_DAYS),
                    "end": today,
                    "state": "overdue",
                }
            ),
        },
    )
