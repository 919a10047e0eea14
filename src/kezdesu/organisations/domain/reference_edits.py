"""Hand edits of reference data (regions, districts, organisations, positions, roles) by administrators.

The Django admin calls these instead of saving directly, so every edit leaves an audit row with
the values before and after. Loading the data files goes through `reference.load_reference_data`.
"""

from collections.abc import Iterable
from typing import Any

from django.db import models, transaction

from kezdesu.core.domain.audit import changed, record_audit, snapshot
from kezdesu.organisations.models import Membership, Organisation, OrganisationName, Position

ACTION_CREATED = "reference.edit.created"
ACTION_UPDATED = "reference.edit.updated"
ACTION_DELETED = "reference.edit.deleted"

# Never copied into the audit trail.
SECRET_FIELDS = frozenset({"password"})


def update_reference_object(*, actor: Any, instance: models.Model, changed_fields: Iterable[str]) -> None:
    """Save a new or edited object and audit the fields that changed (all fields when new)."""
    names = _audited(instance, changed_fields)
    with transaction.atomic():
        if instance.pk is None or not type(instance)._default_manager.filter(pk=instance.pk).exists():
            instance.save()
            record_audit(
                actor=actor,
                action=ACTION_CREATED,
                target=instance,
                organisation=_organisation_of(instance),
                new=snapshot(instance, _audited(instance, _concrete(instance))),
            )
            return
        stored = type(instance)._default_manager.get(pk=instance.pk)
        old, new = changed(snapshot(stored, names), snapshot(instance, names))
        instance.save()
        if new:
            record_audit(
                actor=actor,
                action=ACTION_UPDATED,
                target=instance,
                organisation=_organisation_of(instance),
                old=old,
                new=new,
            )


def delete_reference_object(*, actor: Any, instance: models.Model) -> None:
    """Delete an object, keeping its last values in the audit trail."""
    with transaction.atomic():
        organisation = _organisation_of(instance)
        old = snapshot(instance, _audited(instance, _concrete(instance)))
        # The audit row names the target by type and id; write it while the object still exists.
        record_audit(
            actor=actor,
            action=ACTION_DELETED,
            target=instance,
            organisation=None if organisation is instance else organisation,
            old=old,
        )
        instance.delete()


def _concrete(instance: models.Model) -> list[str]:
    return [field.name for field in instance._meta.concrete_fields if not field.primary_key]


def _audited(instance: models.Model, names: Iterable[str]) -> list[str]:
    concrete = set(_concrete(instance))
    return [name for name in names if name in concrete and name not in SECRET_FIELDS]


def _organisation_of(instance: models.Model) -> Organisation | None:
    if isinstance(instance, Organisation):
        return instance
    if isinstance(instance, Position | Membership | OrganisationName):
        return instance.organisation
    return None
