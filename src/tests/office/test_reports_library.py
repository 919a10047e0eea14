"""The library in the back office (R25): every staff member reads it; the coordinators add documents, start a
version, edit the draft (with the revision check keeping their text), publish it or discard it."""

import datetime

import pytest
from django.urls import reverse

from kezdesu.reports.models import DocumentVersion, LibraryDocument
from tests.factories.reports_library import DocumentVersionFactory, LibraryDocumentFactory
from tests.factories.roles import ROLE_NAMES, build_role_world

pytestmark = pytest.mark.django_db

LIST = {"anonymous": 302, "no_role": 403}  # every other role: 200
EDIT = {"anonymous": 302, "no_role": 403, "coordinator": 200, "superuser": 200}  # every other role: 404


@pytest.fixture
def roles():
    return build_role_world()


@pytest.fixture
def draft():
    in_force = DocumentVersionFactory(document__code="procedure", number=1, body_ru="1. Старый пункт.")
    return DocumentVersionFactory(
        document=in_force.document,
        number=2,
        status=DocumentVersion.Status.DRAFT,
        body_ru="1. Новый пункт.",
        approved_on=None,
        approval_reference_kk="",
        approval_reference_ru="",
        approval_reference_en="",
    )


def _edit_url(number=2):
    return reverse("office:library_version_edit", kwargs={"code": "procedure", "number": number})


def _login(client, roles, name):
    if roles.user(name) is not None:
        client.force_login(roles.user(name))


@pytest.mark.parametrize("name", ROLE_NAMES)
def test_who_reads_the_library_and_who_edits_a_draft(client, roles, draft, name):
    _login(client, roles, name)

    listing = client.get(reverse("office:library"))
    editor = client.get(_edit_url())

    assert listing.status_code == LIST.get(name, 200)
    assert editor.status_code == EDIT.get(name, 404)
    if listing.status_code == 200:
        may_manage = name in ("coordinator", "superuser")
        assert ("Add a document" in listing.content.decode()) is may_manage
        assert ("being edited" in listing.content.decode()) is may_manage


def test_a_coordinator_adds_a_document_and_starts_its_first_version(client, roles):
    _login(client, roles, "coordinator")

    response = client.post(
        reverse("office:library"),
        {"code": "methodology", "kind": "methodology", "title_kk": "Ұсынымдар", "title_ru": "Рекомендации"},
    )
    assert response.url == reverse("office:library_document", kwargs={"code": "methodology"})
    response = client.post(response.url)

    assert response.url == reverse("office:library_version_edit", kwargs={"code": "methodology", "number": 1})
    assert LibraryDocument.objects.get(code="methodology").versions.get().status == DocumentVersion.Status.DRAFT


def test_a_taken_code_is_refused_on_the_form(client, roles):
    LibraryDocumentFactory(code="taken")
    _login(client, roles, "coordinator")

    response = client.post(
        reverse("office:library"), {"code": "taken", "kind": "procedure", "title_kk": "Т", "title_ru": "П"}
    )

    assert response.status_code == 400
    assert "A document with this code already exists." in response.content.decode()


def _form(draft, **overrides):
    return {
        "body_kk": "1. Жаңа тармақ.",
        "body_ru": draft.body_ru,
        "body_en": "",
        "changes_kk": "1-тармақ өзгерді.",
        "changes_ru": "Изменен пункт 1.",
        "changes_en": "",
        "approved_on": "2025-02-20",
        "approval_reference_kk": "№ 58 бұйрық",
        "approval_reference_ru": "Приказ № 58",
        "approval_reference_en": "Order No. 58",
        "revision": draft.revision,
        "action": "save",
        **overrides,
    }


def test_the_editor_shows_the_changes_against_the_version_in_force(client, roles, draft):
    _login(client, roles, "coordinator")

    page = client.get(_edit_url()).content.decode()

    assert "Changes against version 1 (as saved)" in page
    assert "Still needed before publishing: the date of approval, the act that approved it." in page
    assert '<del><span class="visually-hidden">[removed: </span>Старый' in page


def test_the_editor_has_the_act_in_each_language(client, roles, draft):
    DocumentVersion.objects.filter(pk=draft.pk).update(approval_reference_ru="Приказ № 58")
    _login(client, roles, "coordinator")

    page = client.get(_edit_url()).content.decode()

    assert '<label for="id_approval_reference_kk">Approved by, in Kazakh</label>' in page
    assert 'name="approval_reference_ru" value="Приказ № 58" maxlength="300" lang="ru"' in page
    assert 'name="approval_reference_en"' in page
    assert "Still needed before publishing: the date of approval, the act that approved it, in Kazakh." in page


def test_saving_the_draft_keeps_the_act_in_all_three_languages(client, roles, draft):
    _login(client, roles, "coordinator")

    response = client.post(_edit_url(), _form(draft))

    draft.refresh_from_db()
    assert response.url == _edit_url()
    assert (draft.approval_reference_kk, draft.approval_reference_ru, draft.approval_reference_en) == (
        "№ 58 бұйрық",
        "Приказ № 58",
        "Order No. 58",
    )


def test_publishing_without_the_act_in_russian_is_refused(client, roles, draft):
    _login(client, roles, "coordinator")

    response = client.post(_edit_url(), _form(draft, action="publish", approval_reference_ru=""))

    draft.refresh_from_db()
    assert response.status_code == 400
    assert "To publish the version, add the act that approved it, in Russian." in response.content.decode()
    assert draft.status == "draft"


def test_saving_with_a_stale_revision_keeps_the_users_text(client, roles, draft):
    DocumentVersion.objects.filter(pk=draft.pk).update(revision=5)
    _login(client, roles, "coordinator")

    response = client.post(_edit_url(), _form(draft, body_ru="1. Мой текст.", revision=0))

    page = response.content.decode()
    assert response.status_code == 400
    assert "Someone changed the draft meanwhile." in page
    assert "1. Мой текст.</textarea>" in page
    assert 'name="revision" value="5"' in page


def test_publishing_saves_the_text_and_puts_the_version_in_force(client, roles, draft):
    _login(client, roles, "coordinator")

    response = client.post(_edit_url(), _form(draft, action="publish"))

    draft.refresh_from_db()
    assert response.url == reverse("office:library_document", kwargs={"code": "procedure"})
    assert (draft.status, draft.body_kk, draft.approved_on) == (
        "published",
        "1. Жаңа тармақ.",
        datetime.date(2025, 2, 20),
    )
    assert client.get(_edit_url()).status_code == 404  # a published version has no editor


def test_a_refused_publication_saves_nothing(client, roles, draft):
    _login(client, roles, "coordinator")

    response = client.post(
        _edit_url(), _form(draft, action="publish", approval_reference_kk="", approval_reference_ru="")
    )

    draft.refresh_from_db()
    assert response.status_code == 400
    assert "To publish the version, add the act that approved it." in response.content.decode()
    assert (draft.status, draft.revision, draft.body_kk) == ("draft", 0, "1. Бірінші тармақ.\n\n2. Екінші тармақ.")


def test_discarding_the_draft(client, roles, draft):
    _login(client, roles, "coordinator")

    response = client.post(_edit_url(), {"action": "discard"})

    assert response.url == reverse("office:library_document", kwargs={"code": "procedure"})
    assert not DocumentVersion.objects.filter(pk=draft.pk).exists()


@pytest.mark.parametrize("documents", [1, 3])
def test_the_list_reads_a_fixed_number_of_queries(client, roles, django_assert_max_num_queries, documents):
    for _ in range(documents):
        version = DocumentVersionFactory()
        DocumentVersionFactory(document=version.document, number=version.number + 1, status="draft")
    _login(client, roles, "coordinator")

    with django_assert_max_num_queries(12):
        response = client.get(reverse("office:library"))

    assert response.content.decode().count("being edited") == documents
