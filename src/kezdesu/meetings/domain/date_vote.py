"""The population's opinion on the date and time of the meeting (R9).

The ministry offers options, opens the vote until a closing time, residents of the region vote, and
the ministry's approver fixes the date: the meeting part moves to it and the schedule is amended
(`planning.domain.date_amendments`).

An option may fall on any future day the ministry chooses, a Saturday or a holiday included: meetings
with the population are often held on days off, when people are free to come. A day off is shown beside
the option (`vote_results`), not refused. An option must still fall within the visit's planning period
when the visit has one: the visit carries out an item of that period's schedule, which the Government
approves, and a date outside it would be a meeting of another schedule.

A visit announced without asking the population is listed by `queries.date_vote.visits_without_date_vote`;
so fixing a date without a vote leaves `vote_closes_at` empty, as a record that no vote was opened.

One vote per person is guarded against casual repeats, not against a determined person: the
public interfaces derive `voter_key` from a random id in a signed cookie and `network_key` from
the client's address (`meetings.interfaces.voter_keys`); neither can be turned back into the person.
"""

import datetime
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kezdesu.core.domain.audit import record_audit
from kezdesu.core.domain.notifications import notify, register_kind
from kezdesu.core.errors import DomainError, NotPermitted
from kezdesu.meetings.domain.informing import Stage, inform_authorized_body
from kezdesu.meetings.domain.queries.date_vote import VoteState, vote_state
from kezdesu.meetings.domain.tasks import create_visit_tasks
from kezdesu.meetings.models import DateOption, DateVote, Visit, VisitPart
from kezdesu.meetings.signals import visit_changed
from kezdesu.organisations.models import District
from kezdesu.planning.domain.date_amendments import DateAmendment, Outcome, amend_item_dates
from kezdesu.planning.domain.notification_params import translated
from kezdesu.planning.domain.queries.recipients import coordinators, people_with_roles
from kezdesu.planning.domain.queries.schedule import akimat_of_region

register_kind(
    "meetings.visit_date_fixed",
    message=gettext_lazy(
        "After the population's vote, %(ministry)s fixed the date of the meeting of %(official)s with the "
        "population of %(region)s: %(start)s at %(time)s. Please prepare the venue and the publicity for that day."
    ),
    subject=gettext_lazy("Date fixed after the vote: %(official)s in %(region)s"),
)

__all__ = [
    "add_date_option",
    "cast_vote",
    "close_date_vote",
    "fix_visit_date",
    "open_date_vote",
    "remove_date_option",
]


def _check(actor: Any, permission: str, visit: Visit, message: str) -> None:
    if not actor.has_perm(permission, visit):
        raise NotPermitted(message)


def _check_options_editable(visit: Visit) -> None:
    state = vote_state(visit)
    if state == VoteState.FIXED:
        raise DomainError(_("The date is already fixed."), code="fixed")
    if state == VoteState.CLOSED:
        raise DomainError(_("The vote is closed: the options can no longer change."), code="closed")


def _local_day(moment: datetime.datetime) -> datetime.date:
    return timezone.localtime(moment).date()


def _iso(moment: datetime.datetime | None) -> str | None:
    """An audit value in Astana time, as the pages show it."""
    return timezone.localtime(moment).isoformat() if moment is not None else None


def add_date_option(
    *, actor: Any, visit: Visit, starts_at: datetime.datetime, ends_at: datetime.datetime
) -> DateOption:
    """Offer a date and time for the meeting: any future day (a day off too) within the planning period."""
    _check(actor, "meetings.manage_date_vote", visit, _("Only the ministry's staff offer dates for the vote."))
    _check_options_editable(visit)
    if ends_at <= starts_at:
        raise DomainError(_("The meeting must end after it starts."), code="times_order")
    day = _local_day(starts_at)
    if _local_day(ends_at) != day:
        raise DomainError(_("The meeting must start and end on the same day."), code="one_day")
    if starts_at <= timezone.now():
        raise DomainError(_("Offer a date in the future."), code="past")
    period = visit.period
    if period is not None and not period.start <= day <= period.end:
        raise DomainError(
            _("The date must be within the planning period, %(start)s – %(end)s.")
            % {"start": f"{period.start:%d.%m.%Y}", "end": f"{period.end:%d.%m.%Y}"},
            code="outside_period",
        )
    with transaction.atomic():
        if DateOption.objects.filter(visit=visit, starts_at=starts_at).exists():
            raise DomainError(_("This date and time is already offered."), code="duplicate")
        option = DateOption.objects.create(visit=visit, starts_at=starts_at, ends_at=ends_at, created_by=actor)
        record_audit(
            actor=actor,
            action="meetings.date_option.add",
            target=option,
            organisation=visit.organisation,
            new={"visit": visit.pk, "starts_at": _iso(starts_at), "ends_at": _iso(ends_at)},
        )
    return option


def remove_date_option(*, actor: Any, option: DateOption) -> None:
    """Withdraw an option nobody has voted for yet (a vote cast is never thrown away)."""
    visit = option.visit
    _check(actor, "meetings.manage_date_vote", visit, _("Only the ministry's staff offer dates for the vote."))
    _check_options_editable(visit)
    with transaction.atomic():
        if option.votes.exists():
            raise DomainError(_("People have voted for this option: it cannot be removed."), code="has_votes")
        record_audit(
            actor=actor,
            action="meetings.date_option.remove",
            target=option,
            organisation=visit.organisation,
            old={"visit": visit.pk, "starts_at": _iso(option.starts_at), "ends_at": _iso(option.ends_at)},
        )
        option.delete()


def open_date_vote(*, actor: Any, visit: Visit, closes_at: datetime.datetime) -> Visit:
    """Open the vote until `closes_at` (or move the closing time of an open vote)."""
    _check(actor, "meetings.manage_date_vote", visit, _("Only the ministry's staff open the vote on the date."))
    if visit.date_fixed_at is not None:
        raise DomainError(_("The date is already fixed."), code="fixed")
    if closes_at <= timezone.now():
        raise DomainError(_("The vote must close in the future."), code="closes_in_past")
    options = list(visit.date_options.order_by("starts_at"))
    if len(options) < 2:
        raise DomainError(_("Offer at least two dates before opening the vote."), code="too_few_options")
    if closes_at >= options[0].starts_at:
        raise DomainError(_("The vote must close before the earliest date offered."), code="closes_too_late")
    with transaction.atomic():
        old = visit.vote_closes_at
        visit.vote_closes_at = closes_at
        visit.save(update_fields=["vote_closes_at", "updated_at"])
        record_audit(
            actor=actor,
            action="meetings.date_vote.open",
            target=visit,
            organisation=visit.organisation,
            old={"vote_closes_at": _iso(old)},
            new={"vote_closes_at": _iso(closes_at)},
        )
    return visit


def close_date_vote(*, actor: Any, visit: Visit) -> Visit:
    """Close an open vote now."""
    _check(actor, "meetings.manage_date_vote", visit, _("Only the ministry's staff close the vote on the date."))
    if vote_state(visit) != VoteState.OPEN:
        raise DomainError(_("The vote is not open."), code="not_open")
    with transaction.atomic():
        old = visit.vote_closes_at
        visit.vote_closes_at = timezone.now()
        visit.save(update_fields=["vote_closes_at", "updated_at"])
        record_audit(
            actor=actor,
            action="meetings.date_vote.close",
            target=visit,
            organisation=visit.organisation,
            old={"vote_closes_at": _iso(old)},
            new={"vote_closes_at": _iso(visit.vote_closes_at)},
        )
    return visit


def votes_per_network() -> int:
    return int(settings.KEZDESU_DATE_VOTES_PER_NETWORK)


def cast_vote(
    *,
    visit: Visit,
    option: DateOption,
    voter_key: str,
    network_key: str,
    district: District | None = None,
) -> DateVote:
    """A resident's vote; voting again replaces the earlier vote, never adds a second one.

    No audit row: the vote itself is the append-only record of an anonymous act, and an audit row
    would name "the system" as its author.
    """
    if visit.status != Visit.Status.PUBLISHED or vote_state(visit) != VoteState.OPEN:
        raise DomainError(_("The vote on the date is not open."), code="not_open")
    if option.visit_id != visit.pk:
        raise DomainError(_("Choose one of the dates offered."), code="option")
    if district is not None and district.region_id != visit.region_id:
        raise DomainError(_("Choose a district or town of the region."), code="district")
    if not voter_key or not network_key:
        raise DomainError(_("Your vote could not be recorded. Allow cookies and try again."), code="no_key")
    with transaction.atomic():
        # Votes for one visit are counted one at a time, so the per-network limit holds under load.
        Visit.objects.select_for_update().filter(pk=visit.pk).first()
        vote = DateVote.objects.filter(visit=visit, voter_key=voter_key).first()
        if vote is not None:
            vote.option, vote.district = option, district
            vote.save(update_fields=["option", "district"])
            return vote
        if DateVote.objects.filter(visit=visit, network_key=network_key).count() >= votes_per_network():
            raise DomainError(
                _("Too many votes have come from your network for this meeting. You may still change a vote."),
                code="network_limit",
            )
        try:
            with transaction.atomic():
                return DateVote.objects.create(
                    visit=visit, option=option, district=district, voter_key=voter_key, network_key=network_key
                )
        except IntegrityError:  # the last defence: a second vote under the same key at the same moment
            raise DomainError(_("Your vote is already counted."), code="duplicate") from None


def _moved(moment: datetime.datetime | None, days: int) -> datetime.datetime | None:
    """The same local time `days` later (a day off between keeps the clock time, not the hours)."""
    if moment is None:
        return None
    local = timezone.localtime(moment)
    return timezone.make_aware(datetime.datetime.combine(local.date() + datetime.timedelta(days=days), local.time()))


def fix_visit_date(*, actor: Any, visit: Visit, option: DateOption) -> DateAmendment:
    """The ministry's approver fixes the date: the meeting moves to `option` and the schedule is amended.

    The other parts of the visit (reception, NGOs, media) move by the same number of days.
    """
    _check(actor, "meetings.fix_visit_date", visit, _("Only the ministry's approver fixes the date of the meeting."))
    if option.visit_id != visit.pk:
        raise DomainError(_("Choose one of the dates offered."), code="option")
    if visit.date_fixed_at is not None:
        raise DomainError(_("The date is already fixed."), code="fixed")
    if visit.status in (Visit.Status.HELD, Visit.Status.CANCELLED):
        raise DomainError(_("The meeting is held or cancelled: its date cannot change."), code="status")
    day = _local_day(option.starts_at)
    now = timezone.now()
    with transaction.atomic():
        visit = (
            Visit.objects.select_for_update(of=("self",))
            .select_related("organisation", "position", "region", "period")
            .get(pk=visit.pk)
        )
        if visit.date_fixed_at is not None:
            raise DomainError(_("The date is already fixed."), code="fixed")
        shift = (day - visit.start_date).days
        old = {
            "start_date": visit.start_date.isoformat(),
            "end_date": visit.end_date.isoformat(),
            "vote_closes_at": _iso(visit.vote_closes_at),
        }
        option.is_chosen = True
        option.save(update_fields=["is_chosen"])
        parts = {part.kind: part for part in visit.parts.all()}
        part_times: dict[str, list[str | None]] = {}
        for kind, part in parts.items():
            before = [_iso(part.starts_at)]
            if kind == VisitPart.Kind.MEETING:
                part.starts_at, part.ends_at = option.starts_at, option.ends_at
            else:
                part.starts_at, part.ends_at = _moved(part.starts_at, shift), _moved(part.ends_at, shift)
            part.save(update_fields=["starts_at", "ends_at"])
            part_times[kind] = [*before, _iso(part.starts_at)]
        if VisitPart.Kind.MEETING not in parts:
            VisitPart.objects.create(
                visit=visit, kind=VisitPart.Kind.MEETING, starts_at=option.starts_at, ends_at=option.ends_at
            )
            part_times[VisitPart.Kind.MEETING] = [None, _iso(option.starts_at)]
        visit.end_date = day + (visit.end_date - visit.start_date)
        visit.start_date = day
        visit.date_fixed_at = now
        if visit.vote_closes_at is not None and visit.vote_closes_at > now:
            visit.vote_closes_at = now  # an open vote closes; one never opened stays so, for the warning
        visit.save(update_fields=["start_date", "end_date", "date_fixed_at", "vote_closes_at", "updated_at"])
        record_audit(
            actor=actor,
            action="meetings.visit.fix_date",
            target=visit,
            organisation=visit.organisation,
            old=old,
            new={
                "option": option.pk,
                "start_date": visit.start_date.isoformat(),
                "end_date": visit.end_date.isoformat(),
                "vote_closes_at": _iso(visit.vote_closes_at),
                "date_fixed_at": _iso(now),
                "parts": part_times,
            },
        )
        if visit.status == Visit.Status.PUBLISHED:
            visit_changed.send(sender=Visit, visit=visit, changes=("time",))
        if visit.schedule_uid is not None and visit.period is not None:
            amendment = amend_item_dates(
                actor=actor,
                period=visit.period,
                uid=visit.schedule_uid,
                start_date=visit.start_date,
                end_date=visit.end_date,
            )
        else:
            amendment = DateAmendment(outcome=Outcome.NOT_FOUND)
        previous = {"previous_start": old["start_date"], "previous_end": old["end_date"]}
        informed = inform_authorized_body(stage=Stage.DATE_CHANGED, visit=visit, **previous) if shift else []
        akimat = akimat_of_region(visit.region)
        notify(
            # The coordinators hear of the new date once: as the profile's informing (R18) when it names the stage.
            recipients=[*people_with_roles([akimat] if akimat else []), *([] if informed else coordinators())],
            kind="meetings.visit_date_fixed",
            params={
                "ministry": translated(visit.organisation),
                "official": translated(visit.position, "title"),
                "region": translated(visit.region),
                "start": day.isoformat(),
                "time": f"{timezone.localtime(option.starts_at):%H:%M}",
            },
            link=reverse("office:visit_dates", args=[visit.pk]),
        )
        create_visit_tasks(visit=visit, actor=actor)  # the tasks' due dates follow the meeting's day
    return amendment
