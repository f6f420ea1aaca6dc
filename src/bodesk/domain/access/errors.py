"""Why a login or an access-control action was refused."""

from __future__ import annotations

from bodesk.domain.common.errors import PermissionDenied, UserError


class BadCredentials(UserError):
    """Wrong login or password: the same answer whether or not the login exists."""

    code = "access.bad_credentials"


class LoginCooldown(UserError):
    """Too many failed logins: the next try waits `seconds`."""

    code = "access.cooldown"

    def __init__(self, message: str, seconds: int) -> None:
        super().__init__(message)
        self.seconds = seconds


class AccountLocked(UserError):
    """The owner locked this user."""

    code = "access.locked"


__all__ = ["AccountLocked", "BadCredentials", "LoginCooldown", "PermissionDenied"]
