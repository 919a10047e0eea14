"""The quarterly information in the API (R22): who reads which packs, and the workflow by role."""

import pytest
from django.utils import translation
from rest_framework.test import APIClient

from kezdesu.reports.models import QuarterlyInformation
from tests.factories.reports_quarterly import QUARTER, YEAR, build_quarter_world

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _in_english():
    with translation.override("en"):
        yield


@pytest.fixture
def world():
    return build_quarter_world(records=False)


def client_for(world, role):
    client = APIClient()
    client.force_authenticate(world.user(role))
    return client


def pack(world, ministry=None, action=""):
    code = (ministry or world.ministry).code
    return f"/api/v1/quarterly-information/{code}/{YEAR}/{QUARTER}/{action + '/' if action else ''}"


def test_the_list_has_the_rows_the_user_may_read(world):
    url = f"/api/v1/quarterly-information/?year={YEAR}&quarter={QUARTER}"
    mine = client_for(world, "ministry_viewer").get(url).json()
    assert [row["organisation"] for row in mine] == [world.ministry.code]
    assert mine[0]["state"] == "overdue"
    assert mine[0]["due"] == "2026-04-10"
    everyone = client_for(world, "apparatus_oversight").get(url).json()
    assert {world.ministry.code, world.roles.other_ministry.code} <= {row["organisation"] for row in everyone}
    assert APIClient().get(url).status_code in (401, 403)


def test_a_viewer_reads_the_figures_and_another_ministry_gets_404(world):
    viewer = client_for(world, "ministry_viewer")
    body = viewer.get(pack(world)).json()
    assert body["figures"]["counts"]["meetings_held"] == 2
    assert (body["frozen"], body["clause"], body["status"]) == (False, "G1.4", "draft")
    assert viewer.get(pack(world, world.roles.other_ministry)).status_code == 404
    assert (
        viewer.post(
            pack(world, action="narrative"), {"narrative_kk": "a", "narrative_ru": "b", "revision": 0}
        ).status_code
        == 403
    )
    assert client_for(world, "presidential_oversight").get(pack(world)).status_code == 200


def test_the_workflow_by_role(world):
    editor = client_for(world, "ministry_editor")
    saved = editor.post(
        pack(world, action="narrative"), {"narrative_kk": "Қорытынды", "narrative_ru": "Итоги", "revision": 0}
    )
    assert saved.status_code == 200
    assert saved.json()["revision"] == 1
    stale = editor.post(pack(world, action="narrative"), {"narrative_kk": "x", "narrative_ru": "y", "revision": 0})
    assert (stale.status_code, stale.json()["code"]) == (400, "changed_meanwhile")
    assert editor.post(pack(world, action="approve"), {"revision": 1}).status_code == 403

    approver = client_for(world, "ministry_approver")
    approved = approver.post(pack(world, action="approve"), {"revision": 1})
    assert approved.status_code == 200
    assert approved.json()["frozen"] is True
    withdrawn = approver.post(pack(world, action="withdraw"), {"revision": 2})
    assert withdrawn.json()["status"] == "draft"
    approver.post(pack(world, action="approve"), {"revision": 3})
    submitted = approver.post(pack(world, action="submit"))
    assert submitted.status_code == 200
    assert submitted.json()["state"] == "submitted_late"  # today is long after 10 April 2026

    assert approver.post(pack(world, action="return"), {"comment": "x"}).status_code == 403
    returned = client_for(world, "coordinator").post(pack(world, action="return"), {"comment": "Add the figures"})
    assert returned.status_code == 200
    assert (returned.json()["status"], returned.json()["return_comment"]) == ("draft", "Add the figures")
    assert QuarterlyInformation.objects.get().status == "draft"
