"""The sentences that name what is followed, whole for each kind (region, ministry, visit): translations
never glue fragments."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from kezdesu.subscriptions.domain.queries.targets import Target

_HEADINGS = {
    "region": _("Follow the meetings in %(name)s"),
    "ministry": _("Follow the meetings of %(name)s"),
    "visit": _("Follow the meeting “%(name)s”"),
}
_SUBJECTS = {
    "confirm": {
        "region": _("Confirm: news of the meetings in %(name)s"),
        "ministry": _("Confirm: news of the meetings of %(name)s"),
        "visit": _("Confirm: news of the meeting “%(name)s”"),
    },
    "already": {
        "region": _("You already receive news of the meetings in %(name)s"),
        "ministry": _("You already receive news of the meetings of %(name)s"),
        "visit": _("You already receive news of the meeting “%(name)s”"),
    },
}
_REASONS = {
    "region": _("You receive this e-mail because you subscribed to news of the meetings in %(name)s."),
    "ministry": _("You receive this e-mail because you subscribed to news of the meetings of %(name)s."),
    "visit": _("You receive this e-mail because you subscribed to news of the meeting “%(name)s”."),
}
_FEED_TITLES = {
    "region": _("Meetings with the population in %(name)s"),
    "ministry": _("Meetings of %(name)s with the population"),
    "visit": _("Meeting “%(name)s”"),
}


def heading(target: Target) -> str:
    return str(_HEADINGS[target.kind]) % {"name": target.name}


def subject(purpose: str, target: Target) -> str:
    return str(_SUBJECTS[purpose][target.kind]) % {"name": target.name}


def reason(target: Target) -> str:
    return str(_REASONS[target.kind]) % {"name": target.name}


def feed_title(target: Target) -> str:
    return str(_FEED_TITLES[target.kind]) % {"name": target.name}
