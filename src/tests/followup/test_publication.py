"""Publishing a visit's results within ten days (R20): what is refused, what publishing does, and the deadline's
state, reminders and lateness (S5)."""

import datetime

import pytest
from django.utils import timezone, translation

from kezdesu.core.errors import DomainError, NotPermitted
from kezdesu.core.models import AuditLog, Notification
from kezdesu.followup.domain.publication import (
    publication_deadline,
    publication_obligation,
    publish_results,
    save_results,
)
from kezdesu.followup.models import IssueEvent, Measure, ProblemIssue, Publication
from kezdesu.meetings.models import Visit
from kezdesu.regulations.domain.obligations import ObligationState
from kezdesu.regulations.domain.reminders import send_deadline_reminders
from kezdesu.regulations.models import Fulfilment
from tests.factories.followup import build_followup_world
from tests.factories.followup_rules import with_followup_rules
from tests.factories.meeting_record import build_closed_world
from tests.factories.meetings import at

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _in_english():
    with translation.override("en"):
        yield


def end_visit_on(visit: Visit, day: datetime.date) -> None:
    """Move the held visit (its parts keep their hours) to `day`."""
    Visit.objects.filter(pk=visit.pk).update(start_date=day, end_date=day)
    for part in visit.parts.all():
        part.starts_at, part.ends_at = at(10, day=day), at(12, day=day)
        part.save(update_fields=["starts_at", "ends_at"])
    visit.refresh_from_db()


def ready_world(*, ended_days_ago: int = 2):
    world = build_followup_world()
    with_followup_rules()
    end_visit_on(world.visit, timezone.localdate() - datetime.timedelta(days=ended_days_ago))
    save_results(
        actor=world.user("ministry_editor"),
        visit=world.visit,
        results_kk="Кездесу нәтижелері",
        results_ru="Итоги встречи",
        results_en="Results of the meeting",
        revision=0,
    )
    return world


def refusal(world) -> DomainError:
    with pytest.raises(DomainError) as caught:
        publish_results(actor=world.user("ministry_approver"), visit=world.visit)
    return caught.value


def test_publishing_without_the_russian_results_is_refused():
    world = ready_world()
    save_results(
        actor=world.user("ministry_editor"), visit=world.visit, results_kk="Нәтижелер", results_ru="", revision=1
    )
    error = refusal(world)
    assert (error.code, str(error.message)) == ("results_ru", "Write the results of the visit in Russian.")


def test_publishing_without_any_results_names_both_languages():
    world = build_followup_world()
    with_followup_rules()
    error = refusal(world)
    assert str(error.message) == (
        "Write the results of the visit in Kazakh. Write the results of the visit in Russian."
    )


def test_publishing_without_problem_issues_is_refused():
    world = build_closed_world()
    with_followup_rules()
    approver = world.user("ministry_approver")
    save_results(actor=world.user("ministry_editor"), visit=world.visit, results_kk="Н", results_ru="И", revision=0)
    with pytest.raises(DomainError) as caught:
        publish_results(actor=approver, visit=world.visit)
    assert (caught.value.code, str(caught.value.message)) == (
        "no_issues",
        "List the problem issues raised during the visit.",
    )


def test_an_issue_without_a_measure_is_refused_unless_it_cannot_be_solved():
    world = ready_world()
    world.gas.measures.all().delete()
    error = refusal(world)
    assert (error.code, str(error.message)) == ("no_measure", "Problem issue 2 has no measure in the action plan.")
    ProblemIssue.objects.filter(pk=world.gas.pk).update(status=ProblemIssue.Status.NOT_SOLVABLE)
    publish_results(actor=world.user("ministry_approver"), visit=world.visit)


def test_a_measure_without_its_responsible_position_is_refused():
    world = ready_world()
    Measure.objects.filter(pk=world.other_ministry_measure.pk).update(
        executor_position_kk="", executor_position_ru="", executor_position_en="", executor_position=""
    )
    error = refusal(world)
    assert (error.code, str(error.message)) == (
        "measure_executor",
        "Measure 1.2 needs its executor and the responsible position.",
    )


def test_only_the_ministrys_approver_publishes():
    world = ready_world()
    with pytest.raises(NotPermitted):
        publish_results(actor=world.user("ministry_editor"), visit=world.visit)
    assert Publication.objects.get(visit=world.visit).published_at is None


def test_publishing_makes_the_issues_public_and_meets_the_obligation():
    world = ready_world()
    approver = world.user("ministry_approver")
    now = timezone.now()
    publication = publish_results(actor=approver, visit=world.visit, now=now)

    assert (publication.published_at, publication.published_by, publication.revised_at) == (now, approver, None)
    assert set(ProblemIssue.objects.filter(visit=world.visit).values_list("published_at", flat=True)) == {now}
    assert sorted(
        IssueEvent.objects.filter(kind=IssueEvent.Kind.PUBLISHED).values_list("issue__number", flat=True)
    ) == [1, 2]
    # The publication meets the obligation by itself: nothing is typed, the record is read.
    assert not Fulfilment.objects.exists()
    obligation = publication_obligation(world.visit)
    assert (obligation.key, obligation.state, obligation.basis, obligation.met_on) == (
        f"REG-AGENDA:visit-results:{world.visit.organisation.code}:{world.visit.pk}",
        ObligationState.MET,
        "records",
        timezone.localdate(now),
    )
    assert [record.record for record in obligation.counting] == [f"followup.publication:{publication.pk}"]
    assert AuditLog.objects.filter(action="followup.publication.publish", target_id=str(publication.pk)).count() == 1


def test_republishing_revises_without_meeting_the_obligation_twice():
    world = ready_world()
    approver = world.user("ministry_approver")
    first = timezone.now() - datetime.timedelta(hours=1)
    publish_results(actor=approver, visit=world.visit, now=first)
    later = timezone.now()
    publication = publish_results(actor=approver, visit=world.visit, now=later)

    assert (publication.published_at, publication.revised_at) == (first, later)
    assert IssueEvent.objects.filter(kind=IssueEvent.Kind.PUBLISHED).count() == 2
    assert publication_obligation(world.visit).met_on == timezone.localdate(first)  # the first publication
    assert AuditLog.objects.filter(action="followup.publication.republish").count() == 1


def test_an_issue_added_after_publication_becomes_public_on_republication():
    world = ready_world()
    approver = world.user("ministry_approver")
    publish_results(actor=approver, visit=world.visit)
    third = ProblemIssue.objects.create(
        visit=world.visit,
        number=3,
        title_kk="Мектеп",
        title_ru="Школа",
        region=world.visit.region,
        competent_company="Company",
        status=ProblemIssue.Status.NOT_SOLVABLE,
    )
    publish_results(actor=approver, visit=world.visit)
    third.refresh_from_db()
    assert third.published_at is not None
    assert IssueEvent.objects.filter(issue=third, kind=IssueEvent.Kind.PUBLISHED).count() == 1


def test_a_late_publication_still_meets_the_obligation_and_shows_late():
    world = ready_world(ended_days_ago=40)
    assert publication_deadline(world.visit).obligation.state == ObligationState.OVERDUE
    publish_results(actor=world.user("ministry_approver"), visit=world.visit)
    deadline = publication_deadline(world.visit)
    assert (deadline.obligation.state, deadline.met_on, deadline.is_late) == (
        ObligationState.MET,
        timezone.localdate(),
        True,
    )


def test_an_unpublished_package_is_reminded_before_and_when_overdue():
    world = ready_world()
    obligation = publication_obligation(world.visit)
    key = obligation.key
    send_deadline_reminders(today=obligation.due - datetime.timedelta(days=3))
    send_deadline_reminders(today=obligation.due + datetime.timedelta(days=1))
    kinds = sorted(
        (notification.kind, notification.recipient.username, notification.params["days"])
        for notification in Notification.objects.filter(params__key=key)
    )
    assert kinds == [
        ("deadline.overdue", "ministry_approver", -1),
        ("deadline.overdue", "ministry_editor", -1),
        ("deadline.reminder", "ministry_approver", 3),
        ("deadline.reminder", "ministry_editor", 3),
    ]


def test_a_published_package_is_not_reminded():
    world = ready_world()
    publish_results(actor=world.user("ministry_approver"), visit=world.visit)
    obligation = publication_obligation(world.visit)
    send_deadline_reminders(today=obligation.due + datetime.timedelta(days=1))
    assert Notification.objects.filter(params__key=obligation.key).count() == 0


def test_saving_results_over_someone_elses_change_is_refused():
    world = ready_world()
    with pytest.raises(DomainError) as caught:
        save_results(actor=world.user("ministry_editor"), visit=world.visit, results_kk="A", results_ru="B", revision=0)
    assert caught.value.code == "changed_meanwhile"
    publication = Publication.objects.get(visit=world.visit)
    assert (publication.results_ru, publication.revision) == ("Итоги встречи", 1)
    assert AuditLog.objects.filter(action="followup.publication.save_results").count() == 1
