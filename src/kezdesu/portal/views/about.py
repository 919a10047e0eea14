"""The public "About the data" page: sources, licence and attribution, and what was loaded."""

from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from kezdesu.organisations.domain.queries.reference import active_ministries, regions_with_district_counts
from kezdesu.organisations.models import Organisation
from kezdesu.regulations.models import RegulationProfile

# Required by the licence of the boundaries data, shown word for word (CC BY 4.0).
ATTRIBUTION_LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"


@dataclass(frozen=True)
class MinistryRow:
    ministry: Organisation
    exempt: list[bool]  # one per profile, in the order of the page's profile columns


def about_data(request: HttpRequest) -> HttpResponse:
    profiles = list(RegulationProfile.objects.order_by("effective_from").prefetch_related("exempt_organisations"))
    exempt_ids = [{organisation.pk for organisation in profile.exempt_organisations.all()} for profile in profiles]
    ministries = [
        MinistryRow(ministry=ministry, exempt=[ministry.pk in ids for ids in exempt_ids])
        for ministry in active_ministries()
    ]
    regions = list(regions_with_district_counts())
    return render(
        request,
        "portal/about/data.html",
        {
            "regions": regions,
            "district_total": sum(getattr(region, "district_count", 0) for region in regions),
            "ministries": ministries,
            "profiles": profiles,
            "licence_url": ATTRIBUTION_LICENCE_URL,
        },
    )
