"""The signed webhook by which a platform's integration delivers broadcast comments as they are written.

    POST /api/v1/visits/<visit id>/broadcast-comments/
    X-Kezdesu-Account: <the OfficialAccount's id>
    X-Kezdesu-Signature: sha256=<hex HMAC-SHA256 of the raw body, keyed with the account's webhook_secret>
    {"id": "<the comment's id on the platform>", "text": "…", "author": "…", "published_at": "2027-03-10T10:15:00Z"}

The account must be one of the visit's ministry and have a secret. Every refusal says why and saves
nothing; the same comment delivered again answers "already there".
"""

from __future__ import annotations

import hashlib
import hmac
import json
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from kezdesu.meetings.models import OfficialAccount, Visit
from kezdesu.questions.domain.intake import parse_received
from kezdesu.questions.domain.live_intake import receive_broadcast_comment
from kezdesu.questions.models import Question

MAX_BODY_BYTES = 16 * 1024
SIGNATURE_HEADER = "X-Kezdesu-Signature"
ACCOUNT_HEADER = "X-Kezdesu-Account"


class WebhookRefused(Exception):
    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message


@dataclass(frozen=True)
class Delivery:
    question: Question
    created: bool


def signature_of(secret: str, body: bytes) -> str:
    """The header value an integration sends: "sha256=" and the hex HMAC-SHA256 of the body."""
    return "sha256=" + hmac.new(secret.encode("utf-8"), body, hashlib.sha256).hexdigest()


def too_large() -> WebhookRefused:
    return WebhookRefused(
        413, "too_large", _("The body is too large: at most %(max)s KB.") % {"max": MAX_BODY_BYTES // 1024}
    )


def _account(visit: Visit, account_header: str) -> OfficialAccount:
    if not account_header.strip().isdigit():
        raise WebhookRefused(401, "no_account", _("Name the official account in the X-Kezdesu-Account header."))
    account = OfficialAccount.objects.filter(pk=int(account_header)).first()
    if account is None or account.organisation_id != visit.organisation_id:
        raise WebhookRefused(
            403, "unknown_account", _("The account is not an official account of the visit's ministry.")
        )
    if not account.webhook_secret:
        raise WebhookRefused(403, "no_secret", _("The account has no webhook secret: ask the ministry to set one."))
    return account


def _verify(account: OfficialAccount, body: bytes, signature_header: str) -> None:
    if not signature_header:
        raise WebhookRefused(401, "unsigned", _("The call is not signed: send the X-Kezdesu-Signature header."))
    if not hmac.compare_digest(signature_of(account.webhook_secret, body), signature_header.strip()):
        raise WebhookRefused(401, "bad_signature", _("The signature does not match the body and the account's secret."))


def _field(payload: dict[str, Any], name: str) -> str:
    value = payload.get(name)
    if value is None:
        return ""
    if not isinstance(value, str | int):
        raise WebhookRefused(400, "malformed", _("The field “%(field)s” must be a string.") % {"field": name})
    return str(value).strip()


def deliver_comment(*, visit: Visit, body: bytes, account_header: str, signature_header: str) -> Delivery:
    """Check the call and add its comment to the meeting's stream; WebhookRefused says why not."""
    if len(body) > MAX_BODY_BYTES:
        raise too_large()
    account = _account(visit, account_header)
    _verify(account, body, signature_header)
    try:
        payload = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise WebhookRefused(400, "malformed", _("The body is not valid JSON in UTF-8.")) from None
    if not isinstance(payload, dict):
        raise WebhookRefused(400, "malformed", _("The body must be a JSON object."))
    comment_id, text = _field(payload, "id"), _field(payload, "text")
    missing = [name for name, value in (("id", comment_id), ("text", text)) if not value]
    if missing:
        raise WebhookRefused(
            400, "missing_fields", _("Required fields are missing: %(fields)s.") % {"fields": ", ".join(missing)}
        )
    published_at = None
    if _field(payload, "published_at"):
        published_at = parse_received(_field(payload, "published_at"))
        if published_at is None:
            raise WebhookRefused(400, "malformed", _("“published_at” must be a date and time in ISO 8601."))
    question, created = receive_broadcast_comment(
        account=account,
        visit=visit,
        comment_id=comment_id,
        text=text,
        author=_field(payload, "author"),
        published_at=published_at,
    )
    return Delivery(question=question, created=created)
