"""What changed between two versions of a schedule, item by item (items keep their uid)."""

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kezdesu.planning.domain.queries.schedule import items_of
from kezdesu.planning.domain.texts import per_language
from kezdesu.planning.models import ScheduleItem, ScheduleVersion

COMPARED_FIELDS = (
    "organisation",
    "position",
    "region",
    "district",
    "start_date",
    "end_date",
    *per_language("topics"),
    "is_unscheduled",
    "risk_flag",
    "deputy_prime_minister_required",
    "deputy_prime_minister",
    "akim_positions",
    "other_akims",
)
# A translated field's column is named for its language; whole phrases, not "Topics" glued to a language.
LABELS = {
    "topics_kk": gettext_lazy("Topics in Kazakh"),
    "topics_ru": gettext_lazy("Topics in Russian"),
    "topics_en": gettext_lazy("Topics in English"),
}


@dataclass(frozen=True)
class FieldChange:
    name: str
    label: str
    before: str
    after: str


@dataclass(frozen=True)
class ItemChange:
    old: ScheduleItem
    new: ScheduleItem
    fields: tuple[FieldChange, ...]


@dataclass(frozen=True)
class Diff:
    added: tuple[ScheduleItem, ...]
    removed: tuple[ScheduleItem, ...]
    changed: tuple[ItemChange, ...]

    def __bool__(self) -> bool:
        return bool(self.added or self.removed or self.changed)

    def affected_items(self) -> list[ScheduleItem]:
        """Every item involved, old and new, for telling the parties."""
        return [*self.added, *self.removed, *(change.old for change in self.changed), *(c.new for c in self.changed)]


def _readable(value: Any) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, date):
        return date_format(value, "d.m.Y")
    return str(value)


def _value(item: ScheduleItem, name: str) -> str:
    if name == "akim_positions":
        return ", ".join(sorted(str(position) for position in item.akim_positions.all())) or "—"
    return _readable(getattr(item, name))


def _field_changes(old: ScheduleItem, new: ScheduleItem) -> tuple[FieldChange, ...]:
    changes = []
    for name in COMPARED_FIELDS:
        before, after = _value(old, name), _value(new, name)
        if before != after:
            field = ScheduleItem._meta.get_field(name)
            label = str(LABELS[name]) if name in LABELS else str(getattr(field, "verbose_name", name))
            changes.append(FieldChange(name=name, label=label[:1].upper() + label[1:], before=before, after=after))
    return tuple(changes)


def version_diff(old: ScheduleVersion | None, new: ScheduleVersion) -> Diff:
    """Items added, removed and changed from `old` (None: nothing before) to `new`."""
    before = {item.uid: item for item in items_of(old)} if old is not None else {}
    after = {item.uid: item for item in items_of(new)}
    changed = []
    for uid, item in after.items():
        if uid in before:
            fields = _field_changes(before[uid], item)
            if fields:
                changed.append(ItemChange(old=before[uid], new=item, fields=fields))
    return Diff(
        added=tuple(item for uid, item in after.items() if uid not in before),
        removed=tuple(item for uid, item in before.items() if uid not in after),
        changed=tuple(changed),
    )
