"""Loading the regulation profiles from their data files (regulations/data/profiles/*.yaml).

One file per act: a new act is a new file, no code. Loading is an upsert by code: running it
twice changes nothing, and an edited file updates the profile in place. Every real change
writes an audit row; a rule that left its file is removed.

A file is checked before anything is written: an unknown period, event, role, party, anchor or
stage is refused with a message that names the file and the line, so that whoever edits a profile
learns what the code understands.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import yaml
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from kezdesu.core.domain.audit import changed, record_audit
from kezdesu.core.errors import DomainError
from kezdesu.organisations.models import Organisation
from kezdesu.regulations.domain.events import known_events
from kezdesu.regulations.domain.parties import PARTY_CODES, is_valid_party
from kezdesu.regulations.models import ObligationRule, ProfileAmendment, RegulationProfile

PROFILES_DIRECTORY = Path(__file__).resolve().parent.parent / "data" / "profiles"
LANGUAGES = ("kk", "ru", "en")

PROFILE_FIELDS = (
    "act_date",
    "effective_from",
    "effective_to",
    "source_file",
    "planning_cycle",
    "planning_source",
    "exempt_source",
    "presentation_max_share",
    "presentation_source",
    "informs",
    "informs_source",
)
PROFILE_TRANSLATED = ("title", "act", "repealed_by", "notes")
RULE_FIELDS = (
    "requirement",
    "source",
    "debtor",
    "recipient",
    "period",
    "event",
    "anchor",
    "months",
    "day",
    "days",
    "day_unit",
    "role",
    "min_count",
    "valid_from",
    "valid_to",
    "roll",
    "order",
)
RULE_TRANSLATED = ("title", "notes")
AMENDMENT_TRANSLATED = ("act", "summary")
LINE = "__line__"  # where a mapping starts in its file, added by the loader below


class _LineLoader(yaml.SafeLoader):
    """YAML's safe loader that remembers the line each mapping starts on."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        mapping = super().construct_mapping(node, deep=deep)
        mapping[LINE] = node.start_mark.line + 1
        return mapping


class ProfileDataError(DomainError):
    """A profile file that cannot be loaded as it stands."""

    def __init__(self, path: Path, message: str, *, line: int | None = None) -> None:
        if line is None:
            text = _("%(file)s: %(problem)s") % {"file": path.name, "problem": message}
        else:
            text = _("%(file)s, line %(line)s: %(problem)s") % {"file": path.name, "line": line, "problem": message}
        super().__init__(text, code="profile_data")


def _one_of(path: Path, data: dict[str, Any], field: str, value: str, allowed: list[str], what: str) -> None:
    if value not in allowed:
        raise ProfileDataError(
            path,
            _("%(what)s “%(value)s” is not one the system knows; use one of: %(allowed)s.")
            % {"what": what, "value": value, "allowed": ", ".join(sorted(allowed))},
            line=data.get(LINE),
        )


def _translated(path: Path, data: dict[str, Any], name: str, *, required: bool) -> dict[str, str]:
    value = data.get(name) or {}
    if isinstance(value, str):
        value = {"kk": value}
    if not isinstance(value, dict):
        raise ProfileDataError(
            path, _("“%(field)s” must give a text per language (kk, ru, en).") % {"field": name}, line=data.get(LINE)
        )
    texts = {f"{name}_{language}": str(value.get(language) or "").strip() for language in LANGUAGES}
    if required and not all(texts.values()):
        raise ProfileDataError(
            path,
            _("“%(field)s” needs a text in kk, ru and en.") % {"field": name},
            line=value.get(LINE, data.get(LINE)),
        )
    return texts


def _profile_values(path: Path, data: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    try:
        exempt = data.get("exempt") or {}
        presentation = data.get("presentation") or {}
        informs = data.get("informs") or {}
        stages = [str(stage) for stage in informs.get("stages") or []]
        for stage in stages:
            _one_of(path, informs, "stages", stage, RegulationProfile.Stage.values, _("The stage"))
        values: dict[str, Any] = {
            "act_date": data["act_date"],
            "effective_from": data["effective_from"],
            "effective_to": data.get("effective_to"),
            "source_file": data.get("source_file") or "",
            "planning_cycle": data["planning_cycle"],
            "planning_source": str(data["planning_source"]),
            "exempt_source": str(exempt.get("source") or ""),
            "presentation_max_share": Decimal(str(presentation.get("max_share", "0.25"))),
            "presentation_source": str(presentation.get("source") or ""),
            "informs": stages,
            "informs_source": str(informs.get("source") or ""),
        }
    except KeyError as missing:
        raise ProfileDataError(
            path, _("the field “%(field)s” is missing.") % {"field": missing.args[0]}, line=data.get(LINE)
        ) from None
    except InvalidOperation:
        raise ProfileDataError(path, _("the presentation share must be a number.")) from None
    for name in PROFILE_TRANSLATED:
        values.update(_translated(path, data, name, required=name in ("title", "act")))
    return values, [str(code) for code in exempt.get("organisations") or []]


def _rule_values(path: Path, data: dict[str, Any], order: int) -> tuple[str, dict[str, Any]]:
    line = data.get(LINE)
    try:
        code = str(data["code"])
        values: dict[str, Any] = {
            "requirement": str(data["requirement"]),
            "source": str(data["source"]),
            "debtor": str(data["debtor"]),
            "recipient": str(data["recipient"]),
            "period": str(data["period"]),
            "event": str(data.get("event") or ""),
            "anchor": str(data["anchor"]),
            "months": int(data.get("months") or 0),
            "day": int(data["day"]) if data.get("day") is not None else None,
            "days": int(data.get("days") or 0),
            "day_unit": str(data.get("day_unit") or ObligationRule.DayUnit.CALENDAR),
            "role": str(data.get("role") or ""),
            "min_count": int(data.get("at_least") or 1),
            "valid_from": data.get("valid_from"),
            "valid_to": data.get("valid_to"),
            "roll": str(data.get("roll") or ObligationRule.Roll.NEXT_WORKING_DAY),
            "order": order,
        }
    except KeyError as missing:
        raise ProfileDataError(
            path, _("a rule lacks the field “%(field)s”.") % {"field": missing.args[0]}, line=line
        ) from None
    except (TypeError, ValueError):
        raise ProfileDataError(
            path,
            _("rule %(rule)s: months, day, days and at_least must be whole numbers.") % {"rule": data.get("code")},
            line=line,
        ) from None
    rule = _("rule %(rule)s") % {"rule": code}
    _one_of(
        path, data, "period", values["period"], ObligationRule.Period.values, _("%(rule)s: the period") % {"rule": rule}
    )
    _one_of(
        path, data, "anchor", values["anchor"], ObligationRule.Anchor.values, _("%(rule)s: the anchor") % {"rule": rule}
    )
    _one_of(path, data, "roll", values["roll"], ObligationRule.Roll.values, _("%(rule)s: the roll") % {"rule": rule})
    _one_of(
        path,
        data,
        "day_unit",
        values["day_unit"],
        ObligationRule.DayUnit.values,
        _("%(rule)s: the day unit") % {"rule": rule},
    )
    if values["role"]:
        _one_of(
            path, data, "role", values["role"], ObligationRule.Role.values, _("%(rule)s: the role") % {"rule": rule}
        )
    if values["event"]:
        _one_of(path, data, "event", values["event"], known_events(), _("%(rule)s: the event") % {"rule": rule})
    if values["min_count"] < 1:
        raise ProfileDataError(path, _("%(rule)s: “at_least” must be 1 or more.") % {"rule": rule}, line=line)
    for name in RULE_TRANSLATED:
        values.update(_translated(path, data, name, required=name == "title"))
    for party in ("debtor", "recipient"):
        if not is_valid_party(values[party]):
            known = sorted({*PARTY_CODES, "org:<code>"})
            raise ProfileDataError(
                path,
                _("%(rule)s: unknown party “%(party)s”; use one of: %(known)s.")
                % {"rule": rule, "party": values[party], "known": ", ".join(known)},
                line=line,
            )
    is_event = values["period"] == ObligationRule.Period.EVENT
    if is_event != (values["anchor"] == ObligationRule.Anchor.EVENT) or is_event != bool(values["event"]):
        raise ProfileDataError(
            path, _("%(rule)s: an event rule needs period, anchor and event set together.") % {"rule": rule}, line=line
        )
    return code, values


def _validate(path: Path, instance: Any, *, line: int | None = None) -> None:
    try:
        instance.full_clean(exclude=["profile", "exempt_organisations"], validate_unique=False)
    except ValidationError as error:
        problems = "; ".join(f"{field}: {' '.join(messages)}" for field, messages in error.message_dict.items())
        raise ProfileDataError(path, problems, line=line) from None


def _apply(instance: Any, values: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    before = {name: getattr(instance, name) for name in values}
    for name, value in values.items():
        setattr(instance, name, value)
    return changed(before, values)


def _load_file(path: Path, *, actor: Any, organisations: dict[str, Organisation]) -> str:
    """Upsert one profile and its rules; return "created", "updated" or "unchanged"."""
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_LineLoader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        raise ProfileDataError(
            path, _("the file is not valid YAML."), line=mark.line + 1 if mark is not None else None
        ) from None
    if not isinstance(data, dict) or "code" not in data:
        raise ProfileDataError(path, _("the file does not describe a profile."))
    values, exempt_codes = _profile_values(path, data)
    unknown = sorted(set(exempt_codes) - set(organisations))
    if unknown:
        problem = _("unknown exempt organisations: %(codes)s. Load the organisations first.")
        raise ProfileDataError(path, problem % {"codes": ", ".join(unknown)})
    exempt = {organisations[code] for code in exempt_codes}

    profile = RegulationProfile.objects.filter(code=data["code"]).prefetch_related("exempt_organisations").first()
    created = profile is None
    if profile is None:
        profile = RegulationProfile(code=str(data["code"]))
    old, new = _apply(profile, values)
    _validate(path, profile, line=data.get(LINE))
    old_exempt = set() if created else {organisation.code for organisation in profile.exempt_organisations.all()}
    new_exempt = {organisation.code for organisation in exempt}
    if old_exempt != new_exempt:
        old["exempt_organisations"], new["exempt_organisations"] = sorted(old_exempt), sorted(new_exempt)
    if created:
        profile.save()
        profile.exempt_organisations.set(exempt)
        new = {"code": profile.code, **new}
        record_audit(actor=actor, action="regulations.profile.create", target=profile, new=new)
    elif new:
        profile.save()
        profile.exempt_organisations.set(exempt)
        record_audit(actor=actor, action="regulations.profile.update", target=profile, old=old, new=new)
    rules_changed = _load_rules(path, data.get("rules") or [], profile=profile, actor=actor)
    amendments_changed = _load_amendments(path, data.get("amendments") or [], profile=profile, actor=actor)
    if created:
        return "created"
    return "updated" if new or rules_changed or amendments_changed else "unchanged"


def _amendment_values(path: Path, data: dict[str, Any], order: int) -> dict[str, Any]:
    try:
        values: dict[str, Any] = {
            "act_date": data["act_date"],
            "effective_from": data["effective_from"],
            "clauses": str(data["clauses"]),
            "order": order,
        }
    except KeyError as missing:
        raise ProfileDataError(
            path, _("an amendment lacks the field “%(field)s”.") % {"field": missing.args[0]}, line=data.get(LINE)
        ) from None
    for name in AMENDMENT_TRANSLATED:
        values.update(_translated(path, data, name, required=name == "act"))
    return values


def _load_amendments(path: Path, items: list[dict[str, Any]], *, profile: RegulationProfile, actor: Any) -> bool:
    """The acts that amended the profile's act, in the file's order: an upsert by position."""
    existing = {amendment.order: amendment for amendment in profile.amendments.all()}
    any_change = False
    for order, item in enumerate(items, start=1):
        values = _amendment_values(path, item, order)
        amendment = existing.pop(order, None) or ProfileAmendment(profile=profile)
        created = amendment.pk is None
        old, new = _apply(amendment, values)
        if created or new:
            _validate(path, amendment, line=item.get(LINE))
            amendment.save()
            record_audit(
                actor=actor,
                action="regulations.amendment.create" if created else "regulations.amendment.update",
                target=profile,
                old=None if created else old,
                new=new,
            )
            any_change = True
    for amendment in existing.values():
        record_audit(actor=actor, action="regulations.amendment.remove", target=profile, old={"act": amendment.act})
        amendment.delete()
        any_change = True
    return any_change


def _load_rules(path: Path, items: list[dict[str, Any]], *, profile: RegulationProfile, actor: Any) -> bool:
    existing = {rule.code: rule for rule in profile.rules.all()}
    seen: set[str] = set()
    any_change = False
    for order, item in enumerate(items, start=1):
        code, values = _rule_values(path, item, order * 10)
        if code in seen:
            raise ProfileDataError(
                path, _("the rule code %(rule)s appears twice.") % {"rule": code}, line=item.get(LINE)
            )
        seen.add(code)
        rule = existing.get(code)
        if rule is None:
            rule = ObligationRule(profile=profile, code=code)
            _apply(rule, values)
            _validate(path, rule, line=item.get(LINE))
            rule.save()
            record_audit(actor=actor, action="regulations.rule.create", target=rule, new={"code": code, **values})
            any_change = True
            continue
        old, new = _apply(rule, values)
        if new:
            _validate(path, rule, line=item.get(LINE))
            rule.save()
            record_audit(actor=actor, action="regulations.rule.update", target=rule, old=old, new=new)
            any_change = True
    for code in sorted(set(existing) - seen):
        rule = existing[code]
        record_audit(actor=actor, action="regulations.rule.remove", target=rule, old={"code": code})
        rule.delete()
        any_change = True
    return any_change


@transaction.atomic
def load_profiles(*, actor: Any = None, directory: Path | None = None) -> dict[str, int]:
    """Load every `*.yaml` profile in `directory` (default: the project's profiles).

    Counts profiles: "created", "updated" (the profile or any of its rules changed) and
    "unchanged". Exempt bodies are named by organisation code, so load the organisations first.
    """
    counts = {"created": 0, "updated": 0, "unchanged": 0}
    organisations = {organisation.code: organisation for organisation in Organisation.objects.all()}
    # Texts are written per language; the untranslated column keeps the default language.
    with translation.override(settings.MODELTRANSLATION_DEFAULT_LANGUAGE):
        for path in sorted((directory or PROFILES_DIRECTORY).glob("*.yaml")):
            counts[_load_file(path, actor=actor, organisations=organisations)] += 1
    return counts
