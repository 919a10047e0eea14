import pytest
from django.db import DatabaseError, connection, transaction

from kezdesu.core.domain.audit import record_audit
from kezdesu.core.models import AuditLog

pytestmark = pytest.mark.django_db


def test_an_audit_row_cannot_be_changed_or_deleted_through_the_orm():
    row = record_audit(actor=None, action="test.action", new={"a": 1})

    row.action = "test.other"
    with pytest.raises(TypeError):
        row.save()
    with pytest.raises(TypeError):
        row.delete()
    with pytest.raises(TypeError):
        AuditLog.objects.filter(pk=row.pk).update(action="test.other")
    with pytest.raises(TypeError):
        AuditLog.objects.filter(pk=row.pk).delete()
    assert AuditLog.objects.get(pk=row.pk).action == "test.action"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigger guards PostgreSQL")
def test_postgresql_refuses_raw_updates_and_deletes_of_audit_rows():
    row = record_audit(actor=None, action="test.action")

    for statement in ("UPDATE core_auditlog SET action = 'x' WHERE id = %s", "DELETE FROM core_auditlog WHERE id = %s"):
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(statement, [row.pk])
    assert AuditLog.objects.get(pk=row.pk).action == "test.action"


def test_a_system_change_is_recorded_without_an_actor():
    row = record_audit(actor=None, action="test.action", old={"a": 1}, new={"a": 2})

    assert (row.actor, row.actor_label, row.old_values, row.new_values) == (None, "system", {"a": 1}, {"a": 2})
