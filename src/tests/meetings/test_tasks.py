"""The publicity and coordination tasks of a visit (R12, R13, R18): the list, due dates, who changes what."""

import datetime

import pytest

from kezdesu.core.errors import DomainError, NotPermitted
from kezdesu.core.models import AuditLog, Notification
from kezdesu.meetings.domain.tasks import create_visit_tasks, may_update_task, task_definitions, update_task
from kezdesu.meetings.models import VisitTask
from tests.factories.meetings import build_visit_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return build_visit_world()  # the meeting on Wednesday 10 March 2027


@pytest.fixture
def tasks(world):
    return {task.code: task for task in create_visit_tasks(visit=world.visit)}


def test_the_list_has_each_partys_tasks_from_the_file(tasks):
    by_party = {}
    for task in tasks.values():
        by_party.setdefault(task.responsible, set()).add(task.code)
    assert by_party == {
        "akimat": {"venue", "equipment", "media_invited", "social_accounts", "public_places", "akims_confirmed"},
        "authorized_body": {"national_media", "national_coverage"},
        "ministry": {"agenda_approved", "press_release", "broadcast", "video_conference"},
    }
    assert tasks["public_places"].title_en == (
        "Announcement posted in public places (print the A4 announcement with the QR code)"
    )
    assert tasks["national_media"].source == "P5.1"
    assert tasks["national_media"].title_ru == "Встреча анонсирована в республиканских средствах массовой информации"


def test_every_task_has_its_title_in_the_three_languages():
    for definition in task_definitions():
        assert all(definition.title[language].strip() for language in ("kk", "ru", "en")), definition.code
        assert all(definition.short[language].strip() for language in ("kk", "ru", "en")), definition.code


def test_due_dates_count_back_from_the_meeting_to_a_working_day(tasks):
    # 7 days before Wednesday 10 March 2027 is Wednesday 3 March; 5 days before is Friday 5 March;
    # 3 days before is Sunday 7 March, moved back to Friday 5 March; 1 day before is Tuesday 9 March.
    assert tasks["venue"].due_date == datetime.date(2027, 3, 3)
    assert tasks["media_invited"].due_date == datetime.date(2027, 3, 5)
    assert tasks["equipment"].due_date == datetime.date(2027, 3, 5)
    assert tasks["national_coverage"].due_date == datetime.date(2027, 3, 9)


def test_creating_the_tasks_again_changes_nothing(world, tasks):
    update_task(actor=world.user("akimat_editor"), task=tasks["venue"], status="done")
    again = create_visit_tasks(visit=world.visit)
    assert len(again) == len(task_definitions())
    assert VisitTask.objects.get(pk=tasks["venue"].pk).status == "done"
    assert AuditLog.objects.filter(action="meetings.tasks.create").count() == 1


def test_unfinished_tasks_follow_the_meeting_when_it_moves(world, tasks):
    update_task(actor=world.user("akimat_editor"), task=tasks["venue"], status="done")
    meeting = world.part("meeting")
    meeting.starts_at += datetime.timedelta(days=7)
    meeting.ends_at += datetime.timedelta(days=7)
    meeting.save(update_fields=["starts_at", "ends_at"])
    create_visit_tasks(visit=world.visit)
    assert VisitTask.objects.get(pk=tasks["venue"].pk).due_date == datetime.date(2027, 3, 3)  # done: kept
    assert VisitTask.objects.get(pk=tasks["social_accounts"].pk).due_date == datetime.date(2027, 3, 10)


@pytest.mark.parametrize(
    ("role", "code"),
    [
        ("akimat_editor", "venue"),
        ("akimat_approver", "public_places"),
        ("coordinator", "national_media"),
        ("ministry_editor", "broadcast"),
        ("ministry_approver", "agenda_approved"),
    ],
)
def test_each_party_changes_its_own_tasks(world, tasks, role, code):
    task = update_task(actor=world.user(role), task=tasks[code], status="in_progress", note=" Booked ")
    task.refresh_from_db()
    assert (task.status, task.note, task.updated_by) == ("in_progress", "Booked", world.user(role))


@pytest.mark.parametrize(
    ("role", "code"),
    [
        ("ministry_editor", "venue"),
        ("coordinator", "public_places"),
        ("akimat_editor", "national_media"),
        ("akimat_editor", "broadcast"),
        ("akimat_viewer", "venue"),
        ("ministry_viewer", "broadcast"),
        ("apparatus_oversight", "national_media"),
        ("no_role", "venue"),
    ],
)
def test_no_one_changes_another_partys_tasks(world, tasks, role, code):
    with pytest.raises(NotPermitted):
        update_task(actor=world.user(role), task=tasks[code], status="done")
    assert VisitTask.objects.get(pk=tasks[code].pk).status == "todo"
    assert may_update_task(world.user(role), tasks[code]) is False


def test_a_change_is_audited_with_the_old_and_new_status(world, tasks):
    update_task(actor=world.user("coordinator"), task=tasks["national_media"], status="done", note="Khabar 24")
    audit = AuditLog.objects.get(action="meetings.task.update")
    assert (audit.old_values, audit.new_values) == (
        {"status": "todo", "note": ""},
        {"status": "done", "note": "Khabar 24"},
    )


def test_an_unknown_status_is_refused(world, tasks):
    with pytest.raises(DomainError) as refused:
        update_task(actor=world.user("akimat_editor"), task=tasks["venue"], status="finished")
    assert refused.value.code == "status"


def test_the_authorized_body_and_the_ministry_hear_once_when_the_akimat_is_ready(world, tasks):
    editor = world.user("akimat_editor")
    akimat_codes = [code for code, task in tasks.items() if task.responsible == "akimat"]
    for code in akimat_codes[:-1]:
        update_task(actor=editor, task=tasks[code], status="done")
    assert not Notification.objects.filter(kind="meetings.akimat_tasks_done").exists()
    update_task(actor=editor, task=tasks[akimat_codes[-1]], status="not_needed")
    told = Notification.objects.filter(kind="meetings.akimat_tasks_done")
    assert sorted(told.values_list("recipient__username", flat=True)) == [
        "coordinator",
        "ministry_approver",
        "ministry_editor",
    ]


def test_an_administrator_records_a_partys_task_reported_outside_kezdesu(world, tasks):
    update_task(actor=world.user("superuser"), task=tasks["venue"], status="done", note="By letter")
    assert VisitTask.objects.get(pk=tasks["venue"].pk).status == "done"
