"""Loading the question topics (questions/data/topics.yaml) into the database, idempotently.

Topics are matched by `code` and updated in place, each created or changed topic with one audit row
holding the changed fields only; a second run with the same file changes nothing and writes nothing.
A topic the file no longer lists is kept (questions refer to it) and reported as vanished.
"""

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from django.conf import settings
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from kezdesu.core.domain.audit import changed, record_audit, snapshot
from kezdesu.organisations.domain.reference_files import ReferenceDataError, SafeLoader, translated
from kezdesu.organisations.models import Organisation
from kezdesu.questions.models import Topic

DEFAULT_TOPICS_FILE = Path(__file__).resolve().parent.parent / "data" / "topics.yaml"
KEYS = {"code", "ministry", *translated("name")}
ACTION_CREATED = "questions.topic.created"
ACTION_UPDATED = "questions.topic.updated"


@dataclass
class TopicsReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    vanished: list[str] = field(default_factory=list)


def read_topics(path: Path) -> list[dict[str, Any]]:
    """The topics of the file as model values, checked: known keys, a code and three names each, no repeats."""
    try:
        entries = yaml.load(path.read_text(encoding="utf-8"), Loader=SafeLoader) or []
    except (OSError, yaml.YAMLError) as error:
        raise ReferenceDataError(
            _("%(file)s cannot be read: %(error)s") % {"file": path.name, "error": error}
        ) from None
    if not isinstance(entries, list):
        raise ReferenceDataError(_("%(file)s must be a list of topics.") % {"file": path.name})
    seen: set[str] = set()
    for number, entry in enumerate(entries, start=1):
        where = {"file": path.name, "number": number}
        if not isinstance(entry, dict):
            raise ReferenceDataError(_("%(file)s, topic %(number)s: not a mapping of fields.") % where)
        unknown = sorted(set(entry) - KEYS)
        if unknown:
            raise ReferenceDataError(
                _("%(file)s, topic %(number)s: unknown fields %(fields)s.") % {**where, "fields": ", ".join(unknown)}
            )
        missing = [key for key in ("code", *translated("name")) if not str(entry.get(key) or "").strip()]
        if missing:
            raise ReferenceDataError(
                _("%(file)s, topic %(number)s: missing %(fields)s.") % {**where, "fields": ", ".join(missing)}
            )
        if entry["code"] in seen:
            raise ReferenceDataError(_("%(file)s: the code “%(code)s” repeats.") % {**where, "code": entry["code"]})
        seen.add(entry["code"])
    return [
        {**entry, "ministry": str(entry.get("ministry") or ""), "order": order} for order, entry in enumerate(entries)
    ]


def load_topics(*, actor: Any = None, path: Path | None = None) -> TopicsReport:
    """Create or update the topics from the file; all or nothing."""
    source = path or DEFAULT_TOPICS_FILE
    entries = read_topics(source)
    ministries = dict(Organisation.objects.filter(is_active=True).values_list("code", "pk"))
    report = TopicsReport()
    existing = {topic.code: topic for topic in Topic.objects.all()}
    # Names are written per language; the untranslated column keeps the default language.
    with translation.override(settings.MODELTRANSLATION_DEFAULT_LANGUAGE), transaction.atomic():
        for entry in entries:
            values: dict[str, Any] = {name: entry[name] for name in translated("name")}
            values["order"] = entry["order"]
            values["ministry_id"] = _ministry(ministries, entry, source)
            _upsert(existing.get(entry["code"]), entry["code"], values, actor=actor, report=report)
        codes = {entry["code"] for entry in entries}
        report.vanished = sorted(code for code in existing if code not in codes)
    return report


def _ministry(ministries: dict[str, int], entry: dict[str, Any], source: Path) -> int | None:
    code = entry["ministry"]
    if not code:
        return None
    if code not in ministries:
        raise ReferenceDataError(
            _("%(file)s: the topic “%(topic)s” names the ministry “%(code)s”, which is not loaded.")
            % {"file": source.name, "topic": entry["code"], "code": code}
        )
    return ministries[code]


def _upsert(instance: Topic | None, code: str, values: dict[str, Any], *, actor: Any, report: TopicsReport) -> None:
    names = [name.removesuffix("_id") for name in values]
    if instance is None:
        topic = Topic(code=code)
        for name, value in values.items():
            setattr(topic, name, value)
        topic.save()
        record_audit(actor=actor, action=ACTION_CREATED, target=topic, new=snapshot(topic, ["code", *names]))
        report.created += 1
        return
    before = snapshot(instance, names)
    for name, value in values.items():
        setattr(instance, name, value)
    old, new = changed(before, snapshot(instance, names))
    if not new:
        report.unchanged += 1
        return
    update_fields = set(new)
    if f"name_{settings.MODELTRANSLATION_DEFAULT_LANGUAGE}" in new:
        update_fields.add("name")
    instance.save(update_fields=sorted(update_fields))
    record_audit(actor=actor, action=ACTION_UPDATED, target=instance, old=old, new=new)
    report.updated += 1
