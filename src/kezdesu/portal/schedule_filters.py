"""The filters of the public calendar: a plain GET form, so they work without JavaScript."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from kezdesu.core.collation import CollatedModelChoiceField, sort_key
from kezdesu.followup.interfaces.issue_filters import ministry_field, region_field
from kezdesu.organisations.models import Organisation, Position


class PositionChoiceField(CollatedModelChoiceField):
    def label_from_instance(self, obj: Position) -> str:
        ministry = obj.organisation.short_name or obj.organisation.name
        return f"{obj.title} — {ministry}"


class ScheduleFilterForm(forms.Form):
    ministry = ministry_field(_("Ministry"))
    region = region_field()
    official = PositionChoiceField(
        label=_("Official"),
        queryset=Position.objects.filter(
            is_active=True, organisation__kind__in=[Organisation.Kind.MINISTRY, Organisation.Kind.COMMITTEE]
        )
        .select_related("organisation")
        .order_by("organisation__name", "order", "code"),
        required=False,
        empty_label=pgettext_lazy("official filter", "All"),
        collation_group=lambda position: (sort_key(position.organisation.name), position.order),
    )

    def filters(self, *, with_region: bool = True) -> dict[str, Any]:
        """Keyword arguments for `published_items`; invalid choices are ignored (the form shows why)."""
        data = self.cleaned_data if self.is_valid() else {}
        filters: dict[str, Any] = {"ministry": data.get("ministry"), "position": data.get("official")}
        if with_region:
            filters["region"] = data.get("region")
        return filters
