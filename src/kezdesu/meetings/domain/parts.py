"""The parts of a visit (R16) — where, when, how and who (R14, R17) — and their broadcasts."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Any
from urllib.parse import urlsplit

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kezdesu.core.domain.audit import changed, record_audit, snapshot
from kezdesu.core.errors import DomainError, NotPermitted
from kezdesu.meetings.domain.akims import sync_akim_invitations
from kezdesu.meetings.domain.visits import LANGUAGES, check_open
from kezdesu.meetings.models import BroadcastLink, OfficialAccount, Platform, Visit, VisitPart
from kezdesu.meetings.signals import visit_changed
from kezdesu.organisations.domain.queries.akimats import akimats_in_region
from kezdesu.organisations.models import Position

PART_FIELDS = (
    "starts_at",
    "ends_at",
    "format",
    *(f"venue_{code}" for code in LANGUAGES),
    *(f"address_{code}" for code in LANGUAGES),
    "latitude",
    "longitude",
    "video_conference_url",
    "akim_positions",
    "other_participants",
)
# What people who follow an announced visit hear of (meetings/signals.py): when and where it takes place.
PUBLIC_CHANGES = {
    "time": {"starts_at", "ends_at"},
    "place": {
        "format",
        "latitude",
        "longitude",
        *(f"{name}_{code}" for name in ("venue", "address") for code in LANGUAGES),
    },
}
# Kazakhstan's bounding box, with a little margin: a point outside it is a typing mistake.
LATITUDES = (Decimal("40.5"), Decimal("55.5"))
LONGITUDES = (Decimal("46.4"), Decimal("87.4"))
# Where each platform's streams live. A broadcast on a "website" account must stay on that site.
PLATFORM_HOSTS: dict[str, tuple[str, ...]] = {
    Platform.YOUTUBE: ("youtube.com", "youtu.be"),
    Platform.FACEBOOK: ("facebook.com", "fb.watch"),
    Platform.INSTAGRAM: ("instagram.com",),
    Platform.TELEGRAM: ("t.me", "telegram.me"),
    Platform.TIKTOK: ("tiktok.com",),
    Platform.VK: ("vk.com", "vk.ru", "vkvideo.ru"),
    Platform.X: ("x.com", "twitter.com"),
}


def _check_may_edit(actor: Any, part: VisitPart) -> None:
    if not actor.has_perm("meetings.edit_visit", part.visit):
        raise NotPermitted(_("You may not change this visit."))
    check_open(part.visit)


def _host(url: str) -> str:
    return (urlsplit(url).hostname or "").lower()


def _on_host(url: str, hosts: Iterable[str]) -> bool:
    host = _host(url)
    return any(host == allowed or host.endswith("." + allowed) for allowed in hosts)


def _validate_times(part: VisitPart, starts_at: Any, ends_at: Any) -> None:
    if (starts_at is None) != (ends_at is None):
        raise DomainError(_("Give both the start and the end, or neither."), code="times")
    if starts_at is None:
        return
    if timezone.is_naive(starts_at) or timezone.is_naive(ends_at):
        raise DomainError(_("Give the time with its time zone."), code="naive_time")
    if ends_at <= starts_at:
        raise DomainError(_("The part must end after it starts."), code="times_order")
    first, last = timezone.localtime(starts_at).date(), timezone.localtime(ends_at).date()
    if first < part.visit.start_date or last > part.visit.end_date:
        raise DomainError(
            _("The part must take place within the visit's days, %(start)s – %(end)s.")
            % {"start": part.visit.start_date.strftime("%d.%m.%Y"), "end": part.visit.end_date.strftime("%d.%m.%Y")},
            code="times_outside",
        )


def _validate_point(latitude: Any, longitude: Any) -> None:
    if (latitude is None) != (longitude is None):
        raise DomainError(_("Give both the latitude and the longitude, or neither."), code="point")
    if latitude is None:
        return
    latitude, longitude = Decimal(str(latitude)), Decimal(str(longitude))
    if not (LATITUDES[0] <= latitude <= LATITUDES[1] and LONGITUDES[0] <= longitude <= LONGITUDES[1]):
        raise DomainError(_("The point on the map must lie in Kazakhstan."), code="point_outside")


def _validate_akims(part: VisitPart, positions: Iterable[Position]) -> None:
    """Participating akims are posts of the region's akimat or of its district and town akimats (R17);
    others (rural akims, officials) go in `other_participants`."""
    akimats = set(akimats_in_region(part.visit.region_id).values_list("pk", flat=True))
    if any(position.organisation_id not in akimats for position in positions):
        raise DomainError(
            _(
                "Participating akims are chosen from the posts of the region's akimat and of its district and "
                "town akimats; name others as other participants."
            ),
            code="akims",
        )


@transaction.atomic
def update_part(*, actor: Any, part: VisitPart, **values: Any) -> VisitPart:
    """Change where, when, how and with whom a part of the visit takes place. `values`: fields of PART_FIELDS."""
    _check_may_edit(actor, part)
    unknown = set(values) - set(PART_FIELDS)
    if unknown:
        raise DomainError(
            _("These fields cannot be changed here: %(fields)s.") % {"fields": ", ".join(sorted(unknown))}
        )
    merged = {name: values.get(name, getattr(part, name)) for name in PART_FIELDS if name != "akim_positions"}
    if merged["format"] not in VisitPart.Format.values:
        raise DomainError(_("Choose a format from the list."), code="format")
    _validate_times(part, merged["starts_at"], merged["ends_at"])
    _validate_point(merged["latitude"], merged["longitude"])
    link = (merged["video_conference_url"] or "").strip()
    if link and urlsplit(link).scheme != "https":
        raise DomainError(_("The video-conference link must begin with https://."), code="video_link")
    positions = list(values["akim_positions"]) if "akim_positions" in values else None
    if positions is not None:
        _validate_akims(part, positions)
    old = snapshot(part, PART_FIELDS)
    simple = [name for name in values if name != "akim_positions"]
    for name in simple:
        value = values[name]
        setattr(part, name, value.strip() if isinstance(value, str) else value)
    if simple:
        part.save(update_fields=simple)
    if positions is not None:
        part.akim_positions.set(positions)
        sync_akim_invitations(actor=actor, part=part, invited_before=old["akim_positions"])
    before, after = changed(old, snapshot(part, PART_FIELDS))
    if after:
        record_audit(
            actor=actor,
            action="meetings.part.update",
            target=part,
            organisation=part.visit.organisation,
            old=before,
            new=after,
        )
    changes = tuple(change for change, fields in PUBLIC_CHANGES.items() if fields & set(after))
    if changes and part.visit.status == Visit.Status.PUBLISHED:
        visit_changed.send(sender=Visit, visit=part.visit, changes=changes)
    return part


def broadcast_problem(account: OfficialAccount, url: str) -> str | None:
    """Why `url` cannot be a broadcast on `account`, or None."""
    if urlsplit(url).scheme != "https":
        return _("A broadcast address must begin with https://.")
    hosts = PLATFORM_HOSTS.get(account.platform) or (_host(account.url).removeprefix("www."),)
    if not _on_host(url, hosts):
        return _("The broadcast address must be on %(platform)s, like the official account.") % {
            "platform": account.get_platform_display()
        }
    return None


@transaction.atomic
def add_broadcast(*, actor: Any, part: VisitPart, account: OfficialAccount, url: str) -> BroadcastLink:
    """Add where the part is streamed: on one of the visiting ministry's official accounts (R14)."""
    _check_may_edit(actor, part)
    ministry = part.visit.organisation
    if account.organisation_id not in (ministry.pk, ministry.parent_id):
        raise DomainError(_("A broadcast goes out on an official account of the visiting ministry."), code="account")
    url = url.strip()
    problem = broadcast_problem(account, url)
    if problem:
        raise DomainError(problem, code="broadcast_url")
    if part.broadcasts.filter(url=url).exists():
        raise DomainError(_("This broadcast is already listed."), code="broadcast_exists")
    link = BroadcastLink.objects.create(part=part, account=account, url=url)
    record_audit(
        actor=actor,
        action="meetings.broadcast.add",
        target=part,
        organisation=ministry,
        new={"account": account.pk, "url": url},
    )
    return link


@transaction.atomic
def remove_broadcast(*, actor: Any, link: BroadcastLink) -> None:
    part = link.part
    _check_may_edit(actor, part)
    record_audit(
        actor=actor,
        action="meetings.broadcast.remove",
        target=part,
        organisation=part.visit.organisation,
        old={"account": link.account_id, "url": link.url},
    )
    link.delete()
