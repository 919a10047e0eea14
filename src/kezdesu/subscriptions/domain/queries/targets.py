"""What can be followed: a region (by KATO code), a ministry (by code) or a public visit (by id)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from kezdesu.meetings.domain.queries.visits import PUBLIC_STATUSES
from kezdesu.meetings.interfaces.public_page import visit_title
from kezdesu.meetings.models import Visit
from kezdesu.organisations.models import Organisation, Region
from kezdesu.subscriptions.models import Subscription


@dataclass(frozen=True)
class Target:
    """Exactly one of a region, a ministry or a visit."""

    region: Region | None = None
    ministry: Organisation | None = None
    visit: Visit | None = None

    @property
    def kind(self) -> str:
        return "region" if self.region is not None else "ministry" if self.ministry is not None else "visit"

    @property
    def key(self) -> str:
        """The value in addresses: the KATO code, the ministry's code or the visit's id."""
        if self.region is not None:
            return self.region.kato
        if self.ministry is not None:
            return self.ministry.code
        assert self.visit is not None
        return str(self.visit.pk)

    @property
    def name(self) -> str:
        """Its name in the active language."""
        if self.region is not None:
            return self.region.name
        if self.ministry is not None:
            return self.ministry.name
        assert self.visit is not None
        return visit_title(self.visit)

    def lookup(self) -> dict[str, Any]:
        """Keyword arguments selecting the subscriptions to this target."""
        return {"region": self.region, "organisation": self.ministry, "visit": self.visit}


def public_visits() -> Any:
    return Visit.objects.filter(status__in=PUBLIC_STATUSES).select_related("organisation", "position", "region")


def ministries() -> Any:
    return Organisation.objects.filter(kind=Organisation.Kind.MINISTRY)


def find_target(kind: str, key: str) -> Target | None:
    """The target named in an address, or None when there is no such public thing."""
    if kind == "region":
        region = Region.objects.filter(kato=key).first()
        return Target(region=region) if region is not None else None
    if kind == "ministry":
        ministry = ministries().filter(code=key).first()
        return Target(ministry=ministry) if ministry is not None else None
    if kind == "visit" and key.isdigit():
        visit = public_visits().filter(pk=int(key)).first()
        return Target(visit=visit) if visit is not None else None
    return None


def target_in_query(query: Mapping[str, str]) -> Target | None:
    """The target of `?region=<kato>`, `?ministry=<code>` or `?visit=<id>` (the first one given)."""
    for kind in ("region", "ministry", "visit"):
        key = (query.get(kind) or "").strip()
        if key:
            return find_target(kind, key)
    return None


def target_of(subscription: Subscription) -> Target:
    if subscription.region_id is not None:
        return Target(region=subscription.region)
    if subscription.organisation_id is not None:
        return Target(ministry=subscription.organisation)
    return Target(visit=subscription.visit)


def subscription_by_token(token: str) -> Subscription | None:
    related = ("region", "organisation", "visit__organisation", "visit__position", "visit__region")
    return Subscription.objects.select_related(*related).filter(token=token).first()
