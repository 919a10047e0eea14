from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from kezdesu.core.domain.digest import set_email_digest
from kezdesu.core.domain.notifications import mark_all_read, mark_read
from kezdesu.core.domain.queries.notifications import notifications_of
from kezdesu.office.forms.notifications import NotificationSettingsForm
from kezdesu.office.notices import NotificationItem, notification_items
from kezdesu.office.views.access import StaffRequest, office_view

PAGE_SIZE = 30


@office_view
def notification_list(request: StaffRequest) -> HttpResponse:
    page = Paginator(notifications_of(request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    items: list[NotificationItem] = notification_items(page.object_list)
    has_unread = notifications_of(request.user).filter(read_at__isnull=True).exists()
    settings_form = NotificationSettingsForm(initial={"email_digest": request.user.email_digest})
    context = {"page": page, "items": items, "has_unread": has_unread, "settings_form": settings_form}
    return render(request, "office/notifications/list.html", context)


@require_POST
@office_view
def notification_settings(request: StaffRequest) -> HttpResponse:
    form = NotificationSettingsForm(request.POST)
    form.is_valid()  # an unticked box is simply False: there is nothing to refuse
    enabled = bool(form.cleaned_data.get("email_digest"))
    set_email_digest(actor=request.user, enabled=enabled)
    if enabled:
        messages.success(request, _("Saved: your notifications come in one e-mail a day, each morning."))
    else:
        messages.success(request, _("Saved: each notification is e-mailed to you as it comes."))
    return redirect("office:notifications")


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
