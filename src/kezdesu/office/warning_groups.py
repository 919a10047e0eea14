"""The draft's warnings grouped by kind for the draft page: a national draft has dozens of them.

The checks themselves live in `planning.domain.warnings`; this only names and orders their kinds.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from kezdesu.planning.domain.warnings import Warning

# One title per `Warning.code`; a code missing here still shows, under a generic title.
TITLES: dict[str, Promise] = {
    "exempt_body": _("Exempt bodies in the schedule"),
    "agreement_disagreed": _("Disagreements"),
    "agreement_pending": _("Answers still awaited"),
    "first_head_gap": _("First heads without a meeting"),
    "crowded_region_day": _("Too many ministers in a region on one day"),
    "day_off": _("Meetings on days off"),
    "region_blackout": _("Dates a region asks to avoid"),
    "official_unavailable": _("Officials unavailable"),
    "region_unvisited": _("Regions without a meeting"),
}
OTHER = _("Other warnings")


@dataclass(frozen=True)
class WarningGroup:
    code: str
    title: str
    warnings: list[Warning]

    @property
    def anchor(self) -> str:
        return f"warnings-{self.code}"

    @property
    def blocking(self) -> int:
        return sum(warning.is_blocking for warning in self.warnings)

    @property
    def acknowledged(self) -> int:
        return sum(warning.is_acknowledged for warning in self.warnings)

    @property
    def outstanding(self) -> int:
        """Warnings still to resolve or acknowledge."""
        return sum(warning.is_blocking or not warning.is_acknowledged for warning in self.warnings)


def warning_groups(warnings: Iterable[Warning]) -> list[WarningGroup]:
    """One group per kind; groups with a blocking warning first, then in the order of the checks."""
    by_code: dict[str, list[Warning]] = {}
    for warning in warnings:
        by_code.setdefault(warning.code, []).append(warning)
    groups = [
        WarningGroup(code=code, title=str(TITLES.get(code, OTHER)), warnings=members)
        for code, members in by_code.items()
    ]
    return sorted(groups, key=lambda group: not group.blocking)


def is_known_group(code: str) -> bool:
    return code in TITLES
