"""The public accountability page: figures linking to the filtered list, accessible SVG charts with the same
data as tables, the map of open issues, a year filter, and a query count that does not grow."""

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from kezdesu.followup.models import ProblemIssue
from tests.factories.followup import build_followup_world, issue

pytestmark = pytest.mark.django_db


def _url(language="en"):
    with translation.override(language):
        return reverse("portal:accountability")


def test_the_page_shows_figures_charts_tables_and_the_map(client):
    world = build_followup_world(publish=True)
    ProblemIssue.objects.filter(pk=world.road.pk).update(status=ProblemIssue.Status.SOLVED)
    page = client.get(_url()).content.decode()
    code, kato = world.visit.organisation.code, world.visit.region.kato
    assert f'href="/en/issues/?ministry={code}&amp;status=solved"' in page
    assert f'href="/en/issues/?region={kato}&amp;status=overdue"' in page
    assert page.count('role="img"') == 2
    assert '<title id="ministry-chart-title">Problems raised at the meetings of each ministry</title>' in page
    assert "1 open problem" in page
    assert "Open problems by region" in page


def test_the_year_filter_applies_to_the_figures_and_their_links(client):
    world = build_followup_world(publish=True)
    year = world.visit.start_date.year
    page = client.get(_url(), {"year": year}).content.decode()
    assert f"/en/issues/?status=solved&amp;year={year}" in page
    assert "No problem has been published for these visits yet." not in page
    assert client.get(_url(), {"year": 1990}).status_code == 200


def test_the_page_without_issues(client):
    assert "No problem has been published" in client.get(_url()).content.decode()


@pytest.mark.parametrize("extra", [0, 2])
def test_the_query_count_does_not_grow(client, django_assert_num_queries, extra):
    world = build_followup_world(publish=True)
    for number in range(extra):
        issue(world.visit, 10 + number, title=f"X{number}", competent_company="Co", published_at=timezone.now())
    # years, six aggregates and their names (accountability), the regions of the map
    with django_assert_num_queries(8):
        client.get(_url())
