"""Library documents (R25) and their versions, published or draft, built directly (no notifications)."""

import datetime

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from kezdesu.reports.models import DocumentVersion, LibraryDocument


class LibraryDocumentFactory(DjangoModelFactory):
    class Meta:
        model = LibraryDocument
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"document-{n}")
    kind = LibraryDocument.Kind.PROCEDURE
    title_kk = factory.Sequence(lambda n: f"Құжат {n}")
    title_ru = factory.Sequence(lambda n: f"Документ {n}")
    title_en = factory.Sequence(lambda n: f"Document {n}")
    order = factory.Sequence(lambda n: n)


class DocumentVersionFactory(DjangoModelFactory):
    """A published version by default; `status=DocumentVersion.Status.DRAFT` for a draft."""

    class Meta:
        model = DocumentVersion

    document = factory.SubFactory(LibraryDocumentFactory)
    number = factory.Sequence(lambda n: n + 1)
    approved_on = datetime.date(2024, 3, 12)
    approval_reference_kk = "№ 105 бұйрық"
    approval_reference_ru = "Приказ № 105"
    approval_reference_en = "Order No. 105"
    body_kk = "1. Бірінші тармақ.\n\n2. Екінші тармақ."
    body_ru = "1. Первый пункт.\n\n2. Второй пункт."
    body_en = ""
    changes_kk = "Алғашқы редакция."
    changes_ru = "Первая редакция."
    changes_en = "First edition."
    status = DocumentVersion.Status.PUBLISHED
    published_at = factory.LazyAttribute(
        lambda version: timezone.now() if version.status == DocumentVersion.Status.PUBLISHED else None
    )
