"""Admin for the regulations.

Profiles and their rules are data files reviewed like code (regulations/data/profiles/), loaded by
`load_reference`: the admin shows them read-only. Calendar exceptions are entered here through the
same domain functions as the back office and the API. Fulfilments and reminders are records of
what happened, read-only.
"""

from typing import Any

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from kezdesu.core.errors import DomainError
from kezdesu.regulations.domain.calendar_exceptions import (
    add_calendar_exception,
    remove_calendar_exception,
    update_calendar_exception,
    validate_calendar_exception,
)
from kezdesu.regulations.models import CalendarException, Fulfilment, ObligationRule, RegulationProfile, Reminder


class ReadOnlyMixin:
    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class ObligationRuleInline(ReadOnlyMixin, TranslationTabularInline):
    model = ObligationRule
    extra = 0
    fields = (
        "code",
        "requirement",
        "source",
        "title",
        "debtor",
        "recipient",
        "period",
        "event",
        "anchor",
        "months",
        "day",
        "days",
        "roll",
        "notes",
    )


@admin.register(RegulationProfile)
class RegulationProfileAdmin(ReadOnlyMixin, TranslationAdmin):
    list_display = ("code", "title", "effective_from", "effective_to", "planning_cycle")
    filter_horizontal = ("exempt_organisations",)
    inlines = [ObligationRuleInline]


class CalendarExceptionForm(forms.ModelForm):
    class Meta:
        model = CalendarException
        fields = ("date", "kind", "reason_kk", "reason_ru", "reason_en", "act")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("date") and data.get("kind") and data.get("reason_kk"):
            try:
                validate_calendar_exception(
                    day=data["date"],
                    kind=data["kind"],
                    reason_kk=data["reason_kk"],
                    exception=self.instance if self.instance.pk else None,
                )
            except DomainError as error:
                raise ValidationError(str(error.message), code=error.code) from None
        return data


@admin.register(CalendarException)
class CalendarExceptionAdmin(TranslationAdmin):
    form = CalendarExceptionForm
    list_display = ("date", "kind", "reason", "act")
    list_filter = ("kind",)
    date_hierarchy = "date"
    search_fields = ("reason_kk", "reason_ru", "reason_en", "act")

    def _may_manage(self, request: HttpRequest) -> bool:
        return request.user.has_perm("regulations.manage_calendar")

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._may_manage(request) or super().has_view_permission(request, obj)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return self._may_manage(request)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._may_manage(request)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._may_manage(request)

    def save_model(self, request: HttpRequest, obj: CalendarException, form: forms.ModelForm, change: bool) -> None:
        data: dict[str, Any] = form.cleaned_data
        values = {
            "day": data["date"],
            "kind": data["kind"],
            "reason_kk": data["reason_kk"],
            "reason_ru": data.get("reason_ru") or "",
            "reason_en": data.get("reason_en") or "",
            "act": data.get("act") or "",
        }
        if change:
            saved = update_calendar_exception(actor=request.user, exception=obj, **values)
        else:
            saved = add_calendar_exception(actor=request.user, **values)
        obj.pk = saved.pk

    def delete_model(self, request: HttpRequest, obj: CalendarException) -> None:
        remove_calendar_exception(actor=request.user, exception=obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[CalendarException]) -> None:
        for exception in queryset:
            remove_calendar_exception(actor=request.user, exception=exception)


@admin.register(Fulfilment)
class FulfilmentAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ("obligation_key", "organisation", "met_on", "reference", "recorded_by", "recorded_at")
    search_fields = ("obligation_key", "reference")
    list_select_related = ("organisation", "recorded_by")


@admin.register(Reminder)
class ReminderAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ("obligation_key", "kind", "recipient", "sent_at")
    list_filter = ("kind",)
    list_select_related = ("recipient",)
