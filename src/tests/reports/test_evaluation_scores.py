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


def test_score_is_the_sum_of_weight_times_value_with_nothing_to_count_at_the_average(world, scheme):
    assert scheme.missing == "average"
    scores = {item.organisation.code: item for item in compute_evaluation(scheme, today=TODAY)}
    a = scores["ministry-a"]
    # 25×0.5 + 20×0.5 + 15×0.25 + 20×0.3333 + 10×0.3333 + 10×0.5
    assert [c.points for c in a.criteria] == [Decimal(p) for p in ("12.50", "10.00", "3.75", "6.67", "3.33", "5.00")]
    assert not any(c.imputed for c in a.criteria)
    assert (a.score, a.rank) == (Decimal("41.25"), 1)
    # B: no issues, no measures: each counts at A's value (the only ministry with something to count), in full.
    b = scores["ministry-b"]
    assert [c.effective_weight for c in b.criteria] == [Decimal(w) for w in ("25", "20", "15", "20", "10", "10")]
    assert [(c.value, c.imputed, c.average_of) for c in b.criteria[3:5]] == [(Decimal("0.3333"), True, 1)] * 2
    assert (b.criteria[3].numerator, b.criteria[3].denominator, b.criteria[3].records) == (0, 0, [])
    assert [c.points for c in b.criteria] == [Decimal(p) for p in ("0.00", "0.00", "0.00", "6.67", "3.33", "10.00")]
    assert (b.score, b.rank) == (Decimal("20.00"), 2)
    # The authorized body: no visit; its publications at the average of A (0.5) and B (0).
    culture = scores["culture"]
    assert (culture.criteria[1].value, culture.criteria[1].average_of) == (Decimal("0.2500"), 2)
    assert (culture.score, culture.rank) == (Decimal("15.00"), 3)
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
    set_criteria(
        actor=coordinator, scheme=scheme, criteria=criteria, note_kk="Әдіс", note_ru="Метод",
        approval_reference_kk=" № 5 бұйрық ", approval_reference_ru="Приказ № 5", approval_reference_en="Order No. 5",
        missing="zero", revision=0,
    )  # fmt: skip
    scheme.refresh_from_db()
    assert (scheme.missing, scheme.approval_reference_kk, scheme.approval_reference_ru) == (
        "zero", "№ 5 бұйрық", "Приказ № 5",
    )  # fmt: skip
    row = AuditLog.objects.get(action="reports.evaluation.set_criteria")
    assert row.new_values["criteria"] == [["meeting_frequency", "60"], ["participation", "40"]]
    assert len(row.old_values["criteria"]) == 6
    assert (row.old_values["missing"], row.new_values["missing"]) == ("average", "zero")
    assert (row.old_values["approval_reference_en"], row.new_values["approval_reference_en"]) == ("", "Order No. 5")
    assert row.new_values["approval_reference_kk"] == "№ 5 бұйрық"
    # Left out, the rule stays as it is.
    set_criteria(actor=coordinator, scheme=scheme, criteria=criteria, note_kk="", note_ru="", revision=1)
    scheme.refresh_from_db()
    assert (scheme.missing, scheme.approval_reference_en) == ("zero", "")
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
    b = EvaluationResult.objects.get(scheme=scheme, organisation=world.roles.other_ministry)
    issues = b.details["criteria"][3]
    assert (issues["indicator"], issues["value"], issues["imputed"], issues["average_of"], issues["points"]) == (
        "issues_solved_on_time", "0.3333", True, 1, "6.67",
    )  # fmt: skip
    assert a.details["criteria"][3]["imputed"] is False
    assert AuditLog.objects.get(action="reports.evaluation.publish").new_values["missing"] == "average"
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
