"""A meeting run end to end in several browser windows at once (issue 5): the moderator (the ministry's
editor, who also keeps the timekeeper open in a second tab), the official's tablet at the podium, the hall
screen on the projector and two citizens on their phones.

Questions arrive from every channel — the live page, the hall (typed by staff), the broadcast (the signed
webhook and an exported comment file) — are merged, voted for, shortlisted, put on screen and dealt with;
the watchers' pages follow by themselves (they poll every 5 s: each wait allows 8 s and nothing reloads
them); the timekeeper closes the meeting and staff complete its record.
"""

import json
from decimal import ROUND_HALF_UP, Decimal
from zoneinfo import ZoneInfo

import pytest
from django.core.cache import cache
from django.urls import reverse
from playwright.sync_api import expect

from kezdesu.meetings.models import LiveMeeting, OfficialAccount, TimerSegment, Visit
from kezdesu.questions.interfaces.broadcast_webhook import signature_of
from kezdesu.questions.models import Channel, Question, QuestionVote
from tests.factories.live import LiveWorld, build_live_world

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "e2e-live-meeting"
SECRET = "the-platform-integration-secret"
POLLED = 8_000  # ms: the pages poll every 5 s
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
ALMATY = ZoneInfo("Asia/Almaty")

ASKED_LIVE = "When will the bus to Aksu village run again?"
ASKED_IN_HALL = "Can the district clinic get a second paediatrician this year?"
# The same worry as ASKED_LIVE in other words: the moderator merges the two.
COMMENTED = "Our village Aksu has been without a bus since spring, when does it come back?"
IMPORTED = "Will the ministry help the music school buy new instruments?"
YOUTUBE_EXPORT = {
    "kind": "youtube#commentThreadListResponse",
    "items": [
        {
            "id": "UgxE2eLive1",
            "snippet": {
                "topLevelComment": {
                    "id": "UgxE2eLive1",
                    "snippet": {
                        "textOriginal": IMPORTED,
                        "authorDisplayName": "Dana",
                        "publishedAt": "2027-03-10T10:20:00Z",
                    },
                }
            },
        }
    ],
}


def live_meeting_world() -> tuple[LiveWorld, OfficialAccount]:
    cache.clear()  # the live pages' revisions and snapshots live in the cache; ids repeat between tests
    world = build_live_world()
    for role in ("ministry_editor", "ministry_approver"):
        user = world.user(role)
        user.set_password(PASSWORD)
        user.save(update_fields=["password"])
    account = OfficialAccount.objects.get(organisation=world.visit.organisation)
    account.webhook_secret = SECRET
    account.save(update_fields=["webhook_secret"])
    return world, account


@pytest.fixture
def window(browser, live_server):
    """Opens browser windows of their own (cookies included), closed after the test. They never leave the
    test server: the broadcast's embedded player is not fetched."""
    contexts = []

    def open_window(**options):
        context = browser.new_context(**options)
        contexts.append(context)
        context.route(
            "**/*",
            lambda route: route.continue_() if route.request.url.startswith(live_server.url) else route.abort(),
        )
        return context.new_page()

    yield open_window
    for context in contexts:
        context.close()


def sign_in(page, base_url: str, username: str) -> None:
    page.goto(f"{base_url}/en/office/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    assert page.url == f"{base_url}/en/office/"


def message(page) -> str:
    return page.locator(".messages").inner_text()


def mark_loaded(page) -> None:
    """Leave a mark in the page's window: it survives polling and swapping, not a reload."""
    page.evaluate("() => { window.e2eNotReloaded = true; }")


def not_reloaded(page) -> bool:
    return page.evaluate("() => window.e2eNotReloaded === true")


def asked(text: str, channel: str) -> Question:
    return Question.objects.get(text=text, channel=channel)


def facts(page) -> dict[str, str]:
    """The record's facts, term by term."""
    terms = page.locator("dl.record-facts dt").all_inner_texts()
    values = page.locator("dl.record-facts dd").all_inner_texts()
    return dict(zip(terms, values, strict=True))


def clock(seconds: int) -> str:
    minutes, seconds = divmod(seconds, 60)
    return f"{minutes}:{seconds:02d}"


def seconds_of(meeting: LiveMeeting, kind: str) -> int:
    return sum(
        int((segment.ended_at - segment.started_at).total_seconds())
        for segment in TimerSegment.objects.filter(meeting=meeting, kind=kind)
    )


def post_comment(platform, base_url: str, visit: Visit, account: OfficialAccount, body: bytes, **headers: str):
    return platform.context.request.post(
        base_url + reverse("api:live-broadcast-comments", args=[visit.pk]),
        data=body,
        headers={"Content-Type": "application/json", "X-Kezdesu-Account": str(account.pk), **headers},
    )


def test_a_meeting_runs_in_five_windows_and_leaves_a_complete_record(live_server, window, tmp_path):
    world, account = live_meeting_world()
    visit, base = world.visit, live_server.url
    road = world.questions[0]
    akimat = world.visit_world.roles.akimat
    console_url = base + reverse("office:live_console", args=[visit.pk])
    live_url = base + reverse("portal:live", args=[visit.pk])

    console = window(viewport={"width": 1280, "height": 900})
    sign_in(console, base, "ministry_editor")
    timekeeper = console.context.new_page()  # the moderator keeps the timekeeper in a second tab
    timekeeper.goto(base + reverse("office:live_timekeeper", args=[visit.pk]))
    official = window(viewport={"width": 1024, "height": 768})
    sign_in(official, base, "ministry_approver")
    official.goto(base + reverse("office:live_official", args=[visit.pk]))
    screen = window(viewport={"width": 1280, "height": 720})
    screen.goto(base + reverse("portal:live_screen", args=[visit.pk]))
    citizen1 = window(**PHONE)
    citizen1.goto(live_url)
    citizen2 = window(**PHONE)
    citizen2.goto(live_url)
    platform = window()  # the platform's integration calling the webhook
    for watcher in (official, screen, citizen2):
        mark_loaded(watcher)

    expect(screen.locator(".screen__stage")).to_have_text("Not started")
    expect(official.locator(".official__stage")).to_have_text("Not started")
    expect(citizen2.locator(".live-stage__name")).to_have_text("not started yet")
    expect(screen.get_by_role("img", name="QR code of")).to_be_visible()

    # The timekeeper starts the presentation; every watcher's page follows.
    timekeeper.get_by_role("button", name="Start the presentation").click()
    expect(timekeeper.locator(".timekeeper__stage strong")).to_have_text("Presentation")
    expect(screen.locator(".screen__stage")).to_have_text("Presentation", timeout=POLLED)
    expect(official.locator(".official__stage")).to_have_text("Presentation", timeout=POLLED)
    expect(citizen2.locator(".live-stage__name")).to_have_text("the presentation", timeout=POLLED)
    timekeeper.get_by_role("button", name="Start questions and answers").click()
    expect(timekeeper.locator(".timekeeper__stage strong")).to_have_text("Questions and answers")
    expect(screen.locator(".screen__stage")).to_have_text("Questions and answers", timeout=POLLED)
    expect(citizen2.locator(".live-stage__name")).to_have_text("questions and answers", timeout=POLLED)

    # Citizen 1 asks from the phone; citizen 2's list shows it without reloading.
    citizen1.get_by_label("Your question").fill(ASKED_LIVE)
    citizen1.get_by_role("button", name="Send the question").click()
    # Sent with htmx: the confirmation shows in place of the form, the page is not reloaded.
    expect(citizen1.locator("#live-ask-result")).to_have_text(
        "Thank you: your question is in the list of questions. Others can vote for it."
    )
    live_question = asked(ASKED_LIVE, Channel.LIVE_PAGE)
    assert live_question.status == Question.Status.PUBLISHED
    expect(citizen1.locator(f"#q-{live_question.pk} .live-question__text")).to_have_text(ASKED_LIVE)
    expect(citizen2.locator(f"#q-{live_question.pk} .live-question__text")).to_have_text(ASKED_LIVE, timeout=POLLED)

    # Staff type a question asked aloud in the hall.
    console.goto(console_url)
    console.locator("#hall-text").fill(ASKED_IN_HALL)
    console.get_by_role("button", name="Add to the stream").click()
    assert "The hall question is in the stream and published." in message(console)
    hall_question = asked(ASKED_IN_HALL, Channel.HALL)
    expect(console.locator(f"#question-{hall_question.pk} blockquote")).to_have_text(ASKED_IN_HALL)

    # The platform's integration delivers a broadcast comment: unsigned it is refused, signed it is added once,
    # and the console shows it without reloading.
    body = json.dumps({"id": "yt-chat-1", "text": COMMENTED, "author": "Nurlan"}).encode()
    unsigned = post_comment(platform, base, visit, account, body)
    assert (unsigned.status, unsigned.json()["code"]) == (401, "unsigned")
    forged = post_comment(platform, base, visit, account, body, **{"X-Kezdesu-Signature": "sha256=" + "0" * 64})
    assert (forged.status, forged.json()["code"]) == (401, "bad_signature")
    assert not Question.objects.filter(channel=Channel.BROADCAST).exists()
    signed = {"X-Kezdesu-Signature": signature_of(SECRET, body)}
    assert post_comment(platform, base, visit, account, body, **signed).status == 201
    assert post_comment(platform, base, visit, account, body, **signed).status == 200
    comment = asked(COMMENTED, Channel.BROADCAST)
    expect(console.locator(f"#question-{comment.pk} blockquote")).to_have_text(COMMENTED, timeout=POLLED)

    # The comments exported from YouTube are imported from a file.
    export = tmp_path / "youtube-comments.json"
    export.write_text(json.dumps(YOUTUBE_EXPORT), encoding="utf-8")
    console.get_by_text("Comments from the broadcast").click()
    console.get_by_label("Platform").select_option(label="YouTube")
    console.get_by_label("File", exact=True).set_input_files(export)
    console.get_by_role("button", name="Import the comments").click()
    assert "Comments added: 1; already in the stream: 0; refused: 0." in message(console)
    imported = asked(IMPORTED, Channel.BROADCAST)
    assert imported.external_id == "youtube:UgxE2eLive1"

    # The moderator merges the live page's question and the broadcast comment: the same worry.
    console.get_by_label(f"Question {live_question.pk}", exact=True).check()
    console.get_by_label(f"Question {comment.pk}", exact=True).check()
    console.get_by_role("button", name="Merge the ticked questions as duplicates").click()
    assert "The questions are merged: 2 people asked it." in message(console)
    assert console.locator(f"#question-{comment.pk}").count() == 0  # a group shows as its first question
    merged = citizen2.locator(f"#q-{live_question.pk} .live-question__meta")
    expect(merged).to_contain_text("2 people asked this", timeout=POLLED)
    assert not_reloaded(citizen2)

    # Both citizens vote for it; citizen 1's second vote counts once.
    # Sent with htmx: only the question and the status line change, the broadcast above keeps playing.
    vote = f"Vote for question {live_question.pk}"
    citizen1.get_by_role("button", name=vote).click()
    expect(citizen1.locator("#live-vote-result")).to_have_text("Thank you: your vote is counted.")
    citizen1.get_by_role("button", name=vote).click()
    expect(citizen1.locator("#live-vote-result")).to_have_text(
        "You have already voted for this question: a vote counts once."
    )
    citizen2.get_by_role("button", name=vote).click()
    expect(citizen2.locator("#live-vote-result")).to_have_text("Thank you: your vote is counted.")
    live_question.refresh_from_db()
    assert live_question.votes == 2
    assert QuestionVote.objects.filter(question=live_question).count() == 2
    expect(citizen2.locator(f"#q-{live_question.pk} .live-question__votes")).to_have_text("2 votes")
    assert not_reloaded(citizen2)

    # The moderator shortlists it and the hall question, and puts it on screen.
    console.goto(console_url)
    for question in (live_question, hall_question):
        console.locator(f"#question-{question.pk}").get_by_role("button", name="Shortlist").click()
        assert "The question is on the shortlist." in message(console)
    console.locator(f"#question-{live_question.pk}").get_by_role("button", name="Put on the screen").click()
    assert "The question is on the screen." in message(console)

    expect(screen.locator(".screen__question")).to_have_text(ASKED_LIVE, timeout=POLLED)
    expect(screen.locator(".screen__meta")).to_have_text("The live meeting page · 2 people asked · 2 votes")
    expect(official.locator(".official__question")).to_have_text(ASKED_LIVE, timeout=POLLED)
    expect(official.locator(".official__current .official__meta")).to_have_text("2 people asked · 2 votes")
    expect(official.locator(".official__shortlist .official__item")).to_have_text([ASKED_IN_HALL])
    expect(citizen2.locator(".live-current__text")).to_have_text(ASKED_LIVE, timeout=POLLED)
    shortlist = citizen2.get_by_role("region", name="Chosen to be asked")
    expect(shortlist.locator(".live-question__text")).to_have_text([ASKED_LIVE, ASKED_IN_HALL])

    # The minister answers it; the hall question is to be answered in writing; the road goes to the akimat.
    def record_outcome(question: Question, outcome: str, body: str = "", note: str = "") -> None:
        item = console.locator(f"#question-{question.pk}")
        item.get_by_text("Outcome, forwarding or hiding").click()
        item.get_by_label("What became of it").select_option(label=outcome)
        if body:
            item.get_by_label("Forwarded to").select_option(label=body)
        if note:
            item.get_by_label("Note").fill(note)
        item.get_by_role("button", name="Record the outcome").click()
        assert "What became of the question is recorded." in message(console)

    record_outcome(live_question, "Answered at the meeting")
    record_outcome(hall_question, "To be answered in writing")
    record_outcome(road, "Forwarded", body=akimat.name, note="Regional roads are the akimat's")

    dealt_with = citizen2.get_by_role("region", name="Dealt with")
    expect(dealt_with.locator(".live-question")).to_have_count(3, timeout=POLLED)
    expect(citizen2.locator(f"#q-{live_question.pk} .state")).to_have_text("Answered at the meeting")
    expect(citizen2.locator(f"#q-{hall_question.pk} .state")).to_have_text("To be answered in writing")
    expect(citizen2.locator(f"#q-{road.pk} .state")).to_have_text(f"Forwarded to {akimat.name}")
    expect(citizen2.get_by_role("button", name=vote)).to_have_count(0)

    # The timekeeper closes the meeting: the screen thanks the hall, the live page takes no more questions.
    timekeeper.get_by_label("The meeting is over: stop the clock for good.").check()
    timekeeper.get_by_role("button", name="Close the meeting").click()
    assert "The meeting is closed. Fill in its record." in message(timekeeper)
    expect(screen.locator(".screen__idle")).to_have_text(
        "The meeting is over. Thank you for your questions.", timeout=POLLED
    )
    expect(official.locator(".official__stage")).to_have_text("Closed", timeout=POLLED)
    expect(citizen2.locator(".live-stage__name")).to_have_text("closed", timeout=POLLED)
    expect(citizen2.get_by_role("button", name="Vote for question")).to_have_count(0)
    citizen1.goto(live_url)
    expect(citizen1.get_by_role("complementary", name="Ask a question")).to_contain_text(
        "The meeting is not taking questions now."
    )
    visit.refresh_from_db()
    # The meeting took place (its part says so); the visit closes once its other parts are recorded.
    assert visit.parts.get(kind="meeting").outcome == "took_place"
    assert visit.status == Visit.Status.PUBLISHED
    assert [not_reloaded(watcher) for watcher in (official, screen, citizen2)] == [True, True, True]

    # Staff complete the record.
    record = timekeeper
    record.get_by_label("People in the hall").fill("250")
    record.get_by_label("Online viewers").fill("10400")
    record.get_by_label("Participants").fill("Minister of the first ministry\nAkim of the region")
    record.get_by_label("Links to the recordings").fill("https://www.youtube.com/watch?v=abcdefghijk")
    record.get_by_role("button", name="Save the record").click()
    assert "The record is saved." in message(record)

    meeting = LiveMeeting.objects.get(pk=world.meeting.pk)
    part = meeting.part
    segments = list(TimerSegment.objects.filter(meeting=meeting).order_by("started_at"))
    assert [segment.kind for segment in segments] == ["presentation", "questions"]
    presentation, questions = (seconds_of(meeting, kind) for kind in ("presentation", "questions"))
    used_percent = (Decimal(presentation * 100) / Decimal(presentation + questions)).quantize(
        Decimal(1), rounding=ROUND_HALF_UP
    )
    start, end = segments[0].started_at.astimezone(ALMATY), meeting.closed_at.astimezone(ALMATY)
    minutes = int((meeting.closed_at - segments[0].started_at).total_seconds() // 60)
    planned_start, planned_end = part.starts_at.astimezone(ALMATY), part.ends_at.astimezone(ALMATY)
    expected_facts = {
        "Planned": f"{planned_start:%d.%m.%Y, %H:%M} – {planned_end:%H:%M} (180 minutes)",
        "Actual": f"{start:%d.%m.%Y, %H:%M} – {end:%H:%M} ({minutes} minute{'' if minutes == 1 else 's'})",
        "Presentation": clock(presentation),
        "Questions and answers": clock(questions),
        "The presentation's share": (
            "The presentation has used 0 of 45 allowed minutes (0% of 180 planned; at most 25%). "
            f"Of the time used: {used_percent}%."
        ),
        "People in the hall": "250",
        "Online viewers": "10400",
        "Participants": "Minister of the first ministry\nAkim of the region",
        "Recordings": "https://www.youtube.com/watch?v=abcdefghijk",
    }
    assert facts(record) == expected_facts
    # Eight published questions: the four of the factory, the live page's, the merged comment, the hall's and
    # the file's. The merged comment shares the outcome of the question it was merged with.
    assert record.locator(".record-counts li").all_inner_texts() == [
        "Answered at the meeting: 2",
        "To be answered in writing: 1",
        "Forwarded: 1",
        "No outcome recorded: 4",
        "Hidden: 0",
    ]
    rows = {
        cells[0]: cells[1:]
        for cells in (row.locator("td").all_inner_texts() for row in record.locator("table tbody tr").all())
    }
    assert rows == {
        ASKED_LIVE: ["the live meeting page", "2", "Published", "Answered at the meeting"],
        COMMENTED: ["broadcast comments", "0", "Published", "Answered at the meeting"],
        IMPORTED: ["broadcast comments", "0", "Published", "—"],
        ASKED_IN_HALL: ["the hall", "0", "Published", "To be answered in writing"],
        road.text: ["the meeting page", "0", "Published", f"Forwarded: {akimat.name}\nRegional roads are the akimat's"],
        **{question.text: [question.get_channel_display(), "0", "Published", "—"] for question in world.questions[1:]},
    }

    # The public record says the same to everyone.
    citizen2.goto(base + reverse("portal:visit_record", args=[visit.pk]))
    assert facts(citizen2) == expected_facts
    public = {
        item.locator("p").nth(0).inner_text(): item.locator("strong").inner_text()
        for item in citizen2.locator(".record-questions li").all()
    }
    assert public[ASKED_LIVE] == "Answered at the meeting"
    assert public[ASKED_IN_HALL] == "To be answered in writing"
    assert public[road.text] == f"Forwarded: {akimat.name}"
    assert len(public) == 8
