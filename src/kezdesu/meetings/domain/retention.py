"""Personal data is kept only as long as needed (S4): a booking's name, IIN, phone and topic are erased
KEZDESU_RECEPTION_RETENTION_DAYS after its reception. The booking itself (its code, slot and status)
stays, so the reception's record and the audit trail keep their meaning."""

import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from kezdesu.core.domain.audit import record_audit
from kezdesu.meetings.models import Booking

PERSONAL_FIELDS = ("full_name", "iin", "phone", "topic")


def expired_bookings(now: datetime.datetime) -> "list[Booking]":
    limit = now - datetime.timedelta(days=settings.KEZDESU_RECEPTION_RETENTION_DAYS)
    return list(Booking.objects.filter(slot__ends_at__lt=limit).exclude(iin="").order_by("pk"))


@transaction.atomic
def erase_reception_personal_data(*, now: datetime.datetime | None = None) -> int:
    """Erase the personal data of bookings whose reception ended longer ago than the retention period.

    Safe to repeat: erased bookings are not touched again. One audit row names the bookings by code.
    """
    bookings = expired_bookings(now or timezone.now())
    if not bookings:
        return 0
    for booking in bookings:
        for name in PERSONAL_FIELDS:
            setattr(booking, name, "")
    Booking.objects.bulk_update(bookings, PERSONAL_FIELDS)
    record_audit(
        actor=None,
        action="meetings.booking.erase_personal_data",
        new={
            "bookings": [booking.code for booking in bookings],
            "retention_days": settings.KEZDESU_RECEPTION_RETENTION_DAYS,
        },
    )
    return len(bookings)
