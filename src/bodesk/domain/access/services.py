"""Managing users: one function per command, each checking permission and writing the audit log in
the same transaction as the change."""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from bodesk.domain.access import audit
from bodesk.domain.access.actor import Actor
from bodesk.domain.access.guard import actor_of, require
from bodesk.domain.access.login import normalize_login
from bodesk.domain.access.models import LoginThrottle, User
from bodesk.domain.access.passwords import check_strength, hash_password, verify_password
from bodesk.domain.access.permissions import ACCOUNT_PASSWORD, USERS_MANAGE, Role
from bodesk.domain.common.errors import NotFound, UserError, ValidationError, Validator
from bodesk.domain.common.lengths import check_lengths
from bodesk.i18n import _
from bodesk.store.engine import Database
from bodesk.store.types import utcnow

LOGIN_PATTERN = re.compile(r"^[a-z0-9][a-z0-9._-]{2,59}$")


def _snapshot(user: User) -> dict[str, Any]:
    return {"login": user.login, "full_name": user.full_name, "role": user.role, "is_locked": user.is_locked}


def validate_new_user(session: Session, login: str, full_name: str, role: str, password: str) -> str:
    """The normalized login, or a ValidationError listing every field that is wrong."""
    name = normalize_login(login)
    check = Validator()
    check.check(
        bool(LOGIN_PATTERN.match(name)),
        "login",
        _("A login has 3 to 60 characters: letters, digits, dot, dash or underscore."),
    )
    check.check(bool(full_name.strip()), "full_name", _("Enter the person's name."))
    check_lengths(check, {"full_name": (full_name.strip(), User.full_name)})
    check.check(role in set(Role), "role", _("Choose a role."))
    if LOGIN_PATTERN.match(name):
        taken = session.execute(select(User.id).where(User.login == name)).first()
        check.check(taken is None, "login", _("The login “{login}” is already taken.").format(login=name))
    try:
        check_strength(password, name)
    except ValidationError as exc:
        check.errors.extend(exc.errors)
    check.raise_if_any()
    return name


def create_user(
    session: Session, actor: Actor | None, login: str, full_name: str, role: str, password: str
) -> User:
    """Insert a user inside an open unit of work (the first-run wizard uses it with no actor)."""
    name = validate_new_user(session, login, full_name, role, password)
    now = utcnow()
    user = User(
        login=name,
        full_name=full_name.strip(),
        role=Role(role).value,
        password_hash=hash_password(password),
        is_locked=False,
        created_at=now,
        password_changed_at=now,
    )
    session.add(user)
    session.flush()
    audit.record(
        session, actor or actor_of(user), "user.add", "user", user.login, new=_snapshot(user), at=now
    )
    return user


def add_user(db: Database, actor: Actor, login: str, full_name: str, role: str, password: str) -> User:
    with db.write() as session:
        require(session, actor, USERS_MANAGE)
        return create_user(session, actor, login, full_name, role, password)


def _get(session: Session, user_id: int) -> User:
    user = session.get(User, user_id)
    if user is None:
        raise NotFound(_("That user no longer exists."), code="user.not_found")
    return user


def find_user_id(db: Database, login: str) -> int:
    with db.read() as session:
        found = session.execute(
            select(User.id).where(User.login == normalize_login(login))
        ).scalar_one_or_none()
    if found is None:
        raise NotFound(_("There is no user “{login}”.").format(login=login), code="user.unknown_login")
    return found


def _other_active_owners(session: Session, user_id: int) -> int:
    return session.execute(
        select(func.count())
        .select_from(User)
        .where(User.role == Role.OWNER, User.is_locked.is_(False), User.id != user_id)
    ).scalar_one()


def _keep_an_owner(session: Session, user: User, becomes_owner: bool, stays_unlocked: bool) -> None:
    was_active_owner = user.role == Role.OWNER and not user.is_locked
    if (
        was_active_owner
        and not (becomes_owner and stays_unlocked)
        and _other_active_owners(session, user.id) == 0
    ):
        raise UserError(
            _("{login} is the last owner who can log in: there must always be one.").format(login=user.login),
            code="user.last_owner",
        )


def update_user(db: Database, actor: Actor, user_id: int, full_name: str, role: str) -> User:
    with db.write() as session:
        require(session, actor, USERS_MANAGE)
        user = _get(session, user_id)
        check = Validator()
        check.check(bool(full_name.strip()), "full_name", _("Enter the person's name."))
        check_lengths(check, {"full_name": (full_name.strip(), User.full_name)})
        check.check(role in set(Role), "role", _("Choose a role."))
        check.raise_if_any()
        _keep_an_owner(session, user, role == Role.OWNER, not user.is_locked)
        before = _snapshot(user)
        user.full_name, user.role = full_name.strip(), role
        old, new = audit.changes(before, _snapshot(user))
        if new:
            audit.record(session, actor, "user.update", "user", user.login, old=old, new=new)
        return user


def set_locked(db: Database, actor: Actor, user_id: int, locked: bool, reason: str | None = None) -> User:
    """Lock a user out, or let them in again (which also clears any login cooldown)."""
    with db.write() as session:
        require(session, actor, USERS_MANAGE)
        user = _get(session, user_id)
        if locked and user.id == actor.user_id:
            raise UserError(_("You cannot lock yourself out."), code="user.lock_self")
        if locked:
            _keep_an_owner(session, user, user.role == Role.OWNER, False)
        if user.is_locked != locked:
            user.is_locked = locked
            audit.record(
                session,
                actor,
                "user.lock" if locked else "user.unlock",
                "user",
                user.login,
                old={"is_locked": not locked},
                new={"is_locked": locked},
                reason=reason,
            )
        if not locked:
            session.execute(delete(LoginThrottle).where(LoginThrottle.login == user.login))
        return user


def change_password(
    db: Database, actor: Actor, user_id: int, new_password: str, current_password: str | None = None
) -> None:
    """Anyone changes their own password, giving the current one; the owner sets anyone else's."""
    with db.write() as session:
        if user_id == actor.user_id:
            me = require(session, actor, ACCOUNT_PASSWORD)
            if not verify_password(me.password_hash, current_password or ""):
                raise ValidationError.single("current_password", _("The current password is wrong."))
        else:
            require(session, actor, USERS_MANAGE)
        user = _get(session, user_id)
        check_strength(new_password, user.login)
        user.password_hash = hash_password(new_password)
        user.password_changed_at = utcnow()
        audit.record(session, actor, "user.password", "user", user.login, new={"password": "changed"})
