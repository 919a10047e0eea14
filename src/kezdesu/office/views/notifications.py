from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from kezdesu.core.domain.notifications import mark_all_read, mark_read
from kezdesu.core.domain.queries.notifications import notifications_of
from kezdesu.office.notices import NotificationItem, notification_items
from kezdesu.office.views.access import StaffRequest, office_view

PAGE_SIZE = 30


@office_view
def notification_list(request: StaffRequest) -> HttpResponse:
    page = Paginator(notifications_of(request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    items: list[NotificationItem] = notification_items(page.object_list)
    has_unread = notifications_of(request.user).filter(read_at__isnull=True).exists()
    return render(request, "office/notifications/list.html", {"page": page, "items": items, "has_unread": has_unread})


@require_POST
@office_view
def read_one(request: StaffRequest, pk: int) -> HttpResponse:
    # Someone else's notification does not exist for this user.
    notification = get_object_or_404(notifications_of(request.user), pk=pk)
    mark_read(actor=request.user, notification=notification)
    return redirect("office:notifications")


@require_POST
@office_view
def read_all(request: StaffRequest) -> HttpResponse:
    count = mark_all_read(actor=request.user)
    messages.success(
        request,
        ngettext("%(count)d notification marked read.", "%(count)d notifications marked read.", count)
        % {"count": count},
    )
    return redirect("office:notifications")
