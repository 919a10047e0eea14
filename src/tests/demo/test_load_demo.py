import datetime

import pytest
from django.core.management import CommandError, call_command

from kezdesu.core.models import AuditLog, Notification
from kezdesu.demo.accounts import DEMO_ACCOUNTS, DEMO_PASSWORD
from kezdesu.demo.layout import DemoLayout
from kezdesu.demo.planning import AMENDMENT_REASON
from kezdesu.meetings.models import Visit
from kezdesu.organisations.models import Membership, Role, User
from kezdesu.planning.domain.draft import working_version
from kezdesu.planning.domain.warnings import draft_warnings
from kezdesu.planning.models import (
    ItemAgreement,
    PlanningPeriod,
    Proposal,
    RiskFlag,
    ScheduleItem,
    ScheduleVersion,
    SystemicProblem,
)
from kezdesu.regulations.domain.obligations import ObligationState, obligations_between
from kezdesu.regulations.models import CalendarException, Fulfilment, Reminder
from tests.conftest import DEMO_TODAY

pytestmark = pytest.mark.django_db
TODAY = DEMO_TODAY


def counts():
    return {
        model.__name__: model.objects.count()
        for model in (
            User,
            Membership,
            Fulfilment,
            CalendarException,
            Notification,
            Reminder,
            AuditLog,
            PlanningPeriod,
            ScheduleVersion,
            ScheduleItem,
            ItemAgreement,
            Proposal,
            SystemicProblem,
            RiskFlag,
        )
    }


def test_load_demo_needs_the_reference_data_first():
    with pytest.raises(CommandError, match=r"run `python manage.py load_reference` first"):
        call_command("load_demo", "--today", TODAY)


def test_load_demo_twice_creates_nothing_the_second_time(demo_once):
    before = counts()

    call_command("load_demo", "--today", TODAY)

    assert counts() == before
    assert before["User"] == len(DEMO_ACCOUNTS)


def test_every_demo_person_is_marked_as_demo_in_their_name(demo_once):
    users = User.objects.all()

    assert all(user.is_demo for user in users)
    assert all("Demo-" in user.get_full_name() for user in users)
    assert all(user.email.endswith("@demo.kezdesu.kz") for user in users)
    assert {user.language for user in users} == {"kk", "ru", "en"}
    assert User.objects.get(username="finance.editor").check_password(DEMO_PASSWORD)


def test_the_demo_has_an_account_for_every_role(demo_once):
    roles = set(Membership.objects.values_list("role", flat=True))

    assert roles == set(Role.values)
    assert User.objects.get(username="admin").is_superuser
    assert Membership.objects.get(user__username="finance.approver").organisation.code == "finance"
    assert set(Membership.objects.filter(role=Role.OVERSIGHT).values_list("organisation__code", flat=True)) == {
        "government-apparatus",
        "presidential-administration",
    }


def test_the_demo_year_has_met_and_overdue_obligations_and_reminders(demo_once):
    today = datetime.date.fromisoformat(TODAY)
    past = obligations_between(start=datetime.date(2026, 1, 1), end=today, today=today)
    states = [obligation.state for obligation in past]

    assert states.count(ObligationState.MET) > 0.9 * len(past)
    overdue = {o.key for o in past if o.state == ObligationState.OVERDUE}
    # Finance left its visit for a new user to follow up; healthcare never published its results (R20).
    ten_days = {key for key in overdue if ":visit-results:" in key}
    assert {key.rsplit(":", 1)[0] for key in ten_days} == {
        "REG-2024:visit-results:finance",
        "REG-2024:visit-results:healthcare",
    }
    assert overdue - ten_days == {
        "REG-2024:first-head-meeting:transport:2026-04-01",
        # The third quarter's information: healthcare approved its pack but has not submitted it, finance has
        # not started (agriculture and enlightenment submitted theirs: demo/reports_quarterly.py).
        "REG-2024:quarterly-information:energy:2026-07-01",
        "REG-2024:quarterly-information:finance:2026-07-01",
        "REG-2024:quarterly-information:healthcare:2026-07-01",
        "REG-2024:systemic-problems:akimat-turkistan:2026-01-01",
    }
    assert Fulfilment.objects.filter(recorded_by__username="finance.approver").exists()
    assert AuditLog.objects.filter(action="regulations.fulfilment.record").count() == Fulfilment.objects.count()
    # Every held visit of a first head meets its quarter by the record, not by a reference typed by hand, and
    # nothing typed by hand stands where a record does.
    # (the held visits' quarter may not be over yet: its obligation is already met by the record)
    by_key = {
        o.key: o
        for o in obligations_between(start=datetime.date(2026, 1, 1), end=today.replace(month=12, day=31), today=today)
    }
    for visit in Visit.objects.filter(status=Visit.Status.HELD).select_related("organisation"):
        quarter = datetime.date(visit.start_date.year, (visit.start_date.month - 1) // 3 * 3 + 1, 1)
        obligation = by_key[f"REG-2024:first-head-meeting:{visit.organisation.code}:{quarter.isoformat()}"]
        assert (obligation.state, obligation.basis) == (ObligationState.MET, "records"), obligation.key
        assert f"meetings.visit:{visit.pk}" in {record.record for record in obligation.counting}
    assert not [o.key for o in past if o.basis == "records" and o.fulfilment is not None]
    reminded = Notification.objects.filter(kind__in=("deadline.overdue", "deadline.reminder"))
    assert set(reminded.values_list("recipient__username", flat=True)) == {
        "finance.editor",
        "finance.approver",
        "healthcare.editor",
        "healthcare.approver",
        "turkestan.editor",
        "turkestan.approver",
    }
    assert CalendarException.objects.filter(date__year=2027).count() == 4
    assert all(entry.reason_en.startswith("Demo entry") for entry in CalendarException.objects.all())


def test_demo_accounts_prints_every_account_and_the_password(demo_once, capsys):
    capsys.readouterr()
    call_command("demo_accounts")

    out = capsys.readouterr().out
    assert "finance.editor" in out
    assert "presidential-administration.oversight" in out
    assert f"password: {DEMO_PASSWORD}" in out


def test_the_demo_has_an_approved_schedule_a_draft_with_warnings_and_an_assigned_risk_flag(demo_once):
    h2_2026 = PlanningPeriod.objects.get(start=datetime.date(2026, 7, 1))
    versions = ScheduleVersion.objects.filter(period=h2_2026, number__isnull=False).order_by("number")
    draft = working_version(PlanningPeriod.objects.get(start=datetime.date(2027, 1, 1)))
    codes = {warning.code for warning in draft_warnings(draft)}
    flag = RiskFlag.objects.get()

    assert [(v.number, v.status) for v in versions] == [
        (1, ScheduleVersion.Status.SUPERSEDED),
        (2, ScheduleVersion.Status.APPROVED),
    ]
    layout = DemoLayout(datetime.date.fromisoformat(TODAY))
    # Approved three weeks before the half-year began, amended halfway between then and today.
    assert (versions[0].act_number, versions[0].act_date) == ("№ 456", datetime.date(2026, 6, 12))
    assert versions[1].reason == AMENDMENT_REASON[0]  # the coordinator writes in Kazakh
    assert (versions[1].act_number, versions[1].act_date) == ("№ 611", layout.amendment_date)
    assert versions[0].act_date < layout.amendment_date < layout.today
    # Two meetings a ministry (one a quarter), and the demo ministries' extra ones on their demo visits' days.
    assert versions[1].items.count() == 35
    # Every approved item was agreed by its akimat: in Kezdesu, or by a letter recorded by the authorized body.
    decisions = set(
        ItemAgreement.objects.filter(item__version=versions[1], organisation__kind="akimat").values_list(
            "decision", flat=True
        )
    )
    assert decisions == {ItemAgreement.Decision.AGREED}
    assert AuditLog.objects.filter(action="planning.schedule.approve").count() == 2
    assert AuditLog.objects.filter(action="planning.agreement.paper").exists()
    assert {"agreement_disagreed", "agreement_pending", "first_head_gap"} <= codes
    assert set(Proposal.objects.values_list("status", flat=True)) == {"submitted", "draft"}
    assert Proposal.objects.filter(status=Proposal.Status.DRAFT).count() == 1
    assert set(SystemicProblem.objects.values_list("status", flat=True)) == {"sent", "answered"}
    assert (flag.status, flag.level, flag.raised_by.username) == ("assigned", "high", "turkestan.editor")
    assert flag.deadline == datetime.date(2027, 1, 27)
    linked = draft.items.get(is_unscheduled=True, risk_flag=flag)
    assert (linked.organisation.code, linked.region_id, linked.position.level) == (
        "healthcare",
        flag.region_id,
        "first_head",
    )
    assert linked.deputy_prime_minister.organisation.code == "government"
