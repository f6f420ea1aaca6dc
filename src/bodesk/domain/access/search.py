"""Users in the Ctrl+K search, for those who may manage them."""

from __future__ import annotations

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from bodesk.domain.access.actor import Actor
from bodesk.domain.access.guard import may
from bodesk.domain.access.models import User
from bodesk.domain.access.permissions import USERS_MANAGE, role_label
from bodesk.domain.common.listing import contains
from bodesk.domain.search import SearchHit


def find_users(session: Session, actor: Actor, text: str, limit: int) -> list[SearchHit]:
    if not may(session, actor, USERS_MANAGE):
        return []
    rows = session.execute(
        select(User.id, User.login, User.full_name, User.role)
        .where(or_(contains(User.login, text), contains(User.full_name, text)))
        .order_by(User.login)
        .limit(limit)
    )
    return [
        SearchHit("user", row.id, row.full_name, f"{row.login} · {role_label(row.role)}", row.login)
        for row in rows
    ]
