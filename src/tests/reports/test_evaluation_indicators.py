"""Each indicator of the annual evaluation against hand-built records (tests/factories/reports_evaluation.py)."""

import datetime
from decimal import Decimal

import pytest

from kezdesu.followup.models import Publication
from kezdesu.reports.domain.evaluation import ministries
from kezdesu.reports.domain.indicators import INDICATORS, Outcome
from tests.factories.reports_evaluation import ALMATY, TODAY, YEAR, build_evaluation_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return build_evaluation_world()


def _compute(code: str):
    return INDICATORS[code].compute(YEAR, list(ministries()), today=TODAY)


def _figures(value):
    return value.numerator, value.denominator, value.value, [record.outcome for record in value.records]


def test_meeting_frequency_counts_the_first_heads_quarterly_meetings_met_by_their_deadline(world):
    values = _compute("meeting_frequency")
    on_time, late, overdue = Outcome.ON_TIME, Outcome.LATE, Outcome.OVERDUE
    assert _figures(values[world.roles.ministry.pk]) == (2, 4, Decimal("0.5"), [on_time, late, overdue, on_time])
    assert _figures(values[world.roles.other_ministry.pk])[:3] == (0, 4, Decimal("0"))
    assert _figures(values[world.exempt.pk]) == (0, 0, None, [])
    record = values[world.roles.ministry.pk].records[0]
    assert record.url == "/office/obligations/TEST-EVAL:first-head-meeting:ministry-a:2025-01-01/"
    assert record.label["en"] == ("First head's meeting with the population, 01.01.2025 – 31.03.2025 (due 31.03.2025)")


def test_quarterly_information_counts_the_obligations_due_in_the_year(world):
    values = _compute("quarterly_information_on_time")
    assert _figures(values[world.roles.ministry.pk])[:3] == (1, 4, Decimal("0.25"))
    assert values[world.roles.ministry.pk].records[0].label["en"].endswith("(due 10.01.2025)")


def test_publications_count_the_visits_of_the_ministry_itself(world):
    # V1's results page, published the day its fulfilment says (V3's never was).
    published = datetime.datetime(2025, 5, 15, 12, tzinfo=ALMATY)
    Publication.objects.create(visit=world.v1, results="Done.", published_at=published)
    values = _compute("publications_on_time")
    a = values[world.roles.ministry.pk]
    assert _figures(a) == (1, 2, Decimal("0.5"), [Outcome.ON_TIME, Outcome.OVERDUE])
    assert [record.url for record in a.records] == [
        f"/visits/{world.v1.pk}/results/",
        f"/visits/{world.v3.pk}/",  # never published: no results page, the visit's page says what is due
    ]
    assert _figures(values[world.roles.other_ministry.pk])[:3] == (0, 1, Decimal("0"))
    assert values[world.roles.authorized_body.pk].value is None


def test_issues_solved_on_time_counts_public_issues_with_a_measure_due_in_the_year(world):
    values = _compute("issues_solved_on_time")
    a = values[world.roles.ministry.pk]
    assert _figures(a) == (1, 3, Decimal("0.3333"), [Outcome.ON_TIME, Outcome.LATE, Outcome.OVERDUE])
    assert a.records[0].url == f"/issues/{world.issues['i1'].pk}/"
    assert values[world.roles.other_ministry.pk].value is None


def test_measures_on_time_counts_measures_due_in_the_year(world):
    values = _compute("measures_on_time")
    assert _figures(values[world.roles.ministry.pk]) == (
        1, 3, Decimal("0.3333"), [Outcome.ON_TIME, Outcome.LATE, Outcome.OVERDUE],
    )  # fmt: skip


def test_participation_is_citizens_per_visit_relative_to_the_best_ministry(world):
    values = _compute("participation")
    # A: (2 questions + 98) + 30 (its committee) + 20 = 150 over 3 visits = 50; B: 100 over 1 = the best.
    assert _figures(values[world.roles.ministry.pk])[:3] == (150, 3, Decimal("0.5"))
    assert _figures(values[world.roles.other_ministry.pk])[:3] == (100, 1, Decimal("1"))
    assert _figures(values[world.roles.authorized_body.pk])[:3] == (0, 0, Decimal("0"))  # held none: counts as 0
    assert values[world.roles.ministry.pk].records[0].label["en"].endswith("10.05.2025: 100 citizens")


def test_every_indicator_takes_a_fixed_number_of_queries(world, django_assert_max_num_queries):
    bodies = list(ministries())
    # The obligations' records are read per role (meetings, publications, packs), not per ministry or record.
    with django_assert_max_num_queries(48):
        for item in INDICATORS.values():
            item.compute(YEAR, bodies, today=TODAY)
