"""What the follow-up publishes, as it meets the obligations (registered in FollowupConfig.ready).

- `visit-results` (R20): the visit's package published (its first publication; republishing revises it);
- `quarterly-progress` (R21): the ministry's quarterly progress report published.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping

from django.urls import reverse
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from kezdesu.followup.models import ProgressReport, Publication
from kezdesu.regulations.domain.evidence import Asked, Evidence, lazy_text


def published_results(asked: list[Asked]) -> Mapping[str, list[Evidence]]:
    by_visit = {int(item.event_id): item for item in asked if item.event_id.isdigit()}
    found: dict[str, list[Evidence]] = defaultdict(list)
    prepared = set()
    for publication in Publication.objects.filter(visit_id__in=list(by_visit)).only("pk", "visit_id", "published_at"):
        prepared.add(publication.visit_id)
        item = by_visit[publication.visit_id]
        visit_id = publication.visit_id
        url = lazy(lambda visit_id=visit_id: reverse("office:visit_publication", kwargs={"pk": visit_id}), str)()
        if publication.published_at is None:
            found[item.key].append(
                Evidence(
                    counts=False,
                    on=item.due,
                    label=_("The package of the visit's results"),
                    why=_("being prepared, not published yet"),
                    url=url,
                    record=f"followup.publication:{publication.pk}",
                )
            )
            continue
        day = timezone.localdate(publication.published_at)
        found[item.key].append(
            Evidence(
                counts=True,
                on=day,
                label=lazy_text(_("The visit's results, published on %(date)s"), date=f"{day:%d.%m.%Y}"),
                why=_("the results, the list of problem issues and the action plan are public"),
                url=url,
                record=f"followup.publication:{publication.pk}",
            )
        )
    for visit_id in set(by_visit) - prepared:  # nothing written yet: the page to start from
        item = by_visit[visit_id]
        found[item.key].append(
            Evidence(
                counts=False,
                on=item.due,
                label=_("The package of the visit's results"),
                why=_("not prepared yet"),
                url=lazy(lambda visit_id=visit_id: reverse("office:visit_publication", kwargs={"pk": visit_id}), str)(),
                record="",
            )
        )
    return found


def published_progress(asked: list[Asked]) -> Mapping[str, list[Evidence]]:
    by_report = {(item.debtor.pk, *item.year_quarter): item for item in asked}
    reports = ProgressReport.objects.filter(
        organisation_id__in={item.debtor.pk for item in asked},
        year__in={year for _body, year, _quarter_number in by_report},
    ).only("pk", "organisation_id", "year", "quarter", "published_at")
    found: dict[str, list[Evidence]] = defaultdict(list)
    for report in reports:
        item = by_report.get((report.organisation_id, report.year, report.quarter))
        if item is None:
            continue
        label = lazy_text(
            _("Quarterly progress report, quarter %(quarter)s of %(year)s"), quarter=report.quarter, year=report.year
        )
        url = lazy(
            lambda report=report: reverse(
                "office:progress_report", kwargs={"year": report.year, "quarter": report.quarter}
            ),
            str,
        )()
        if report.published_at is None:
            found[item.key].append(
                Evidence(
                    counts=False,
                    on=item.due,
                    label=label,
                    why=_("being prepared, not published yet"),
                    url=url,
                    record=f"followup.progressreport:{report.pk}",
                )
            )
            continue
        found[item.key].append(
            Evidence(
                counts=True,
                on=timezone.localdate(report.published_at),
                label=label,
                why=_("published on the public site"),
                url=url,
                record=f"followup.progressreport:{report.pk}",
            )
        )
    return found
