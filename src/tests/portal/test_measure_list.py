"""The public list of the action plans' measures (the oversight dashboard links its figures here): the rows,
the count, each filter, a bad range's error, pagination that keeps the filters, and a fixed number of queries."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from kezdesu.followup.models import Measure, MeasureStatus
from kezdesu.portal.views import measures as measures_view
from tests.factories.followup import build_followup_world, issue, measure

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2027, 7, 15)


def _url(name="measure_list", language="en", **kwargs):
    with translation.override(language):
        return reverse(f"portal:{name}", kwargs=kwargs)


@pytest.fixture
def world(monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *args: TODAY)
    world = build_followup_world(publish=True)
    # "Fund the repair" (other ministry, due 2027-06-30) is overdue; "Repair the road" (akimat) done on time.
    Measure.objects.filter(pk=world.akimat_measure.pk).update(
        status=MeasureStatus.DONE, completed_on=datetime.date(2027, 9, 1), percent=100
    )
    return world


def _texts(client, **params):
    response = client.get(_url(), params)
    assert response.status_code == 200
    return [m.text_en for m in response.context["page"].object_list]


def test_the_page_lists_public_measures_with_their_state_and_issue(client, world):
    hidden = issue(world.visit, 3, title="Not published", competent_company="Co")
    measure(hidden, "Hidden measure", deadline=datetime.date(2027, 1, 1), executor_company="Co")

    page = client.get(_url()).content.decode()

    assert "<h1>Measures of the action plans</h1>" in page
    assert "3 measures" in page
    for text in ("Repair the road", "Fund the repair", "Connect the village to the gas network"):
        assert text in page
    assert "Hidden measure" not in page
    assert world.roles.other_ministry.name_en in page
    assert "QazaqGaz" in page  # a company executor
    assert '<time datetime="2027-06-30">30.06.2027</time>' in page
    assert '<time datetime="2027-09-01">01.09.2027</time>' in page  # completed on
    assert '<span class="state state--overdue">overdue</span>' in page
    assert '<span class="state state--met">done</span>' in page
    assert f'href="{_url("issue_detail", pk=world.road.pk)}">Road to the district hospital</a>' in page
    assert '<table class="stack">' in page
    assert 'data-label="Deadline"' in page
    assert 'type="date"' in page


def test_one_measure_is_counted_in_the_singular(client, world):
    page = client.get(_url(), {"state": "overdue"}).content.decode()
    assert "1 measure<" in page


def test_each_filter(client, world):
    roles = world.roles
    measure(world.gas, "Committee's", deadline=datetime.date(2027, 8, 1), executor=roles.committee, order=1)
    assert _texts(client, executor=roles.ministry.code) == ["Committee's"]
    assert _texts(client, executor=roles.akimat.code) == ["Repair the road"]
    assert _texts(client, state="overdue") == ["Fund the repair"]
    assert _texts(client, state="done_on_time") == ["Repair the road"]
    assert _texts(client, state="done_late") == []
    assert _texts(client, state="open") == ["Connect the village to the gas network", "Committee's"]
    assert _texts(client, due_from="2027-06-30", due_to="2027-08-01") == ["Fund the repair", "Committee's"]
    assert _texts(client, ministry=roles.other_ministry.code) == []
    assert len(_texts(client, ministry=roles.ministry.code, region=world.visit.region.kato)) == 4
    # An unknown value is left out, not the other filters.
    assert _texts(client, executor="no-such-body", state="overdue") == ["Fund the repair"]


def test_a_range_that_ends_before_it_starts_is_an_error_and_is_left_out(client, world):
    response = client.get(_url(), {"due_from": "2027-09-01", "due_to": "2027-06-01"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "This date is before the start of the range (“Deadline on or after”)." in page
    assert len(response.context["page"].object_list) == 3
    assert "Enter a valid date." in client.get(_url(), {"due_to": "2027-13-01"}).content.decode()


def test_pages_keep_the_filters(client, world, monkeypatch):
    monkeypatch.setattr(measures_view, "PAGE_SIZE", 1)
    first = client.get(_url(), {"executor": world.roles.other_ministry.code, "ministry": world.roles.ministry.code})
    assert first.context["page"].paginator.count == 1
    page = client.get(_url(), {"ministry": world.roles.ministry.code}).content.decode()
    assert f"?ministry={world.roles.ministry.code}&amp;page=2" in page
    second = client.get(_url(), {"ministry": world.roles.ministry.code, "page": 2})
    assert [m.text_en for m in second.context["page"].object_list] == ["Fund the repair"]


def test_the_page_speaks_kazakh_and_russian_with_fallback(client, world):
    Measure.objects.filter(pk=world.company_measure.pk).update(text_en="")
    russian = client.get(_url(language="ru")).content.decode()
    assert "Repair the road (ru)" in russian
    kazakh = client.get(_url(language="kk")).content.decode()
    assert "Repair the road (kk)" in kazakh
    english = client.get(_url()).content.decode()
    assert "Connect the village to the gas network (kk)" in english  # no English text: the Kazakh one


def test_the_issue_list_links_here(client, world):
    page = client.get(_url("issue_list")).content.decode()
    assert f'href="{_url()}">All measures of the action plans</a>' in page


@pytest.mark.parametrize("count", [1, 3])
def test_the_query_count_does_not_grow(client, world, django_assert_max_num_queries, count):
    Measure.objects.filter(issue=world.road).delete()
    Measure.objects.filter(pk=world.company_measure.pk).update(executor=world.roles.committee, executor_company="")
    for number in range(count - 1):
        extra = issue(
            world.visit, 10 + number, title=f"Extra {number}", competent_company="Co", published_at=timezone.now()
        )
        measure(extra, f"Extra {number}", deadline=datetime.date(2027, 1, 1), executor=world.roles.akimat)
    # the ministry asked for, the choices of the filters (executors, ministries, regions), the count and the page
    with django_assert_max_num_queries(6):
        response = client.get(_url(), {"ministry": world.roles.ministry.code})
    assert len(response.context["page"].object_list) == count
