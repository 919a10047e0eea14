"""The authorized body's and the ministries' reports, as they meet the obligations (registered in ReportsConfig.ready).

- `quarterly-information` (R22): the ministry's quarterly information submitted to the authorized body; a pack
  returned for correction meets nothing until it is submitted again;
- `half-year-results` (R23): the authorized body's half-year results submitted to the Government Apparatus.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping

from django.urls import reverse
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from kezdesu.regulations.domain.evidence import Asked, Evidence, lazy_text
from kezdesu.reports.models import HalfYearReport, QuarterlyInformation


def submitted_quarterly_information(asked: list[Asked]) -> Mapping[str, list[Evidence]]:
    by_pack = {(item.debtor.pk, *item.year_quarter): item for item in asked}
    packs = QuarterlyInformation.objects.filter(
        organisation_id__in={item.debtor.pk for item in asked},
        year__in={year for _body, year, _number in by_pack},
    ).select_related("organisation")
    found: dict[str, list[Evidence]] = defaultdict(list)
    for pack in packs:
        item = by_pack.get((pack.organisation_id, pack.year, pack.quarter))
        if item is None:
            continue
        url = lazy(
            lambda pack=pack: (
                reverse("office:quarterly_information_detail", kwargs={"year": pack.year, "quarter": pack.quarter})
                + f"?organisation={pack.organisation.code}"
            ),
            str,
        )()
        label = lazy_text(
            _("Quarterly information, quarter %(quarter)s of %(year)s"), quarter=pack.quarter, year=pack.year
        )
        record = f"reports.quarterlyinformation:{pack.pk}"
        if pack.status == QuarterlyInformation.Status.SUBMITTED and pack.submitted_at is not None:
            day = timezone.localdate(pack.submitted_at)
            why = lazy_text(_("submitted to the authorized body on %(date)s"), date=f"{day:%d.%m.%Y}")
            found[item.key].append(Evidence(counts=True, on=day, label=label, why=why, url=url, record=record))
            continue
        if pack.returned_at is not None:
            why = _("returned by the authorized body for correction; not submitted again yet")
        elif pack.status == QuarterlyInformation.Status.APPROVED:
            why = _("approved in the ministry, not submitted yet")
        else:
            why = _("being prepared, not submitted yet")
        found[item.key].append(Evidence(counts=False, on=item.due, label=label, why=why, url=url, record=record))
    return found


def submitted_half_year_results(asked: list[Asked]) -> Mapping[str, list[Evidence]]:
    by_half = {(item.period_start.year, 1 if item.period_start.month <= 6 else 2): item for item in asked}
    found: dict[str, list[Evidence]] = defaultdict(list)
    for report in HalfYearReport.objects.filter(year__in={year for year, _half in by_half}):
        item = by_half.get((report.year, report.half))
        if item is None:
            continue
        url = lazy(
            lambda report=report: reverse("office:half_year_report", kwargs={"year": report.year, "half": report.half}),
            str,
        )()
        label = lazy_text(_("Half-year results, half %(half)s of %(year)s"), half=report.half, year=report.year)
        record = f"reports.halfyearreport:{report.pk}"
        if report.status == HalfYearReport.Status.SUBMITTED and report.submitted_at is not None:
            day = timezone.localdate(report.submitted_at)
            why = lazy_text(_("submitted to the Government Apparatus on %(date)s"), date=f"{day:%d.%m.%Y}")
            found[item.key].append(Evidence(counts=True, on=day, label=label, why=why, url=url, record=record))
        else:
            why = _("being prepared, not submitted yet")
            found[item.key].append(Evidence(counts=False, on=item.due, label=label, why=why, url=url, record=record))
    return found
