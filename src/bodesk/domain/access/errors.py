"""Why a login or an access-control action was refused."""

from __future__ import annotations

from bodesk.domain.common.errors import PermissionDenied, UserError


class BadCredentials(UserError):
    """Wrong login or password: the same answer whether or not the login exists."""


class LoginCooldown(UserError):
    def __init__(self, message: str, seconds: int) -> None:
        super().__init__(message)
        self.seconds = seconds


class AccountLocked(UserError):
    pass


__all__ = ["AccountLocked", "BadCredentials", "LoginCooldown", "PermissionDenied"]
