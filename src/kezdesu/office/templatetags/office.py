"""Template helpers for back-office pages: how an obligation's state reads, audit changes."""

import datetime
from dataclasses import dataclass
from typing import Any

from django import template
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kezdesu.office.queries import obligation_tone
from kezdesu.regulations.domain.obligations import Obligation

register = template.Library()


@dataclass(frozen=True)
class StateBadge:
    tone: str  # overdue, soon, met or open: the colour; the text always says it too
    text: str


@register.filter
def state_badge(obligation: Obligation, today: datetime.date) -> StateBadge:
    tone = obligation_tone(obligation, today=today)
    days = (obligation.due - today).days
    if tone == "overdue":
        text = ngettext("Overdue by %(days)d day", "Overdue by %(days)d days", -days) % {"days": -days}
    elif tone == "met":
        late = obligation.met_on is not None and obligation.met_on > obligation.due
        if obligation.by_hand:
            text = _("Met late, recorded by hand") if late else _("Met, recorded by hand")
        else:
            text = _("Met late") if late else _("Met")
    elif days == 0:
        text = _("Open: due today")
    else:
        text = ngettext("Open: due in %(days)d day", "Open: due in %(days)d days", days) % {"days": days}
    return StateBadge(tone=tone, text=text)


@register.filter
def audit_changes(entry: Any) -> list[tuple[str, Any, Any]]:
    """An audit row's changes as (field, before, after), in a stable order, for reading."""
    old = entry.old_values or {}
    new = entry.new_values or {}
    keys = list(dict.fromkeys([*old.keys(), *new.keys()]))
    return [(key, old.get(key), new.get(key)) for key in keys]
