"""Personal reception of citizens (R16): an official's time slots, each booked by at most one citizen.

The booking holds personal data (S4): it never appears on public pages, open data or publications,
and every view of it is written to the audit trail.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ReceptionSlot(models.Model):
    part = models.ForeignKey(
        "meetings.VisitPart", verbose_name=_("reception"), on_delete=models.CASCADE, related_name="slots"
    )
    position = models.ForeignKey(
        "organisations.Position", verbose_name=_("official"), on_delete=models.PROTECT, related_name="+"
    )
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))

    class Meta:
        verbose_name = _("reception slot")
        verbose_name_plural = _("reception slots")
        ordering = ["part", "starts_at", "position"]
        constraints = [
            models.UniqueConstraint(fields=["part", "position", "starts_at"], name="slot_once"),
            models.CheckConstraint(condition=models.Q(ends_at__gt=models.F("starts_at")), name="slot_in_order"),
        ]

    def __str__(self) -> str:
        return f"{self.position}: {self.starts_at:%d.%m.%Y %H:%M}"


class Booking(models.Model):
    class Status(models.TextChoices):
        BOOKED = "booked", _("booked")
        CANCELLED = "cancelled", _("cancelled")

    slot = models.ForeignKey(ReceptionSlot, verbose_name=_("slot"), on_delete=models.PROTECT, related_name="bookings")
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.BOOKED)
    full_name = models.CharField(_("full name"), max_length=300)
    iin = models.CharField(_("IIN"), max_length=12)
    phone = models.CharField(_("phone"), max_length=20)
    topic = models.TextField(_("topic"))
    code = models.CharField(_("confirmation code"), max_length=12, unique=True)
    # Staff booking on a citizen's behalf (a walk-in, a phone call) record why.
    booked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    on_behalf_reason = models.TextField(_("reason for booking on the citizen's behalf"), blank=True)
    created_at = models.DateTimeField(_("booked"), auto_now_add=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)

    class Meta:
        verbose_name = _("reception booking")
        verbose_name_plural = _("reception bookings")
        ordering = ["slot", "created_at"]
        constraints = [
            models.UniqueConstraint(fields=["slot"], condition=models.Q(status="booked"), name="one_booking_per_slot"),
        ]

    def __str__(self) -> str:
        return self.code
