"""The population's questions and proposals to a visit, from every channel (R10, R11), moderated and grouped."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    WEB = "web", _("the meeting page")
    BLOG = "blog", _("the heads' blog platform")
    EOTINISH = "eotinish", _("eOtinish")
    SOCIAL = "social", _("social networks")
    AKIM_MEETING = "akim_meeting", _("an akim's meeting with the population")
    API = "api", _("an integration")
    SYSTEMIC_PROBLEM = "systemic_problem", _("the akimat's systemic problems")
    HALL = "hall", _("the hall")
    BROADCAST = "broadcast", _("broadcast comments")
    LIVE_PAGE = "live_page", _("the live meeting page")
    # Raised during the visit's other parts, recorded by staff for the follow-up (R19).
    RECEPTION = "reception", _("the personal reception")
    NGO_MEETING = "ngo_meeting", _("the meeting with NGOs")
    MEDIA_BRIEFING = "media_briefing", _("the media briefing")


class QuestionGroup(models.Model):
    """Questions that ask the same thing: exactly, or nearly (as the grouping found or a moderator merged)."""

    visit = models.ForeignKey(
        "meetings.Visit", verbose_name=_("visit"), on_delete=models.CASCADE, related_name="question_groups"
    )
    representative = models.ForeignKey(
        "questions.Question",
        verbose_name=_("representative question"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    size = models.PositiveIntegerField(_("people who asked"), default=1)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("group of questions")
        verbose_name_plural = _("groups of questions")
        ordering = ["visit", "-size", "id"]

    def __str__(self) -> str:
        return str(self.representative or self.pk)


class Outcome(models.TextChoices):
    ANSWERED = "answered", _("answered at the meeting")
    IN_WRITING = "in_writing", _("to be answered in writing")
    FORWARDED = "forwarded", _("forwarded")


class Question(models.Model):
    Outcome = Outcome

    class Status(models.TextChoices):
        RECEIVED = "received", _("awaiting moderation")
        PUBLISHED = "published", _("published")
        HIDDEN = "hidden", _("hidden")

    class HiddenReason(models.TextChoices):
        SPAM = "spam", _("spam or advertising")
        ABUSE = "abuse", _("abusive language")
        PERSONAL_DATA = "personal_data", _("personal data that cannot be removed")
        OFF_TOPIC = "off_topic", _("not a question for this meeting")
        OTHER = "other", _("other reason")

    visit = models.ForeignKey(
        "meetings.Visit", verbose_name=_("visit"), on_delete=models.CASCADE, related_name="questions"
    )
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices, default=Channel.WEB)
    # The id in the source system: a re-import of the same export finds it and adds nothing.
    external_id = models.CharField(_("id in the source"), max_length=200, blank=True)
    author_name = models.CharField(_("name"), max_length=300, blank=True)
    region = models.ForeignKey(
        "organisations.Region",
        verbose_name=_("region"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    district = models.ForeignKey(
        "organisations.District",
        verbose_name=_("district or town"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    topic = models.ForeignKey(
        "questions.Topic", verbose_name=_("topic"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    text = models.TextField(_("question or proposal"))
    # The text reduced to its words (case, punctuation and spacing dropped): equal fingerprints, equal questions.
    fingerprint = models.CharField(_("fingerprint"), max_length=64, blank=True, db_index=True)
    # What the public sees: the text with any personal data the moderator removed.
    published_text = models.TextField(_("published text"), blank=True)
    language = models.CharField(_("language"), max_length=5, blank=True)
    contact = models.CharField(_("contact for an answer"), max_length=300, blank=True)
    consent = models.BooleanField(_("consent to personal-data processing"), default=False)
    # The asker agreed to hear by e-mail what becomes of the problem issue behind their question (issue 6).
    wants_updates = models.BooleanField(_("wants updates on the problem issue"), default=False)
    received_at = models.DateTimeField(_("received"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.RECEIVED)
    hidden_reason = models.CharField(_("reason hidden"), max_length=20, choices=HiddenReason.choices, blank=True)
    moderation_note = models.TextField(_("moderator's note"), blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    moderated_at = models.DateTimeField(_("moderated"), null=True, blank=True)
    group = models.ForeignKey(
        QuestionGroup,
        verbose_name=_("group"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="questions",
    )
    import_batch = models.ForeignKey(
        "questions.ImportBatch",
        verbose_name=_("import"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="questions",
    )
    # At the meeting (issue 5): the public's votes, the moderators' shortlist and what became of the question.
    votes = models.PositiveIntegerField(_("votes"), default=0)
    shortlisted_at = models.DateTimeField(_("shortlisted"), null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices, blank=True)
    forwarded_to = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("forwarded to"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    outcome_note = models.TextField(_("note on the outcome"), blank=True)
    outcome_at = models.DateTimeField(_("outcome recorded"), null=True, blank=True)
    # Bumped by every moderator's change: a change made on an older revision is refused, not overwritten.
    revision = models.PositiveIntegerField(_("revision"), default=0)
    systemic_problem = models.ForeignKey(
        "planning.SystemicProblem",
        verbose_name=_("systemic problem"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["visit", "received_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["visit", "channel", "external_id"],
                condition=~models.Q(external_id=""),
                name="question_imported_once",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="hidden") | ~models.Q(hidden_reason=""), name="hidden_with_a_reason"
            ),
        ]
        indexes = [models.Index(fields=["visit", "status"]), models.Index(fields=["visit", "topic"])]

    def __str__(self) -> str:
        return self.text[:80]


class ImportBatch(models.Model):
    """One uploaded export of questions from another channel, with what it added and what it refused."""

    class Format(models.TextChoices):
        CSV = "csv", "CSV"
        XLSX = "xlsx", "XLSX"
        JSON = "json", "JSON"

    visit = models.ForeignKey("meetings.Visit", verbose_name=_("visit"), on_delete=models.CASCADE, related_name="+")
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices)
    file_name = models.CharField(_("file"), max_length=300)
    file_format = models.CharField(_("format"), max_length=10, choices=Format.choices)
    created = models.PositiveIntegerField(_("questions added"), default=0)
    already_there = models.PositiveIntegerField(_("already imported"), default=0)
    refused = models.JSONField(_("rows refused"), default=list, blank=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        verbose_name = _("import of questions")
        verbose_name_plural = _("imports of questions")
        ordering = ["-uploaded_at"]

    def __str__(self) -> str:
        return self.file_name


class QuestionVote(models.Model):
    """One person's vote for a question (issue 5); who voted is not stored, only a key per browser."""

    question = models.ForeignKey(Question, verbose_name=_("question"), on_delete=models.CASCADE, related_name="+")
    voter_key = models.CharField(_("voter key"), max_length=64)
    network_key = models.CharField(_("network key"), max_length=64, db_index=True)
    created_at = models.DateTimeField(_("voted"), auto_now_add=True)

    class Meta:
        verbose_name = _("vote for a question")
        verbose_name_plural = _("votes for questions")
        constraints = [models.UniqueConstraint(fields=["question", "voter_key"], name="one_vote_per_question")]

    def __str__(self) -> str:
        return str(self.question_id)
