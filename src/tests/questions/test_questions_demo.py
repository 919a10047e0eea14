"""The questions demo: about forty questions per announced or held demo visit, from every channel, with
duplicates for the grouping, the sample export imported with its refused rows; twice changes nothing."""

import datetime
import io
from collections import Counter

import pytest
from django.core.management import call_command

from kezdesu.demo.clock import DemoClock
from kezdesu.demo.questions import SAMPLE_CSV, SAMPLE_XLSX, add_questions_demo
from kezdesu.meetings.models import Visit
from kezdesu.questions.interfaces.importers import read_question_file
from kezdesu.questions.models import Channel, ImportBatch, Question

pytestmark = pytest.mark.django_db


def test_the_demo_adds_questions_from_every_channel_once():
    call_command("load_reference", stdout=io.StringIO())
    call_command("load_demo", "--today", "2026-11-21", stdout=io.StringIO())
    Question.objects.all().delete()  # whatever load_demo added already: this test enters its own
    ImportBatch.objects.all().delete()
    visits = list(Visit.objects.order_by("start_date", "pk"))

    clock = DemoClock(datetime.date(2026, 11, 21))
    added = add_questions_demo(clock, visits)
    again = add_questions_demo(clock, visits)

    taking = [visit for visit in visits if visit.status in (Visit.Status.PUBLISHED, Visit.Status.HELD)]
    assert added["visits"] == len(taking) == 7
    assert again == {"visits": 0, "questions": 0, "imported": 0, "refused": 0, "systemic_problems": 0}
    for visit in taking:
        questions = Question.objects.filter(visit=visit)
        assert 40 <= questions.count() <= 50
        assert set(questions.values_list("status", flat=True)) == {Question.Status.RECEIVED}
        assert {Channel.WEB, Channel.BLOG, Channel.EOTINISH, Channel.SOCIAL, Channel.AKIM_MEETING} <= set(
            questions.values_list("channel", flat=True)
        )
        repeated = [count for count in Counter(questions.values_list("fingerprint", flat=True)).values() if count > 1]
        assert len(repeated) >= 4
        assert set(questions.values_list("language", flat=True)) >= {"kk", "ru"}
        assert ImportBatch.objects.get(visit=visit).refused[0]["row"] == 10
    assert not Question.objects.filter(visit__status=Visit.Status.DRAFT).exists()


def test_the_sample_files_a_demo_user_uploads_are_readable():
    csv_rows = read_question_file(SAMPLE_CSV.name, SAMPLE_CSV.read_bytes()).rows
    xlsx_rows = read_question_file(SAMPLE_XLSX.name, SAMPLE_XLSX.read_bytes()).rows

    assert (len(csv_rows), len(xlsx_rows)) == (10, 6)
    assert xlsx_rows[0].external_id == "EO-2026-10481"
