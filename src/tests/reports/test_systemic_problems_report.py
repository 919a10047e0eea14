"""The akims' systemic problems per half-year (R11): sent, to whom, answered, taken up at a meeting, what was done."""

import datetime

import pytest
from django.utils import timezone

from kezdesu.followup.models import MeasureStatus
from kezdesu.planning.models import SystemicProblem
from kezdesu.regulations.models import Fulfilment
from kezdesu.reports.domain.half_year import compile_half_year_report
from kezdesu.reports.domain.queries.systemic_problems import systemic_problems_by_half_year
from tests.factories.reports_half_year import build_half_year_world, sent_problem, taken_up

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 7, 20)


def _world_with_problems():
    world = build_half_year_world()
    akimat, ministry = world.roles.akimat, world.roles.ministry
    water = sent_problem(
        akimat,
        "Water in the district",
        body=ministry,
        status=SystemicProblem.Status.ANSWERED,
        answer="Funds are planned for 2027.",
        answered_at=timezone.make_aware(datetime.datetime(2026, 4, 2, 10)),
    )
    gas = sent_problem(akimat, "Gas in the villages", company="QazaqGaz")
    sent_problem(akimat, "A draft not sent", body=ministry, status=SystemicProblem.Status.DRAFT, sent_at=None)
    issue = taken_up(water, world.visit, measures=(MeasureStatus.DONE, MeasureStatus.IN_PROGRESS))
    Fulfilment.objects.create(
        obligation_key="REG-REPORTS:systemic-problems:akimat-x:2026-01-01",
        organisation=akimat,
        met_on=datetime.date(2026, 3, 2),
        reference="2 problems sent",
    )
    return world, water, gas, issue


def test_each_akimat_with_what_it_sent_what_was_answered_and_done():
    world, water, gas, issue = _world_with_problems()

    report = systemic_problems_by_half_year(2026, 1, today=TODAY)

    by_code = {row.code: row for row in report.akimats}
    assert set(by_code) == {"akimat-x", "akimat-y"}
    sender = by_code["akimat-x"]
    assert (sender.obligation_state, sender.met_on) == ("met", "2026-03-02")
    assert (by_code["akimat-y"].obligation_state, by_code["akimat-y"].problems) == ("overdue", [])
    rows = {problem.pk: problem for problem in sender.problems}
    assert set(rows) == {water.pk, gas.pk}  # the draft is not sent
    answered = rows[water.pk]
    assert answered.competent["en"] == "Ministry A"
    assert (answered.status, answered.answered_on, answered.sent_on) == ("answered", "2026-04-02", "2026-03-02")
    assert [(meeting.visit_pk, meeting.start_date) for meeting in answered.meetings] == [(world.visit.pk, "2026-04-15")]
    assert [(ref.pk, ref.measures_done, ref.measures_total) for ref in answered.issues] == [(issue.pk, 1, 2)]
    assert (rows[gas.pk].competent["ru"], rows[gas.pk].competent_code, rows[gas.pk].meetings) == ("QazaqGaz", "", [])
    assert report.counts.__dict__ == {
        "akimats": 2,
        "akimats_met": 1,
        "sent": 2,
        "answered": 1,
        "taken_up": 1,
        "with_issue": 1,
    }
    assert compile_half_year_report(2026, 1, today=TODAY).systemic_problems == report


def test_an_akimat_or_a_ministry_sees_its_own():
    world, water, _gas, _issue = _world_with_problems()

    mine = systemic_problems_by_half_year(2026, 1, akimat=world.roles.other_akimat, today=TODAY)
    assert [row.code for row in mine.akimats] == ["akimat-y"]
    assert mine.counts.sent == 0
    received = systemic_problems_by_half_year(2026, 1, competent_bodies=[world.roles.ministry], today=TODAY)
    assert [(row.code, [p.pk for p in row.problems]) for row in received.akimats] == [("akimat-x", [water.pk])]
    assert systemic_problems_by_half_year(2026, 2, today=TODAY).counts.sent == 0


def test_the_report_takes_a_fixed_number_of_queries(django_assert_max_num_queries):
    world, _water, _gas, _issue = _world_with_problems()
    systemic_problems_by_half_year(2026, 1, today=TODAY)
    with django_assert_max_num_queries(12) as one:
        systemic_problems_by_half_year(2026, 1, today=TODAY)
    for number in range(3):
        problem = sent_problem(world.roles.other_akimat, f"More {number}", body=world.roles.other_ministry)
        taken_up(problem, world.visit, measures=(MeasureStatus.DONE,))
    with django_assert_max_num_queries(len(one.captured_queries)):
        systemic_problems_by_half_year(2026, 1, today=TODAY)
