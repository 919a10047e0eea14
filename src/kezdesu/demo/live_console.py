"""Live console demo data: comments under the broadcasts of the announced demo visits, and webhook secrets.

Runs after the questions and moderation demos. For each announced (published) visit it imports the sample
exports of the platforms in files/ — YouTube (youtube-comments.json, with a spam comment that waits for a
moderator and a one-emoji comment the importer refuses), Facebook, Telegram and VK — through the same importer
as the console's upload, their dates moved to the day before the meeting (or before today). Each official
account of the visits' ministries gets a webhook secret, "kezdesu-demo-webhook-<account id>", so the signed
webhook can be tried:

    body='{"id": "demo-1", "text": "When will the new school open in our district?"}'
    sig=$(printf '%s' "$body" | openssl dgst -sha256 -hmac "kezdesu-demo-webhook-<id>" | cut -d' ' -f2)
    curl -X POST -H "X-Kezdesu-Account: <id>" -H "X-Kezdesu-Signature: sha256=$sig" \
         -H "Content-Type: application/json" -d "$body" http://localhost:8000/api/v1/visits/<visit>/broadcast-comments/

A visit that already has broadcast comments is skipped, so running it twice changes nothing.
"""

from collections.abc import Iterable

from django.db import transaction

from kezdesu.demo.accounts import demo_account
from kezdesu.demo.clock import DemoClock
from kezdesu.demo.sample_files import sample
from kezdesu.meetings.models import OfficialAccount, Platform, Visit, VisitPart
from kezdesu.organisations.models import User
from kezdesu.questions.interfaces.comment_importers import import_comment_file
from kezdesu.questions.models import Channel, Question

COMMENT_FILES = (
    (Platform.YOUTUBE, "youtube-comments.json"),
    (Platform.FACEBOOK, "facebook-comments.json"),
    (Platform.TELEGRAM, "telegram-comments.json"),
    (Platform.VK, "vk-comments.json"),
)
COORDINATOR = "culture-information.coordinator"


def demo_webhook_secret(account: OfficialAccount) -> str:
    return f"kezdesu-demo-webhook-{account.pk}"


def _importer(visit: Visit) -> User:
    try:
        return demo_account(f"{visit.organisation.code}.editor")
    except User.DoesNotExist:
        return demo_account(COORDINATOR)


@transaction.atomic
def add_live_console_demo(clock: DemoClock, visits: Iterable[Visit]) -> dict[str, int]:
    """Import the sample comment files into each announced visit's stream; set the demo webhook secrets."""
    announced = [visit for visit in visits if visit.status == Visit.Status.PUBLISHED]
    secrets = 0
    for account in OfficialAccount.objects.filter(
        organisation__in={visit.organisation_id for visit in announced}, webhook_secret=""
    ):
        account.webhook_secret = demo_webhook_secret(account)
        account.save(update_fields=["webhook_secret"])
        secrets += 1
    comments = 0
    for visit in announced:
        if Question.objects.filter(visit=visit, channel=Channel.BROADCAST).exists():
            continue
        actor = _importer(visit)
        meeting = visit.parts.filter(kind=VisitPart.Kind.MEETING).first()
        ends = meeting.ends_at if meeting is not None and meeting.ends_at is not None else clock.now
        last = min(ends, clock.now)
        for platform, name in COMMENT_FILES:
            batch = import_comment_file(
                actor=actor, visit=visit, platform=platform, file_name=name, content=sample(name, last=last)
            )
            comments += batch.created
    return {"visits": len(announced), "comments": comments, "webhook_secrets": secrets}
