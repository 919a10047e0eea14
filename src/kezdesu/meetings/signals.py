"""Signals other apps listen to when what the public sees of a visit changes, so that meetings never imports
them (as planning/signals.py). Each is sent inside the domain function's transaction: a receiver that sends
anything does it once the transaction commits."""

from django.dispatch import Signal

# The visit is announced and its public page opens. Arguments: `visit`.
visit_announced = Signal()

# An announced visit's days, times or places changed, or it was cancelled. Arguments: `visit` and `changes`,
# a tuple of VISIT_CHANGES.
visit_changed = Signal()

VISIT_CHANGES = ("time", "place", "cancelled")
