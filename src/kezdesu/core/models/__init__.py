from kezdesu.core.models.audit import AuditLog
from kezdesu.core.models.notifications import Notification

__all__ = ["AuditLog", "Notification"]
