"""Logging in: Argon2id verification, and a cooldown after repeated failures kept in the database.

An unknown login and a wrong password get the same answer and cost the same time. After
`FREE_ATTEMPTS` failures in a row the login name is blocked for 60 s, doubling with each further
failure up to an hour; the record survives a restart and is cleared by a successful login or by
the owner unlocking the user.
"""

from __future__ import annotations

import math
from datetime import datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from bodesk.domain.access import audit
from bodesk.domain.access.actor import Actor
from bodesk.domain.access.errors import AccountLocked, BadCredentials, LoginCooldown
from bodesk.domain.access.guard import actor_of
from bodesk.domain.access.models import LoginThrottle, User
from bodesk.domain.access.passwords import hash_password, needs_rehash, verify_password
from bodesk.domain.common.errors import UserError
from bodesk.i18n import _
from bodesk.store.engine import Database
from bodesk.store.types import utcnow

FREE_ATTEMPTS = 10
FIRST_COOLDOWN = timedelta(seconds=60)
LONGEST_COOLDOWN = timedelta(hours=1)


def normalize_login(login: str) -> str:
    return login.strip().lower()


def cooldown_after(failures: int) -> timedelta | None:
    """How long a login is blocked after `failures` failures in a row (None: not blocked)."""
    if failures < FREE_ATTEMPTS:
        return None
    return min(FIRST_COOLDOWN * 2 ** (failures - FREE_ATTEMPTS), LONGEST_COOLDOWN)


def _cooldown_error(until: datetime, now: datetime) -> LoginCooldown:
    seconds = max(1, math.ceil((until - now).total_seconds()))
    return LoginCooldown(
        _("Too many failed attempts. Wait {seconds} seconds and try again.").format(seconds=seconds), seconds
    )


def _register_failure(session: Session, login: str, now: datetime) -> UserError:
    throttle = session.get(LoginThrottle, login)
    if throttle is None:
        throttle = LoginThrottle(login=login, failures=0, last_failure_at=now)
        session.add(throttle)
    throttle.failures += 1
    throttle.last_failure_at = now
    wait = cooldown_after(throttle.failures)
    if wait is None:
        return BadCredentials(_("Wrong login or password."))
    throttle.blocked_until = now + wait
    audit.record(
        session,
        None,
        "login.blocked",
        "user",
        login,
        new={"failures": throttle.failures},
        at=now,
        login=login[:60],
    )
    return _cooldown_error(throttle.blocked_until, now)


def authenticate(db: Database, login: str, password: str, now: datetime | None = None) -> Actor:
    """The actor for a correct login and password; otherwise a translated refusal (and a record)."""
    now = now or utcnow()
    name = normalize_login(login)[:60]
    refusal: UserError | None = None
    actor: Actor | None = None
    with db.write() as session:
        throttle = session.get(LoginThrottle, name)
        if throttle is not None and throttle.blocked_until is not None and throttle.blocked_until > now:
            refusal = _cooldown_error(throttle.blocked_until, now)
        else:
            user = session.execute(select(User).where(User.login == name)).scalar_one_or_none()
            if not verify_password(user.password_hash if user else None, password) or user is None:
                refusal = _register_failure(session, name, now)
            elif user.is_locked:
                refusal = AccountLocked(_("This user is locked. Ask the owner to unlock it."))
            else:
                session.execute(delete(LoginThrottle).where(LoginThrottle.login == name))
                user.last_login_at = now
                if needs_rehash(user.password_hash):
                    user.password_hash = hash_password(password)
                actor = actor_of(user)
                audit.record(session, actor, "login", "user", user.login, at=now)
    if refusal is not None:
        raise refusal
    if actor is None:  # pragma: no cover - either a refusal or an actor
        raise BadCredentials(_("Wrong login or password."))
    return actor
