"""What a criterion with nothing to count for a ministry counts (`EvaluationScheme.missing`), each rule against
the hand-built records of tests/factories/reports_evaluation.py."""

from decimal import Decimal

import pytest

from kezdesu.core.errors import DomainError
from kezdesu.followup.models import ProblemIssue
from kezdesu.reports.domain.evaluation import DEFAULT_CRITERIA, compute_evaluation, create_evaluation, set_criteria
from tests.factories.reports_evaluation import TODAY, YEAR, add_exempt_visit, build_evaluation_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return build_evaluation_world()


@pytest.fixture
def scheme(world):
    return create_evaluation(actor=world.user("coordinator"), year=YEAR)


def _with(world, scheme, *, missing, criteria=DEFAULT_CRITERIA):
    return set_criteria(
        actor=world.user("coordinator"), scheme=scheme, criteria=criteria, note_kk="", note_ru="", missing=missing,
        revision=scheme.revision,
    )  # fmt: skip


def _scores(scheme):
    return {item.organisation.code: item for item in compute_evaluation(scheme, today=TODAY)}


def test_spread_gives_the_weight_of_what_does_not_apply_to_the_other_criteria(world, scheme):
    scores = _scores(_with(world, scheme, missing="spread"))
    b = scores["ministry-b"]
    # Issues and measures do not apply: the other weights (70) are scaled to 100; participation 10 → 14.29.
    assert [c.effective_weight for c in b.criteria] == [
        Decimal("35.71"), Decimal("28.57"), Decimal("21.43"), None, None, Decimal("14.29"),
    ]  # fmt: skip
    assert [(c.value, c.points, c.imputed) for c in b.criteria[3:5]] == [(None, None, False)] * 2
    assert (b.score, b.rank) == (Decimal("14.29"), 2)
    assert (scores["ministry-a"].score, scores["culture"].score) == (Decimal("41.25"), Decimal("0.00"))


def test_zero_counts_what_does_not_apply_as_0_with_its_full_weight(world, scheme):
    scores = _scores(_with(world, scheme, missing="zero"))
    b = scores["ministry-b"]
    assert [c.effective_weight for c in b.criteria] == [Decimal(w) for w in ("25", "20", "15", "20", "10", "10")]
    assert [(c.value, c.points, c.imputed, c.average_of) for c in b.criteria[3:5]] == [
        (Decimal("0"), Decimal("0.00"), True, None)
    ] * 2
    assert b.criteria[3].to_json()["imputed"] is True
    assert (b.score, b.rank) == (Decimal("10.00"), 2)
    assert (scores["culture"].score, scores["culture"].rank) == (Decimal("0.00"), 3)
    assert scores["ministry-a"].score == Decimal("41.25")


def test_the_average_is_of_the_ranked_candidates_only_not_of_an_exempt_ministry(world, scheme):
    add_exempt_visit(world)
    scores = _scores(scheme)
    x = scores["ministry-x"]
    assert (x.criteria[3].numerator, x.criteria[3].denominator, x.criteria[3].value) == (1, 1, Decimal("1.0000"))
    # X's 1 / 1 is not in the average: B's issues still count at A's 0.3333, of 1 ministry.
    issues = scores["ministry-b"].criteria[3]
    assert (issues.value, issues.average_of, issues.points) == (Decimal("0.3333"), 1, Decimal("6.67"))
    # Nor is anything imputed for the exempt ministry: its publications (nothing due) are spread.
    assert (x.exempt, x.rank, x.criteria[1].value, x.criteria[1].imputed) == (True, None, None, False)


def test_the_average_falls_back_to_spreading_when_no_ministry_has_anything_to_count(world, scheme):
    ProblemIssue.objects.update(published_at=None)  # no public issue: no issues, no measures for anyone
    scores = _scores(scheme)
    a = scores["ministry-a"]
    # Issues and measures are spread for every ministry: the other weights (70) scaled to 100.
    assert [c.effective_weight for c in a.criteria] == [
        Decimal("35.71"), Decimal("28.57"), Decimal("21.43"), None, None, Decimal("14.29"),
    ]  # fmt: skip
    # 25/70×0.5 + 20/70×0.5 + 15/70×0.25 + 10/70×0.5, each ×100
    assert (a.score, a.rank) == (Decimal("44.65"), 1)
    assert not any(c.imputed for c in a.criteria)
    # The authorized body: its publications at the average of A and B (0.25), of the 70 that apply → 7.14.
    culture = scores["culture"]
    assert (culture.criteria[1].imputed, culture.criteria[1].points, culture.score) == (
        True, Decimal("7.14"), Decimal("7.14"),
    )  # fmt: skip


@pytest.mark.parametrize("missing", ["average", "spread", "zero"])
def test_a_ministry_with_nothing_to_count_at_all_is_not_ranked_under_any_rule(world, scheme, missing):
    criteria = [("issues_solved_on_time", Decimal("50")), ("measures_on_time", Decimal("50"))]
    scores = _scores(_with(world, scheme, missing=missing, criteria=criteria))
    # 50×0.3333 = 16.665, rounded half to even: 16.66, twice.
    assert (scores["ministry-a"].score, scores["ministry-a"].rank) == (Decimal("33.32"), 1)
    b = scores["ministry-b"]
    assert (b.score, b.rank, b.exempt) == (None, None, False)
    assert [(c.value, c.points, c.imputed) for c in b.criteria] == [(None, None, False)] * 2


def test_an_unknown_rule_is_refused(world, scheme):
    with pytest.raises(DomainError) as error:
        _with(world, scheme, missing="median")
    assert error.value.code == "missing"
