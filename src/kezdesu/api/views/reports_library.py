"""The library of the procedure (G3.2) and methodological recommendations (P5.3) (R25).

Reading is public: the documents, the version in force, every published version and the comparison of two.
Drafts are seen only by the authorized body's coordinators (`reports.manage_library`), who also add documents,
start, edit, publish and discard drafts through the domain (`reports/domain/library.py`).
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import URLPattern, path
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from kezdesu.api.language import LANG_PARAMETER
from kezdesu.api.serializers.errors import ErrorSerializer
from kezdesu.api.serializers.reports_library import (
    DiffSerializer,
    DocumentCreateSerializer,
    DocumentDetailSerializer,
    DocumentListSerializer,
    DraftWriteSerializer,
    VersionSerializer,
)
from kezdesu.api.views.base import ApiViewMixin, acting_user
from kezdesu.reports.domain.library import (
    create_document,
    discard_draft,
    publish_version,
    start_version,
    update_draft,
)
from kezdesu.reports.domain.queries.library import compare_versions, document_versions, library_entries
from kezdesu.reports.models import DocumentVersion, LibraryDocument

MANAGE = "reports.manage_library"
REFUSALS = {400: ErrorSerializer, 401: ErrorSerializer, 403: ErrorSerializer, 404: ErrorSerializer}
TAGS = ["reports"]


def _keeper(request: Request) -> bool:
    return bool(request.user.is_authenticated and request.user.has_perm(MANAGE))


def _document(code: str) -> LibraryDocument:
    return get_object_or_404(LibraryDocument, code=code)


def _version(request: Request, code: str, number: int) -> DocumentVersion:
    version = document_versions(_document(code), drafts=_keeper(request)).filter(number=number).first()
    if version is None:
        raise Http404
    return version


def _detail(document: LibraryDocument, *, drafts: bool) -> dict[str, Any]:
    versions = list(document_versions(document, drafts=drafts))
    if not versions and not drafts:
        raise Http404
    in_force = next((version for version in versions if version.status == DocumentVersion.Status.PUBLISHED), None)
    return {
        "code": document.code,
        "kind": document.kind,
        "document": document,
        "in_force": in_force,
        "versions": versions,
    }


class LibraryListView(ApiViewMixin, APIView):
    write_permission = MANAGE

    @extend_schema(
        summary="The library: the procedure and methodological recommendations",
        description="Public: every document with a version in force, in the library's order (R25).",
        parameters=[LANG_PARAMETER],
        responses={200: DocumentListSerializer(many=True)},
        tags=TAGS,
    )
    def get(self, request: Request) -> Response:
        entries = [
            {
                "code": entry.document.code,
                "kind": entry.document.kind,
                "document": entry.document,
                "in_force": entry.in_force,
            }
            for entry in library_entries()
        ]
        return Response(DocumentListSerializer(entries, many=True).data)

    @extend_schema(
        summary="Add a document to the library",
        description="The authorized body's coordinators (`reports.manage_library`); its versions follow.",
        request=DocumentCreateSerializer,
        responses={201: DocumentDetailSerializer, **REFUSALS},
        tags=TAGS,
    )
    def post(self, request: Request) -> Response:
        actor = acting_user(request)
        body = DocumentCreateSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        document = create_document(actor=actor, **body.validated_data)
        return Response(DocumentDetailSerializer(_detail(document, drafts=True)).data, status=status.HTTP_201_CREATED)


class LibraryDocumentView(ApiViewMixin, APIView):
    @extend_schema(
        summary="A library document: the version in force and the history",
        description=(
            "Public: the version in force with its text in every language, and every published version with "
            "what changed. The coordinators also see the draft in the history."
        ),
        parameters=[LANG_PARAMETER],
        responses={200: DocumentDetailSerializer, 404: ErrorSerializer},
        tags=TAGS,
    )
    def get(self, request: Request, code: str) -> Response:
        return Response(DocumentDetailSerializer(_detail(_document(code), drafts=_keeper(request))).data)


class VersionListView(ApiViewMixin, APIView):
    write_permission = MANAGE

    @extend_schema(
        summary="Start a new version (a draft)",
        description=(
            "The coordinators: the draft is numbered next and starts as a copy of the version in force. "
            "One draft at a time (400 otherwise)."
        ),
        request=None,
        responses={201: VersionSerializer, **REFUSALS},
        tags=TAGS,
    )
    def post(self, request: Request, code: str) -> Response:
        version = start_version(actor=acting_user(request), document=_document(code))
        return Response(VersionSerializer(version).data, status=status.HTTP_201_CREATED)


class VersionView(ApiViewMixin, APIView):
    write_permission = MANAGE

    @extend_schema(
        summary="One version of a document",
        description="Public for a published version; a draft only for the coordinators (404 for anyone else).",
        parameters=[LANG_PARAMETER],
        responses={200: VersionSerializer, 404: ErrorSerializer},
        tags=TAGS,
    )
    def get(self, request: Request, code: str, number: int) -> Response:
        return Response(VersionSerializer(_version(request, code, number)).data)

    @extend_schema(
        summary="Edit the draft",
        description=(
            "The coordinators. A published version never changes (400); a stale `revision` is refused with 400 "
            "(code `changed_meanwhile`)."
        ),
        request=DraftWriteSerializer,
        responses={200: VersionSerializer, **REFUSALS},
        tags=TAGS,
    )
    def put(self, request: Request, code: str, number: int) -> Response:
        actor = acting_user(request)
        version = _version(request, code, number)
        body = DraftWriteSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        version = update_draft(actor=actor, version=version, **body.validated_data)
        return Response(VersionSerializer(version).data)

    @extend_schema(
        summary="Discard the draft",
        description="The coordinators; a published version cannot be discarded (400).",
        request=None,
        responses={204: None, **REFUSALS},
        tags=TAGS,
    )
    def delete(self, request: Request, code: str, number: int) -> Response:
        discard_draft(actor=acting_user(request), version=_version(request, code, number))
        return Response(status=status.HTTP_204_NO_CONTENT)


class PublishView(ApiViewMixin, APIView):
    write_permission = MANAGE

    @extend_schema(
        summary="Publish the draft: it comes into force and is circulated",
        description=(
            "The coordinators. Needs the text and the act that approved it in kk and ru, and the date of approval "
            "(400 naming what is missing). Notifies the editors and approvers of every ministry and akimat."
        ),
        request=None,
        responses={200: VersionSerializer, **REFUSALS},
        tags=TAGS,
    )
    def post(self, request: Request, code: str, number: int) -> Response:
        version = publish_version(actor=acting_user(request), version=_version(request, code, number))
        return Response(VersionSerializer(version).data)


class CompareView(ApiViewMixin, APIView):
    @extend_schema(
        summary="What changed between two versions",
        description=(
            "Public (published versions): paragraph by paragraph, with word-level marks inside a changed "
            "paragraph, and the counts of paragraphs added, removed and changed. `lang` chooses the text "
            "compared (kk by default)."
        ),
        parameters=[
            OpenApiParameter("from", OpenApiTypes.INT, required=True, description="The earlier version's number."),
            OpenApiParameter("to", OpenApiTypes.INT, required=True, description="The later version's number."),
            OpenApiParameter(
                "lang", OpenApiTypes.STR, enum=["kk", "ru", "en"], description="The language of the text compared."
            ),
        ],
        responses={200: DiffSerializer, 400: ErrorSerializer, 404: ErrorSerializer},
        tags=TAGS,
    )
    def get(self, request: Request, code: str) -> Response:
        numbers = []
        for name in ("from", "to"):
            value = request.query_params.get(name, "")
            if not value.isdigit():
                return Response(
                    {"detail": _("Give the numbers of the two versions to compare."), "code": "version"},
                    status=status.HTTP_400_BAD_REQUEST,
                )
            numbers.append(int(value))
        old, new = (_version(request, code, number) for number in numbers)
        language = request.query_params.get("lang") or "kk"
        language = language if language in ("kk", "ru", "en") else "kk"
        diff = compare_versions(old, new, language)
        data = {
            "document": code,
            "from_version": old.number,
            "to_version": new.number,
            "language": language,
            **asdict(diff),
        }
        return Response(DiffSerializer(data).data)


DOCUMENT = "library/<slug:code>/"

urlpatterns: list[URLPattern] = [
    path("library/", LibraryListView.as_view(), name="library-list"),
    path(DOCUMENT, LibraryDocumentView.as_view(), name="library-document"),
    path(f"{DOCUMENT}compare/", CompareView.as_view(), name="library-compare"),
    path(f"{DOCUMENT}versions/", VersionListView.as_view(), name="library-versions"),
    path(f"{DOCUMENT}versions/<int:number>/", VersionView.as_view(), name="library-version"),
    path(f"{DOCUMENT}versions/<int:number>/publish/", PublishView.as_view(), name="library-version-publish"),
]
