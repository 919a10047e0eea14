"""A party's answer on the agreement page: a refused answer comes back as typed, with the reason."""

import pytest
from django.urls import reverse

from kezdesu.planning.models import ItemAgreement
from tests.factories.planning import build_schedule_world
from tests.office.test_schedule_pages import add, login

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    world = build_schedule_world()
    world.item = add(world)
    return world


@pytest.fixture
def agreement(world):
    return ItemAgreement.objects.get(item=world.item, organisation=world.roles.ministry)


def decide_url(agreement):
    return reverse("office:schedule_agreement_decide", kwargs={"pk": agreement.pk})


def test_a_recorded_answer_returns_to_its_row(client, world, agreement):
    response = login(client, world, "ministry_editor").post(
        decide_url(agreement), {"decision": "commented", "comment": "Only in the morning"}
    )

    url = reverse("office:schedule_agreements", kwargs={"period_id": world.period.pk})
    assert response["Location"] == f"{url}#agreement-{agreement.pk}"
    agreement.refresh_from_db()
    assert (agreement.decision, agreement.comment) == ("commented", "Only in the morning")


def test_a_disagreement_without_reasons_is_refused_and_the_page_keeps_the_answer(client, world, agreement):
    response = login(client, world, "ministry_editor").post(
        decide_url(agreement), {"decision": "disagreed", "comment": "   "}
    )

    assert response.status_code == 200
    refused = response.context["refused"]
    assert (refused.pk, refused.decision, refused.comment, refused.error) == (
        agreement.pk,
        "disagreed",
        "   ",
        "Write the comments or the reasons for disagreeing.",
    )
    assert f'id="decision-{agreement.pk}-disagreed" checked' in response.text
    assert f'<p class="errorlist" id="answer-error-{agreement.pk}">' in response.text
    agreement.refresh_from_db()
    assert agreement.decision == ItemAgreement.Decision.PENDING


def test_a_refused_answer_keeps_the_typed_comment(client, world, agreement):
    """Any refusal of the domain keeps the comment: here the draft is no longer editable."""
    world.version.status = "submitted"
    world.version.save(update_fields=["status"])

    response = login(client, world, "ministry_editor").post(
        decide_url(agreement), {"decision": "commented", "comment": "A long comment typed with care"}
    )

    assert response.status_code == 200
    assert "A long comment typed with care</textarea>" in response.text
    assert response.context["refused"].error == (
        "The draft is submitted to the Government and cannot be changed until it is approved."
    )
    assert f'href="#agreement-{agreement.pk}"' in response.text


def test_an_answer_without_a_decision_keeps_the_comment(client, world, agreement):
    response = login(client, world, "ministry_editor").post(decide_url(agreement), {"comment": "Typed first"})

    assert response.status_code == 200
    assert response.context["refused"].error == "Choose an answer."
    assert "Typed first</textarea>" in response.text
