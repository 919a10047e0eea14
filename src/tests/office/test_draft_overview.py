"""The draft page's overview: the map of regions by draft meetings, and the warnings grouped by kind."""

import datetime

import pytest
from django.urls import reverse

from kezdesu.planning.models import ItemAgreement, WarningAcknowledgement
from tests.factories.planning import build_schedule_world
from tests.office.test_schedule_pages import add, login

pytestmark = pytest.mark.django_db

MARCH_3 = datetime.date(2027, 3, 3)


@pytest.fixture
def world():
    world = build_schedule_world()
    # The map draws the real regions: give the test akimats two real KATO codes (Abay, Almaty).
    for akimat, kato in ((world.roles.akimat, "100000000"), (world.roles.other_akimat, "750000000")):
        akimat.region.kato = kato
        akimat.region.save(update_fields=["kato"])
    world.item = add(world)
    return world


def draft_url(world):
    return reverse("office:schedule_draft", kwargs={"period_id": world.period.pk})


def test_the_map_colours_regions_by_draft_meetings_and_links_to_their_list(client, world):
    add(world, start_date=MARCH_3, end_date=MARCH_3)
    other = world.roles.other_akimat.region
    add(world, organisation=world.roles.other_ministry, position=world.other_minister, region=other)
    region = world.roles.akimat.region

    response = login(client, world, "coordinator").get(draft_url(world))

    counts = {shape.kato: (shape.count, shape.bucket.css_class) for shape in response.context["region_map"].regions}
    assert counts[region.kato] == (2, "map-2")
    assert counts[other.kato] == (1, "map-1")
    assert f'href="{draft_url(world)}?region={region.kato}#items-title"' in response.text
    assert f"<title>{region.name}: 2 meetings</title>" in response.text
    assert "Meetings of the draft by region" in response.text


def test_choosing_a_region_lists_only_its_draft_meetings(client, world):
    other = world.roles.other_akimat.region
    elsewhere = add(world, organisation=world.roles.other_ministry, position=world.other_minister, region=other)

    response = login(client, world, "coordinator").get(f"{draft_url(world)}?region={other.kato}")

    assert response.context["region"] == other
    assert response.context["shown_items"] == [elsewhere]
    assert len(response.context["items"]) == 2
    assert f"1 meeting of the draft is in {other.name}." in response.text
    [current] = [shape for shape in response.context["region_map"].regions if shape.is_current]
    assert current.kato == other.kato


def test_an_unknown_region_lists_every_draft_meeting(client, world):
    response = login(client, world, "coordinator").get(f"{draft_url(world)}?region=nowhere")

    assert response.context["region"] is None
    assert response.context["shown_items"] == [world.item]


def test_warnings_are_grouped_by_kind_with_blocking_groups_first_and_open(client, world):
    ItemAgreement.objects.filter(item=world.item, organisation=world.roles.ministry).update(
        decision=ItemAgreement.Decision.DISAGREED, comment="Abroad"
    )

    response = login(client, world, "coordinator").get(draft_url(world))

    groups = response.context["warning_groups"]
    assert groups[0].code == "agreement_disagreed"
    assert (groups[0].title, groups[0].blocking, groups[0].acknowledged) == ("Disagreements", 1, 0)
    assert len({group.code for group in groups}) == len(groups)
    assert sum(len(group.warnings) for group in groups) == len(response.context["warnings"])
    assert '<details id="warnings-agreement_disagreed" class="warning-group message message--error" open>' in (
        response.text
    )
    assert "1 blocking warning: resolve it before submitting" in response.text


def test_a_group_counts_its_acknowledged_warnings(client, world):
    response = login(client, world, "coordinator").get(draft_url(world))
    [group] = [group for group in response.context["warning_groups"] if group.code == "region_unvisited"]
    WarningAcknowledgement.objects.create(
        version=world.version, key=group.warnings[0].key, note="Next period", acknowledged_by=world.user("coordinator")
    )

    response = client.get(draft_url(world))

    [group] = [group for group in response.context["warning_groups"] if group.code == "region_unvisited"]
    assert (len(group.warnings), group.acknowledged) == (1, 1)
    assert "Regions without a meeting" in response.text
    assert "1 warning, 1 acknowledged" in response.text


def test_acknowledging_a_warning_returns_to_its_group_open(client, world):
    coordinator = login(client, world, "coordinator")
    [warning] = [w for w in coordinator.get(draft_url(world)).context["warnings"] if w.code == "region_unvisited"]

    response = coordinator.post(
        reverse("office:schedule_acknowledge", kwargs={"period_id": world.period.pk}),
        {"key": warning.key, "note": "Next period", "group": "region_unvisited"},
    )

    assert response["Location"] == f"{draft_url(world)}?open=region_unvisited#warnings-region_unvisited"
    assert WarningAcknowledgement.objects.get(key=warning.key).note == "Next period"
    page = coordinator.get(response["Location"]).text
    assert '<details id="warnings-region_unvisited" class="warning-group message message--success" open>' in page


def test_an_unknown_group_is_not_echoed_into_the_redirect(client, world):
    response = login(client, world, "coordinator").post(
        reverse("office:schedule_acknowledge", kwargs={"period_id": world.period.pk}),
        {"key": "nothing", "note": "x", "group": "<script>"},
    )

    assert response["Location"] == draft_url(world)
