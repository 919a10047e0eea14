"""The annual evaluation's arithmetic, its criteria, publication and notifications."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from kezdesu.core.errors import DomainError, NotPermitted
from kezdesu.core.models import AuditLog, Notification
from kezdesu.reports.domain.evaluation import (
    compute_evaluation,
    create_evaluation,
    publish_evaluation,
    set_criteria,
)
from kezdesu.reports.models import EvaluationResult
from tests.factories.reports_evaluation import TODAY, YEAR, build_evaluation_world

pytestmark = pytest.mark.django_db
NOW = datetime.datetime(2026, 3, 1, 12, tzinfo=datetime.UTC)


@pytest.fixture
def world():
    return build_evaluation_world()


@pytest.fixture
def scheme(world):
    return create_evaluation(actor=world.user("coordinator"), year=YEAR)


def test_the_default_criteria_weigh_100(scheme):
    assert sum(c.weight for c in scheme.criteria.all()) == Decimal("100")
    assert scheme.criteria.count() == 6


def test_score_is_the_sum_of_weight_times_value_with_what_does_not_apply_spread(world, scheme):
    scores = {item.organisation.code: item for item in compute_evaluation(scheme, today=TODAY)}
    a = scores["ministry-a"]
    # 25×0.5 + 20×0.5 + 15×0.25 + 20×0.3333 + 10×0.3333 + 10×0.5
    assert [c.points for c in a.criteria] == [Decimal(p) for p in ("12.50", "10.00", "3.75", "6.67", "3.33", "5.00")]
    assert (a.score, a.rank) == (Decimal("41.25"), 1)
    # B: issues and measures do not apply: the other weights (70) are scaled to 100; participation 10 → 14.29.
    b = scores["ministry-b"]
    assert [c.effective_weight for c in b.criteria] == [
        Decimal("35.71"),
        Decimal("28.57"),
        Decimal("21.43"),
        None,
        None,
        Decimal("14.29"),
    ]
    assert (b.score, b.rank) == (Decimal("14.29"), 2)
    assert (scores["culture"].score, scores["culture"].rank) == (Decimal("0.00"), 3)
    assert (scores["ministry-x"].score, scores["ministry-x"].rank, scores["ministry-x"].exempt) == (None, None, True)
    assert [item.organisation.code for item in compute_evaluation(scheme, today=TODAY)][-1] == "ministry-x"


def test_equal_scores_share_a_rank(world, scheme):
    set_criteria(
        actor=world.user("coordinator"), scheme=scheme, criteria=[("quarterly_information_on_time", Decimal("100"))],
        note_kk="Әдіс", note_ru="Метод", revision=scheme.revision,
    )  # fmt: skip
    ranks = {item.organisation.code: (item.score, item.rank) for item in compute_evaluation(scheme, today=TODAY)}
    assert ranks["ministry-a"] == (Decimal("25.00"), 1)
    assert ranks["ministry-b"] == ranks["culture"] == (Decimal("0.00"), 2)


@pytest.mark.parametrize(
    ("criteria", "code"),
    [
        ([("meeting_frequency", Decimal("60")), ("participation", Decimal("30"))], "sum"),
        (
            [("meeting_frequency", Decimal("100")), ("participation", Decimal("0")), ("nonsense", Decimal("0"))],
            "unknown",
        ),
        ([("meeting_frequency", Decimal("50")), ("meeting_frequency", Decimal("50"))], "duplicate"),
        ([("meeting_frequency", Decimal("110")), ("participation", Decimal("-10"))], "weight"),
    ],
)
def test_criteria_must_be_known_once_and_weigh_exactly_100(world, scheme, criteria, code):
    with pytest.raises(DomainError) as error:
        set_criteria(
            actor=world.user("coordinator"), scheme=scheme, criteria=criteria, note_kk="", note_ru="",
            revision=scheme.revision,
        )  # fmt: skip
    assert error.value.code == code


def test_set_criteria_is_audited_and_checks_the_revision(world, scheme):
    coordinator = world.user("coordinator")
    criteria = [("meeting_frequency", Decimal("60")), ("participation", Decimal("40"))]
    set_criteria(actor=coordinator, scheme=scheme, criteria=criteria, note_kk="Әдіс", note_ru="Метод", revision=0)
    row = AuditLog.objects.get(action="reports.evaluation.set_criteria")
    assert row.new_values["criteria"] == [["meeting_frequency", "60"], ["participation", "40"]]
    assert len(row.old_values["criteria"]) == 6
    with pytest.raises(DomainError) as error:
        set_criteria(actor=coordinator, scheme=scheme, criteria=criteria, note_kk="", note_ru="", revision=0)
    assert error.value.code == "conflict"


def test_only_the_coordinator_manages_the_evaluation(world):
    with pytest.raises(NotPermitted):
        create_evaluation(actor=world.user("ministry_approver"), year=YEAR)


def test_publish_freezes_the_results_with_their_records_and_notifies_the_approvers(world, scheme):
    coordinator = world.user("coordinator")
    publish_evaluation(actor=coordinator, scheme=scheme, now=NOW)
    scheme.refresh_from_db()
    assert scheme.status == "published"
    assert scheme.published_at == NOW
    a = EvaluationResult.objects.get(scheme=scheme, organisation=world.roles.ministry)
    assert (a.score, a.rank) == (Decimal("41.25"), 1)
    first = a.details["criteria"][0]
    assert (first["indicator"], first["numerator"], first["denominator"], first["value"], first["points"]) == (
        "meeting_frequency", 2, 4, "0.5000", "12.50",
    )  # fmt: skip
    assert len(first["records"]) == 4
    assert EvaluationResult.objects.get(organisation=world.exempt).rank == 0
    notified = Notification.objects.get(recipient=world.user("ministry_approver"))
    assert notified.kind == "reports.evaluation_published"
    assert notified.link == "/en/evaluation/2025/ministry-a/"
    assert Notification.objects.filter(recipient=world.user("other_approver")).count() == 1
    # Changes after publication do not change the published page until it is republished.
    world.issues["i3"].measures.update(status="done", completed_on=datetime.date(2025, 8, 30))
    assert EvaluationResult.objects.get(pk=a.pk).score == Decimal("41.25")
    publish_evaluation(actor=coordinator, scheme=scheme, now=NOW + datetime.timedelta(days=1))
    a = EvaluationResult.objects.get(scheme=scheme, organisation=world.roles.ministry)
    assert a.score == Decimal("51.25")  # I3 done on time: issues 2/3 → 13.33, measures 2/3 → 6.67
    assert a.details["revised_at"] is not None
    assert AuditLog.objects.filter(action="reports.evaluation.republish").count() == 1
    with pytest.raises(DomainError):
        set_criteria(
            actor=coordinator, scheme=scheme, criteria=[("participation", Decimal("100"))], note_kk="", note_ru="",
            revision=scheme.revision + 1,
        )  # fmt: skip
    assert timezone.is_aware(scheme.published_at)
