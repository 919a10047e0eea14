"""Signals other apps listen to when the follow-up publishes something, so that followup never imports them
(as planning/signals.py). Each is sent inside the domain function's transaction: a receiver that sends
anything does it once the transaction commits."""

from django.dispatch import Signal

# A visit's results are published for the first time (R20); a republication revises them silently.
# Arguments: `publication`.
results_published = Signal()

# A ministry's quarterly progress report is published for the first time (R21). Arguments: `report` and
# `issues`, the problem issues it reports on.
progress_report_published = Signal()
