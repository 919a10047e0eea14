"""The public problem issues' pages pass axe-core's WCAG 2.1 AA checks with no serious or critical violation,
in kk, ru and en, at phone and desktop width (issue 6)."""

import os
from pathlib import Path

import pytest
from django.utils import timezone

from kezdesu.followup.domain.timeline import record_event
from kezdesu.followup.models import IssueEvent, Measure, MeasureStatus, ProblemIssue
from kezdesu.questions.models import Question
from tests.e2e.accessibility import serious_violations
from tests.factories.followup import build_followup_world

# Set to a folder to keep a screenshot of each page checked (to look at them, not asserted).
SCREENSHOTS = os.environ.get("KEZDESU_SCREENSHOTS", "")


@pytest.fixture
def world(transactional_db):
    world = build_followup_world(publish=True)
    Question.objects.filter(pk=world.live.questions[0].pk).update(status=Question.Status.PUBLISHED)
    ProblemIssue.objects.filter(pk=world.road.pk).update(status=ProblemIssue.Status.IN_PROGRESS)
    Measure.objects.filter(pk=world.akimat_measure.pk).update(
        status=MeasureStatus.IN_PROGRESS, percent=40, evidence="https://akimat.example.kz/road-works"
    )
    Measure.objects.filter(pk=world.company_measure.pk).update(deadline=timezone.localdate().replace(year=2020))
    record_event(issue=world.road, kind=IssueEvent.Kind.PUBLISHED)
    record_event(
        issue=world.road,
        kind=IssueEvent.Kind.PROGRESS,
        measure=world.akimat_measure,
        params={
            "status": "in_progress",
            "percent": 40,
            "comment": {"kk": "Жұмыс жүріп жатыр", "ru": "Идут работы", "en": "Works under way"},
        },
    )
    return world


def _paths(world):
    return (
        ("issues", "/{language}/issues/"),
        ("issue", f"/{{language}}/issues/{world.road.pk}/"),
        ("accountability", "/{language}/accountability/"),
    )


def _check(page, url, name):
    page.goto(url)
    if SCREENSHOTS:
        Path(SCREENSHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SCREENSHOTS) / f"{name}.png"), full_page=True)
    return serious_violations(page)


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_followup_pages_have_no_serious_accessibility_violation(live_server, page, world, language):
    for name, path in _paths(world):
        assert _check(page, live_server.url + path.format(language=language), f"{name}-{language}-desktop") == []


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_followup_pages_on_a_phone_have_no_serious_accessibility_violation(live_server, phone_page, world, language):
    for name, path in _paths(world):
        assert _check(phone_page, live_server.url + path.format(language=language), f"{name}-{language}-phone") == []
