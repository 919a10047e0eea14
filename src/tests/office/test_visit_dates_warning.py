"""The warning that an announced visit's population was not asked about the day and time (P3.5, G3.2): on the
ministry's visit page and in the authorized body's overview of upcoming visits."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kezdesu.meetings.domain.date_vote import open_date_vote
from kezdesu.meetings.models import Visit
from tests.factories.date_vote import offer_options
from tests.factories.meetings import at, build_visit_world

pytestmark = pytest.mark.django_db

WARNING = "The population was not asked about the day and time of this meeting."
CLAUSE = "(REG-2022, clause 3.5; under REG-2024 this is the default content of the procedure of meetings, clause 3.2)"
OVERVIEW_ID = 'id="visits-without-date-vote"'


def visit_page(client, world, role="ministry_editor"):
    client.force_login(world.user(role))
    return client.get(reverse("office:visit_detail", args=[world.visit.pk])).content.decode()


def overview(client, world):
    client.force_login(world.user("coordinator"))
    return client.get(reverse("office:visit_tasks_overview")).content.decode()


def test_the_visit_page_warns_of_an_announced_visit_without_a_vote_and_links_to_it(client):
    world = build_visit_world()

    page = visit_page(client, world)

    assert WARNING in page
    assert "The visit is announced, but the region's residents have not been given a vote on its date." in page
    assert CLAUSE in page
    assert reverse("office:visit_dates", args=[world.visit.pk]) in page


def test_the_warning_is_gone_once_the_vote_is_opened(client):
    world = build_visit_world()
    offer_options(world.visit)
    open_date_vote(
        actor=world.user("ministry_editor"), visit=world.visit, closes_at=at(18, day=datetime.date(2027, 3, 1))
    )

    assert WARNING not in visit_page(client, world)
    assert OVERVIEW_ID not in overview(client, world)


@pytest.mark.parametrize("status", [Visit.Status.DRAFT, Visit.Status.HELD])
def test_no_warning_for_a_visit_being_prepared_or_held(client, status):
    world = build_visit_world(status=status)

    assert WARNING not in visit_page(client, world)
    assert OVERVIEW_ID not in overview(client, world)


def test_the_akimat_reading_the_visit_sees_the_warning_too(client):
    world = build_visit_world()

    assert WARNING in visit_page(client, world, role="akimat_viewer")


def test_the_overview_lists_the_announced_visits_without_a_vote(client):
    world = build_visit_world()
    asked = Visit.objects.create(
        organisation=world.visit.organisation,
        position=world.visit.position,
        region=world.visit.region,
        start_date=datetime.date(2027, 4, 14),
        end_date=datetime.date(2027, 4, 14),
        status=Visit.Status.PUBLISHED,
    )
    offer_options(asked, (datetime.date(2027, 4, 14), datetime.date(2027, 4, 15)))
    open_date_vote(actor=world.user("ministry_editor"), visit=asked, closes_at=at(18, day=datetime.date(2027, 4, 1)))

    page = overview(client, world)

    assert "1 announced visit without the population's vote on the day and time" in page
    assert CLAUSE in page
    assert f'href="{reverse("office:visit_detail", args=[world.visit.pk])}"' in page
    assert f'href="{reverse("office:visit_detail", args=[asked.pk])}"' not in page
    assert "no vote on the date" in page


def test_the_overview_reads_the_same_queries_for_one_visit_without_a_vote_or_three(client):
    world = build_visit_world()
    url = reverse("office:visit_tasks_overview")
    client.force_login(world.user("coordinator"))
    client.get(url)  # warm the session
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for days in (7, 14):
        Visit.objects.create(
            organisation=world.visit.organisation,
            position=world.visit.position,
            region=world.visit.region,
            start_date=world.visit.start_date + datetime.timedelta(days=days),
            end_date=world.visit.end_date + datetime.timedelta(days=days),
            status=Visit.Status.PUBLISHED,
        )
    with CaptureQueriesContext(connection) as three:
        page = client.get(url).content.decode()

    assert "3 announced visits without the population's vote on the day and time" in page
    assert len(three) == len(one)
