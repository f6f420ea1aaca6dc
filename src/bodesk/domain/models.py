"""Every mapped class of every module, so that the metadata is complete wherever it is needed."""

from bodesk.domain.access.models import AuditEntry, LoginThrottle, User
from bodesk.domain.common.models import DocumentSequence
from bodesk.domain.company.models import Company
from bodesk.store.types import Base

__all__ = ["AuditEntry", "Base", "Company", "DocumentSequence", "LoginThrottle", "User"]
