"""Who owes an obligation and to whom: the vocabulary the profiles use, resolved to parties.

Debtors and recipients in a profile are group codes ("ministries", "akimats", "population", ...)
or one organisation ("org:<code>"). A group of organisations expands to one party each; a group
that is not an organisation ("population") stays one party without an organisation.

Parties are resolved as of a day: a body owes what falls to it only if it existed that day (a body
formed during a period owes that period's duties, as the successor of the body it replaced), and it
is called by the name it bore then.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import pgettext_lazy

from kezdesu.organisations.models import Organisation

ORGANISATION_PREFIX = "org:"
MINISTRIES = "ministries"
AKIMATS = "akimats"

# Groups that expand to every active organisation matching the predicate.
GROUPS: dict[str, Callable[[Organisation], bool]] = {
    MINISTRIES: lambda organisation: organisation.kind == Organisation.Kind.MINISTRY,
    AKIMATS: lambda organisation: organisation.kind == Organisation.Kind.AKIMAT,
}
# Single bodies named by their role.
SINGLE_BODIES: dict[str, Callable[[Organisation], bool]] = {
    "authorized-body": lambda organisation: organisation.is_authorized_body,
    "government": lambda organisation: organisation.kind == Organisation.Kind.GOVERNMENT,
    "government-apparatus": lambda organisation: organisation.kind == Organisation.Kind.GOVERNMENT_APPARATUS,
    "presidential-administration": (
        lambda organisation: organisation.kind == Organisation.Kind.PRESIDENTIAL_ADMINISTRATION
    ),
}
# Names for the codes when no organisation stands behind them (or none is loaded yet).
GROUP_NAMES: dict[str, Promise] = {
    "population": pgettext_lazy("party", "Population"),
    "competent-bodies": pgettext_lazy("party", "Competent central executive bodies"),
    MINISTRIES: pgettext_lazy("party", "Central executive bodies"),
    AKIMATS: pgettext_lazy("party", "Akimats"),
    "authorized-body": pgettext_lazy("party", "Authorized body in the area of access to information"),
    "government": pgettext_lazy("party", "Government"),
    "government-apparatus": pgettext_lazy("party", "Government Apparatus"),
    "presidential-administration": pgettext_lazy("party", "Presidential Administration"),
}
PARTY_CODES = frozenset(GROUP_NAMES)


def is_valid_party(code: str) -> bool:
    if code.startswith(ORGANISATION_PREFIX):
        return len(code) > len(ORGANISATION_PREFIX)
    return code in PARTY_CODES


@dataclass(frozen=True)
class Party:
    code: str  # organisation code, or a group code: "population", "competent-bodies", "ministries"
    name: str  # in the active language
    name_en: str
    organisation: Organisation | None


def name_on(organisation: Organisation, day: date | None) -> str:
    """The body's name on `day` in the active language: a former name if it was renamed since.

    Reads `former_names` as loaded (prefetch them for many bodies)."""
    if day is not None:
        formers = getattr(organisation, "former_names_sorted", None)  # sorted once for a whole computation
        if formers is None:
            formers = sorted(organisation.former_names.all(), key=lambda name: name.used_until)
        for former in formers:
            if day <= former.used_until:
                return former.name
    return organisation.name


def organisation_party(organisation: Organisation, *, on: date | None = None) -> Party:
    with translation.override("en"):
        name_en = name_on(organisation, on)
    return Party(code=organisation.code, name=name_on(organisation, on), name_en=name_en, organisation=organisation)


def is_party_on(organisation: Organisation, day: date | None) -> bool:
    """Whether the body can owe or receive on `day`: it existed then (today: it is active)."""
    if day is None:
        return organisation.is_active
    if not organisation.existed_on(day):
        return False
    # A body switched off without an end date is not a party at all (e.g. entered by mistake).
    return organisation.is_active or organisation.existed_to is not None


def group_party(code: str) -> Party:
    name = GROUP_NAMES.get(code)
    if name is None:
        return Party(code=code, name=code, name_en=code, organisation=None)
    with translation.override("en"):
        name_en = str(name)
    return Party(code=code, name=str(name), name_en=name_en, organisation=None)


def resolve_parties(code: str, organisations: Iterable[Organisation], *, on: date | None = None) -> list[Party]:
    """The parties a profile's code stands for on `on`, from organisations already loaded (no queries)."""
    existing = [organisation for organisation in organisations if is_party_on(organisation, on)]
    if code.startswith(ORGANISATION_PREFIX):
        wanted = code.removeprefix(ORGANISATION_PREFIX)
        found = [organisation for organisation in existing if organisation.code == wanted]
        return [organisation_party(found[0], on=on)] if found else []
    if code in GROUPS:
        matches = GROUPS[code]
        return [organisation_party(organisation, on=on) for organisation in existing if matches(organisation)]
    if code in SINGLE_BODIES:
        matches = SINGLE_BODIES[code]
        bodies = [organisation for organisation in existing if matches(organisation)]
        return [organisation_party(bodies[0], on=on)] if bodies else [group_party(code)]
    return [group_party(code)]


def resolve_recipient(code: str, organisations: Iterable[Organisation], *, on: date | None = None) -> Party:
    """One party: a group as a whole ("ministries" as addressees), or the body the code names."""
    if code in GROUPS:
        return group_party(code)
    parties = resolve_parties(code, organisations, on=on)
    return parties[0] if parties else group_party(code)
