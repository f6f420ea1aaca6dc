"""Invariants of access that `bodesk check` proves."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bodesk.domain.access.models import User
from bodesk.domain.access.permissions import Role
from bodesk.i18n import _


def users_have_known_roles(session: Session) -> list[str]:
    rows = session.execute(
        select(User.login, User.role).where(User.role.not_in([role.value for role in Role]))
    )
    return [
        _("User {login} has an unknown role “{role}”.").format(login=row.login, role=row.role) for row in rows
    ]


def an_owner_can_log_in(session: Session) -> list[str]:
    users = session.execute(select(func.count()).select_from(User)).scalar_one()
    owners = session.execute(
        select(func.count()).select_from(User).where(User.role == Role.OWNER, User.is_locked.is_(False))
    ).scalar_one()
    if not users:
        return [_("The database holds no user yet: nobody can log in.")]
    if not owners:
        return [_("No unlocked owner: nobody can manage users. Unlock one with “bodesk user unlock”.")]
    return []
