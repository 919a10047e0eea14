"""Reads of the library (R25): the documents with their version in force, a document's versions, and a
version's text in a page's language."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet

from kezdesu.reports.domain.text_diff import TextDiff, diff_texts
from kezdesu.reports.models import DocumentVersion, LibraryDocument

PUBLISHED = DocumentVersion.Status.PUBLISHED
DRAFT = DocumentVersion.Status.DRAFT


@dataclass(frozen=True)
class LibraryEntry:
    document: LibraryDocument
    in_force: DocumentVersion | None
    draft: DocumentVersion | None
    published: int  # how many versions have been published


def library_entries(*, drafts: bool = False, published_only: bool = True) -> list[LibraryEntry]:
    """Every document with its version in force (and its draft, for the keepers), in the library's order.

    With `published_only`, documents that have never had a published version are left out (the public list).
    Two queries, whatever the number of documents.
    """
    versions = DocumentVersion.objects.order_by("-number")
    if not drafts:
        versions = versions.filter(status=PUBLISHED)
    documents = LibraryDocument.objects.prefetch_related(Prefetch("versions", queryset=versions, to_attr="listed"))
    entries = []
    for document in documents:
        listed: list[DocumentVersion] = document.listed
        published = [version for version in listed if version.status == PUBLISHED]
        if published_only and not published:
            continue
        entries.append(
            LibraryEntry(
                document=document,
                in_force=published[0] if published else None,
                draft=next((version for version in listed if version.status == DRAFT), None),
                published=len(published),
            )
        )
    return entries


def document_versions(document: LibraryDocument, *, drafts: bool = False) -> QuerySet[DocumentVersion]:
    """The document's versions, newest first; drafts only for its keepers."""
    versions = document.versions.select_related("published_by").order_by("-number")
    return versions if drafts else versions.filter(status=PUBLISHED)


def version_in_force(document: LibraryDocument) -> DocumentVersion | None:
    return document.versions.filter(status=PUBLISHED).order_by("-number").first()


def find_version(document: LibraryDocument, number: int, *, drafts: bool = False) -> DocumentVersion | None:
    return document_versions(document, drafts=drafts).filter(number=number).first()


@dataclass(frozen=True)
class ShownText:
    text: str
    language: str  # the language the text is in
    fallback: bool  # the page's language had no text: another is shown, and the page says so


def text_in(version: DocumentVersion, field: str, language: str) -> ShownText:
    """The version's `field` ("body" or "changes") in `language`; English falls back to Russian (then Kazakh):
    the acts are approved in the state language and Russian, an English translation is a courtesy."""
    order = {"kk": ("kk", "ru"), "ru": ("ru", "kk"), "en": ("en", "ru", "kk")}.get(language[:2], ("kk", "ru"))
    for code in order:
        text = getattr(version, f"{field}_{code}", "") or ""
        if text.strip():
            return ShownText(text=text, language=code, fallback=code != order[0])
    return ShownText(text="", language=order[0], fallback=False)


def reference_in(version: DocumentVersion, language: str) -> str:
    """The act that approved the version as written in `language` ("" if not given in it): no fallback, so
    callers can tell a missing translation apart. Pages use `version.approval_reference`, which falls back."""
    return getattr(version, f"approval_reference_{language}", "") or ""  # modeltranslation's field: unknown to mypy


def compare_versions(old: DocumentVersion, new: DocumentVersion, language: str) -> TextDiff:
    """What changed in the text from `old` to `new` in one language (kk, ru or en)."""
    name = f"body_{language if language in ('kk', 'ru', 'en') else 'ru'}"
    return diff_texts(getattr(old, name, "") or "", getattr(new, name, "") or "")
