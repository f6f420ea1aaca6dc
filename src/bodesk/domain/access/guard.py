"""The permission check every service makes first, against the user as the database has it now."""

from __future__ import annotations

from sqlalchemy.orm import Session

from bodesk.domain.access.actor import Actor
from bodesk.domain.access.models import User
from bodesk.domain.access.permissions import Action, action_label, is_allowed, role_label
from bodesk.domain.common.errors import PermissionDenied
from bodesk.i18n import _


def require(session: Session, actor: Actor, action: Action) -> User:
    """The acting user, if they still exist, are not locked, and their role allows `action`."""
    user = session.get(User, actor.user_id)
    if user is None or user.is_locked:
        raise PermissionDenied(
            _("Your user is locked or no longer exists. Ask the owner."), code="permission.inactive_user"
        )
    if not is_allowed(user.role, action):
        raise PermissionDenied(
            _("Your role ({role}) may not {action}.").format(
                role=role_label(user.role), action=action_label(action)
            ),
            code="permission.denied",
            action=action.code,
        )
    return user


def may(session: Session, actor: Actor, action: Action) -> bool:
    """Whether the acting user may `action`, as `require` decides, for a read that shows nothing
    rather than refusing (a Ctrl+K search provider)."""
    user = session.get(User, actor.user_id)
    return user is not None and not user.is_locked and is_allowed(user.role, action)


def actor_of(user: User) -> Actor:
    return Actor(user_id=user.id, login=user.login, full_name=user.full_name, role=user.role)
