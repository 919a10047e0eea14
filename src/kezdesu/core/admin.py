"""The admin site's own wording; roles are memberships, so Django's groups are not offered."""

from django.contrib import admin
from django.contrib.auth.models import Group
from django.utils.translation import gettext_lazy as _

from kezdesu.core.models import AuditLog

admin.site.site_header = _("Kezdesu administration")
admin.site.site_title = _("Kezdesu administration")
admin.site.index_title = _("Reference data and settings")
admin.site.unregister(Group)


@admin.register(AuditLog)
class AuditLogAdmin(admin.ModelAdmin[AuditLog]):
    """Read-only: the audit trail is append-only (S3)."""

    list_display = ("at", "actor_label", "action", "target_label", "organisation")
    list_filter = ("action", "organisation")
    search_fields = ("action", "target_label", "actor_label")
    date_hierarchy = "at"

    def has_add_permission(self, request: object) -> bool:
        return False

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: object, obj: object = None) -> bool:
        return False
