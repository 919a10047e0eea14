"""Keeping the library (R25): documents, drafts copied from the version in force, the revision check,
publication that never changes again and circulates the document, discarding a draft."""

import datetime

import pytest
from django.core import mail

from kezdesu.core.errors import DomainError, NotPermitted
from kezdesu.core.models import AuditLog, Notification
from kezdesu.organisations.models import Organisation, Role
from kezdesu.reports.domain.library import (
    create_document,
    discard_draft,
    publish_version,
    start_version,
    update_draft,
)
from kezdesu.reports.domain.queries.library import ShownText, library_entries, text_in
from kezdesu.reports.models import DocumentVersion, LibraryDocument
from tests.factories.organisations import MembershipFactory, OrganisationFactory, RegionFactory
from tests.factories.reports_library import DocumentVersionFactory, LibraryDocumentFactory

pytestmark = pytest.mark.django_db

TEXTS = {
    "body_kk": "1. Бірінші.\n\n2. Екінші.",
    "body_ru": "1. Первый.\n\n2. Второй.",
    "changes_kk": "Алғашқы редакция.",
    "changes_ru": "Первая редакция.",
}


@pytest.fixture
def coordinator():
    body = OrganisationFactory(code="culture", is_authorized_body=True)
    return MembershipFactory(organisation=body, role=Role.COORDINATOR).user


def _fill(actor, version, **overrides):
    values = {
        **TEXTS,
        "approved_on": datetime.date(2024, 3, 12),
        "approval_reference_kk": "№ 105 бұйрық",
        "approval_reference_ru": "Приказ № 105",
        "approval_reference_en": "Order No. 105",
        "revision": version.revision,
        **overrides,
    }
    return update_draft(actor=actor, version=version, **values)


def test_a_coordinator_adds_a_document_and_the_audit_records_it(coordinator):
    document = create_document(
        actor=coordinator, code="Procedure", kind="procedure", title_kk="Тәртіп", title_ru="Порядок"
    )

    assert (document.code, document.order, document.title_ru) == ("procedure", 1, "Порядок")
    assert AuditLog.objects.get(action="reports.library.create_document").new_values["code"] == "procedure"


@pytest.mark.parametrize(
    ("code", "title_ru", "error"), [("bad code!", "Порядок", "code"), ("ok", "", "title"), ("taken", "П", "code_taken")]
)
def test_a_document_needs_a_free_slug_and_titles_in_kazakh_and_russian(coordinator, code, title_ru, error):
    LibraryDocumentFactory(code="taken")

    with pytest.raises(DomainError) as refusal:
        create_document(actor=coordinator, code=code, kind="procedure", title_kk="Т", title_ru=title_ru)

    assert refusal.value.code == error


def test_a_new_version_starts_as_a_copy_of_the_version_in_force(coordinator):
    in_force = DocumentVersionFactory(number=1, body_kk="Күшіндегі мәтін.", body_ru="Действующий текст.")

    draft = start_version(actor=coordinator, document=in_force.document)

    assert (draft.number, draft.status, draft.body_kk, draft.body_ru) == (
        2,
        DocumentVersion.Status.DRAFT,
        "Күшіндегі мәтін.",
        "Действующий текст.",
    )
    assert (draft.changes_ru, draft.approval_reference_kk or "", draft.approval_reference_ru or "") == ("", "", "")
    assert draft.approved_on is None


def test_only_one_draft_at_a_time(coordinator):
    document = LibraryDocumentFactory()
    start_version(actor=coordinator, document=document)

    with pytest.raises(DomainError) as refusal:
        start_version(actor=coordinator, document=document)

    assert refusal.value.code == "draft_exists"


def test_a_stale_revision_is_refused_and_nothing_is_saved(coordinator):
    draft = start_version(actor=coordinator, document=LibraryDocumentFactory())
    _fill(coordinator, draft)

    with pytest.raises(DomainError) as refusal:
        _fill(coordinator, draft, body_ru="Мой текст.", revision=0)

    assert refusal.value.code == "changed_meanwhile"
    draft.refresh_from_db()
    assert (draft.body_ru, draft.revision) == (TEXTS["body_ru"], 1)


def test_publishing_needs_kazakh_and_russian_text_the_date_and_the_act(coordinator):
    draft = start_version(actor=coordinator, document=LibraryDocumentFactory())

    with pytest.raises(DomainError) as refusal:
        publish_version(actor=coordinator, version=draft)

    assert refusal.value.code == "incomplete"
    assert str(refusal.value.message) == (
        "To publish the version, add the text in Kazakh, the text in Russian, the date of approval, "
        "the act that approved it."
    )


def test_the_act_is_saved_in_each_language_and_the_audit_records_what_changed(coordinator):
    draft = _fill(coordinator, start_version(actor=coordinator, document=LibraryDocumentFactory()))

    _fill(coordinator, draft, approval_reference_en="  Order No. 105 of 12 March 2024 ", revision=1)

    draft.refresh_from_db()
    assert (draft.approval_reference_kk, draft.approval_reference_ru, draft.approval_reference_en) == (
        "№ 105 бұйрық",
        "Приказ № 105",
        "Order No. 105 of 12 March 2024",
    )
    audit = AuditLog.objects.filter(action="reports.library.update_draft").order_by("pk").last()
    assert (audit.old_values, audit.new_values) == (
        {"approval_reference_en": "Order No. 105"},
        {"approval_reference_en": "Order No. 105 of 12 March 2024"},
    )


@pytest.mark.parametrize(
    ("kazakh", "russian", "missing"),
    [
        ("", "", "the act that approved it"),
        ("", "Приказ № 105", "the act that approved it, in Kazakh"),
        ("№ 105 бұйрық", "  ", "the act that approved it, in Russian"),
    ],
)
def test_publishing_needs_the_act_in_kazakh_and_in_russian(coordinator, kazakh, russian, missing):
    draft = start_version(actor=coordinator, document=LibraryDocumentFactory())
    _fill(coordinator, draft, approval_reference_kk=kazakh, approval_reference_ru=russian)

    with pytest.raises(DomainError) as refusal:
        publish_version(actor=coordinator, version=draft)

    assert str(refusal.value.message) == f"To publish the version, add {missing}."


def test_the_act_in_english_is_optional(coordinator):
    draft = _fill(coordinator, start_version(actor=coordinator, document=LibraryDocumentFactory()))
    _fill(coordinator, draft, approval_reference_en="", revision=1)

    published = publish_version(actor=coordinator, version=draft)

    assert published.status == DocumentVersion.Status.PUBLISHED
    assert AuditLog.objects.get(action="reports.library.publish_version").new_values["approval_reference"] == {
        "kk": "№ 105 бұйрық",
        "ru": "Приказ № 105",
        "en": "",
    }


def test_a_published_version_never_changes(coordinator):
    draft = _fill(coordinator, start_version(actor=coordinator, document=LibraryDocumentFactory()))
    published = publish_version(actor=coordinator, version=draft)

    for change in (
        lambda: _fill(coordinator, published, body_ru="Иначе."),
        lambda: discard_draft(actor=coordinator, version=published),
    ):
        with pytest.raises(DomainError) as refusal:
            change()
        assert refusal.value.code == "published"
    assert published.status == DocumentVersion.Status.PUBLISHED


def test_publishing_circulates_the_document_to_every_ministry_and_akimat(
    coordinator, django_capture_on_commit_callbacks
):
    ministry = OrganisationFactory(code="ministry-a")
    akimat = OrganisationFactory(code="akimat-x", kind=Organisation.Kind.AKIMAT, region=RegionFactory())
    editor = MembershipFactory(organisation=ministry, role=Role.EDITOR, user__language="ru").user
    approver = MembershipFactory(organisation=akimat, role=Role.APPROVER, user__language="kk").user
    MembershipFactory(organisation=ministry, role=Role.VIEWER)  # viewers are not told
    document = LibraryDocumentFactory(code="procedure", title_en="The procedure")
    draft = _fill(coordinator, start_version(actor=coordinator, document=document))

    with django_capture_on_commit_callbacks(execute=True):
        publish_version(actor=coordinator, version=draft)

    notifications = Notification.objects.filter(kind="reports.library_published")
    assert sorted(n.recipient_id for n in notifications) == sorted([editor.pk, approver.pk])
    assert notifications[0].link == "/kk/documents/procedure/"
    assert len(mail.outbox) == 2
    bodies = {message.to[0]: message.body for message in mail.outbox}
    assert "Приказ № 105" in bodies[editor.email]  # each reads the act in their own language
    assert "№ 105 бұйрық" in bodies[approver.email]
    assert AuditLog.objects.get(action="reports.library.publish_version").new_values["number"] == 1


def test_a_version_cannot_be_approved_in_the_future_or_before_the_one_in_force(coordinator):
    in_force = DocumentVersionFactory(number=1, approved_on=datetime.date(2025, 2, 20))
    draft = start_version(actor=coordinator, document=in_force.document)

    for day in (datetime.date(2025, 1, 1), datetime.date.today() + datetime.timedelta(days=2)):
        _fill(coordinator, draft, approved_on=day)
        draft.refresh_from_db()
        with pytest.raises(DomainError) as refusal:
            publish_version(actor=coordinator, version=draft)
        assert refusal.value.code == "approved_on"


def test_discarding_a_draft_deletes_it_and_keeps_the_version_in_force(coordinator):
    in_force = DocumentVersionFactory(number=1)
    draft = start_version(actor=coordinator, document=in_force.document)

    discard_draft(actor=coordinator, version=draft)

    assert list(in_force.document.versions.values_list("number", flat=True)) == [1]
    assert AuditLog.objects.filter(action="reports.library.discard_draft").count() == 1


@pytest.mark.parametrize("role", [Role.VIEWER, Role.EDITOR, Role.APPROVER])
def test_ministry_staff_may_not_keep_the_library(role):
    user = MembershipFactory(role=role).user
    document = LibraryDocumentFactory()

    with pytest.raises(NotPermitted):
        create_document(actor=user, code="x", kind="procedure", title_kk="Т", title_ru="П")
    with pytest.raises(NotPermitted):
        start_version(actor=user, document=document)
    assert LibraryDocument.objects.count() == 1


def test_the_library_lists_the_version_in_force_and_hides_drafts_and_unpublished_documents():
    first = DocumentVersionFactory(number=1, document__order=1)
    DocumentVersionFactory(document=first.document, number=2)
    DocumentVersionFactory(document=first.document, number=3, status=DocumentVersion.Status.DRAFT)
    DocumentVersionFactory(number=1, document__order=2, status=DocumentVersion.Status.DRAFT)

    entries = library_entries()
    kept = library_entries(drafts=True, published_only=False)

    assert [(entry.document, entry.in_force.number, entry.draft, entry.published) for entry in entries] == [
        (first.document, 2, None, 2)
    ]
    assert [(entry.in_force and entry.in_force.number, entry.draft.number) for entry in kept] == [(2, 3), (None, 1)]


def test_english_falls_back_to_russian_and_says_so():
    version = DocumentVersionFactory(body_en="")

    assert text_in(version, "body", "en") == ShownText(text=version.body_ru, language="ru", fallback=True)
    assert text_in(version, "body", "kk").fallback is False
