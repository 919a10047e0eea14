"""Signals other apps listen to, so that planning never imports them (as pretalx's plugins listen)."""

from django.dispatch import Signal

# Sent, inside the transaction, once a new numbered version of a period's schedule is frozen
# (approval or amendment). Arguments: `version` (the frozen ScheduleVersion) and `actor` (a user or None).
schedule_frozen = Signal()
