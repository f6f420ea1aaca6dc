"""Read side of access: the users list and the audit log list, paged, sorted and filtered in SQL."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from sqlalchemy import or_, select

from bodesk.domain.access.actor import Actor
from bodesk.domain.access.guard import require
from bodesk.domain.access.models import AuditEntry, User
from bodesk.domain.access.permissions import AUDIT_VIEW, USERS_MANAGE
from bodesk.domain.common.listing import AnySelect, ListColumn, ListQuery, ListRequest, contains, within_dates
from bodesk.domain.common.text import fold
from bodesk.i18n import N_
from bodesk.store.engine import Database


class UsersQuery(ListQuery):
    action = USERS_MANAGE
    columns = (
        ListColumn("login", N_("Login"), User.login),
        ListColumn("full_name", N_("Name"), User.full_name),
        ListColumn("role", N_("Role"), User.role, kind="role"),
        ListColumn("is_locked", N_("Locked"), User.is_locked, kind="bool"),
        ListColumn("last_login_at", N_("Last login"), User.last_login_at, kind="datetime"),
    )
    entity = User
    default_sort = "login"

    def where(self, stmt: AnySelect, request: ListRequest) -> AnySelect:
        if request.search:
            stmt = stmt.where(
                or_(contains(User.login, request.search), contains(User.full_name, request.search))
            )
        role = request.filter("role")
        if role:
            stmt = stmt.where(User.role == role)
        return stmt


AuditLabels = Callable[[], tuple[Mapping[str, str], Mapping[str, str]]]
"""The translated labels of the audit actions and record types, by code (the registry's)."""


class AuditQuery(ListQuery):
    """The audit log, newest first. Filters: user_login, entity, from and to. A search finds entries by
    their record, or by their action or record type as a person reads it in their language (given
    `labels`) or as its code."""

    action = AUDIT_VIEW
    columns = (
        ListColumn("at", N_("When"), AuditEntry.at, kind="datetime"),
        ListColumn("user_login", N_("User"), AuditEntry.user_login),
        ListColumn("action", N_("Action"), AuditEntry.action),
        ListColumn("entity", N_("Record type"), AuditEntry.entity),
        ListColumn("entity_key", N_("Record"), AuditEntry.entity_key),
        ListColumn("old_values", N_("Before"), AuditEntry.old_values, sortable=False),
        ListColumn("new_values", N_("After"), AuditEntry.new_values, sortable=False),
        ListColumn("reason", N_("Reason"), AuditEntry.reason, sortable=False),
    )
    entity = AuditEntry
    default_sort = "at"
    default_descending = True

    def __init__(self, labels: AuditLabels | None = None) -> None:
        self.labels = labels

    def where(self, stmt: AnySelect, request: ListRequest) -> AnySelect:
        if request.search:
            text = request.search
            found = [contains(AuditEntry.entity_key, text), contains(AuditEntry.action, text)]
            if self.labels is not None:
                actions, records = self.labels()
                found.append(AuditEntry.action.in_(_labelled(actions, text)))
                found.append(AuditEntry.entity.in_(_labelled(records, text)))
            stmt = stmt.where(or_(*found))
        user = request.filter("user_login")
        if user:
            stmt = stmt.where(AuditEntry.user_login == user)
        entity = request.filter("entity")
        if entity:
            stmt = stmt.where(AuditEntry.entity == entity)
        return within_dates(stmt, AuditEntry.at, request)


def _labelled(labels: Mapping[str, str], text: str) -> list[str]:
    """The codes whose label holds the text, case and accents ignored."""
    needle = fold(text)
    return [code for code, label in labels.items() if needle in fold(label)]


def audit_filter_options(db: Database, actor: Actor) -> tuple[list[str], list[str]]:
    """The user logins and record types that appear in the audit log, for its filter boxes."""
    with db.read() as session:
        require(session, actor, AUDIT_VIEW)
        users = session.execute(select(AuditEntry.user_login).distinct().order_by(AuditEntry.user_login))
        entities = session.execute(select(AuditEntry.entity).distinct().order_by(AuditEntry.entity))
        return list(users.scalars()), list(entities.scalars())
