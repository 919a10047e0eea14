"""The library of the procedure and methodological recommendations (R25) in the API."""

from typing import Any

from rest_framework import serializers

from kezdesu.api.serializers.i18n import TranslatedField
from kezdesu.reports.domain.library import REFERENCE_MAX
from kezdesu.reports.models import LibraryDocument

KINDS = "`procedure`, `methodology` or `other`."


class VersionSummarySerializer(serializers.Serializer[Any]):
    number = serializers.IntegerField()
    # Plain strings, not enums: the names `status` and `kind` are taken by other enums in the schema.
    status = serializers.CharField(help_text="`draft` or `published` (in force or earlier).")
    approved_on = serializers.DateField(allow_null=True)
    approval_reference = TranslatedField("approval_reference", help_text="The act that approved it, per language.")
    published_at = serializers.DateTimeField(allow_null=True)
    changes = TranslatedField("changes", help_text="What changed in this version, per language.")


class VersionSerializer(VersionSummarySerializer):
    document = serializers.CharField(source="document.code")
    body = TranslatedField("body", help_text="The text per language; paragraphs are separated by blank lines.")
    revision = serializers.IntegerField(help_text="Send it back when editing a draft.")


class DocumentListSerializer(serializers.Serializer[Any]):
    code = serializers.CharField()
    kind = serializers.CharField(help_text=KINDS)
    title = TranslatedField("title", source="document")
    in_force = VersionSummarySerializer(allow_null=True, help_text="The version in force (null: none yet).")


class DocumentDetailSerializer(serializers.Serializer[Any]):
    code = serializers.CharField()
    kind = serializers.CharField(help_text=KINDS)
    title = TranslatedField("title", source="document")
    in_force = VersionSerializer(allow_null=True)
    versions = VersionSummarySerializer(many=True, help_text="Every version, newest first.")


class DocumentCreateSerializer(serializers.Serializer[Any]):
    code = serializers.SlugField(max_length=80)
    kind = serializers.ChoiceField(choices=LibraryDocument.Kind.choices)
    title_kk = serializers.CharField(max_length=300)
    title_ru = serializers.CharField(max_length=300)
    title_en = serializers.CharField(max_length=300, required=False, default="", allow_blank=True)


class DraftWriteSerializer(serializers.Serializer[Any]):
    body_kk = serializers.CharField(allow_blank=True, max_length=100_000)
    body_ru = serializers.CharField(allow_blank=True, max_length=100_000)
    body_en = serializers.CharField(allow_blank=True, required=False, default="", max_length=100_000)
    changes_kk = serializers.CharField(allow_blank=True, max_length=100_000)
    changes_ru = serializers.CharField(allow_blank=True, max_length=100_000)
    changes_en = serializers.CharField(allow_blank=True, required=False, default="", max_length=100_000)
    approved_on = serializers.DateField(allow_null=True)
    approval_reference_kk = serializers.CharField(allow_blank=True, max_length=REFERENCE_MAX)
    approval_reference_ru = serializers.CharField(allow_blank=True, max_length=REFERENCE_MAX)
    approval_reference_en = serializers.CharField(
        allow_blank=True, required=False, default="", max_length=REFERENCE_MAX
    )
    revision = serializers.IntegerField(min_value=0, help_text="The revision read.")


class SegmentSerializer(serializers.Serializer[Any]):
    kind = serializers.CharField(help_text="`same`, `ins` (inserted) or `del` (deleted).")
    text = serializers.CharField()


class BlockSerializer(serializers.Serializer[Any]):
    kind = serializers.CharField(help_text="What happened to the paragraph: `same`, `added`, `removed` or `changed`.")
    text = serializers.CharField(help_text="The paragraph (empty for a changed one: see segments).")
    segments = SegmentSerializer(many=True, help_text="For a changed paragraph, word by word.")


class DiffSerializer(serializers.Serializer[Any]):
    document = serializers.CharField()
    from_version = serializers.IntegerField()
    to_version = serializers.IntegerField()
    language = serializers.CharField()
    added = serializers.IntegerField(help_text="Paragraphs added.")
    removed = serializers.IntegerField(help_text="Paragraphs removed.")
    changed = serializers.IntegerField(help_text="Paragraphs changed.")
    blocks = BlockSerializer(many=True)
