"""The ten-day publication of a visit's results (R20, P3.7): the results, the list of problem issues and the
action plan, published by the ministry's approver within ten calendar days of the meetings' end (S5).

Publishing makes the visit's problem issues public, starts their public history, enrols the askers who asked
for updates, and records the profile's `visit-results` obligation as met (once: a republication revises the
package, it does not meet the obligation again). A late publication still meets it; it is shown as late.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Prefetch
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from kezdesu.core.domain.audit import record_audit
from kezdesu.core.errors import DomainError, NotPermitted
from kezdesu.followup.domain.timeline import record_event
from kezdesu.followup.domain.visit_end import end_date
from kezdesu.followup.models import IssueEvent, Measure, ProblemIssue, Publication
from kezdesu.followup.signals import results_published
from kezdesu.meetings.domain.informing import Stage, inform_authorized_body
from kezdesu.meetings.models import Visit
from kezdesu.regulations.domain.obligations import Obligation, find_obligation
from kezdesu.regulations.domain.queries.profiles import profile_in_force, profiles_with_rules
from kezdesu.regulations.models import ObligationRule

REQUIRED_LANGUAGES = ("kk", "ru")


@dataclass(frozen=True)
class Missing:
    """One thing the package lacks before it can be published."""

    code: str
    message: str


@dataclass(frozen=True)
class PublicationDeadline:
    """The ten days as the office shows them."""

    obligation: Obligation
    ended_on: datetime.date
    today: datetime.date

    @property
    def due(self) -> datetime.date:
        return self.obligation.due

    @property
    def days_left(self) -> int:
        return (self.obligation.due - self.today).days

    @property
    def overdue_days(self) -> int:
        return max(0, -self.days_left)

    @property
    def met_on(self) -> datetime.date | None:
        return self.obligation.met_on

    @property
    def is_late(self) -> bool:
        """Met after the due date (still met), or not met and past it."""
        met_on = self.met_on
        return met_on > self.obligation.due if met_on is not None else self.today > self.obligation.due


def publication_obligation(visit: Visit, *, today: datetime.date | None = None) -> Obligation | None:
    """The visit's `visit-results` obligation with its due date and state; None until the visit is held
    (or when no profile in force has the rule, or the ministry is exempt)."""
    found: list[Obligation] = []
    for profile in profiles_with_rules():
        for rule in profile.rules.all():
            if rule.role != ObligationRule.Role.VISIT_RESULTS:
                continue
            obligation = find_obligation(
                f"{profile.code}:{rule.code}:{visit.organisation.code}:{visit.pk}", today=today
            )
            if obligation is not None:
                found.append(obligation)
    for obligation in found:  # the act in force on the due date governs, as in the obligations engine
        governing = profile_in_force(obligation.nominal_due)
        if governing is not None and governing.pk == obligation.profile.pk:
            return obligation
    return found[0] if found else None


def publication_deadline(visit: Visit, *, today: datetime.date | None = None) -> PublicationDeadline | None:
    today = today or timezone.localdate()
    obligation = publication_obligation(visit, today=today)
    if obligation is None:
        return None
    return PublicationDeadline(obligation=obligation, ended_on=end_date(visit), today=today)


def publication_of(visit: Visit) -> Publication | None:
    return Publication.objects.filter(visit=visit).first()


def package_issues(visit: Visit) -> list[ProblemIssue]:
    """The package's list of problem issues with their measures, ready for the pages and documents."""
    measures = Measure.objects.select_related("executor").order_by("order", "pk")
    return list(
        ProblemIssue.objects.filter(visit=visit)
        .select_related("region", "district", "sector", "competent_body")
        .prefetch_related(Prefetch("measures", queryset=measures))
        .order_by("number")
    )


def competent_body_name(issue: ProblemIssue) -> str:
    return issue.competent_body.name if issue.competent_body is not None else issue.competent_company


def executor_name(measure: Measure) -> str:
    return measure.executor.name if measure.executor is not None else measure.executor_company


def public_results_url(visit: Visit) -> str:
    """The public page of the results, in the default language (the reference of the fulfilment)."""
    try:
        with translation.override(settings.LANGUAGE_CODE):
            return reverse("portal:visit_results", kwargs={"pk": visit.pk})
    except NoReverseMatch:
        return f"/visits/{visit.pk}/results/"


def missing_for_publication(visit: Visit, publication: Publication | None) -> list[Missing]:
    """What the package lacks, in the order the office checklist shows it."""
    missing: list[Missing] = []
    if visit.status != Visit.Status.HELD:
        missing.append(
            Missing("not_held", _("Close the visit first: record whether each of its four parts took place."))
        )
    texts = {
        language: (getattr(publication, f"results_{language}", "") or "").strip() for language in REQUIRED_LANGUAGES
    }
    if not texts["kk"]:
        missing.append(Missing("results_kk", _("Write the results of the visit in Kazakh.")))
    if not texts["ru"]:
        missing.append(Missing("results_ru", _("Write the results of the visit in Russian.")))
    issues = list(ProblemIssue.objects.filter(visit=visit).prefetch_related("measures").order_by("number"))
    if not issues:
        missing.append(Missing("no_issues", _("List the problem issues raised during the visit.")))
    for issue in issues:
        if not (issue.title_kk or "").strip() or not (issue.title_ru or "").strip():  # type: ignore[attr-defined]
            missing.append(
                Missing(
                    "issue_title",
                    _("Problem issue %(number)s needs its title in Kazakh and Russian.") % {"number": issue.number},
                )
            )
        measures = list(issue.measures.all())
        if not measures and issue.status != ProblemIssue.Status.NOT_SOLVABLE:
            missing.append(
                Missing(
                    "no_measure",
                    _("Problem issue %(number)s has no measure in the action plan.") % {"number": issue.number},
                )
            )
        for position, measure in enumerate(measures, start=1):
            label = {"number": issue.number, "measure": position}
            if measure.deadline is None:
                missing.append(
                    Missing("measure_deadline", _("Measure %(number)s.%(measure)s has no deadline.") % label)
                )
            has_executor = measure.executor_id is not None or bool(measure.executor_company.strip())
            if not has_executor or not (measure.executor_position or "").strip():
                missing.append(
                    Missing(
                        "measure_executor",
                        _("Measure %(number)s.%(measure)s needs its executor and the responsible position.") % label,
                    )
                )
    return missing


def _require(actor: Any, permission: str, visit: Visit, message: str) -> None:
    if not actor.has_perm(permission, visit):
        raise NotPermitted(message)


def save_results(
    *, actor: Any, visit: Visit, results_kk: str, results_ru: str, results_en: str = "", revision: int
) -> Publication:
    """Create or edit the package's results text. `revision` is the one the editor saw (0 for a new one)."""
    _require(actor, "followup.edit_issues", visit, _("You may not edit the results of this visit."))
    new = {"results_kk": results_kk.strip(), "results_ru": results_ru.strip(), "results_en": results_en.strip()}
    with transaction.atomic():
        Publication.objects.get_or_create(visit=visit)
        publication = Publication.objects.select_for_update().get(visit=visit)
        if publication.revision != revision:
            raise DomainError(
                _("Someone changed the results meanwhile. Your text is kept below: compare it and save again."),
                code="changed_meanwhile",
            )
        old = {field: getattr(publication, field) or "" for field in new}
        if old == new:
            return publication
        for field, value in new.items():
            setattr(publication, field, value)
        publication.revision += 1
        publication.save(update_fields=[*new, "revision"])
        record_audit(
            actor=actor,
            action="followup.publication.save_results",
            target=publication,
            organisation=visit.organisation,
            old={field: value for field, value in old.items() if value != new[field]},
            new={field: value for field, value in new.items() if value != old[field]},
        )
    return publication


def publish_results(*, actor: Any, visit: Visit, now: datetime.datetime | None = None) -> Publication:
    """Publish (or republish) the package; refuses with every missing item named."""
    _require(actor, "followup.publish_results", visit, _("Only the ministry's approver publishes the results."))
    from kezdesu.followup.domain.followers import enrol_askers  # helper module of the followers' side

    now = now or timezone.now()
    with transaction.atomic():
        publication = Publication.objects.select_for_update().filter(visit=visit).first()
        missing = missing_for_publication(visit, publication)
        if missing or publication is None:
            first = missing[0] if missing else Missing("results_kk", _("Write the results of the visit first."))
            raise DomainError(" ".join(item.message for item in missing) or first.message, code=first.code)
        republish = publication.published_at is not None
        if republish:
            publication.revised_at = now
        else:
            publication.published_at, publication.published_by = now, actor
        publication.revision += 1
        publication.save(update_fields=["published_at", "published_by", "revised_at", "revision"])

        newly_public = list(ProblemIssue.objects.select_for_update().filter(visit=visit, published_at__isnull=True))
        for issue in newly_public:
            issue.published_at = now
            issue.save(update_fields=["published_at"])
            record_event(issue=issue, kind=IssueEvent.Kind.PUBLISHED, params={"visit": visit.pk}, at=now)
            enrol_askers(issue)
        record_audit(
            actor=actor,
            action="followup.publication.republish" if republish else "followup.publication.publish",
            target=publication,
            organisation=visit.organisation,
            new={
                "at": now,
                "issues_made_public": [issue.number for issue in newly_public],
            },
        )
        if not republish:  # a republication revises the package: the authorized body was told of it once
            inform_authorized_body(stage=Stage.RESULTS_PUBLISHED, visit=visit)
            results_published.send(sender=Publication, publication=publication)
    return publication
