"""The permission matrix: every endpoint by every role, with the exact status code (pretix-style).

Public data answers everyone; staff writes follow the rules vocabulary; another user's objects
answer 404. Anonymous requests answer 403 (session authentication sends no challenge).
"""

import datetime

import pytest

from kezdesu.core.domain.audit import record_audit
from kezdesu.planning.models import ItemAgreement, Proposal, ScheduleVersion, SystemicProblem
from kezdesu.regulations.models import CalendarException
from tests.api.conftest import OBLIGATION_KEY, ROLES, client_for
from tests.factories.planning import (
    PlanningPeriodFactory,
    ProposalFactory,
    RiskFlagFactory,
    ScheduleItemFactory,
    ScheduleVersionFactory,
    SystemicProblemFactory,
)

PUBLIC = dict.fromkeys(ROLES, 200)
READ_ONLY = dict.fromkeys(ROLES, 405)
SIGNED_IN = {**dict.fromkeys(ROLES, 200), "anonymous": 403}
NATIONWIDE = {**dict.fromkeys(ROLES, 403), "coordinator": 200, "oversight": 200, "superuser": 200}
VIEWERS_OWN = {**dict.fromkeys(ROLES, 404), "anonymous": 403, "viewer": 200}
# Ministry A's data: its own staff, the authorized body, oversight and administrators read it.
MINISTRY_A_STAFF = {**VIEWERS_OWN, "approver": 200, "coordinator": 200, "oversight": 200, "superuser": 200}


def calendar_managers(allowed: int) -> dict[str, int]:
    return {**dict.fromkeys(ROLES, 403), "coordinator": allowed, "superuser": allowed}


WORKING_SATURDAY = {
    "date": "2026-12-19",
    "kind": "working_day",
    "reason_kk": "Жұмыс күнін ауыстыру",
    "reason_ru": "Перенос рабочего дня",
    "reason_en": "Transfer of a working day",
    "act": "Test decree",
}
FULFILMENT = {"met_on": "2026-04-03", "reference": "No. 01-12/345"}
PROBLEM = {
    "akimat": "akimat-test",
    "half_year_start": "2030-07-01",
    "title": "District roads",
    "description": "Roads to the district centres are not repaired.",
    "competent_body": "ministry-a",
}
RISK = {"region": "910000000", "competent_ministry": "ministry-a", "level": "elevated", "description_en": "Flood"}
DRAFT_ITEM = {
    "organisation": "ministry-a",
    "position": "{position}",
    "region": "910000000",
    "start_date": "2030-02-12",
    "end_date": "2030-02-12",
    "topics_en": "Roads",
}
UNKNOWN_KEY = "TEST:quarterly-information:ministry-a:2026-02-01"
# The akimat's own changes: its editor (and administrators); the nationwide readers may not; others see nothing.
AKIMAT_EDITS = {
    **dict.fromkeys(ROLES, 404),
    "anonymous": 403,
    "akimat_editor": 200,
    "coordinator": 403,
    "oversight": 403,
    "superuser": 200,
}
# A period that does not exist: the authorized body looks for it, everyone else is refused before.
UNKNOWN_DRAFT = {**dict.fromkeys(ROLES, 403), "coordinator": 404, "superuser": 404}

MATRIX = [
    ("get", "regions/", None, PUBLIC),
    ("get", "regions/910000000/", None, PUBLIC),
    ("get", "regions/990000000/", None, dict.fromkeys(ROLES, 404)),
    ("get", "districts/", None, PUBLIC),
    ("get", "organisations/", None, PUBLIC),
    ("get", "organisations/ministry-a/", None, PUBLIC),
    ("post", "organisations/", {"code": "new"}, READ_ONLY),
    ("delete", "organisations/ministry-a/", None, READ_ONLY),
    ("get", "positions/", None, PUBLIC),
    ("get", "profiles/", None, PUBLIC),
    ("get", "profiles/TEST/", None, PUBLIC),
    ("put", "profiles/TEST/", {"code": "TEST"}, READ_ONLY),
    ("get", "calendar/2026/", None, PUBLIC),
    ("get", "calendar-exceptions/", None, PUBLIC),
    ("get", "calendar-exceptions/2026-01-03/", None, PUBLIC),
    ("post", "calendar-exceptions/", WORKING_SATURDAY, calendar_managers(201)),
    ("put", "calendar-exceptions/2026-01-03/", {**WORKING_SATURDAY, "date": "2026-01-03"}, calendar_managers(200)),
    ("delete", "calendar-exceptions/2026-01-03/", None, calendar_managers(204)),
    ("delete", "calendar-exceptions/2030-01-05/", None, calendar_managers(404)),
    ("get", "obligations/", None, PUBLIC),
    ("get", f"obligations/{OBLIGATION_KEY}/", None, PUBLIC),
    (
        "post",
        f"obligations/{OBLIGATION_KEY}/fulfilment/",
        FULFILMENT,
        {**dict.fromkeys(ROLES, 403), "approver": 201, "coordinator": 201, "superuser": 201},
    ),
    (
        "post",
        f"obligations/{UNKNOWN_KEY}/fulfilment/",
        FULFILMENT,
        {**dict.fromkeys(ROLES, 404), "anonymous": 403},
    ),
    ("get", "audit/", None, NATIONWIDE),
    ("get", "audit/{audit}/", None, NATIONWIDE),
    ("get", "notifications/", None, SIGNED_IN),
    ("get", "notifications/{notification}/", None, VIEWERS_OWN),
    ("post", "notifications/{notification}/read/", None, VIEWERS_OWN),
    ("post", "notifications/read-all/", None, SIGNED_IN),
    ("get", "me/", None, SIGNED_IN),
    ("patch", "me/", {"email_digest": True}, SIGNED_IN),
    ("get", "schedule/", None, PUBLIC),
    ("get", "schedule/?ministry=ministry-a&from=2026-01-01", None, PUBLIC),
    ("post", "schedule/", {"topics": "x"}, READ_ONLY),
    ("get", "schedule-versions/", None, PUBLIC),
    ("post", "schedule-versions/", {"number": 1}, READ_ONLY),
    ("get", "planning-periods/", None, PUBLIC),
    ("get", "planning-periods/{period}/", None, PUBLIC),
    ("post", "planning-periods/", {"start": "2031-01-01"}, READ_ONLY),
    ("get", "proposals/", None, SIGNED_IN),
    ("get", "proposals/{proposal}/", None, MINISTRY_A_STAFF),
    (
        "post",
        "proposals/{proposal}/withdraw/",
        None,
        {**MINISTRY_A_STAFF, "viewer": 403, "coordinator": 403, "oversight": 403},
    ),
    (
        "patch",
        "proposals/{proposal}/",
        {"topics_en": "Rural roads"},
        {**MINISTRY_A_STAFF, "viewer": 403, "coordinator": 403, "oversight": 403},
    ),
    (
        "post",
        "proposals/submit/",
        {"period": "{period}", "organisation": "ministry-a"},
        {**dict.fromkeys(ROLES, 403), "approver": 200, "superuser": 200},
    ),
    ("get", "systemic-problems/", None, SIGNED_IN),
    ("get", "systemic-problems/{problem}/", None, {**MINISTRY_A_STAFF, "akimat_editor": 200}),
    ("post", "systemic-problems/", PROBLEM, {**dict.fromkeys(ROLES, 403), "akimat_editor": 201, "superuser": 201}),
    ("patch", "systemic-problems/{draft_problem}/", {"title": "Bridges"}, AKIMAT_EDITS),
    ("post", "systemic-problems/{company_problem}/company-answer/", {"answer": "Repairs begin in May."}, AKIMAT_EDITS),
    (
        "post",
        "systemic-problems/send/",
        {"akimat": "akimat-test", "half_year_start": "2030-01-01"},
        {**dict.fromkeys(ROLES, 403), "superuser": 200},
    ),
    (
        "post",
        "systemic-problems/{problem}/answer/",
        {"answer": "Repairs are funded for 2030."},
        {**MINISTRY_A_STAFF, "viewer": 403, "coordinator": 403, "oversight": 403, "akimat_editor": 403},
    ),
    ("get", "risk-flags/", None, SIGNED_IN),
    ("get", "risk-flags/{flag}/", None, SIGNED_IN),
    ("get", "risk-flags/999999/", None, {**dict.fromkeys(ROLES, 404), "anonymous": 403}),
    (
        "post",
        "risk-flags/",
        RISK,
        {**dict.fromkeys(ROLES, 201), "anonymous": 403, "viewer": 403, "oversight": 403, "superuser": 403},
    ),
    ("post", "risk-flags/{flag}/assign/", {"deadline": "2099-01-15"}, calendar_managers(200)),
    ("post", "risk-flags/{flag}/dismiss/", {"note": "The forecast was revised."}, calendar_managers(200)),
    ("get", "draft/{period}/", None, SIGNED_IN),
    ("get", "draft/999999/", None, {**dict.fromkeys(ROLES, 404), "anonymous": 403}),
    ("post", "draft/{period}/items/", DRAFT_ITEM, calendar_managers(201)),
    ("patch", "draft/{period}/items/{item}/", {"topics_en": "Bridges"}, calendar_managers(200)),
    ("delete", "draft/{period}/items/{item}/", None, calendar_managers(204)),
    ("patch", "draft/{period}/items/999999/", {"topics_en": "Bridges"}, UNKNOWN_DRAFT),
    (
        "post",
        "draft/{period}/include-proposal/",
        {"proposal": "{submitted_proposal}", "start_date": "2030-03-12", "end_date": "2030-03-12"},
        calendar_managers(201),
    ),
    ("post", "draft/{period}/acknowledge/", {"key": "{warning}", "note": "Agreed by phone."}, calendar_managers(201)),
    ("post", "draft/{ready_period}/submit/", None, calendar_managers(200)),
    ("post", "draft/999999/submit/", None, UNKNOWN_DRAFT),
    (
        "post",
        "draft/{submitted_period}/approve/",
        {"act_number": "No. 5", "act_date": "2026-01-10"},
        {**dict.fromkeys(ROLES, 403), "superuser": 201},
    ),
    ("post", "draft/{amend_period}/amend/", {"reason": "Roads are added."}, calendar_managers(201)),
    (
        "post",
        "agreements/{agreement}/decide/",
        {"decision": "agreed"},
        {**MINISTRY_A_STAFF, "viewer": 403, "coordinator": 403, "oversight": 403},
    ),
    ("get", "schema/", None, PUBLIC),
]


@pytest.fixture
def world(users, ministry, akimat, region, profile, viewers_notification):
    CalendarException.objects.create(
        date=datetime.date(2026, 1, 3), kind=CalendarException.Kind.WORKING_DAY, reason_kk="Ауыстыру"
    )
    audit = record_audit(actor=users["coordinator"], action="test.action")
    period = PlanningPeriodFactory(profile=profile)
    proposal = ProposalFactory(period=period, organisation=ministry, region=region)
    sent = {"status": SystemicProblem.Status.SENT, "half_year_start": datetime.date(2030, 1, 1)}
    problem = SystemicProblemFactory(akimat=akimat, region=region, competent_body=ministry, **sent)
    draft_problem = SystemicProblemFactory(akimat=akimat, region=region, competent_body=ministry)  # to send or change
    company_problem = SystemicProblemFactory(
        akimat=akimat, region=region, competent_body=None, competent_company="KazAvtoZhol", **sent
    )
    submitted_proposal = ProposalFactory(
        period=period, organisation=ministry, region=region, status=Proposal.Status.SUBMITTED
    )
    # On a Saturday: its day-off warning is one the coordinator may acknowledge.
    saturday = datetime.date(2030, 2, 16)
    item = ScheduleItemFactory(
        version__period=period,
        organisation=ministry,
        position=proposal.position,
        region=region,
        start_date=saturday,
        end_date=saturday,
    )
    agreement = ItemAgreement.objects.create(item=item, organisation=ministry)
    # Version 1 approved and empty, so the working draft's item amends it.
    ScheduleVersionFactory(period=period, number=1, status=ScheduleVersion.Status.APPROVED)
    # The later steps of the draft each need a period of their own: one ready to submit (its one item
    # falls on a Monday and awaits no agreement, so no warning stands), and one submitted.
    ready_period = PlanningPeriodFactory(
        profile=profile, start=datetime.date(2031, 1, 1), end=datetime.date(2031, 6, 30)
    )
    ScheduleItemFactory(version__period=ready_period, organisation=ministry, position=proposal.position, region=region)
    submitted_period = PlanningPeriodFactory(
        profile=profile, start=datetime.date(2032, 1, 1), end=datetime.date(2032, 6, 30)
    )
    # An amendment to submit: version 1 approved and empty, one working item that awaits no agreement.
    amend_period = PlanningPeriodFactory(
        profile=profile, start=datetime.date(2033, 1, 1), end=datetime.date(2033, 6, 30)
    )
    ScheduleVersionFactory(period=amend_period, number=1, status=ScheduleVersion.Status.APPROVED)
    ScheduleItemFactory(
        version__period=amend_period,
        organisation=ministry,
        position=proposal.position,
        region=region,
        start_date=datetime.date(2033, 2, 14),
        end_date=datetime.date(2033, 2, 14),
    )
    ScheduleVersionFactory(period=submitted_period, status=ScheduleVersion.Status.SUBMITTED)
    return {
        "users": users,
        "position": proposal.position.pk,
        "agreement": agreement.pk,
        "problem": problem.pk,
        "flag": RiskFlagFactory(region=region, competent_ministry=ministry).pk,
        "notification": viewers_notification.pk,
        "audit": audit.pk,
        "period": period.pk,
        "proposal": proposal.pk,
        "draft_problem": draft_problem.pk,
        "company_problem": company_problem.pk,
        "submitted_proposal": submitted_proposal.pk,
        "item": item.pk,
        # A warning that may be acknowledged (a pending agreement may not: acknowledging is not agreeing).
        "warning": f"day-off:{item.uid}:{saturday.isoformat()}:{saturday.isoformat()}",
        "amend_period": amend_period.pk,
        "ready_period": ready_period.pk,
        "submitted_period": submitted_period.pk,
    }


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("method", "url", "body", "role", "expected"),
    [
        pytest.param(method, url, body, role, statuses[role], id=f"{method} {url} as {role}")
        for method, url, body, statuses in MATRIX
        for role in ROLES
    ],
)
def test_permission_matrix(world, method, url, body, role, expected):
    client = client_for(world["users"][role])
    ids = {
        key: world[key]
        for key in (
            "notification",
            "audit",
            "period",
            "proposal",
            "problem",
            "flag",
            "position",
            "agreement",
            "draft_problem",
            "company_problem",
            "submitted_proposal",
            "item",
            "warning",
            "ready_period",
            "submitted_period",
            "amend_period",
        )
    }
    path = "/api/v1/" + url.format(**ids)
    if body:
        body = {key: value.format(**ids) if isinstance(value, str) else value for key, value in body.items()}

    response = getattr(client, method)(path, body, format="json") if body else getattr(client, method)(path)

    assert response.status_code == expected, response.content[:300]
