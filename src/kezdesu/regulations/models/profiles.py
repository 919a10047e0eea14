"""Regulation profiles: each act that governs the meetings, modelled as data (see data/profiles/)."""

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class RegulationProfile(models.Model):
    class Stage(models.TextChoices):
        """The stages of a visit the authorized body can be kept informed of (R18)."""

        ANNOUNCED = "announced", _("visit announced")
        DATE_CHANGED = "date-changed", _("visit's date changed")
        CANCELLED = "cancelled", _("visit cancelled")
        HELD = "held", _("meeting held")
        RECORD_CLOSED = "record-closed", _("visit closed: every part recorded")
        RESULTS_PUBLISHED = "results-published", _("results published")

    class Cycle(models.TextChoices):
        YEAR = "year", _("calendar year")
        HALF_YEAR = "half_year", _("half-year")

    code = models.SlugField(_("code"), max_length=30, unique=True)
    title = models.CharField(_("title"), max_length=300)
    act = models.CharField(_("act"), max_length=300, help_text=_("The act's kind, number and date."))
    act_date = models.DateField(_("act date"))
    effective_from = models.DateField(_("in force from"))
    effective_to = models.DateField(_("in force until"), null=True, blank=True, help_text=_("Last day in force."))
    repealed_by = models.CharField(_("repealed by"), max_length=300, blank=True)
    source_file = models.CharField(_("text of the act"), max_length=200, blank=True)
    planning_cycle = models.CharField(_("planning cycle"), max_length=10, choices=Cycle.choices)
    planning_source = models.CharField(_("planning cycle clause"), max_length=50)
    exempt_organisations = models.ManyToManyField(
        "organisations.Organisation", verbose_name=_("exempt bodies"), blank=True, related_name="+"
    )
    exempt_source = models.CharField(_("exemption clause"), max_length=50)
    presentation_max_share = models.DecimalField(
        _("maximum presentation share"),
        max_digits=3,
        decimal_places=2,
        default=Decimal("0.25"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("1"))],
    )
    presentation_source = models.CharField(_("presentation share clause"), max_length=50)
    # R18: the stages of a visit the ministry keeps the authorized body informed of, as stage codes
    # (meetings.domain.informing.STAGES), and the clause that says so.
    informs = models.JSONField(_("stages the authorized body is told of"), default=list, blank=True)
    informs_source = models.CharField(_("informing clause"), max_length=50, blank=True)
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        verbose_name = _("regulation profile")
        verbose_name_plural = _("regulation profiles")
        ordering = ["effective_from"]

    def __str__(self) -> str:
        return f"{self.code}: {self.title}"


class ObligationRule(models.Model):
    """One duty an act sets: who owes what to whom, for which period, due when.

    The due date is computed from an anchor (the period's start or end, or an event such
    as the end of a visit) moved by whole months, then set to a day of that month, then
    moved by calendar days; a date on a day off rolls to the next working day.
    """

    class Period(models.TextChoices):
        QUARTER = "quarter", _("quarter")
        HALF_YEAR = "half_year", _("half-year")
        YEAR = "year", _("year")
        EVENT = "event", _("each event")

    class Anchor(models.TextChoices):
        PERIOD_START = "period_start", _("start of the period")
        PERIOD_END = "period_end", _("end of the period")
        EVENT = "event", _("the event")

    class Roll(models.TextChoices):
        NEXT_WORKING_DAY = "next_working_day", _("next working day")
        NONE = "none", _("not moved")

    class DayUnit(models.TextChoices):
        CALENDAR = "calendar", _("calendar days")
        WORKING = "working", _("working days")

    class Role(models.TextChoices):
        """What the duty is, in the vocabulary the code links to records by (not the rule's code)."""

        FIRST_HEAD_MEETINGS = "first-head-meetings", _("the first head's meetings with the population")
        UNSCHEDULED_MEETING = "unscheduled-meeting", _("an unscheduled meeting on a risk flag")
        VISIT_RESULTS = "visit-results", _("a visit's results published")
        QUARTERLY_INFORMATION = "quarterly-information", _("quarterly information sent")
        HALF_YEAR_RESULTS = "half-year-results", _("half-year results sent")
        SYSTEMIC_PROBLEMS = "systemic-problems", _("systemic problems sent")
        QUARTERLY_PROGRESS = "quarterly-progress", _("quarterly progress published")
        SCHEDULE_PROPOSALS = "schedule-proposals", _("proposals for the schedule sent")
        SCHEDULE_DRAFT = "schedule-draft", _("draft schedule submitted")
        SCHEDULE_APPROVAL = "schedule-approval", _("schedule approved")

    profile = models.ForeignKey(
        RegulationProfile, verbose_name=_("profile"), on_delete=models.CASCADE, related_name="rules"
    )
    code = models.SlugField(_("code"), max_length=60)
    requirement = models.CharField(
        _("requirement"), max_length=10, help_text=_("R-number in REQUIREMENTS.md, e.g. R22.")
    )
    source = models.CharField(_("clause"), max_length=80)
    title = models.CharField(_("what is owed"), max_length=300)
    debtor = models.CharField(
        _("who owes it"),
        max_length=60,
        help_text=_("ministries, akimats, authorized-body, government, government-apparatus or org:CODE."),
    )
    recipient = models.CharField(
        _("to whom"),
        max_length=60,
        help_text=_("authorized-body, government, government-apparatus, population, competent-bodies or org:CODE."),
    )
    period = models.CharField(_("period"), max_length=10, choices=Period.choices)
    event = models.CharField(_("event"), max_length=60, blank=True, help_text=_("For event rules, e.g. visit-ended."))
    anchor = models.CharField(_("counted from"), max_length=20, choices=Anchor.choices)
    months = models.SmallIntegerField(_("months after the anchor"), default=0)
    day = models.PositiveSmallIntegerField(
        _("day of month"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(31)],
        help_text=_("Empty: the anchor's own day (the last day of the month for a period's end)."),
    )
    days = models.SmallIntegerField(_("days after"), default=0)
    day_unit = models.CharField(_("days counted as"), max_length=10, choices=DayUnit.choices, default=DayUnit.CALENDAR)
    role = models.CharField(
        _("role"),
        max_length=40,
        choices=Role.choices,
        blank=True,
        help_text=_("What the duty is: the records that meet it are found by this role."),
    )
    min_count = models.PositiveSmallIntegerField(
        _("at least"),
        default=1,
        validators=[MinValueValidator(1)],
        help_text=_("How many records of the role meet it in one period, e.g. at least 2 meetings."),
    )
    valid_from = models.DateField(
        _("applies from"), null=True, blank=True, help_text=_("For a rule an amendment of the act brought in.")
    )
    valid_to = models.DateField(
        _("applies until"), null=True, blank=True, help_text=_("For a rule an amendment of the act replaced.")
    )
    roll = models.CharField(_("on a day off"), max_length=20, choices=Roll.choices, default=Roll.NEXT_WORKING_DAY)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    notes = models.TextField(_("notes"), blank=True, help_text=_("How the clause was read, where it needs reading."))

    class Meta:
        verbose_name = _("obligation rule")
        verbose_name_plural = _("obligation rules")
        ordering = ["profile", "order", "code"]
        constraints = [models.UniqueConstraint(fields=["profile", "code"], name="rule_code_per_profile")]

    def __str__(self) -> str:
        return f"{self.requirement} ({self.source}): {self.title}"


class ProfileAmendment(models.Model):
    """An act that amended the profile's act, with the date it took effect and the clauses it changed."""

    profile = models.ForeignKey(
        RegulationProfile, verbose_name=_("profile"), on_delete=models.CASCADE, related_name="amendments"
    )
    act = models.CharField(_("amending act"), max_length=300)
    act_date = models.DateField(_("act date"))
    effective_from = models.DateField(_("in force from"))
    clauses = models.CharField(_("clauses amended"), max_length=100)
    summary = models.TextField(_("what changed"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("amendment of the act")
        verbose_name_plural = _("amendments of the act")
        ordering = ["profile", "effective_from", "order"]
        constraints = [models.UniqueConstraint(fields=["profile", "order"], name="amendment_order_per_profile")]

    def __str__(self) -> str:
        return f"{self.act} ({self.clauses})"
