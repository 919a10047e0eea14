"""The publication page of a visit's results (R20): deadline, checklist, results form, preview and publishing."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from kezdesu.followup.models import ProblemIssue, Publication
from kezdesu.meetings.models import Visit
from kezdesu.regulations.models import Fulfilment
from tests.factories.followup import build_followup_world
from tests.factories.followup_rules import with_followup_rules
from tests.factories.meetings import at
from tests.factories.roles import ROLE_NAMES

pytestmark = pytest.mark.django_db

EXPECTED = {
    "anonymous": 302,
    "no_role": 403,
    "ministry_viewer": 200,
    "ministry_editor": 200,
    "ministry_approver": 200,
    "akimat_viewer": 200,
    "coordinator": 200,
    "apparatus_oversight": 200,
    "presidential_oversight": 200,
    "superuser": 200,
}


def end_visit_on(visit: Visit, day: datetime.date) -> None:
    Visit.objects.filter(pk=visit.pk).update(start_date=day, end_date=day)
    for part in visit.parts.all():
        part.starts_at, part.ends_at = at(10, day=day), at(12, day=day)
        part.save(update_fields=["starts_at", "ends_at"])


@pytest.fixture
def world():
    world = build_followup_world()
    with_followup_rules()
    return world


def page_url(world, name="visit_publication"):
    return reverse(f"office:{name}", kwargs={"pk": world.visit.pk})


def results(revision=0, **values):
    return {"results_kk": "Нәтижелер", "results_ru": "Итоги", "results_en": "", "revision": revision, **values}


@pytest.mark.parametrize("role", ROLE_NAMES)
def test_each_role_gets_the_expected_status_on_the_publication_page(client, world, role):
    user = world.user(role)
    if user is not None:
        client.force_login(user)
    assert client.get(page_url(world)).status_code == EXPECTED[role]


def test_the_page_shows_days_left_the_clause_and_what_is_missing(client, world):
    end_visit_on(world.visit, timezone.localdate() - datetime.timedelta(days=1))
    client.force_login(world.user("ministry_editor"))
    page = client.get(page_url(world)).content.decode()
    assert "R20, clause G3.2 (P3.7)" in page
    assert "days left" in page
    assert "Write the results of the visit in Kazakh." in page
    assert "Write the results of the visit in Russian." in page
    assert 'name="results_kk"' in page
    assert "Publish the results" not in page  # the editor prepares; the approver publishes


def test_an_overdue_package_says_by_how_many_days(client, world):
    end_visit_on(world.visit, timezone.localdate() - datetime.timedelta(days=40))
    client.force_login(world.user("ministry_approver"))
    page = client.get(page_url(world)).content.decode()
    assert "overdue by" in page


def test_the_editor_saves_the_results_without_javascript(client, world):
    client.force_login(world.user("ministry_editor"))
    response = client.post(page_url(world, "visit_publication_save"), results(), follow=True)
    assert "The results are saved." in response.content.decode()
    publication = Publication.objects.get(visit=world.visit)
    assert (publication.results_kk, publication.results_ru, publication.revision) == ("Нәтижелер", "Итоги", 1)


def test_a_stale_save_is_refused_and_keeps_what_was_typed(client, world):
    client.force_login(world.user("ministry_editor"))
    client.post(page_url(world, "visit_publication_save"), results())
    response = client.post(page_url(world, "visit_publication_save"), results(results_ru="Мой новый текст"))
    page = response.content.decode()
    assert response.status_code == 400
    assert "Someone changed the results meanwhile." in page
    assert "Мой новый текст" in page
    assert Publication.objects.get(visit=world.visit).results_ru == "Итоги"


def test_publishing_with_something_missing_shows_the_reason(client, world):
    client.force_login(world.user("ministry_approver"))
    response = client.post(page_url(world, "visit_publication_publish"))
    assert response.status_code == 400
    assert "Write the results of the visit in Kazakh." in response.content.decode()


def test_the_approver_publishes_and_the_obligation_is_met(client, world):
    client.force_login(world.user("ministry_editor"))
    client.post(page_url(world, "visit_publication_save"), results())
    client.force_login(world.user("ministry_approver"))
    response = client.post(page_url(world, "visit_publication_publish"), follow=True)
    page = response.content.decode()
    assert "The results are published." in page
    assert "Publish again with the changes" in page
    assert ProblemIssue.objects.filter(visit=world.visit, published_at__isnull=True).count() == 0
    assert not Fulfilment.objects.exists()  # the record meets it: nothing is typed


def test_the_editor_cannot_publish(client, world):
    client.force_login(world.user("ministry_editor"))
    client.post(page_url(world, "visit_publication_save"), results())
    assert client.post(page_url(world, "visit_publication_publish")).status_code == 404
    assert Publication.objects.get(visit=world.visit).published_at is None


def test_the_preview_shows_the_package_in_the_language_asked(client, world):
    client.force_login(world.user("ministry_editor"))
    client.post(page_url(world, "visit_publication_save"), results())
    page = client.get(page_url(world, "visit_publication_preview") + "?lang=ru").content.decode()
    assert "Итоги" in page
    assert "Road to the district hospital (ru)" in page
    docx = client.get(page_url(world, "visit_publication_preview_docx") + "?lang=kk")
    assert docx["Content-Disposition"] == f'attachment; filename="kezdesu-visit-{world.visit.pk}-results-kk.docx"'
