"""Planning's acts, as they meet the obligations (registered in PlanningConfig.ready).

- `schedule-proposals` (R7 under REG-2022): the ministry's proposals for the planning period submitted;
- `schedule-draft` (R7, R8): the period's draft submitted to the Government (its first submission);
- `schedule-approval` (R7): the period's schedule approved, on the approving act's date;
- `systemic-problems` (R11): the akimat's systemic problems of the half-year sent to the competent bodies.

A planning obligation's period is the planning period itself (its start names it), so a record counts for the
obligation whose period starts on the same day.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping

from django.db.models import Count, Min
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from kezdesu.planning.models import Proposal, ScheduleVersion, SystemicProblem
from kezdesu.regulations.domain.evidence import Asked, Evidence, lazy_text


def submitted_proposals(asked: list[Asked]) -> Mapping[str, list[Evidence]]:
    by_period = {(item.debtor.pk, item.period_start): item for item in asked}
    rows = (
        Proposal.objects.filter(
            organisation_id__in={item.debtor.pk for item in asked},
            period__start__in={item.period_start for item in asked},
            status=Proposal.Status.SUBMITTED,
        )
        .values("organisation_id", "period__start")
        .annotate(first=Min("submitted_at"), count=Count("pk"))
        .order_by()
    )
    found: dict[str, list[Evidence]] = defaultdict(list)
    url = lazy(lambda: reverse("office:proposals"), str)()
    for row in rows:
        item = by_period.get((row["organisation_id"], row["period__start"]))
        if item is None or row["first"] is None:
            continue
        day = timezone.localdate(row["first"])
        label = lazy_text(
            ngettext_lazy(
                "%(count)s proposal submitted in Kezdesu", "%(count)s proposals submitted in Kezdesu", "count"
            ),
            count=row["count"],
        )
        why = lazy_text(_("first submitted on %(date)s"), date=f"{day:%d.%m.%Y}")
        found[item.key].append(Evidence(counts=True, on=day, label=label, why=why, url=url, record=""))
    return found


def _versions(asked: list[Asked]) -> list[ScheduleVersion]:
    return list(
        ScheduleVersion.objects.filter(period__start__in={item.period_start for item in asked})
        .select_related("period")
        .order_by("period__start", "number")
    )


def _schedule_url(version: ScheduleVersion) -> str:
    return lazy(lambda: reverse("office:schedule_draft", kwargs={"period_id": version.period_id}), str)()


def submitted_drafts(asked: list[Asked]) -> Mapping[str, list[Evidence]]:
    """The period's first submission: the first approved version keeps the time its draft was submitted."""
    by_period = {item.period_start: item for item in asked}
    found: dict[str, list[Evidence]] = defaultdict(list)
    seen: set[object] = set()
    for version in _versions(asked):
        item = by_period.get(version.period.start)
        if item is None or version.period.start in seen or version.submitted_at is None:
            continue
        if version.number is not None and version.number > 1:
            continue  # an amendment's submission is not the period's draft
        seen.add(version.period.start)
        day = timezone.localdate(version.submitted_at)
        found[item.key].append(
            Evidence(
                counts=True,
                on=day,
                label=lazy_text(
                    _("The draft schedule for %(start)s – %(end)s"),
                    start=f"{version.period.start:%d.%m.%Y}",
                    end=f"{version.period.end:%d.%m.%Y}",
                ),
                why=lazy_text(_("submitted to the Government on %(date)s"), date=f"{day:%d.%m.%Y}"),
                url=_schedule_url(version),
                record=f"planning.scheduleversion:{version.pk}",
            )
        )
    return found


def approved_schedules(asked: list[Asked]) -> Mapping[str, list[Evidence]]:
    """The period's first approved version, on its approving act's date."""
    by_period = {item.period_start: item for item in asked}
    found: dict[str, list[Evidence]] = defaultdict(list)
    seen: set[object] = set()
    for version in _versions(asked):
        item = by_period.get(version.period.start)
        if item is None or version.number is None or version.act_date is None or version.period.start in seen:
            continue
        seen.add(version.period.start)
        found[item.key].append(
            Evidence(
                counts=True,
                on=version.act_date,
                label=lazy_text(
                    _("Version %(number)s of the schedule, approved by act No. %(act)s of %(date)s"),
                    number=version.number,
                    act=version.act_number,
                    date=f"{version.act_date:%d.%m.%Y}",
                ),
                why=_("the Government approved the schedule"),
                url=_schedule_url(version),
                record=f"planning.scheduleversion:{version.pk}",
            )
        )
    return found


def sent_systemic_problems(asked: list[Asked]) -> Mapping[str, list[Evidence]]:
    by_half = {(item.debtor.pk, item.period_start): item for item in asked}
    rows = (
        SystemicProblem.objects.filter(
            akimat_id__in={item.debtor.pk for item in asked},
            half_year_start__in={item.period_start for item in asked},
            sent_at__isnull=False,
        )
        .exclude(status=SystemicProblem.Status.DRAFT)
        .values("akimat_id", "half_year_start")
        .annotate(first=Min("sent_at"), count=Count("pk"))
        .order_by()
    )
    found: dict[str, list[Evidence]] = defaultdict(list)
    url = lazy(lambda: reverse("office:problems"), str)()
    for row in rows:
        item = by_half.get((row["akimat_id"], row["half_year_start"]))
        if item is None:
            continue
        day = timezone.localdate(row["first"])
        found[item.key].append(
            Evidence(
                counts=True,
                on=day,
                label=lazy_text(
                    ngettext_lazy(
                        "%(count)s systemic problem sent in Kezdesu",
                        "%(count)s systemic problems sent in Kezdesu",
                        "count",
                    ),
                    count=row["count"],
                ),
                why=lazy_text(_("first sent to the competent bodies on %(date)s"), date=f"{day:%d.%m.%Y}"),
                url=url,
            )
        )
    return found
