"""Admin for the reference data. Every save goes through the domain, which writes the audit trail.

Regions, districts and organisations are not deleted here: they are referenced by the audit trail
and by the regulation profiles. An organisation that no longer exists is marked inactive.
"""

from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.db import models
from django.forms import ModelForm
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from kezdesu.organisations.domain.reference_edits import delete_reference_object, update_reference_object
from kezdesu.organisations.models import (
    District,
    Membership,
    Organisation,
    OrganisationName,
    Position,
    Region,
    User,
)


class AuditedAdminMixin:
    """Saves and deletions through the domain functions, so each edit is audited."""

    def save_model(self, request: HttpRequest, obj: models.Model, form: ModelForm, change: bool) -> None:
        update_reference_object(actor=request.user, instance=obj, changed_fields=form.changed_data)

    def delete_model(self, request: HttpRequest, obj: models.Model) -> None:
        delete_reference_object(actor=request.user, instance=obj)

    def delete_queryset(self, request: HttpRequest, queryset: models.QuerySet[Any]) -> None:
        for obj in queryset:
            delete_reference_object(actor=request.user, instance=obj)

    def save_formset(self, request: HttpRequest, form: ModelForm, formset: Any, change: bool) -> None:
        # commit=False fills new_objects / changed_objects / deleted_objects for the admin's history.
        formset.save(commit=False)
        for obj in formset.deleted_objects:
            delete_reference_object(actor=request.user, instance=obj)
        for obj, changed_fields in formset.changed_objects:
            update_reference_object(actor=request.user, instance=obj, changed_fields=changed_fields)
        for obj in formset.new_objects:
            update_reference_object(actor=request.user, instance=obj, changed_fields=[])
        formset.save_m2m()


class NotDeletableMixin:
    def has_delete_permission(self, request: HttpRequest, obj: models.Model | None = None) -> bool:
        return False


class DistrictInline(TranslationTabularInline):
    model = District
    fields = ("kato", "pcode", "kind", "name")
    extra = 0
    show_change_link = True

    def has_delete_permission(self, request: HttpRequest, obj: models.Model | None = None) -> bool:
        return False


@admin.register(Region)
class RegionAdmin(AuditedAdminMixin, NotDeletableMixin, TranslationAdmin):
    list_display = ("kato", "name", "iso_code", "kind", "population", "population_as_of")
    list_filter = ("kind",)
    search_fields = ("kato", "iso_code", "pcode", "name_kk", "name_ru", "name_en")
    ordering = ("kato",)
    inlines = [DistrictInline]


@admin.register(District)
class DistrictAdmin(AuditedAdminMixin, NotDeletableMixin, TranslationAdmin):
    list_display = ("kato", "name", "kind", "region")
    list_filter = ("kind", "region")
    list_select_related = ("region",)
    search_fields = ("kato", "pcode", "name_kk", "name_ru", "name_en")
    autocomplete_fields = ("region",)
    ordering = ("kato",)


class PositionInline(TranslationTabularInline):
    model = Position
    fields = ("code", "level", "title", "order", "is_active")
    extra = 0


class OrganisationNameInline(TranslationTabularInline):
    """The names the body bore before it was renamed, each up to its last day."""

    model = OrganisationName
    fields = ("name", "used_until", "act")
    extra = 0


@admin.register(Organisation)
class OrganisationAdmin(AuditedAdminMixin, NotDeletableMixin, TranslationAdmin):
    list_display = (
        "code",
        "name",
        "kind",
        "parent",
        "region",
        "existed_from",
        "existed_to",
        "is_authorized_body",
        "is_active",
    )
    list_filter = ("kind", "is_active", "is_authorized_body", "region")
    list_select_related = ("parent", "region")
    search_fields = ("code", "name_kk", "name_ru", "name_en", "short_name_kk", "short_name_ru", "short_name_en")
    autocomplete_fields = ("parent", "region", "district")
    inlines = [OrganisationNameInline, PositionInline]


@admin.register(Position)
class PositionAdmin(AuditedAdminMixin, TranslationAdmin):
    list_display = ("title", "code", "level", "organisation", "order", "is_active")
    list_filter = ("level", "is_active", "organisation__kind")
    list_select_related = ("organisation",)
    search_fields = ("code", "title_kk", "title_ru", "title_en", "organisation__code", "organisation__name_kk")
    autocomplete_fields = ("organisation",)


class MembershipInline(admin.TabularInline):
    model = Membership
    fields = ("organisation", "role")
    autocomplete_fields = ("organisation",)
    extra = 0


@admin.register(User)
class UserAdmin(AuditedAdminMixin, DjangoUserAdmin):
    fieldsets = (
        *DjangoUserAdmin.fieldsets,  # type: ignore[misc]
        (_("Kezdesu"), {"fields": ("language", "is_demo")}),
    )
    add_fieldsets = (
        *DjangoUserAdmin.add_fieldsets,
        (_("Kezdesu"), {"fields": ("email", "first_name", "last_name", "language", "is_demo")}),
    )
    list_display = ("username", "email", "first_name", "last_name", "language", "is_demo", "is_staff", "is_active")
    list_filter = ("is_demo", "language", "is_staff", "is_superuser", "is_active", "memberships__role")
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ("user", "organisation", "role", "granted_at")
    list_filter = ("role", "organisation__kind")
    list_select_related = ("user", "organisation")
    search_fields = ("user__username", "user__email", "user__last_name", "organisation__code", "organisation__name_kk")
    autocomplete_fields = ("user", "organisation")
