"""The annual evaluation of the ministries' work on meetings with the population (R24, P5.2).

The authorized body's coordinator creates a year's evaluation with the default criteria, adjusts the weights
(they sum to exactly 100), chooses what a criterion with nothing to count counts and explains the method, then
publishes it. Each criterion is an indicator computed from the records (`indicators.py`); a ministry's score is
Σ weight × value, out of 100.

Three decisions, shown on every page of the evaluation:
- An indicator with nothing to count for a ministry (value None: no obligation due, no measure due, no visit
  held) counts as the scheme's rule says (`EvaluationScheme.missing`, `MISSING_RULES`):
  - AVERAGE (the default): the average value of that criterion over the ministries that are ranked candidates
    (not exempt) and have something to count under it, so having no records neither helps nor harms a ministry;
    the weight applies in full. If no such ministry has anything to count under it, its weight is spread as
    under SPREAD.
  - SPREAD: its weight is spread over the ministry's other criteria in proportion to their weights (effective
    weight = weight × 100 / the weights that apply). It let ministries that never used the system (only their
    first head's meetings recorded as met) outrank the ministries that did: hence the default.
  - ZERO: it counts 0; the weight applies in full.
  An imputed value is stored as such (`CriterionScore.imputed`, with how many ministries the average is of), so
  every page says "no records: counted at the average of N ministries". The pages show both weights.
- A ministry the act exempts from the meetings (the profile's `exempt` list, G1) is not ranked: its figures are
  shown apart, since the act does not bind it, and they are its own (nothing is imputed; what it has nothing to
  count under is spread). So is a ministry with nothing to count at all, whatever the rule.
- Points are rounded to hundredths and the score is the sum of the rounded points, so the table adds up. Equal
  scores share a rank (1, 1, 3).

Publishing freezes every ministry's result with each criterion's figures and the records behind them, so the
published page reads the same later; publishing again (a revision) recomputes and records the revised time. The
rule, like the weights, changes only while the evaluation is a draft.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from functools import partial
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kezdesu.core.domain.audit import record_audit
from kezdesu.core.domain.notifications import notify, register_kind
from kezdesu.core.errors import DomainError, NotPermitted
from kezdesu.followup.domain.progress_reports import LANGUAGES, Translated
from kezdesu.organisations.models import Organisation, Role, User
from kezdesu.regulations.domain.queries.profiles import profile_in_force, profiles_with_rules
from kezdesu.reports.domain.indicators import INDICATORS, RATIO_PLACES, IndicatorValue, RecordRef, in_languages
from kezdesu.reports.models import EvaluationCriterion, EvaluationResult, EvaluationScheme

HUNDRED = Decimal("100")
POINTS = Decimal("0.01")
NOT_RANKED = 0  # EvaluationResult.rank of an exempt ministry or one with nothing to count
DEFAULT_CRITERIA: list[tuple[str, Decimal]] = [(code, item.default_weight) for code, item in INDICATORS.items()]
Missing = EvaluationScheme.Missing
# The rule in words, as the method section of every page explains it.
MISSING_RULES: dict[str, Promise] = {
    Missing.AVERAGE: gettext_lazy(
        "A criterion with nothing to count for a ministry (no obligation or measure due, no visit held) counts at "
        "the average value of that criterion among the ranked ministries that have something to count under it, "
        "so having no records neither helps nor harms a ministry; such values are marked. If no ministry has "
        "anything to count under a criterion, its weight is spread over the other criteria in proportion to "
        "their weights."
    ),
    Missing.SPREAD: gettext_lazy(
        "A criterion with nothing to count for a ministry (no obligation or measure due, no visit held) does not "
        "count against it: its weight is spread over the ministry's other criteria in proportion to their "
        "weights. The ministry's page shows both weights."
    ),
    Missing.ZERO: gettext_lazy(
        "A criterion with nothing to count for a ministry (no obligation or measure due, no visit held) counts "
        "as 0, as if nothing had been done; such values are marked."
    ),
}

register_kind(
    "reports.evaluation_published",
    message=gettext_lazy(
        "%(ministry)s: the annual evaluation for %(year)s is published. Score %(score)s, rank %(rank)s of "
        "%(ranked)s. Each figure links to the records behind it."
    ),
    subject=gettext_lazy("Annual evaluation %(year)s published"),
)
register_kind(
    "reports.evaluation_revised",
    message=gettext_lazy(
        "%(ministry)s: the annual evaluation for %(year)s was revised. Score %(score)s, rank %(rank)s of %(ranked)s."
    ),
    subject=gettext_lazy("Annual evaluation %(year)s revised"),
)


@dataclass(frozen=True)
class CriterionScore:
    indicator: str
    title: Translated
    weight: Decimal  # as set by the authorized body
    effective_weight: Decimal | None  # after spreading the weights of what does not apply; None: not applicable
    numerator: int
    denominator: int
    value: Decimal | None  # the ministry's own, or the imputed one
    points: Decimal | None
    records: list[RecordRef] = field(default_factory=list)
    imputed: bool = False  # nothing to count: `value` is the scheme's rule's (the average, or 0)
    average_of: int | None = None  # imputed at the average: of how many ministries

    def to_json(self) -> dict[str, Any]:
        return {
            "indicator": self.indicator,
            "title": self.title,
            "weight": str(self.weight),
            "effective_weight": None if self.effective_weight is None else str(self.effective_weight),
            "numerator": self.numerator,
            "denominator": self.denominator,
            "value": None if self.value is None else str(self.value),
            "points": None if self.points is None else str(self.points),
            "records": [record.to_json() for record in self.records],
            "imputed": self.imputed,
            "average_of": self.average_of,
        }


@dataclass(frozen=True)
class MinistryScore:
    organisation: Organisation
    score: Decimal | None  # None: not ranked
    rank: int | None
    exempt: bool
    criteria: list[CriterionScore]

    @property
    def ranked(self) -> bool:
        return self.rank is not None

    def details(self) -> dict[str, Any]:
        return {
            "exempt": self.exempt,
            "ranked": self.ranked,
            "criteria": [criterion.to_json() for criterion in self.criteria],
        }


# Reads


def ministries() -> QuerySet[Organisation]:
    return Organisation.objects.filter(kind=Organisation.Kind.MINISTRY, is_active=True).order_by("name", "code")


def exempt_ministries(year: int, *, today: datetime.date) -> set[int]:
    """The bodies the act in force at the year's end (or today, in the year itself) exempts from the meetings."""
    on = min(datetime.date(year, 12, 31), max(today, datetime.date(year, 1, 1)))
    profile = profile_in_force(on)
    if profile is None:
        return set()
    loaded = profiles_with_rules().get(pk=profile.pk)
    return {body.pk for body in loaded.exempt_organisations.all()}


@dataclass(frozen=True)
class Imputation:
    """What a criterion counts for a ministry with nothing to count under it."""

    value: Decimal
    average_of: int | None  # None: counted as 0


def imputations(
    missing: str, computed: dict[str, dict[int, IndicatorValue]], candidates: list[int]
) -> dict[str, Imputation]:
    """Each criterion's imputed value under the rule; a criterion left out has its weight spread.

    Under AVERAGE the average is of the candidates' own values (the ranked candidates: not exempt) and a criterion
    that none of them has anything to count under is left out, so its weight is spread."""
    if missing == Missing.SPREAD:
        return {}
    if missing == Missing.ZERO:
        return {code: Imputation(value=Decimal(0).quantize(RATIO_PLACES), average_of=None) for code in computed}
    found = {}
    for code, values in computed.items():
        counted = [value for pk in candidates if (value := values[pk].value) is not None]
        if counted:
            average = (sum(counted, Decimal(0)) / len(counted)).quantize(RATIO_PLACES)
            found[code] = Imputation(value=average, average_of=len(counted))
    return found


def _criterion_scores(
    criteria: list[EvaluationCriterion], values: dict[str, IndicatorValue], imputed: dict[str, Imputation]
) -> tuple[list[CriterionScore], Decimal | None]:
    own = sum((c.weight for c in criteria if values[c.indicator].value is not None), Decimal(0))
    if own == 0:
        imputed = {}  # nothing to count at all: not ranked, whatever the rule
    counted: dict[str, tuple[Decimal | None, Imputation | None]] = {}
    for criterion in criteria:
        own_value = values[criterion.indicator].value
        if own_value is not None:
            counted[criterion.indicator] = (own_value, None)
        elif criterion.indicator in imputed:
            counted[criterion.indicator] = (imputed[criterion.indicator].value, imputed[criterion.indicator])
    applicable = sum((c.weight for c in criteria if c.indicator in counted), Decimal(0))
    scores = []
    total: Decimal | None = Decimal(0) if applicable > 0 else None
    for criterion in criteria:
        value = values[criterion.indicator]
        effective = points = None
        shown, imputation = counted.get(criterion.indicator, (None, None))
        if shown is not None and applicable > 0:
            effective = (criterion.weight * HUNDRED / applicable).quantize(POINTS)
            points = (criterion.weight * HUNDRED / applicable * shown).quantize(POINTS)
            total = (total or Decimal(0)) + points
        scores.append(
            CriterionScore(
                indicator=criterion.indicator,
                title=in_languages(partial(str, INDICATORS[criterion.indicator].title)),
                weight=criterion.weight,
                effective_weight=effective,
                numerator=value.numerator,
                denominator=value.denominator,
                value=shown,
                points=points,
                records=value.records,
                imputed=imputation is not None,
                average_of=None if imputation is None else imputation.average_of,
            )
        )
    return scores, total


def _ranked(scores: list[MinistryScore]) -> list[MinistryScore]:
    """Ranked ministries by score (ties share a rank), then the others by name."""
    ranked = sorted((s for s in scores if s.score is not None and not s.exempt), key=lambda s: -(s.score or 0))
    result: list[MinistryScore] = []
    for position, item in enumerate(ranked, start=1):
        rank = result[-1].rank if result and result[-1].score == item.score else position
        result.append(
            MinistryScore(
                organisation=item.organisation, score=item.score, rank=rank, exempt=False, criteria=item.criteria
            )
        )
    others = [
        MinistryScore(organisation=s.organisation, score=None, rank=None, exempt=s.exempt, criteria=s.criteria)
        for s in scores
        if s.score is None or s.exempt
    ]
    return result + sorted(others, key=lambda s: s.organisation.name)


def compute_evaluation(scheme: EvaluationScheme, *, today: datetime.date | None = None) -> list[MinistryScore]:
    """Every active ministry's score under the scheme's criteria and rule, from the records as they stand."""
    today = today or timezone.localdate()
    criteria = list(scheme.criteria.all())
    bodies = list(ministries())
    exempt = exempt_ministries(scheme.year, today=today)
    computed = {
        criterion.indicator: INDICATORS[criterion.indicator].compute(scheme.year, bodies, today=today)
        for criterion in criteria
    }
    imputed = imputations(scheme.missing, computed, [ministry.pk for ministry in bodies if ministry.pk not in exempt])
    scores = []
    for ministry in bodies:
        criterion_scores, total = _criterion_scores(
            criteria,
            {code: values[ministry.pk] for code, values in computed.items()},
            {} if ministry.pk in exempt else imputed,  # an exempt ministry's figures are its own only
        )
        scores.append(
            MinistryScore(
                organisation=ministry, score=total, rank=None, exempt=ministry.pk in exempt, criteria=criterion_scores
            )
        )
    return _ranked(scores)


# Changes


def _check(actor: Any) -> None:
    if not actor.has_perm("reports.manage_evaluation"):
        raise NotPermitted(_("Only the authorized body's coordinator manages the annual evaluation."))


def _criteria_json(scheme: EvaluationScheme) -> list[list[str]]:
    return [[c.indicator, str(c.weight)] for c in scheme.criteria.all()]


def create_evaluation(*, actor: Any, year: int) -> EvaluationScheme:
    """A draft evaluation for the year with the default criteria and weights."""
    _check(actor)
    if not 2000 <= year <= 2100:
        raise DomainError(_("Give a year between 2000 and 2100."), code="year")
    try:
        with transaction.atomic():
            scheme = EvaluationScheme.objects.create(year=year)
            EvaluationCriterion.objects.bulk_create(
                EvaluationCriterion(scheme=scheme, indicator=code, weight=weight, order=order)
                for order, (code, weight) in enumerate(DEFAULT_CRITERIA)
            )
            record_audit(
                actor=actor,
                action="reports.evaluation.create",
                target=scheme,
                new={"year": year, "criteria": _criteria_json(scheme)},
            )
    except IntegrityError:
        raise DomainError(_("The evaluation for %(year)s already exists.") % {"year": year}, code="exists") from None
    return scheme


def validate_criteria(criteria: list[tuple[str, Decimal]]) -> None:
    codes = [code for code, _weight in criteria]
    unknown = [code for code in codes if code not in INDICATORS]
    if unknown:
        raise DomainError(_("Unknown indicator: %(codes)s.") % {"codes": ", ".join(unknown)}, code="unknown")
    if len(set(codes)) != len(codes):
        raise DomainError(_("Each indicator may be a criterion once."), code="duplicate")
    if not criteria:
        raise DomainError(_("Choose at least one criterion."), code="empty")
    if any(weight < 0 or weight > HUNDRED for _code, weight in criteria):
        raise DomainError(_("Each weight is from 0 to 100."), code="weight")
    if any(weight != weight.quantize(POINTS) for _code, weight in criteria):
        raise DomainError(_("Give weights with at most two decimal places."), code="weight")
    total = sum((weight for _code, weight in criteria), Decimal(0))
    if total != HUNDRED:
        raise DomainError(_("The weights must add up to 100; they add up to %(total)s.") % {"total": total}, code="sum")


def _method_json(scheme: EvaluationScheme) -> dict[str, Any]:
    """The method's texts and rule, as the audit trail records them."""
    return {
        **{f"note_{code}": getattr(scheme, f"note_{code}") or "" for code in LANGUAGES},
        **{f"approval_reference_{code}": getattr(scheme, f"approval_reference_{code}") or "" for code in LANGUAGES},
        "missing": scheme.missing,
    }


def set_criteria(
    *,
    actor: Any,
    scheme: EvaluationScheme,
    criteria: list[tuple[str, Decimal]],
    note_kk: str,
    note_ru: str,
    note_en: str = "",
    approval_reference_kk: str = "",
    approval_reference_ru: str = "",
    approval_reference_en: str = "",
    missing: str | None = None,
    revision: int,
) -> EvaluationScheme:
    """Replace the criteria and weights, the method's note and approval, and the rule for a criterion with
    nothing to count (`missing`; None keeps the current one), while the evaluation is a draft."""
    _check(actor)
    validate_criteria(criteria)
    if missing is not None and missing not in Missing.values:
        raise DomainError(_("Choose what a criterion with nothing to count counts."), code="missing")
    references = (approval_reference_kk, approval_reference_ru, approval_reference_en)
    if any(len(reference.strip()) > 300 for reference in references):
        raise DomainError(_("Give the approving order in at most 300 characters."), code="approval_reference")
    with transaction.atomic():
        current = EvaluationScheme.objects.select_for_update().get(pk=scheme.pk)
        if current.revision != revision:
            raise DomainError(
                _("Someone changed this evaluation meanwhile. Your changes are kept below: check them and save again."),
                code="conflict",
            )
        if current.status != EvaluationScheme.Status.DRAFT:
            raise DomainError(_("A published evaluation's criteria cannot change."), code="published")
        old = {"criteria": _criteria_json(current), **_method_json(current)}
        current.criteria.all().delete()
        EvaluationCriterion.objects.bulk_create(
            EvaluationCriterion(scheme=current, indicator=code, weight=weight, order=order)
            for order, (code, weight) in enumerate(criteria)
        )
        for code, note, reference in zip(LANGUAGES, (note_kk, note_ru, note_en), references, strict=True):
            setattr(current, f"note_{code}", note.strip())  # modeltranslation's fields
            setattr(current, f"approval_reference_{code}", reference.strip())
        if missing is not None:
            current.missing = missing
        current.revision += 1
        current.save(
            update_fields=[
                *(f"note_{code}" for code in LANGUAGES),
                *(f"approval_reference_{code}" for code in LANGUAGES),
                "missing",
                "revision",
            ]
        )
        record_audit(
            actor=actor,
            action="reports.evaluation.set_criteria",
            target=current,
            old=old,
            new={"criteria": [[code, str(weight)] for code, weight in criteria], **_method_json(current)},
        )
    return current


def _approvers(organisation_pks: list[int]) -> dict[int, list[User]]:
    found: dict[int, list[User]] = {pk: [] for pk in organisation_pks}
    users = User.objects.filter(
        is_active=True, memberships__organisation__in=organisation_pks, memberships__role=Role.APPROVER
    ).values_list("memberships__organisation", "pk")
    by_pk = User.objects.in_bulk([pk for _org, pk in users])
    for organisation, pk in users:
        found[organisation].append(by_pk[pk])
    return found


def _notify(scheme: EvaluationScheme, scores: list[MinistryScore], *, revised: bool) -> None:
    approvers = _approvers([s.organisation.pk for s in scores])
    ranked = sum(1 for s in scores if s.ranked)
    for item in scores:
        if not approvers[item.organisation.pk]:
            continue
        link = reverse(
            "portal:evaluation_ministry", kwargs={"year": scheme.year, "organisation": item.organisation.code}
        )
        notify(
            recipients=approvers[item.organisation.pk],
            kind="reports.evaluation_revised" if revised else "reports.evaluation_published",
            params={
                "ministry": {code: getattr(item.organisation, f"name_{code}") or "" for code in LANGUAGES},
                "year": str(scheme.year),
                "score": "—" if item.score is None else str(item.score),
                "rank": "—" if item.rank is None else str(item.rank),
                "ranked": str(ranked),
            },
            link=link,
        )


def publish_evaluation(
    *, actor: Any, scheme: EvaluationScheme, now: datetime.datetime | None = None
) -> EvaluationScheme:
    """Publish (or republish, with a revised time) every ministry's result as computed now."""
    _check(actor)
    now = now or timezone.now()
    today = timezone.localdate(now)
    if datetime.date(scheme.year, 1, 1) > today:
        raise DomainError(_("This year has not started yet."), code="not_started")
    with transaction.atomic():
        current = EvaluationScheme.objects.select_for_update().get(pk=scheme.pk)
        revised = current.status == EvaluationScheme.Status.PUBLISHED
        scores = compute_evaluation(current, today=today)
        current.results.all().delete()
        stamp = {
            "computed_on": today.isoformat(),
            "published_at": (current.published_at or now).isoformat(),
            "revised_at": now.isoformat() if revised else None,
        }
        EvaluationResult.objects.bulk_create(
            EvaluationResult(
                scheme=current,
                organisation=item.organisation,
                score=item.score if item.score is not None else Decimal(0),
                rank=item.rank if item.rank is not None else NOT_RANKED,
                details={**item.details(), **stamp},
            )
            for item in scores
        )
        if not revised:
            current.status, current.published_at, current.published_by = (
                EvaluationScheme.Status.PUBLISHED,
                now,
                actor,
            )
        current.revision += 1
        current.save(update_fields=["status", "published_at", "published_by", "revision"])
        record_audit(
            actor=actor,
            action="reports.evaluation.republish" if revised else "reports.evaluation.publish",
            target=current,
            new={
                "at": now,
                "criteria": _criteria_json(current),
                "missing": current.missing,
                "scores": {s.organisation.code: None if s.score is None else str(s.score) for s in scores},
            },
        )
        _notify(current, scores, revised=revised)
    return current
