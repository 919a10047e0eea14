"""The library of the procedure (G3.2) and the methodological recommendations (P5.3) for meetings (R25).

The authorized body's coordinators (`reports.manage_library`) keep it: a document gets versions; a new version
starts as a draft copied from the version in force, is edited (kk and ru needed, en optional), and once
published never changes. Publishing circulates it: the editors and approvers of every ministry and akimat are
notified. Drafts are never public.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.core.validators import validate_slug
from django.db import transaction
from django.db.models import Max
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kezdesu.core.domain.audit import record_audit
from kezdesu.core.domain.notifications import notify, register_kind
from kezdesu.core.errors import DomainError, NotPermitted
from kezdesu.organisations.models import Organisation
from kezdesu.planning.domain.queries.recipients import people_with_roles
from kezdesu.reports.domain.queries.library import reference_in
from kezdesu.reports.models import DocumentVersion, LibraryDocument

LANGUAGES = ("kk", "ru", "en")
TEXT_FIELDS = tuple(f"{name}_{code}" for name in ("body", "changes") for code in LANGUAGES)
TEXT_MAX = 100_000
REFERENCE_MAX = 300
PUBLISHED_KIND = "reports.library_published"

register_kind(
    PUBLISHED_KIND,
    message=gettext_lazy(
        "The authorized body has approved version %(number)s of “%(title)s” (%(reference)s, %(approved_on)s). "
        "Read it and what changed on the site."
    ),
    subject=gettext_lazy("New version of “%(title)s”"),
)


def _check(actor: Any) -> None:
    if not actor.has_perm("reports.manage_library"):
        raise NotPermitted(_("Only the authorized body's coordinators keep the library of documents."))


def _authorized_body() -> Organisation | None:
    return Organisation.objects.filter(is_authorized_body=True).first()


def create_document(
    *, actor: Any, code: str, kind: str, title_kk: str, title_ru: str, title_en: str = ""
) -> LibraryDocument:
    _check(actor)
    code = code.strip().lower()
    titles = {"title_kk": title_kk.strip(), "title_ru": title_ru.strip(), "title_en": title_en.strip()}
    try:
        validate_slug(code)
    except Exception:
        raise DomainError(
            _("The code is the document's address: use Latin letters, digits and hyphens."), code="code"
        ) from None
    if kind not in LibraryDocument.Kind.values:
        raise DomainError(_("Choose the kind of document."), code="kind")
    if not titles["title_kk"] or not titles["title_ru"]:
        raise DomainError(_("Give the title in Kazakh and in Russian."), code="title")
    with transaction.atomic():
        if LibraryDocument.objects.filter(code=code).exists():
            raise DomainError(_("A document with this code already exists."), code="code_taken")
        order = (LibraryDocument.objects.aggregate(last=Max("order"))["last"] or 0) + 1
        document = LibraryDocument.objects.create(code=code, kind=kind, order=order, created_by=actor, **titles)
        record_audit(
            actor=actor,
            action="reports.library.create_document",
            target=document,
            organisation=_authorized_body(),
            new={"code": code, "kind": kind, **titles},
        )
    return document


def start_version(*, actor: Any, document: LibraryDocument) -> DocumentVersion:
    """A new draft, numbered next, starting as a copy of the version in force. One draft at a time."""
    _check(actor)
    with transaction.atomic():
        LibraryDocument.objects.select_for_update().get(pk=document.pk)  # one draft, even under a double click
        versions = DocumentVersion.objects.filter(document=document)
        if versions.filter(status=DocumentVersion.Status.DRAFT).exists():
            raise DomainError(_("This document already has a draft: finish or discard it first."), code="draft_exists")
        in_force = versions.filter(status=DocumentVersion.Status.PUBLISHED).order_by("-number").first()
        number = (versions.aggregate(last=Max("number"))["last"] or 0) + 1
        copied = {f"body_{code}": getattr(in_force, f"body_{code}", "") or "" for code in LANGUAGES}
        copied.update({f"changes_{code}": "" for code in LANGUAGES})
        version = DocumentVersion.objects.create(
            document=document, number=number, status=DocumentVersion.Status.DRAFT, created_by=actor, **copied
        )
        record_audit(
            actor=actor,
            action="reports.library.start_version",
            target=version,
            organisation=_authorized_body(),
            new={"number": number, "copied_from": in_force.number if in_force else None},
        )
    return version


def _locked_draft(version: DocumentVersion) -> DocumentVersion:
    locked = DocumentVersion.objects.select_for_update().select_related("document").get(pk=version.pk)
    if locked.status != DocumentVersion.Status.DRAFT:
        raise DomainError(_("A published version never changes: start a new version."), code="published")
    return locked


def update_draft(
    *,
    actor: Any,
    version: DocumentVersion,
    body_kk: str,
    body_ru: str,
    body_en: str = "",
    changes_kk: str,
    changes_ru: str,
    changes_en: str = "",
    approved_on: datetime.date | None,
    approval_reference_kk: str,
    approval_reference_ru: str,
    approval_reference_en: str = "",
    revision: int,
) -> DocumentVersion:
    """Save the draft. `revision` is the one the editor saw: a stale one is refused, the caller keeps the text."""
    _check(actor)
    texts = {
        "body_kk": body_kk,
        "body_ru": body_ru,
        "body_en": body_en,
        "changes_kk": changes_kk,
        "changes_ru": changes_ru,
        "changes_en": changes_en,
    }
    new: dict[str, Any] = {name: _clean(value) for name, value in texts.items()}
    new["approved_on"] = approved_on
    acts = {
        "approval_reference_kk": approval_reference_kk,
        "approval_reference_ru": approval_reference_ru,
        "approval_reference_en": approval_reference_en,
    }
    new.update({name: value.strip()[:REFERENCE_MAX] for name, value in acts.items()})
    if any(len(value) > TEXT_MAX for value in new.values() if isinstance(value, str)):
        raise DomainError(_("The text is too long."), code="too_long")
    with transaction.atomic():
        locked = _locked_draft(version)
        if locked.revision != revision:
            raise DomainError(
                _("Someone changed the draft meanwhile. Your text is kept below: compare it and save again."),
                code="changed_meanwhile",
            )
        old = {name: getattr(locked, name) if name == "approved_on" else (getattr(locked, name) or "") for name in new}
        if old == new:
            return locked
        for name, value in new.items():
            setattr(locked, name, value)
        locked.revision += 1
        locked.save(update_fields=[*new, "revision"])
        record_audit(
            actor=actor,
            action="reports.library.update_draft",
            target=locked,
            organisation=_authorized_body(),
            old={name: _plain(value) for name, value in old.items() if value != new[name]},
            new={name: _plain(value) for name, value in new.items() if value != old[name]},
        )
    version.refresh_from_db()
    return locked


def _clean(text: str) -> str:
    """Line ends normalised and the text trimmed: paragraphs are separated by blank lines."""
    return "\n".join(line.rstrip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")).strip()


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, datetime.date) else value


def missing_for_publication(version: DocumentVersion) -> list[str]:
    """What the draft still lacks to be published, as translated phrases (empty: it can be published)."""
    missing = []
    if not (getattr(version, "body_kk", "") or "").strip():  # modeltranslation's fields: unknown to mypy
        missing.append(_("the text in Kazakh"))
    if not (getattr(version, "body_ru", "") or "").strip():
        missing.append(_("the text in Russian"))
    if version.approved_on is None:
        missing.append(_("the date of approval"))
    kazakh, russian = (reference_in(version, code).strip() for code in ("kk", "ru"))
    if not kazakh and not russian:
        missing.append(_("the act that approved it"))
    elif not kazakh:
        missing.append(_("the act that approved it, in Kazakh"))
    elif not russian:
        missing.append(_("the act that approved it, in Russian"))
    return missing


def _references(version: DocumentVersion) -> dict[str, str]:
    return {code: reference_in(version, code) for code in LANGUAGES}


def document_url(document: LibraryDocument) -> str:
    try:
        with translation.override(settings.LANGUAGE_CODE):
            return reverse("portal:library_document", kwargs={"code": document.code})
    except NoReverseMatch:
        return ""


def publish_version(*, actor: Any, version: DocumentVersion, now: datetime.datetime | None = None) -> DocumentVersion:
    """Put the draft in force and circulate it to the ministries and akimats."""
    _check(actor)
    now = now or timezone.now()
    with transaction.atomic():
        locked = _locked_draft(version)
        missing = missing_for_publication(locked)
        if missing:
            raise DomainError(
                _("To publish the version, add %(missing)s.") % {"missing": ", ".join(missing)}, code="incomplete"
            )
        assert locked.approved_on is not None
        if locked.approved_on > timezone.localdate(now):
            raise DomainError(_("The date of approval cannot be in the future."), code="approved_on")
        previous = (
            DocumentVersion.objects.filter(document=locked.document, status=DocumentVersion.Status.PUBLISHED)
            .order_by("-number")
            .first()
        )
        if previous is not None and previous.approved_on and locked.approved_on < previous.approved_on:
            raise DomainError(
                _("The new version cannot be approved before the version in force (%(date)s).")
                % {"date": previous.approved_on.strftime("%d.%m.%Y")},
                code="approved_on",
            )
        locked.status = DocumentVersion.Status.PUBLISHED
        locked.published_at, locked.published_by = now, actor
        locked.revision += 1
        locked.save(update_fields=["status", "published_at", "published_by", "revision"])
        record_audit(
            actor=actor,
            action="reports.library.publish_version",
            target=locked,
            organisation=_authorized_body(),
            new={
                "number": locked.number,
                "approved_on": locked.approved_on.isoformat(),
                "approval_reference": _references(locked),
                "replaces": previous.number if previous else None,
            },
        )
        document = locked.document
        recipients = people_with_roles(
            Organisation.objects.filter(kind__in=[Organisation.Kind.MINISTRY, Organisation.Kind.AKIMAT])
        )
        notify(
            recipients=recipients,
            kind=PUBLISHED_KIND,
            params={
                "title": {code: getattr(document, f"title_{code}", "") or "" for code in LANGUAGES},
                "number": locked.number,
                "reference": _references(locked),  # each recipient reads it in their own language
                "approved_on": locked.approved_on.isoformat(),
            },
            link=document_url(document),
        )
    return locked


def discard_draft(*, actor: Any, version: DocumentVersion) -> None:
    _check(actor)
    with transaction.atomic():
        locked = _locked_draft(version)
        record_audit(
            actor=actor,
            action="reports.library.discard_draft",
            target=locked,
            organisation=_authorized_body(),
            old={"number": locked.number},
        )
        locked.delete()
