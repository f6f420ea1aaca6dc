"""Logging in: Argon2id verification, and a cooldown after repeated failures kept in the database.

An unknown login and a wrong password get the same answer and cost the same time. After
`FREE_ATTEMPTS` failures in a row the login name is blocked for 60 s, doubling with each further
failure up to an hour; the record survives a restart and is cleared by a successful login or by
the owner unlocking the user. Every login is audited: a success ("login"), each failure
("login.failed", with the login typed and the failures in a row, never the password), a locked user's
attempt ("login.locked") and the start of a cooldown ("login.blocked"). Attempts made during a
cooldown are refused before the password is even checked, and leave no record.

A login does not need the write lock to decide. What decides (the cooldown, the user, the password)
is read in a snapshot, which no other desk's change holds up, and the password is checked outside any
transaction. What the login leaves behind (its audit entry, the failure count or its reset, the time
of the last login, a stronger hash) is written afterwards in one short unit of work, which waits for
another desk's write lock like every write. If that desk keeps the lock longer than bodesk waits (a
large import, say), the decision still stands: a good login goes in and a bad one is refused, and what
could not be recorded goes to the log file instead. Such an unrecorded failure does not count towards
the cooldown, but each one has waited the whole busy timeout, which throttles it as much.
"""

from __future__ import annotations

import logging
import math
from dataclasses import dataclass
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
from bodesk.store.errors import DatabaseBusy
from bodesk.store.types import utcnow

FREE_ATTEMPTS = 10
FIRST_COOLDOWN = timedelta(seconds=60)
LONGEST_COOLDOWN = timedelta(hours=1)
logger = logging.getLogger(__name__)


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


def _bad_credentials() -> BadCredentials:
    return BadCredentials(_("Wrong login or password."))


@dataclass(frozen=True)
class _Seen:
    """What the snapshot read: the user behind the login, if any, and whether a cooldown runs."""

    actor: Actor | None
    password_hash: str | None
    locked: bool
    cooldown: LoginCooldown | None


def _look(db: Database, name: str, now: datetime) -> _Seen:
    with db.read() as session:
        throttle = session.get(LoginThrottle, name)
        if throttle is not None and throttle.blocked_until is not None and throttle.blocked_until > now:
            return _Seen(None, None, False, _cooldown_error(throttle.blocked_until, now))
        user = session.execute(select(User).where(User.login == name)).scalar_one_or_none()
        if user is None:
            return _Seen(None, None, False, None)
        return _Seen(actor_of(user), user.password_hash, user.is_locked, None)


def _record_failure(session: Session, login: str, now: datetime) -> UserError:
    throttle = session.get(LoginThrottle, login)
    if throttle is None:
        throttle = LoginThrottle(login=login, failures=0, last_failure_at=now)
        session.add(throttle)
    throttle.failures += 1
    throttle.last_failure_at = now
    audit.record(
        session, None, "login.failed", "user", login, new={"failures": throttle.failures}, at=now, login=login
    )
    wait = cooldown_after(throttle.failures)
    if wait is None:
        return _bad_credentials()
    throttle.blocked_until = now + wait
    audit.record(
        session,
        None,
        "login.blocked",
        "user",
        login,
        new={"failures": throttle.failures},
        at=now,
        login=login,
    )
    return _cooldown_error(throttle.blocked_until, now)


def _record_success(session: Session, actor: Actor, password: str, now: datetime) -> Actor | UserError:
    """Record a good login; the refusal if the user was locked or removed since the snapshot."""
    user = session.get(User, actor.user_id)
    if user is None:
        return _bad_credentials()
    if user.is_locked:
        audit.record(session, None, "login.locked", "user", user.login, at=now, login=user.login)
        return _locked()
    session.execute(delete(LoginThrottle).where(LoginThrottle.login == user.login))
    user.last_login_at = now
    if needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    audit.record(session, actor, "login", "user", user.login, at=now)
    return actor


def _locked() -> AccountLocked:
    return AccountLocked(_("This user is locked. Ask the owner to unlock it."))


def _unrecorded(actor: Actor | None, seen: _Seen) -> Actor | UserError:
    """The answer to a login that could not be recorded (another desk kept the write lock)."""
    if actor is None:
        return _bad_credentials()
    return _locked() if seen.locked else actor


def authenticate(db: Database, login: str, password: str, now: datetime | None = None) -> Actor:
    """The actor for a correct login and password; otherwise a translated refusal (and a record)."""
    now = now or utcnow()
    name = normalize_login(login)[:60]
    seen = _look(db, name, now)
    if seen.cooldown is not None:
        raise seen.cooldown
    actor = seen.actor if verify_password(seen.password_hash, password) else None
    outcome: Actor | UserError
    try:
        with db.write() as session:
            if actor is None:
                outcome = _record_failure(session, name, now)
            else:
                outcome = _record_success(session, actor, password, now)
    except DatabaseBusy:
        logger.warning("The login of %r was not recorded: the database stayed busy", name)
        outcome = _unrecorded(actor, seen)
    if isinstance(outcome, UserError):
        raise outcome
    return outcome
