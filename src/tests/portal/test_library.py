"""The public library (R25): the hub, a document's version in force in the page's language with its history,
an older version, the comparison form that works without JavaScript, the Word documents; drafts never shown."""

import io

import pytest
from docx import Document

from kezdesu.reports.models import DocumentVersion
from tests.factories.reports_library import DocumentVersionFactory, LibraryDocumentFactory

pytestmark = pytest.mark.django_db

DRAFT = DocumentVersion.Status.DRAFT
V1_RU = "1. Встреча проводится раз в квартал.\n\n2. Прием граждан в день встречи."
V2_RU = "1. Встреча проводится не реже раза в квартал.\n\n2. Прием граждан в день встречи.\n\n3. Новый пункт."

ORDER_58 = {
    "kk": "Қазақстан Республикасы Мәдениет және ақпарат министрінің 2025 жылғы 20 ақпандағы № 58 бұйрығы",
    "ru": "Приказ Министра культуры и информации Республики Казахстан от 20 февраля 2025 года № 58",
    "en": "Order No. 58",
}


@pytest.fixture
def procedure():
    document = LibraryDocumentFactory(code="procedure", title_en="The procedure", title_ru="Порядок")
    DocumentVersionFactory(document=document, number=1, body_ru=V1_RU)
    DocumentVersionFactory(
        document=document,
        number=2,
        body_ru=V2_RU,
        body_kk="1. Кездесу тоқсанына кемінде бір рет өткізіледі.",
        changes_en="Clause 1 tightened; clause 3 added.",
        approval_reference_kk=ORDER_58["kk"],
        approval_reference_ru=ORDER_58["ru"],
        approval_reference_en=ORDER_58["en"],
    )
    DocumentVersionFactory(document=document, number=3, status=DRAFT, body_ru="Черновик, не для всех.")
    return document


def test_the_hub_lists_the_documents_in_force_and_the_reports(client, procedure, django_assert_max_num_queries):
    LibraryDocumentFactory(code="unpublished", title_en="Not yet")
    DocumentVersionFactory(document__code="only-draft", status=DRAFT)
    with django_assert_max_num_queries(6):
        page = client.get("/en/reports/").content.decode()

    assert "Version 2 in force, approved on 12.03.2024: Order No. 58." in page
    assert 'href="/en/documents/procedure/"' in page
    assert "Not yet" not in page
    assert "only-draft" not in page
    assert 'href="/en/accountability/"' in page
    assert "No quarterly progress report has been published yet." in page


@pytest.mark.parametrize("documents", [1, 3])
def test_the_list_reads_a_fixed_number_of_queries(client, django_assert_max_num_queries, documents):
    for _ in range(documents):
        version = DocumentVersionFactory()
        DocumentVersionFactory(document=version.document, number=version.number + 1)
    with django_assert_max_num_queries(5):
        response = client.get("/en/documents/")

    assert response.content.decode().count('class="library-kind"') == documents


def test_the_document_shows_the_version_in_force_in_the_pages_language(client, procedure):
    russian = client.get("/ru/documents/procedure/").content.decode()
    kazakh = client.get("/kk/documents/procedure/").content.decode()

    assert "<p>3. Новый пункт.</p>" in russian
    assert "<p>1. Кездесу тоқсанына кемінде бір рет өткізіледі.</p>" in kazakh
    assert "Черновик" not in russian
    assert 'href="/ru/documents/procedure/compare/?from=1&amp;to=2"' in russian
    assert 'href="/ru/documents/procedure/v1/"' in russian
    assert "/v3/" not in russian


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_the_act_that_approved_it_is_in_the_readers_language(client, procedure, language):
    others = [ORDER_58[code] for code in ORDER_58 if code != language]

    for url in (f"/{language}/documents/procedure/", f"/{language}/documents/procedure/v2/", f"/{language}/reports/"):
        page = client.get(url).content.decode()
        assert ORDER_58[language] in page, url
        assert not any(other in page for other in others), url


def test_without_the_act_in_english_the_page_falls_back_like_other_translated_content(client, procedure):
    DocumentVersion.objects.filter(number=2).update(approval_reference_en="")

    page = client.get("/en/documents/procedure/v2/").content.decode()

    assert f"<dd>{ORDER_58['kk']}</dd>" in page  # modeltranslation's fallback: kk, then ru


def test_in_english_the_russian_text_is_shown_with_a_note_and_the_english_changes(client, procedure):
    page = client.get("/en/documents/procedure/").content.decode()

    assert "This document has no English translation: the Russian text is shown." in page
    assert '<div class="library-text" lang="ru">' in page
    assert "Clause 1 tightened; clause 3 added." in page
    assert "Order No. 58" in page
    assert "12.03.2024" in page


def test_an_older_version_says_it_is_no_longer_in_force(client, procedure):
    page = client.get("/en/documents/procedure/v1/").content.decode()

    assert "This version is no longer in force: version 2 replaced it." in page
    assert "<p>1. Встреча проводится раз в квартал.</p>" in page


@pytest.mark.parametrize(
    "url",
    [
        "/en/documents/procedure/v3/",
        "/en/documents/procedure/v3.docx?lang=ru",
        "/en/documents/only-draft/",
        "/en/documents/only-draft/compare/",
        "/en/documents/nothing/",
    ],
)
def test_drafts_are_never_public(client, procedure, url):
    DocumentVersionFactory(document__code="only-draft", number=1, status=DRAFT)

    assert client.get(url).status_code == 404


def test_the_comparison_marks_words_and_counts_paragraphs(client, procedure):
    page = client.get("/en/documents/procedure/compare/", {"from": 1, "to": 2, "lang": "ru"}).content.decode()

    assert "1 paragraph changed, 1 added, 0 removed." in page
    assert (
        '<del><span class="visually-hidden">[removed: </span>раз<span class="visually-hidden">]</span></del>'
        '<ins><span class="visually-hidden">[added: </span>не реже раза<span class="visually-hidden">]</span></ins>'
        in page
    )
    assert '<p class="library-diff__added"><ins><span class="visually-hidden">Paragraph added: </span>3. Новый' in page
    assert '<option value="1" selected>version 1</option>' in page


def test_the_comparison_defaults_to_the_last_two_versions_and_refuses_a_draft(client, procedure):
    assert "From version 1 to version 2" in client.get("/en/documents/procedure/compare/").content.decode()
    assert client.get("/en/documents/procedure/compare/", {"from": 1, "to": 3}).status_code == 400


def test_a_version_downloads_as_a_word_document_in_russian(client, procedure):
    response = client.get("/en/documents/procedure/v2.docx", {"lang": "ru"})

    assert response["Content-Disposition"] == 'attachment; filename="kezdesu-procedure-v2-ru.docx"'
    text = [paragraph.text for paragraph in Document(io.BytesIO(response.content)).paragraphs]
    assert text[0] == "Порядок"
    assert "3. Новый пункт." in text


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_the_word_document_gives_the_act_in_its_language(client, procedure, language):
    response = client.get("/en/documents/procedure/v2.docx", {"lang": language})

    document = Document(io.BytesIO(response.content))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    text = "\n".join(cells + [paragraph.text for paragraph in document.paragraphs])
    assert ORDER_58[language] in text
    assert not any(ORDER_58[other] in text for other in ("kk", "ru", "en") if other != language)
