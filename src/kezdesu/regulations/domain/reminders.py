"""The daily reminder job (S5): debtors hear of a deadline 7, 3 and 1 days before it, and once
when it is overdue. A Reminder row per (obligation, kind, recipient) makes a rerun send nothing."""

import datetime
import logging
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.urls import NoReverseMatch, reverse
from django.utils import translation

from kezdesu.core.domain.audit import record_audit
from kezdesu.core.domain.notifications import notify
from kezdesu.organisations.models import Organisation, Role, User
from kezdesu.regulations.domain.obligations import Obligation, ObligationState, Party, obligations_between
from kezdesu.regulations.models import Reminder

logger = logging.getLogger(__name__)

# An obligation overdue for longer than this is left to the obligations page, not re-announced.
OVERDUE_LOOKBACK_DAYS = 366
LANGUAGES = ("kk", "ru", "en")


def reminder_kind(obligation: Obligation, *, today: datetime.date) -> str | None:
    """The one reminder due today for `obligation`, if any.

    Only the kind matching today's distance is sent: a missed run does not send stale
    "7 days" reminders later. The overdue reminder goes out the first day the job sees it.
    """
    if obligation.state == ObligationState.MET:
        return None
    distance = (obligation.due - today).days
    if distance in settings.KEZDESU_REMINDER_DAYS:
        return str(distance)
    if distance < 0:
        return Reminder.Kind.OVERDUE.value
    return None


# Those who act on the organisation's deadlines. Coordinators only sit in the authorized body,
# whose own deadlines (R8, R23) they meet.
ACTING_ROLES = (Role.EDITOR, Role.APPROVER, Role.COORDINATOR)


def reminder_recipients(organisation: Organisation) -> QuerySet[User]:
    """Who hears of the organisation's deadlines: those who act on them, else its viewers."""
    active = User.objects.filter(is_active=True, memberships__organisation=organisation)
    staff = active.filter(memberships__role__in=ACTING_ROLES).distinct()
    return staff if staff.exists() else active.filter(memberships__role=Role.VIEWER).distinct()


def send_deadline_reminders(*, today: datetime.date) -> int:
    """Send today's reminders; returns how many went out (one per obligation and recipient)."""
    start = today - datetime.timedelta(days=OVERDUE_LOOKBACK_DAYS)
    end = today + datetime.timedelta(days=max(settings.KEZDESU_REMINDER_DAYS))
    sent = 0
    for obligation in obligations_between(start=start, end=end, today=today):
        kind = reminder_kind(obligation, today=today)
        organisation = obligation.debtor.organisation
        if kind is None or organisation is None:
            continue
        # One transaction per obligation: its Reminder rows and notifications commit together.
        with transaction.atomic():
            recipients = [
                user
                for user in reminder_recipients(organisation)
                # get_or_create survives a concurrent run: the unique constraint decides.
                if Reminder.objects.get_or_create(obligation_key=obligation.key, kind=kind, recipient=user)[1]
            ]
            if recipients:
                notify(
                    recipients=recipients,
                    kind="deadline.overdue" if kind == Reminder.Kind.OVERDUE else "deadline.reminder",
                    params=reminder_params(obligation, today=today),
                    link=obligation_link(obligation.key),
                )
                sent += len(recipients)
    if sent:
        record_audit(actor=None, action="regulations.reminders_sent", new={"date": today, "sent": sent})
    logger.info("Deadline reminders for %s: %d sent", today, sent)
    return sent


def reminder_params(obligation: Obligation, *, today: datetime.date) -> dict[str, Any]:
    return {
        "key": obligation.key,
        "requirement": obligation.requirement,
        "source": obligation.source,
        "title": _title(obligation),
        "debtor": _party_name(obligation.debtor),
        "period_start": obligation.period_start.isoformat(),
        "period_end": obligation.period_end.isoformat(),
        "due": obligation.due.isoformat(),
        "days": (obligation.due - today).days,
    }


def obligation_link(key: str) -> str:
    """The office page of the obligation, in the default language (readers see their own)."""
    try:
        with translation.override(settings.LANGUAGE_CODE):
            return reverse("office:obligation", kwargs={"key": key})
    except NoReverseMatch:
        return ""


def _title(obligation: Obligation) -> dict[str, str]:
    """The rule's title in each language, as modeltranslation stores it."""
    titles = {code: getattr(obligation.rule, f"title_{code}", None) or "" for code in LANGUAGES}
    if not any(titles.values()):
        titles = dict.fromkeys(LANGUAGES, str(obligation.title))
    return titles


def _party_name(party: Party) -> dict[str, str]:
    if party.organisation is not None:
        return {code: getattr(party.organisation, f"name_{code}", None) or party.name for code in LANGUAGES}
    return {"kk": party.name, "ru": party.name, "en": party.name_en or party.name}
