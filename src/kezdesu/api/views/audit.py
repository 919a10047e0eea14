"""The audit trail, for the authorized body and oversight (S3)."""

import django_filters
from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import viewsets

from kezdesu.api.serializers.audit import AuditLogSerializer
from kezdesu.api.views.base import ApiViewMixin
from kezdesu.core.models import AuditLog
from kezdesu.organisations.domain.queries.scope import organisations_in_scope, sees_everything
from kezdesu.organisations.models import Organisation


class AuditLogFilter(django_filters.FilterSet):
    organisation = django_filters.ModelChoiceFilter(
        field_name="organisation",
        to_field_name="code",
        queryset=Organisation.objects.all(),
        label="Organisation (code)",
    )
    action = django_filters.CharFilter(label="Action code, e.g. regulations.fulfilment.recorded")
    actor = django_filters.NumberFilter(field_name="actor_id", label="The acting user's id")
    target_type = django_filters.CharFilter(method="filter_target_type", label='"app_label.model" of the record')
    since = django_filters.IsoDateTimeFilter(field_name="at", lookup_expr="gte", label="Changes at or after (ISO 8601)")

    class Meta:
        model = AuditLog
        fields = ["organisation", "action", "actor", "target_type", "since"]

    def filter_target_type(self, queryset: QuerySet[AuditLog], name: str, value: str) -> QuerySet[AuditLog]:
        app_label, _dot, model = value.partition(".")
        return queryset.filter(target_type__app_label=app_label, target_type__model=model)


@extend_schema_view(
    list=extend_schema(
        summary="List the audit trail",
        description=(
            'Every domain change, newest first. Needs the "core.view_audit" permission '
            "(the authorized body's coordinators, oversight bodies and administrators)."
        ),
    ),
    retrieve=extend_schema(summary="Show an audit record", description='Needs "core.view_audit".'),
)
class AuditLogViewSet(ApiViewMixin, viewsets.ReadOnlyModelViewSet[AuditLog]):
    serializer_class = AuditLogSerializer
    filterset_class = AuditLogFilter
    read_permission = "core.view_audit"

    def get_queryset(self) -> QuerySet[AuditLog]:
        rows = AuditLog.objects.select_related("target_type", "organisation").order_by("-at", "-id")
        if sees_everything(self.request.user):
            return rows
        # Today only nationwide readers hold "core.view_audit"; should that widen, rows stay scoped.
        return rows.filter(organisation__in=organisations_in_scope(self.request.user))
