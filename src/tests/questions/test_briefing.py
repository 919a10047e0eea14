import datetime
import io

import pytest
from docx import Document
from docx.shared import Cm

from kezdesu.planning.models import SystemicProblem
from kezdesu.questions.domain.grouping import group_questions
from kezdesu.questions.interfaces.briefing_docx import briefing_docx, briefing_file_name
from kezdesu.questions.models import Question
from tests.factories.meetings import build_visit_world
from tests.factories.planning import SystemicProblemFactory
from tests.factories.questions import earlier_visit, question, topic

pytestmark = pytest.mark.django_db


def _text(document) -> str:
    lines = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        lines.extend(cell.text for row in table.rows for cell in row.cells)
    return "\n".join(lines)


def _briefing_world():
    world = build_visit_world()
    roads = topic("roads", "Roads")
    for _ in range(4):
        question(world.visit, "When will the road to Akzhar be repaired?", topic=roads, district=world.district)
    question(world.visit, "Where is the new clinic?", status=Question.Status.PUBLISHED)
    group_questions(visit=world.visit)
    before = earlier_visit(world.visit, datetime.date(2026, 5, 4))
    question(before, "Repair the bridge", topic=roads, status=Question.Status.PUBLISHED)
    SystemicProblemFactory(
        region=world.visit.region,
        akimat=world.roles.akimat,
        half_year_start=datetime.date(2026, 1, 1),
        title="District roads",
        status=SystemicProblem.Status.ANSWERED,
        answer="Repairs are funded for 2027.",
    )
    return world


def test_the_briefing_opens_as_an_a4_document_with_every_section():
    world = _briefing_world()
    document = Document(io.BytesIO(briefing_docx(world.visit, language="en")))
    section = document.sections[0]
    assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (Cm(21).cm, Cm(29.7).cm)
    text = _text(document)
    for expected in (
        "Briefing before the meeting with the population",
        "Who: Minister A, Ministry A",
        "Questions received",
        "5 questions and proposals: 1 published, 4 awaiting moderation; 0 hidden by moderators and not counted.",
        "Top topics",
        "Roads — 4 (80%)",
        "Top districts",
        "Channels",
        "The most asked",
        "When will the road to Akzhar be repaired? — 4 people asked",
        "Where is the new clinic? — 1 person asked",
        "Earlier visits to the region",
        "Repair the bridge",
        "District roads (answered). Repairs are funded for 2027.",
    ):
        assert expected in text, expected


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_the_briefing_is_made_in_each_language(language):
    world = build_visit_world()
    document = Document(io.BytesIO(briefing_docx(world.visit, language=language)))
    assert len(document.paragraphs) > 5


def test_the_briefing_file_is_named_for_the_visit_and_its_date():
    world = build_visit_world()
    assert briefing_file_name(world.visit) == f"briefing-visit-{world.visit.pk}-2027-03-10.docx"
