"""Reading the comments under a broadcast from the files the platforms export (no network access assumed).

Each platform's own export is read as it comes; every comment keeps its platform and id ("youtube:Ugx…"),
so importing the same file again adds nothing.

YouTube  — the Data API's `commentThreads.list` answer (JSON), one page or a list of pages:
           {"items": [{"id": "Ugx…", "snippet": {"topLevelComment": {"id": "Ugx…", "snippet": {
               "textOriginal": "…", "authorDisplayName": "…", "publishedAt": "2027-03-10T10:15:00Z"}}}}]}
Facebook — the Graph API's `/{live-video-id}/comments` answer (JSON), one page or a list of pages:
           {"data": [{"id": "1234_5678", "message": "…", "from": {"name": "…"},
               "created_time": "2027-03-10T10:15:00+0000"}]}
Telegram — Telegram Desktop's "Export chat history" in JSON (`result.json` of the discussion group):
           {"messages": [{"id": 42, "type": "message", "date": "2027-03-10T15:15:00", "from": "…",
               "text": "…" or ["…", {"type": "bold", "text": "…"}]}]}; service messages are skipped,
           a date without a zone is the meeting's local time.
VK       — the API's `wall.getComments` answer with `extended=1` (JSON):
           {"response": {"items": [{"id": 7, "from_id": 1001, "date": 1804662900, "text": "…"}],
               "profiles": [{"id": 1001, "first_name": "…", "last_name": "…"}]}}; `date` is Unix time.
Any      — CSV in the questions' import schema (questions/interfaces/importers.py): columns id, date, name, text.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Callable, Iterable
from pathlib import PurePath
from typing import Any

from django.utils.translation import gettext as _

from kezdesu.meetings.models import Platform, Visit
from kezdesu.questions.domain.intake import ImportRow, QuestionFile
from kezdesu.questions.domain.live_intake import broadcast_external_id, import_broadcast_comments
from kezdesu.questions.interfaces.importers import MAX_FILE_BYTES, MAX_ROWS, ImportFileError, read_question_file
from kezdesu.questions.models import ImportBatch

COMMENT_PLATFORMS = (Platform.YOUTUBE, Platform.FACEBOOK, Platform.TELEGRAM, Platform.VK)

Comment = tuple[str, str, str, str]  # id, date, author, text


def _pages(data: Any) -> list[Any]:
    return data if isinstance(data, list) else [data]


def _youtube(data: Any) -> Iterable[Comment]:
    for page in _pages(data):
        if not isinstance(page, dict) or not isinstance(page.get("items"), list):
            raise ImportFileError(_("This is not a YouTube export: it has no “items” list of comment threads."))
        for item in page["items"]:
            top = (item.get("snippet") or {}).get("topLevelComment") or {} if isinstance(item, dict) else {}
            snippet = top.get("snippet") or {}
            yield (
                str(top.get("id") or item.get("id") or ""),
                str(snippet.get("publishedAt") or ""),
                str(snippet.get("authorDisplayName") or ""),
                str(snippet.get("textOriginal") or snippet.get("textDisplay") or ""),
            )


def _facebook(data: Any) -> Iterable[Comment]:
    for page in _pages(data):
        if not isinstance(page, dict) or not isinstance(page.get("data"), list):
            raise ImportFileError(_("This is not a Facebook export: it has no “data” list of comments."))
        for item in page["data"]:
            if not isinstance(item, dict):
                continue
            author = item.get("from") or {}
            yield (
                str(item.get("id") or ""),
                str(item.get("created_time") or ""),
                str(author.get("name") or "") if isinstance(author, dict) else "",
                str(item.get("message") or ""),
            )


def _telegram_text(text: Any) -> str:
    if isinstance(text, list):  # plain pieces and formatted entities
        return "".join(piece if isinstance(piece, str) else str(piece.get("text", "")) for piece in text)
    return str(text or "")


def _telegram(data: Any) -> Iterable[Comment]:
    if not isinstance(data, dict) or not isinstance(data.get("messages"), list):
        raise ImportFileError(_("This is not a Telegram export: it has no “messages” list."))
    for item in data["messages"]:
        if not isinstance(item, dict) or item.get("type", "message") != "message":
            continue  # a service message: someone joined, a pinned post
        yield (
            str(item.get("id") or ""),
            str(item.get("date") or ""),
            str(item.get("from") or ""),
            _telegram_text(item.get("text")),
        )


def _vk(data: Any) -> Iterable[Comment]:
    response = data.get("response") if isinstance(data, dict) else None
    if not isinstance(response, dict) or not isinstance(response.get("items"), list):
        raise ImportFileError(_("This is not a VK export: it has no “response” with an “items” list."))
    names = {
        profile.get("id"): f"{profile.get('first_name', '')} {profile.get('last_name', '')}".strip()
        for profile in response.get("profiles") or []
        if isinstance(profile, dict)
    }
    for item in response["items"]:
        if not isinstance(item, dict):
            continue
        date = item.get("date")
        moment = datetime.datetime.fromtimestamp(date, tz=datetime.UTC).isoformat() if isinstance(date, int) else ""
        yield (str(item.get("id") or ""), moment, names.get(item.get("from_id"), ""), str(item.get("text") or ""))


READERS: dict[str, Callable[[Any], Iterable[Comment]]] = {
    Platform.YOUTUBE: _youtube,
    Platform.FACEBOOK: _facebook,
    Platform.TELEGRAM: _telegram,
    Platform.VK: _vk,
}


def _row(platform: str, number: int, comment: Comment) -> ImportRow:
    comment_id, date, author, text = comment
    return ImportRow(
        number=number,
        external_id=broadcast_external_id(platform, comment_id) if comment_id else "",
        date=date,
        name=author,
        region="",
        district="",
        topic="",
        text=text,
        contact="",
    )


def read_comment_file(platform: str, file_name: str, content: bytes) -> QuestionFile:
    """The comments of a platform's export as rows, or ImportFileError saying what is wrong with the file."""
    if platform not in READERS:
        raise ImportFileError(_("Choose the platform the comments were exported from."))
    if len(content) > MAX_FILE_BYTES:
        raise ImportFileError(
            _("The file is too large: at most %(max)s MB. Split it into smaller files.")
            % {"max": MAX_FILE_BYTES // 1024 // 1024}
        )
    suffix = PurePath(file_name).suffix.casefold()
    if suffix == ".csv":
        rows = read_question_file(file_name, content).rows
        return QuestionFile(
            file_name=file_name,
            file_format=ImportBatch.Format.CSV,
            rows=[
                ImportRow(**{**row.__dict__, "external_id": broadcast_external_id(platform, row.external_id)})
                if row.external_id
                else row
                for row in rows
            ],
        )
    if suffix != ".json":
        raise ImportFileError(
            _("The file “%(name)s” is not a JSON or CSV file: upload the platform's export as it came.")
            % {"name": file_name}
        )
    try:
        data = json.loads(content.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError) as error:
        raise ImportFileError(_("The file is not valid JSON: %(error)s") % {"error": error}) from None
    rows = []
    for number, comment in enumerate(READERS[platform](data), start=1):
        if number > MAX_ROWS:
            raise ImportFileError(
                _("The file has more than %(max)s comments. Split it into smaller files.") % {"max": f"{MAX_ROWS:,}"}
            )
        rows.append(_row(platform, number, comment))
    if not rows:
        raise ImportFileError(_("The file holds no comments."))
    return QuestionFile(file_name=file_name, file_format=ImportBatch.Format.JSON, rows=rows)


def import_comment_file(*, actor: Any, visit: Visit, platform: str, file_name: str, content: bytes) -> ImportBatch:
    """Read the platform's export and add its comments to the meeting's stream (see `import_broadcast_comments`)."""
    return import_broadcast_comments(
        actor=actor, visit=visit, platform=platform, source=read_comment_file(platform, file_name, content)
    )
