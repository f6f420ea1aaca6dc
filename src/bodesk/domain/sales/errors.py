"""Why a sales action was refused, beyond a field's validation."""

from __future__ import annotations

from bodesk.domain.common.errors import UserError


class CustomerRefused(UserError):
    """The customer cannot buy now: blocked, archived, or over its credit without an override."""

    code = "customer.refused"
