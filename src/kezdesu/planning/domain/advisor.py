"""The region advisor (R3): which regions a ministry should visit first, and why.

Four factors per region, each shown with its value and its reason:
1. systemic problems the region's akimat sent to this ministry in the last 12 months (an
   unanswered one counts twice);
2. citizens' questions in the ministry's sector per 100,000 people, from the region since 12 months ago
   (sources register with `register_question_counts`, one call for every region: the questions app's
   `questions.domain.queries.advisor_counts`; the older `register_question_counter` asks region by region);
3. months since the ministry last met the region's population (from approved schedules), capped;
4. open risk flags in the ministry's sector in the region.
Each factor is normalised to 0–1 (by the largest value among the regions, or by the cap for
recency) and the score is the sum of weight × normalised value, with the authorized body's weights.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db import transaction
from django.db.models import Count, Max, Q
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kezdesu.core.domain.audit import changed, record_audit, snapshot
from kezdesu.core.errors import DomainError, NotPermitted
from kezdesu.organisations.models import Organisation, Region
from kezdesu.planning.models import AdvisorWeights, PlanningPeriod, RiskFlag, ScheduleItem, SystemicProblem

QuestionCounter = Callable[[Organisation, Region, date], int]
QuestionCounts = Callable[[Organisation, date], Mapping[int, int]]  # (ministry, since) -> {region id: count}

PROBLEMS_WINDOW = timedelta(days=365)
OPEN_PROBLEM_WEIGHT = 2  # an unanswered problem counts twice an answered one
RECENCY_CAP_MONTHS = 24  # "never met" and "two years or more" rank alike
PER_PEOPLE = 100_000
WEIGHT_FIELDS = ("problems", "questions", "recency", "risks")
TWO_PLACES = Decimal("0.01")

_QUESTION_COUNTERS: list[QuestionCounter] = []
_QUESTION_COUNTS: list[QuestionCounts] = []


def register_question_counter(counter: QuestionCounter) -> None:
    """Plug in a source of citizens' questions: `counter(ministry, region, since) -> int`."""
    if counter not in _QUESTION_COUNTERS:
        _QUESTION_COUNTERS.append(counter)


def unregister_question_counter(counter: QuestionCounter) -> None:
    if counter in _QUESTION_COUNTERS:
        _QUESTION_COUNTERS.remove(counter)


def register_question_counts(counts: QuestionCounts) -> None:
    """Plug in a source that counts every region at once: `counts(ministry, since) -> {region id: int}`."""
    if counts not in _QUESTION_COUNTS:
        _QUESTION_COUNTS.append(counts)


def unregister_question_counts(counts: QuestionCounts) -> None:
    if counts in _QUESTION_COUNTS:
        _QUESTION_COUNTS.remove(counts)


@dataclass(frozen=True)
class Factor:
    code: str  # "problems", "questions", "recency", "risks"
    label: str
    value: Decimal  # in the factor's own unit
    normalised: Decimal  # 0 to 1
    weight: Decimal
    reason: str

    @property
    def contribution(self) -> Decimal:
        return (self.weight * self.normalised).quantize(TWO_PLACES, ROUND_HALF_UP)


@dataclass(frozen=True)
class RegionScore:
    region: Region
    factors: list[Factor]

    @property
    def score(self) -> Decimal:
        return sum((factor.contribution for factor in self.factors), Decimal("0"))

    @property
    def formula(self) -> str:
        """The score in words and numbers, e.g. "3 × 0.50 (problems) + … = 1.50"."""
        terms = " + ".join(
            _("%(weight)s × %(value)s (%(factor)s)")
            % {"weight": _plain(factor.weight), "value": _plain(factor.normalised), "factor": factor.label}
            for factor in self.factors
        )
        return f"{terms} = {_plain(self.score)}"


def _plain(number: Decimal) -> str:
    return f"{number.quantize(TWO_PLACES, ROUND_HALF_UP)}"


def advisor_weights() -> AdvisorWeights:
    weights = AdvisorWeights.objects.order_by("pk").first()
    return weights if weights is not None else AdvisorWeights.objects.create()


@transaction.atomic
def set_advisor_weights(
    *, actor: Any, problems: Decimal, questions: Decimal, recency: Decimal, risks: Decimal
) -> AdvisorWeights:
    if not actor.has_perm("planning.set_advisor_weights"):
        raise NotPermitted(_("Only the authorized body sets the advisor's weights."))
    values = {"problems": problems, "questions": questions, "recency": recency, "risks": risks}
    if any(Decimal(value) < 0 for value in values.values()):
        raise DomainError(_("A weight cannot be negative."), code="negative")
    if all(Decimal(value) == 0 for value in values.values()):
        raise DomainError(_("At least one weight must be above zero."), code="all_zero")
    weights = advisor_weights()
    old = snapshot(weights, WEIGHT_FIELDS)
    for name, value in values.items():
        setattr(weights, name, Decimal(value).quantize(TWO_PLACES))
    weights.updated_by = actor
    before, after = changed(
        {key: _plain(Decimal(value)) for key, value in old.items()},
        {key: _plain(Decimal(value)) for key, value in snapshot(weights, WEIGHT_FIELDS).items()},
    )
    weights.save(update_fields=[*WEIGHT_FIELDS, "updated_by", "updated_at"])
    if after:
        record_audit(actor=actor, action="planning.advisor_weights.set", target=weights, old=before, new=after)
    return weights


def _months_between(earlier: date, later: date) -> int:
    return (later.year - earlier.year) * 12 + later.month - earlier.month - (later.day < earlier.day)


def _normalised(value: Decimal, largest: Decimal) -> Decimal:
    if largest <= 0:
        return Decimal("0")
    return (value / largest).quantize(TWO_PLACES, ROUND_HALF_UP)


def _sector(ministry: Organisation) -> list[int]:
    """The ministry and its committees: a committee's meetings are the ministry's (R5)."""
    return [ministry.pk, *Organisation.objects.filter(parent=ministry).values_list("pk", flat=True)]


def rank_regions(*, ministry: Organisation, period: PlanningPeriod, today: date) -> list[RegionScore]:
    """Every region, highest score first, each with its four factors and their reasons."""
    del period  # the ranking looks back from `today`; the period is kept for future factors
    weights = advisor_weights()
    regions = list(Region.objects.order_by("kato"))
    sector = _sector(ministry)
    since = today - PROBLEMS_WINDOW

    problems: dict[int, tuple[int, int]] = {
        row["region"]: (row["open"], row["answered"])
        for row in SystemicProblem.objects.filter(
            competent_body_id__in=sector,
            status__in=(SystemicProblem.Status.SENT, SystemicProblem.Status.ANSWERED),
            sent_at__date__gte=since,
        )
        .values("region")
        .annotate(
            open=Count("pk", filter=Q(status=SystemicProblem.Status.SENT)),
            answered=Count("pk", filter=Q(status=SystemicProblem.Status.ANSWERED)),
        )
    }
    last_met = dict(
        ScheduleItem.objects.filter(version__number__isnull=False, organisation_id__in=sector, end_date__lt=today)
        .values("region")
        .annotate(last=Max("end_date"))
        .values_list("region", "last")
    )
    risks = dict(
        RiskFlag.objects.filter(
            competent_ministry_id__in=sector, status__in=(RiskFlag.Status.RAISED, RiskFlag.Status.ASSIGNED)
        )
        .values("region")
        .annotate(count=Count("pk"))
        .values_list("region", "count")
    )

    problem_values = {
        region.pk: Decimal(
            OPEN_PROBLEM_WEIGHT * problems.get(region.pk, (0, 0))[0] + problems.get(region.pk, (0, 0))[1]
        )
        for region in regions
    }
    question_counts = _question_counts(ministry, regions, since)
    question_values = {region.pk: _questions_per_100k(question_counts, region, since) for region in regions}
    risk_values = {region.pk: Decimal(risks.get(region.pk, 0)) for region in regions}
    largest_problems = max(problem_values.values(), default=Decimal("0"))
    largest_questions = max((value for value, _reason in question_values.values()), default=Decimal("0"))
    largest_risks = max(risk_values.values(), default=Decimal("0"))

    scores = []
    for region in regions:
        open_count, answered_count = problems.get(region.pk, (0, 0))
        questions, questions_reason = question_values[region.pk]
        months, recency_reason = _recency(last_met.get(region.pk), today)
        risk_count = risks.get(region.pk, 0)
        factors = [
            Factor(
                code="problems",
                label=_("systemic problems"),
                value=problem_values[region.pk],
                normalised=_normalised(problem_values[region.pk], largest_problems),
                weight=weights.problems,
                reason=_(
                    "%(open)s unanswered and %(answered)s answered systemic problems sent by the akimat in the "
                    "last 12 months (an unanswered one counts twice)"
                )
                % {"open": open_count, "answered": answered_count},
            ),
            Factor(
                code="questions",
                label=_("citizens' questions"),
                value=questions,
                normalised=_normalised(questions, largest_questions),
                weight=weights.questions,
                reason=questions_reason,
            ),
            Factor(
                code="recency",
                label=_("time since the last meeting"),
                value=Decimal(months),
                normalised=(Decimal(months) / RECENCY_CAP_MONTHS).quantize(TWO_PLACES, ROUND_HALF_UP),
                weight=weights.recency,
                reason=recency_reason,
            ),
            Factor(
                code="risks",
                label=_("open risk flags"),
                value=risk_values[region.pk],
                normalised=_normalised(risk_values[region.pk], largest_risks),
                weight=weights.risks,
                reason=ngettext(
                    "%(count)s open risk flag in the sector", "%(count)s open risk flags in the sector", risk_count
                )
                % {"count": risk_count},
            ),
        ]
        scores.append(RegionScore(region=region, factors=factors))
    return sorted(scores, key=lambda score: (-score.score, score.region.kato))


def _question_counts(ministry: Organisation, regions: list[Region], since: date) -> Counter[int] | None:
    """Questions per region id from every source; None when no source is plugged in."""
    if not _QUESTION_COUNTS and not _QUESTION_COUNTERS:
        return None
    counts: Counter[int] = Counter()
    for source in _QUESTION_COUNTS:
        counts.update(source(ministry, since))
    for counter in _QUESTION_COUNTERS:
        for region in regions:
            counts[region.pk] += counter(ministry, region, since)
    return counts


def _questions_per_100k(counts: Counter[int] | None, region: Region, since: date) -> tuple[Decimal, str]:
    if counts is None:
        return Decimal("0"), _("no question data yet")
    count = counts[region.pk]
    if not count:
        return Decimal("0"), _("no questions in the sector from the region since %(since)s") % {
            "since": f"{since:%d.%m.%Y}"
        }
    if not region.population:
        return Decimal("0"), _("the region's population is not known")
    per_100k = (Decimal(count) * PER_PEOPLE / region.population).quantize(TWO_PLACES, ROUND_HALF_UP)
    reason = ngettext(
        "%(count)s question in the sector from the region since %(since)s, per 100,000 people: %(rate)s",
        "%(count)s questions in the sector from the region since %(since)s, per 100,000 people: %(rate)s",
        count,
    ) % {"count": count, "since": f"{since:%d.%m.%Y}", "rate": _plain(per_100k)}
    return per_100k, reason


def _recency(last: date | None, today: date) -> tuple[int, str]:
    if last is None:
        return RECENCY_CAP_MONTHS, _("never met in an approved schedule (counted as %(cap)s months)") % {
            "cap": RECENCY_CAP_MONTHS
        }
    months = min(_months_between(last, today), RECENCY_CAP_MONTHS)
    return months, ngettext(
        "last met on %(date)s: %(months)s month ago (capped at %(cap)s)",
        "last met on %(date)s: %(months)s months ago (capped at %(cap)s)",
        months,
    ) % {"date": f"{last:%d.%m.%Y}", "months": months, "cap": RECENCY_CAP_MONTHS}
