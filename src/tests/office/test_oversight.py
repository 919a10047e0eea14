"""The oversight dashboards page (R26): who sees it, what it links to, and that its queries do not grow."""

import datetime
from types import SimpleNamespace

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone as timezone_module
from django.utils.html import escape

from kezdesu.office.views import oversight as oversight_views
from kezdesu.organisations.models import Organisation
from kezdesu.regulations.models import Fulfilment
from kezdesu.reports.domain.queries import oversight as oversight_queries
from tests.factories.organisations import OrganisationFactory
from tests.reports.oversight_world import TODAY, build_oversight_world, issue, key, measure, question, visit

pytestmark = pytest.mark.django_db


@pytest.fixture
def oversight(monkeypatch):
    monkeypatch.setattr(oversight_views, "timezone", SimpleNamespace(localdate=lambda: TODAY))
    return build_oversight_world()


@pytest.mark.parametrize("role", ["coordinator", "apparatus_oversight", "presidential_oversight"])
def test_nationwide_readers_see_the_dashboards(client, oversight, role):
    client.force_login(oversight.user(role))

    response = client.get(reverse("office:oversight"), {"year": 2027})

    assert response.status_code == 200
    assert "Compliance of the ministries by quarter, 2027" in response.text


@pytest.mark.parametrize("role", ["ministry_viewer", "ministry_approver", "akimat_viewer"])
def test_for_ministry_and_akimat_staff_the_page_does_not_exist(client, oversight, role):
    client.force_login(oversight.user(role))

    assert client.get(reverse("office:oversight")).status_code == 404


def test_anonymous_visitors_are_sent_to_sign_in(client, oversight):
    response = client.get(reverse("office:oversight"))

    assert response.status_code == 302
    assert reverse("office:login") in response["Location"]


def test_every_figure_links_to_its_records(client, oversight):
    client.force_login(oversight.user("coordinator"))

    response = client.get(reverse("office:oversight"), {"year": 2027})

    text = response.text.replace("&amp;", "&")
    # The heatmap: A's first quarter, 1 of 1 on time, opens what A owed that quarter.
    assert "/en/office/obligations/?debtor=ministry-a&end=2027-03-31&start=2027-01-01" in text
    assert "100%" in text
    assert "exempt" in text
    # Overdue by body: A's two reports, over the last year.
    assert "/en/office/obligations/?debtor=ministry-a&end=2027-12-01&start=2026-11-30&state=overdue" in text
    assert "/en/measures/?executor=ministry-a&state=overdue" in text
    assert "/en/office/reports/instructions/?assignee=ministry-a&state=overdue" in text
    # The maps: meetings held in a region in the year, open problems there.
    assert f"/en/office/visits/?end=2027-12-31&region={oversight.region_x.pk}&start=2027-01-01&status=held" in text
    assert f"/en/issues/?region={oversight.region_x.kato}&status=open&year=2027" in text
    drawn = {shape.kato: shape.count for shape in response.context["meetings_map"].regions if shape.region}
    assert (drawn["710000000"], drawn["750000000"]) == (2, 1)
    # Trends: each of the quarter's figures.
    assert "/en/office/obligations/?end=2027-03-31&start=2027-01-01&state=met_on_time" in text
    assert "/en/office/visits/?end=2027-03-31&start=2027-01-01&status=held" in text
    assert "/en/office/questions/?end=2027-03-31&start=2027-01-01" in text
    assert "/en/issues/?raised_from=2027-01-01&raised_to=2027-03-31" in text
    assert "/en/issues/?solved_from=2027-01-01&solved_to=2027-03-31&status=solved" in text
    assert "/en/measures/?due_from=2027-01-01&due_to=2027-03-31&state=done_on_time" in text
    rows = {item["row"].organisation.code: item["row"].total for item in response.context["overdue"]}
    assert rows["ministry-a"] == 4


def test_an_unknown_year_falls_back_to_this_one(client, oversight):
    client.force_login(oversight.user("coordinator"))

    response = client.get(reverse("office:oversight"), {"year": "1999"})

    assert response.context["year"] == 2027


def _add_ministry_with_records(number: int) -> None:
    body = OrganisationFactory(code=f"extra-{number}", kind=Organisation.Kind.MINISTRY)
    Fulfilment.objects.create(
        obligation_key=key(body, "2027-04-01"), organisation=body, met_on=datetime.date(2027, 7, 1), reference="x"
    )
    world = SimpleNamespace(ministry=body)
    held = visit(world, datetime.date(2027, 4, 2 + number), Organisation.objects.get(code="akimat-y").region)
    question(held, datetime.date(2027, 3, 1))
    measure(issue(held, 1), body, datetime.date(2027, 6, 1))


def test_queries_do_not_grow_with_the_records(client, oversight):
    client.force_login(oversight.user("coordinator"))
    url = reverse("office:oversight")
    client.get(url, {"year": 2027})  # warm the caches (sessions, content types)

    with CaptureQueriesContext(connection) as few:
        client.get(url, {"year": 2027})
    for number in range(3):
        _add_ministry_with_records(number)
    with CaptureQueriesContext(connection) as more:
        response = client.get(url, {"year": 2027})

    assert len(response.context["ministries"]) == 6
    assert len(more) == len(few)
    assert len(few) <= 45


def _listed(client, url: str) -> int:
    """How many records the list at `url` holds (every list the dashboard links to)."""
    response = client.get(url)
    assert response.status_code == 200, url
    if "obligations" in response.context:
        return len(response.context["obligations"])
    if "rows" in response.context:  # the Government's instructions
        return len(response.context["rows"])
    return response.context["page"].paginator.count


def test_each_figure_opens_a_list_of_as_many_records(client, oversight, monkeypatch):
    """R26: following a figure's link, the reader finds the records it counts, no more and no fewer."""
    localdate = timezone_module.localdate
    monkeypatch.setattr(
        timezone_module, "localdate", lambda value=None, timezone=None: localdate(value, timezone) if value else TODAY
    )
    client.force_login(oversight.user("coordinator"))

    response = client.get(reverse("office:oversight"), {"year": 2027})

    points = oversight_queries.trends(today=TODAY).points
    checked = 0
    for point, row in zip(points, response.context["trend_rows"], strict=True):
        urls = oversight_views.trend_urls(point)
        for name, url in urls.items():
            assert _listed(client, url) == getattr(point, name), (name, point.quarter, point.year)
            checked += 1
        assert f'href="{escape(urls["questions"])}"' in str(row["figure"]["questions"])
    assert checked == 8 * 8
    for item in response.context["overdue"]:
        row = item["row"]
        assert _listed(client, item["obligations_url"]) == row.obligations, row.organisation.code
        assert _listed(client, item["measures_url"]) == row.measures, row.organisation.code
        assert _listed(client, item["instructions_url"]) == row.instructions, row.organisation.code
    assert {item["row"].organisation.code for item in response.context["overdue"]} >= {"ministry-a", "akimat-x"}
    for drawn in ("meetings_map", "problems_map"):
        regions = [shape for shape in response.context[drawn].regions if shape.region and shape.count]
        assert regions, drawn
        for shape in regions:
            assert _listed(client, shape.url) == shape.count, (drawn, shape.kato)
