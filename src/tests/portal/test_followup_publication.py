"""The public results of a visit (R20) and the public quarterly progress report (R21): nothing before
publication, the publication time shown, documents in kk and ru, no personal data."""

import pytest
from django.urls import reverse
from django.utils import timezone

from kezdesu.followup.domain.progress_reports import publish_progress_report
from kezdesu.followup.domain.publication import publish_results, save_results
from kezdesu.followup.domain.queries.progress_reports import quarter_of
from tests.factories.followup import build_followup_world
from tests.factories.followup_rules import with_followup_rules

pytestmark = pytest.mark.django_db

SECRETS = ("Berik Secret", "berik@example.kz", "Aigerim Private", "+7 701", "ministry_approver")


@pytest.fixture
def world():
    world = build_followup_world()
    with_followup_rules()
    save_results(
        actor=world.user("ministry_editor"),
        visit=world.visit,
        results_kk="Министр тұрғындармен кездесті",
        results_ru="Министр встретился с жителями",
        results_en="The minister met the residents",
        revision=0,
    )
    return world


def publish(world):
    return publish_results(actor=world.user("ministry_approver"), visit=world.visit)


def results_url(world, name="visit_results"):
    return reverse(f"portal:{name}", kwargs={"pk": world.visit.pk})


def test_the_results_are_not_public_before_publication(client, world):
    assert client.get(results_url(world)).status_code == 404
    assert client.get(results_url(world, "visit_results_docx")).status_code == 404
    assert client.get(results_url(world, "visit_results_pdf")).status_code == 404


def test_the_published_results_show_the_package_and_its_time(client, world):
    publication = publish(world)
    page = client.get(results_url(world)).content.decode()
    published = timezone.localtime(publication.published_at).strftime("%d.%m.%Y %H:%M")
    assert f"Published {published}" in page
    for expected in (
        "The minister met the residents",
        "Road to the district hospital",
        "Gas in the village",
        "Repair the road",
        "QazaqGaz",
        "30.09.2027",
    ):
        assert expected in page
    for secret in SECRETS:
        assert secret not in page


def test_the_package_downloads_in_kazakh_and_russian(client, world):
    publish(world)
    for language in ("kk", "ru"):
        docx = client.get(results_url(world, "visit_results_docx"), {"lang": language})
        pdf = client.get(results_url(world, "visit_results_pdf"), {"lang": language})
        name = f"kezdesu-visit-{world.visit.pk}-results-{language}"
        assert docx["Content-Disposition"] == f'attachment; filename="{name}.docx"'
        assert (pdf["Content-Type"], pdf.content[:4]) == ("application/pdf", b"%PDF")


def test_the_quarterly_report_is_public_once_published(client, world):
    publish(world)
    year, quarter = quarter_of(timezone.localdate())
    code = world.visit.organisation.code
    url = reverse("portal:progress_report_public", kwargs={"organisation": code, "year": year, "quarter": quarter})
    assert client.get(url).status_code == 404
    publish_progress_report(
        actor=world.user("ministry_approver"), organisation=world.visit.organisation, year=year, quarter=quarter
    )
    page = client.get(url).content.decode()
    assert f"Quarter {quarter} of {year}" in page
    assert "Road to the district hospital" in page
    for secret in SECRETS:
        assert secret not in page
    docx = client.get(
        reverse("portal:progress_report_docx", kwargs={"organisation": code, "year": year, "quarter": quarter}),
        {"lang": "kk"},
    )
    assert docx["Content-Disposition"] == f'attachment; filename="kezdesu-progress-{code}-{year}-q{quarter}-kk.docx"'
