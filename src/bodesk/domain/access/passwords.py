"""Argon2id password hashes, at least OWASP's minimum (19 MiB, 2 passes, 1 lane)."""

from __future__ import annotations

from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from bodesk.domain.common.errors import ValidationError
from bodesk.i18n import _

MIN_LENGTH = 10
_HASHER = PasswordHasher(time_cost=2, memory_cost=19 * 1024, parallelism=1)


@cache
def _dummy_hash() -> str:
    """Verified against when the login is unknown, so that an unknown login costs the same time."""
    return _HASHER.hash("bodesk-unknown-login-placeholder")


def check_strength(password: str, login: str = "", field: str = "password") -> None:
    if len(password) < MIN_LENGTH:
        raise ValidationError.single(
            field, _("The password is too short: use at least {n} characters.").format(n=MIN_LENGTH)
        )
    if login and password.strip().lower() == login.strip().lower():
        raise ValidationError.single(field, _("The password must not be the login."))
    if len(set(password)) < 3:
        raise ValidationError.single(field, _("The password is too easy to guess: mix more characters."))


def hash_password(password: str) -> str:
    return _HASHER.hash(password)


def verify_password(stored_hash: str | None, password: str) -> bool:
    try:
        return _HASHER.verify(stored_hash or _dummy_hash(), password) and stored_hash is not None
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def needs_rehash(stored_hash: str) -> bool:
    return _HASHER.check_needs_rehash(stored_hash)
