"""The citizen's path on the public meeting page of a visit (issue 4), in the browser.

The page opens in each language and passes axe-core; on it a resident votes on the date (and voting
again changes the vote), asks a question (a script in it is refused, nothing typed is lost), books a
reception slot and cancels the booking.
"""

import datetime

import pytest

from kezdesu.meetings.domain.date_vote import open_date_vote
from kezdesu.meetings.models import Booking, DateVote
from kezdesu.questions.models import Channel, Question
from tests.e2e.accessibility import serious_violations
from tests.factories.date_vote import offer_options
from tests.factories.intake import intake_topic
from tests.factories.meetings import VisitWorld, at, build_visit_world
from tests.factories.reception import add_slots, make_iin

pytestmark = pytest.mark.django_db(transaction=True)

TITLES = {
    "kk": "Министр А халықпен кездеседі",
    "ru": "Министр А встречается с населением",
    "en": "Minister A meets the population",
}
VOTE_CLOSES = at(18, day=datetime.date(2027, 3, 1))


def visit_with_every_panel() -> VisitWorld:
    """The visit world's visit titled in three languages, with an open date vote, free slots and a topic."""
    world = build_visit_world()
    visit = world.visit
    visit.title_kk, visit.title_ru = TITLES["kk"], TITLES["ru"]
    visit.save(update_fields=["title_kk", "title_ru"])
    offer_options(visit)
    open_date_vote(actor=world.user("ministry_editor"), visit=visit, closes_at=VOTE_CLOSES)
    add_slots(world, count=3)
    intake_topic()
    return world


def meeting_page(live_server, world: VisitWorld, language: str = "en") -> str:
    return f"{live_server.url}/{language}/visits/{world.visit.pk}/"


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_the_visit_page_opens_in_each_language_without_serious_accessibility_violation(live_server, page, language):
    world = visit_with_every_panel()

    response = page.goto(meeting_page(live_server, world, language))

    assert response.status == 200
    assert page.locator("html").get_attribute("lang") == language
    assert page.get_by_role("heading", level=1).inner_text() == TITLES[language]
    assert page.locator("#date-vote form").count() == 1
    assert page.locator("#questions form").count() == 1
    assert page.locator("#reception form").count() == 1
    assert serious_violations(page) == []


def test_the_visit_page_on_a_phone_has_no_serious_accessibility_violation(live_server, phone_page):
    world = visit_with_every_panel()

    phone_page.goto(meeting_page(live_server, world, "kk"))

    assert phone_page.get_by_role("heading", level=1).inner_text() == TITLES["kk"]
    assert serious_violations(phone_page) == []


def test_a_resident_votes_on_the_date_and_voting_again_changes_the_vote(live_server, page):
    world = visit_with_every_panel()
    page.goto(meeting_page(live_server, world))
    panel = page.locator("#date-vote")

    panel.get_by_label("Thursday, 11.03.2027, 10:00–12:00").check()
    panel.get_by_label("Your district or town (optional)").select_option(label=world.district.name)
    panel.get_by_role("button", name="Vote").click()

    assert "Thank you: your vote is counted." in page.locator("#date-vote-result").inner_text()
    assert "Your vote is counted: 11.03.2027 at 10:00." in page.locator("#date-vote").inner_text()
    vote = DateVote.objects.get()
    assert (vote.option.starts_at, vote.district) == (at(10, day=datetime.date(2027, 3, 11)), world.district)

    page.locator("#date-vote").get_by_label("Friday, 12.03.2027, 10:00–12:00").check()
    page.locator("#date-vote").get_by_role("button", name="Change my vote").click()

    assert "Your vote is counted: 12.03.2027 at 10:00." in page.locator("#date-vote").inner_text()
    assert DateVote.objects.count() == 1
    assert DateVote.objects.get().option.starts_at == at(10, day=datetime.date(2027, 3, 12))
    assert serious_violations(page) == []


def test_a_resident_asks_a_question_and_one_with_a_script_is_refused_keeping_the_text(live_server, page):
    world = visit_with_every_panel()
    page.goto(meeting_page(live_server, world))
    typed = "When will the road to the school be repaired? <script>alert('x')</script>"

    form = page.locator("#questions form")
    form.get_by_label("Topic").select_option(label="Roads and transport")
    form.get_by_label("Your question or proposal").fill(typed)
    form.get_by_role("button", name="Send the question").click()

    assert (
        "Write the question as plain text: it contains HTML tags or a script" in page.locator("#questions").inner_text()
    )
    assert page.get_by_label("Your question or proposal").input_value() == typed
    assert page.get_by_label("Topic").locator("option:checked").inner_text() == "Roads and transport"
    assert Question.objects.count() == 0
    assert serious_violations(page) == []

    plain = "When will the road to the school in our village be repaired?"
    page.get_by_label("Your question or proposal").fill(plain)
    page.get_by_role("button", name="Send the question").click()

    assert page.url.startswith(meeting_page(live_server, world))
    assert "A moderator reads it before it is published here" in page.locator("#ask-result").inner_text()
    question = Question.objects.get()
    assert (question.text, question.status, question.channel) == (plain, Question.Status.RECEIVED, Channel.WEB)
    assert question.topic.code == "roads-transport"
    # Not public before moderation.
    assert "No questions are published yet." in page.locator("#questions").inner_text()
    assert plain not in page.locator("#questions").inner_text()


def test_a_resident_books_a_reception_slot_and_cancels_it(live_server, page):
    world = visit_with_every_panel()
    iin = make_iin(serial=7)
    page.goto(meeting_page(live_server, world))

    reception = page.locator("#reception")
    reception.get_by_label("13:00–13:15").check()
    reception.get_by_label("Surname, name and patronymic").fill("Testova Testa Testovna")
    reception.get_by_label("IIN", exact=True).fill(iin)
    reception.get_by_label("Phone", exact=True).fill("+7 701 555 00 77")
    reception.get_by_label("What you want to raise").fill("Water supply in the village")
    reception.get_by_label("I agree that my name").check()
    reception.get_by_role("button", name="Book this time").click()

    booking = Booking.objects.get()
    assert (booking.status, booking.iin, booking.slot.starts_at) == (Booking.Status.BOOKED, iin, at(13))
    assert page.locator(".reception-code").inner_text() == booking.code

    page.get_by_role("link", name="Cancel a booking").click()
    page.get_by_label("Confirmation code").fill(booking.code)
    page.get_by_label("IIN", exact=True).fill(iin)
    page.get_by_role("button", name="Cancel the booking").click()

    assert "Your booking is cancelled." in page.locator("#reception-result").inner_text()
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CANCELLED
    assert page.locator("#reception").get_by_label("13:00–13:15").count() == 1  # the time is free again
