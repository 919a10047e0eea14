"""Writing the audit trail. Every domain function that changes data calls `record_audit`."""

from collections.abc import Iterable, Mapping
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models

from kezdesu.core.models import AuditLog


def snapshot(instance: models.Model, fields: Iterable[str]) -> dict[str, Any]:
    """The values of `fields` on `instance`, as they will be stored in an audit row."""
    values: dict[str, Any] = {}
    for name in fields:
        field = instance._meta.get_field(name)
        if field.many_to_many:
            values[name] = sorted(str(pk) for pk in getattr(instance, name).values_list("pk", flat=True))
        else:  # a foreign key is stored as its id
            values[name] = instance.serializable_value(name)
    return values


def changed(old: Mapping[str, Any], new: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """Only the keys whose value differs, before and after."""
    keys = [key for key in new if old.get(key) != new.get(key)]
    return {key: old.get(key) for key in keys}, {key: new.get(key) for key in keys}


def record_audit(
    *,
    actor: Any,
    action: str,
    target: models.Model | None = None,
    organisation: Any = None,
    old: Mapping[str, Any] | None = None,
    new: Mapping[str, Any] | None = None,
) -> AuditLog:
    """Append one audit row. `actor` is a user, or None for the system (imports, scheduled jobs)."""
    is_user = actor is not None and getattr(actor, "is_authenticated", False)
    return AuditLog.objects.create(
        actor=actor if is_user else None,
        actor_label=(actor.get_full_name() or actor.get_username()) if is_user else "system",
        action=action,
        target_type=ContentType.objects.get_for_model(target) if target is not None else None,
        target_id=str(target.pk) if target is not None else "",
        target_label=str(target)[:300] if target is not None else "",
        organisation=organisation,
        old_values=dict(old or {}),
        new_values=dict(new or {}),
    )


def save_changed_fields(
    *, actor: Any, instance: models.Model, new: Mapping[str, Any], action: str, organisation: Any = None
) -> bool:
    """Set the fields whose value differs from `new`, count a revision, save them and audit old and new values.

    For an edit under a revision check: call it in the transaction that locked `instance` (with a `revision`
    field). Returns whether anything changed; nothing is written when nothing did.
    """
    old = {name: getattr(instance, name) or "" for name in new}
    old_values, new_values = changed(old, new)
    if not new_values:
        return False
    for name, value in new_values.items():
        setattr(instance, name, value)
    instance.revision += 1  # type: ignore[attr-defined]
    instance.save(update_fields=[*new_values, "revision"])
    record_audit(actor=actor, action=action, target=instance, organisation=organisation, old=old_values, new=new_values)
    return True
