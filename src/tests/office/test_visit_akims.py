"""The invited akims on the visit's overview and the akimats' answers (R17), without JavaScript."""

import pytest
from django.urls import reverse

from kezdesu.meetings.domain.parts import update_part
from kezdesu.meetings.models import AkimAnswer, Visit, VisitPart
from tests.factories.akims import build_akim_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def akims():
    world = build_akim_world()
    meeting = world.visit_world.part(VisitPart.Kind.MEETING)
    update_part(
        actor=world.user("ministry_editor"), part=meeting, akim_positions=[world.region_akim, world.district_akim]
    )
    return world


def overview(client, world, role):
    client.force_login(world.user(role))
    return client.get(reverse("office:visit_detail", kwargs={"pk": world.visit_world.visit.pk}))


def answer_url(world, position):
    return reverse(
        "office:visit_akim_answer",
        kwargs={"pk": world.visit_world.visit.pk, "kind": "meeting", "position_id": position.pk},
    )


def answer_data(world, position, **values):
    meeting = world.visit_world.part(VisitPart.Kind.MEETING)
    return {f"akim-{meeting.pk}-{position.pk}-{name}": value for name, value in values.items()}


def test_the_overview_lists_the_invited_akims_with_their_answers(client, akims):
    meeting = akims.visit_world.part(VisitPart.Kind.MEETING)
    AkimAnswer.objects.create(part=meeting, position=akims.district_akim, decision="declined", note="On leave.")

    html = overview(client, akims, "ministry_viewer").content.decode()

    assert '<section id="akims" aria-labelledby="visit-akims">' in html
    assert "<strong>Akim of the region</strong>" in html
    assert '<span class="state state--open">No answer yet</span>' in html
    assert "<strong>Akim of District A</strong>" in html
    assert '<span class="state state--overdue">Cannot take part</span>' in html
    assert ": On leave.</span>" in html
    assert answer_url(akims, akims.district_akim) not in html  # a reader has no form


def test_each_akimat_gets_a_form_for_its_own_akims_only(client, akims):
    district = overview(client, akims, "district_editor").content.decode()
    region = overview(client, akims, "akimat_editor").content.decode()

    assert answer_url(akims, akims.district_akim) in district
    assert answer_url(akims, akims.region_akim) not in district
    assert answer_url(akims, akims.district_akim) in region
    assert answer_url(akims, akims.region_akim) in region


def test_an_answer_is_saved_and_the_page_returns_to_the_akims(client, akims):
    client.force_login(akims.user("district_editor"))

    response = client.post(
        answer_url(akims, akims.district_akim), answer_data(akims, akims.district_akim, decision="confirmed")
    )

    visit_url = reverse("office:visit_detail", kwargs={"pk": akims.visit_world.visit.pk})
    assert (response.status_code, response["Location"]) == (302, f"{visit_url}#akims")
    answer = AkimAnswer.objects.get()
    assert (answer.position, answer.decision) == (akims.district_akim, "confirmed")
    page = client.get(response["Location"]).content.decode()
    assert "The answer for Akim of District A is saved." in page
    assert '<span class="state state--met">Takes part</span>' in page


def test_a_refusal_without_a_reason_comes_back_with_the_error_next_to_the_note(client, akims):
    client.force_login(akims.user("district_editor"))

    response = client.post(
        answer_url(akims, akims.district_akim), answer_data(akims, akims.district_akim, decision="declined")
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert '<div class="field field--error">' in html
    assert "Say why the akim cannot take part." in html
    prefix = f"akim-{akims.visit_world.part(VisitPart.Kind.MEETING).pk}-{akims.district_akim.pk}"
    assert f'name="{prefix}-decision" value="declined" id="id_{prefix}-decision_1" required checked>' in html
    assert f'<ul class="errorlist" id="id_{prefix}-note_error"><li>Say why the akim cannot take part.</li></ul>' in html
    assert not AkimAnswer.objects.exists()


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("district_editor", 200),
        ("akimat_approver", 200),
        ("district_viewer", 404),
        ("ministry_editor", 404),
        ("other_district_editor", 404),
        ("coordinator", 404),
    ],
)
def test_who_opens_the_answer_page(client, akims, role, status):
    client.force_login(akims.user(role))

    assert client.get(answer_url(akims, akims.district_akim)).status_code == status


def test_an_akim_not_invited_has_no_answer_page(client, akims):
    client.force_login(akims.user("district_editor"))
    url = reverse(
        "office:visit_akim_answer",
        kwargs={"pk": akims.visit_world.visit.pk, "kind": "reception", "position_id": akims.district_akim.pk},
    )

    assert client.get(url).status_code == 404


def test_the_district_akimat_reads_the_visit_its_akim_is_invited_to(client, akims):
    assert overview(client, akims, "district_viewer").status_code == 200
    assert overview(client, akims, "other_district_editor").status_code == 404


def test_a_closed_visit_shows_the_answers_without_forms(client, akims):
    Visit.objects.filter(pk=akims.visit_world.visit.pk).update(status=Visit.Status.HELD)
    html = overview(client, akims, "district_editor").content.decode()
    assert answer_url(akims, akims.district_akim) not in html

    page = client.get(answer_url(akims, akims.district_akim)).content.decode()

    assert "The visit is closed or this part of it is over: the akims' answers can no longer change." in page
    assert 'name="akim-' not in page
