"""A minister's visit to a region and its parts: the meeting, personal reception, NGOs, the media (R16)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Visit(models.Model):
    """The visit that carries out one item of the schedule (its `schedule_uid`, stable across versions)."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("being prepared")
        PUBLISHED = "published", _("announced")
        HELD = "held", _("held")
        CANCELLED = "cancelled", _("cancelled")

    schedule_uid = models.UUIDField(_("schedule item"), unique=True, null=True, blank=True)
    period = models.ForeignKey(
        "planning.PlanningPeriod",
        verbose_name=_("planning period"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="visits",
    )
    organisation = models.ForeignKey(
        "organisations.Organisation", verbose_name=_("ministry"), on_delete=models.PROTECT, related_name="+"
    )
    position = models.ForeignKey(
        "organisations.Position", verbose_name=_("official"), on_delete=models.PROTECT, related_name="+"
    )
    region = models.ForeignKey(
        "organisations.Region", verbose_name=_("region"), on_delete=models.PROTECT, related_name="+"
    )
    district = models.ForeignKey(
        "organisations.District",
        verbose_name=_("district or town"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    start_date = models.DateField(_("first day"))
    end_date = models.DateField(_("last day"))
    is_unscheduled = models.BooleanField(_("unscheduled"), default=False)
    # An unscheduled meeting's risk flag (R4), and the deputy prime minister a high risk requires (R6).
    risk_flag = models.ForeignKey(
        "planning.RiskFlag",
        verbose_name=_("risk flag"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="visits",
    )
    deputy_prime_minister = models.ForeignKey(
        "organisations.Position",
        verbose_name=_("deputy prime minister taking part"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    deputy_prime_minister_took_part = models.BooleanField(
        _("the deputy prime minister took part"), null=True, blank=True
    )
    # Translated content (title_kk, title_ru, title_en...): see meetings/translation.py.
    title = models.CharField(_("title"), max_length=300, blank=True, help_text=_("Leave empty to use the usual one."))
    how_to_take_part = models.TextField(_("how to take part"), blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(_("announced"), null=True, blank=True)
    questions_close_at = models.DateTimeField(_("questions accepted until"), null=True, blank=True)
    # The population's opinion on the date and time (R9).
    vote_closes_at = models.DateTimeField(_("voting on the date closes"), null=True, blank=True)
    date_fixed_at = models.DateTimeField(_("date fixed"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("visit")
        verbose_name_plural = _("visits")
        ordering = ["start_date", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__gte=models.F("start_date")), name="visit_dates_in_order"
            ),
        ]
        indexes = [models.Index(fields=["status", "start_date"]), models.Index(fields=["region", "start_date"])]

    def __str__(self) -> str:
        return f"{self.position} — {self.region}, {self.start_date:%d.%m.%Y}"


class VisitPart(models.Model):
    """One part of the visit (R16), with where, when, how and who (R14, R17)."""

    class Kind(models.TextChoices):
        MEETING = "meeting", _("meeting with the population")
        RECEPTION = "reception", _("personal reception of citizens")
        NGO_MEETING = "ngo_meeting", _("meeting with non-governmental organisations")
        MEDIA_BRIEFING = "media_briefing", _("media briefing")

    class Outcome(models.TextChoices):
        PLANNED = "planned", _("not recorded yet")
        TOOK_PLACE = "took_place", _("took place")
        NOT_HELD = "not_held", _("did not take place")

    class Format(models.TextChoices):
        IN_PERSON = "in_person", _("in person")
        ONLINE = "online", _("online")
        HYBRID = "hybrid", _("in person and online")

    visit = models.ForeignKey(Visit, verbose_name=_("visit"), on_delete=models.CASCADE, related_name="parts")
    kind = models.CharField(_("part"), max_length=20, choices=Kind.choices)
    starts_at = models.DateTimeField(_("starts"), null=True, blank=True)
    ends_at = models.DateTimeField(_("ends"), null=True, blank=True)
    format = models.CharField(_("format"), max_length=20, choices=Format.choices, default=Format.HYBRID)
    # Translated content: venue_kk/ru/en, address_kk/ru/en.
    venue = models.CharField(_("venue"), max_length=300, blank=True)
    address = models.CharField(_("address"), max_length=500, blank=True)
    latitude = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    video_conference_url = models.URLField(_("video-conference link"), blank=True)
    akim_positions = models.ManyToManyField(
        "organisations.Position", verbose_name=_("participating akims"), blank=True, related_name="+"
    )
    other_participants = models.TextField(
        _("other participants"), blank=True, help_text=_("Officials and akims taking part, by post, one per line.")
    )
    # Whether it took place (R16): the meeting's from its live record when closed, the others as recorded.
    outcome = models.CharField(_("took place"), max_length=20, choices=Outcome.choices, default=Outcome.PLANNED)
    outcome_note = models.TextField(_("note on whether it took place"), blank=True)
    outcome_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    outcome_recorded_at = models.DateTimeField(_("recorded"), null=True, blank=True)

    class Meta:
        verbose_name = _("part of a visit")
        verbose_name_plural = _("parts of a visit")
        ordering = ["visit", "starts_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["visit", "kind"], name="one_part_of_each_kind"),
            models.CheckConstraint(
                condition=models.Q(ends_at__isnull=True)
                | models.Q(starts_at__isnull=True)
                | models.Q(ends_at__gt=models.F("starts_at")),
                name="part_times_in_order",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.visit}: {self.get_kind_display()}"


class AkimAnswer(models.Model):
    """An invited akim's answer (R17): taking part in the meeting or not, given by the akimat's staff."""

    class Decision(models.TextChoices):
        CONFIRMED = "confirmed", _("takes part")
        DECLINED = "declined", _("cannot take part")

    part = models.ForeignKey(VisitPart, verbose_name=_("part"), on_delete=models.CASCADE, related_name="akim_answers")
    position = models.ForeignKey(
        "organisations.Position", verbose_name=_("akim"), on_delete=models.PROTECT, related_name="+"
    )
    decision = models.CharField(_("answer"), max_length=20, choices=Decision.choices)
    note = models.TextField(_("note"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    answered_at = models.DateTimeField(_("answered"), auto_now=True)

    class Meta:
        verbose_name = _("akim's answer")
        verbose_name_plural = _("akims' answers")
        constraints = [models.UniqueConstraint(fields=["part", "position"], name="one_answer_per_akim_and_part")]

    def __str__(self) -> str:
        return f"{self.part}: {self.position} {self.decision}"


class Platform(models.TextChoices):
    YOUTUBE = "youtube", "YouTube"
    FACEBOOK = "facebook", "Facebook"
    INSTAGRAM = "instagram", "Instagram"
    TELEGRAM = "telegram", "Telegram"
    TIKTOK = "tiktok", "TikTok"
    VK = "vk", "VK"
    X = "x", "X"
    WEBSITE = "website", _("website")


class OfficialAccount(models.Model):
    """An organisation's official account on a platform, where its meetings are broadcast (R14)."""

    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="official_accounts",
    )
    platform = models.CharField(_("platform"), max_length=20, choices=Platform.choices)
    url = models.URLField(_("address"))
    # Shared with the platform's integration: its webhook calls are signed with it (HMAC-SHA256).
    webhook_secret = models.CharField(_("webhook secret"), max_length=128, blank=True)

    class Meta:
        verbose_name = _("official account")
        verbose_name_plural = _("official accounts")
        ordering = ["organisation", "platform"]
        constraints = [models.UniqueConstraint(fields=["organisation", "url"], name="official_account_once")]

    def __str__(self) -> str:
        return f"{self.organisation}: {self.get_platform_display()}"


class BroadcastLink(models.Model):
    """Where a part is broadcast live: a stream on one of the ministry's official accounts (R14)."""

    part = models.ForeignKey(VisitPart, verbose_name=_("part"), on_delete=models.CASCADE, related_name="broadcasts")
    account = models.ForeignKey(
        OfficialAccount, verbose_name=_("official account"), on_delete=models.PROTECT, related_name="+"
    )
    url = models.URLField(_("broadcast address"))

    class Meta:
        verbose_name = _("broadcast")
        verbose_name_plural = _("broadcasts")
        ordering = ["part", "account__platform", "id"]
        constraints = [models.UniqueConstraint(fields=["part", "url"], name="broadcast_once_per_part")]

    def __str__(self) -> str:
        return self.url
