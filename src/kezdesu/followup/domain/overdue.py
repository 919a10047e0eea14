"""The daily job on measures past their deadline: the executor body's acting staff hear of each once.

A Reminder row per (measure, recipient) — obligation key "measure:<id>", kind "overdue" — makes a rerun send
nothing. A company's measure is the visiting ministry's to chase.
"""

from __future__ import annotations

import datetime
import logging

from django.db import transaction

from kezdesu.core.domain.audit import record_audit
from kezdesu.core.domain.notifications import notify
from kezdesu.followup.domain.plans import LANGUAGES, assignment_link, executor_names
from kezdesu.followup.domain.queries.states import overdue_measures_q
from kezdesu.followup.models import Measure
from kezdesu.regulations.domain.reminders import reminder_recipients
from kezdesu.regulations.models import Reminder

logger = logging.getLogger(__name__)


def reminder_key(measure: Measure) -> str:
    return f"measure:{measure.pk}"


def _params(measure: Measure, today: datetime.date) -> dict[str, object]:
    issue = measure.issue
    return {
        "issue": {code: f"{issue.number}. " + (getattr(issue, f"title_{code}", None) or "") for code in LANGUAGES},
        "measure": {code: getattr(measure, f"text_{code}", None) or "" for code in LANGUAGES},
        "executor": executor_names(measure),
        "deadline": measure.deadline.isoformat(),
        "days": (today - measure.deadline).days,
    }


def notify_overdue_measures(*, today: datetime.date) -> int:
    """Send today's overdue notices; returns how many went out (one per measure and recipient)."""
    sent = 0
    late = (
        Measure.objects.filter(overdue_measures_q(today))
        .select_related("issue__visit__organisation", "executor")
        .order_by("pk")
    )
    for measure in late:
        body = measure.executor or measure.issue.visit.organisation
        # One transaction per measure: its Reminder rows and notifications commit together.
        with transaction.atomic():
            recipients = [
                user
                for user in reminder_recipients(body)
                if Reminder.objects.get_or_create(
                    obligation_key=reminder_key(measure), kind=Reminder.Kind.OVERDUE, recipient=user
                )[1]
            ]
            if recipients:
                notify(
                    recipients=recipients,
                    kind="followup.measure_overdue",
                    params=_params(measure, today),
                    link=assignment_link(),
                )
                sent += len(recipients)
    if sent:
        record_audit(actor=None, action="followup.overdue_notices_sent", new={"date": today, "sent": sent})
    logger.info("Overdue measure notices for %s: %d sent", today, sent)
    return sent
