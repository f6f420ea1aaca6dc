"""The modules' permissions decide: for every role and every action, `require` passes exactly when the
action names the role, and the owner-only services refuse everyone else, changing nothing."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from sqlalchemy import func, select

from bodesk.domain.access.actor import Actor
from bodesk.domain.access.guard import actor_of, require
from bodesk.domain.access.models import AuditEntry, User
from bodesk.domain.access.permissions import (
    ACCOUNT_PASSWORD,
    ROLE_LABELS,
    USERS_MANAGE,
    Action,
    Role,
    action_label,
    is_allowed,
    permission,
    role_label,
)
from bodesk.domain.access.queries import AuditQuery, UsersQuery, audit_filter_options
from bodesk.domain.access.services import add_user, set_locked, update_user
from bodesk.domain.common.errors import PermissionDenied
from bodesk.domain.common.listing import ListRequest
from bodesk.domain.company.models import Company
from bodesk.domain.company.services import CompanyDetails, set_up_company, update_company
from bodesk.domain.registry import modules, permissions
from bodesk.store.engine import Database
from bodesk.store.opening import open_database
from tests.builders.access import PASSWORD
from tests.builders.company import CNPJ
from tests.helpers.refusals import denied, refused


@pytest.fixture(scope="module")
def staff(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Database, dict[Role, Actor]]]:
    """One database with one user of every role, shared by the whole Role x Action matrix."""
    folder = tmp_path_factory.mktemp("permissions")
    database = open_database(f"sqlite:///{folder / 'bodesk.sqlite'}")
    owner = set_up_company(
        database, CompanyDetails(name="Matrix Ltda.", tax_id=CNPJ), "dono", "Dona", PASSWORD
    )
    actors = {Role.OWNER: owner}
    for role in Role:
        if role is not Role.OWNER:
            user = add_user(database, owner, f"user-{role.value}", f"User {role.value}", role, PASSWORD)
            actors[role] = actor_of(user)
    yield database, actors
    database.dispose()


@pytest.mark.parametrize("action", permissions(), ids=str)
@pytest.mark.parametrize("role", list(Role), ids=str)
def test_require_follows_the_permission_table(
    staff: tuple[Database, dict[Role, Actor]], role: Role, action: Action
) -> None:
    database, actors = staff
    allowed = role in action.roles
    assert is_allowed(role, action) is allowed
    with database.read() as session:
        if allowed:
            assert require(session, actors[role], action).role == role
        else:
            with denied(action) as caught:
                require(session, actors[role], action)
            assert caught.value.message == f"Your role ({role_label(role)}) may not {action_label(action)}."


def test_every_role_is_labelled_and_every_module_lists_its_permissions() -> None:
    assert set(ROLE_LABELS) == set(Role)
    declared = [action for module in modules() for action in module.permissions]
    assert len(declared) == len(set(declared)) == len(permissions())  # each declared once, by one module
    assert all(Role.OWNER in action.roles and action.label for action in declared)
    assert set(ACCOUNT_PASSWORD.roles) == set(Role)
    assert USERS_MANAGE.roles == {Role.OWNER}


def test_a_permission_is_declared_once() -> None:
    assert permission("users.manage", USERS_MANAGE.label) == USERS_MANAGE  # the same declaration again
    with pytest.raises(ValueError, match="declared twice"):
        permission("users.manage", "something else", Role.SALES)


def test_an_unknown_role_may_do_nothing() -> None:
    assert not any(is_allowed("wizard", action) for action in permissions())
    assert role_label("wizard") == "wizard"


def test_a_user_that_no_longer_exists_may_do_nothing(staff: tuple[Database, dict[Role, Actor]]) -> None:
    database, _actors = staff
    ghost = Actor(user_id=99999, login="ghost", full_name="Ghost", role="owner")
    with database.read() as session, refused("permission.inactive_user"):
        require(session, ghost, ACCOUNT_PASSWORD)


def test_the_role_in_the_database_counts_not_the_one_in_the_actor(
    staff: tuple[Database, dict[Role, Actor]],
) -> None:
    database, actors = staff
    pretender = Actor(**{**actors[Role.SALES].__dict__, "role": "owner"})
    with database.read() as session, denied(USERS_MANAGE):
        require(session, pretender, USERS_MANAGE)


# -- owner-only services refuse every other role, changing nothing ---------------------------------


def _state(db: Database) -> tuple[Any, ...]:
    with db.read() as session:
        users = [tuple(row) for row in session.execute(select(User.__table__).order_by(User.id))]
        company = [tuple(row) for row in session.execute(select(Company.__table__))]
        audit = session.execute(select(func.count()).select_from(AuditEntry)).scalar_one()
    return users, company, audit


def _add(db: Database, actor: Actor, victim: Actor) -> None:
    add_user(db, actor, "intruder", "Intruder", "owner", PASSWORD)


def _update(db: Database, actor: Actor, victim: Actor) -> None:
    update_user(db, actor, victim.user_id, "Renamed", "owner")


def _lock(db: Database, actor: Actor, victim: Actor) -> None:
    set_locked(db, actor, victim.user_id, True)


def _company(db: Database, actor: Actor, victim: Actor) -> None:
    update_company(db, actor, CompanyDetails(name="Taken Over Ltda.", tax_id=CNPJ))


def _audit_page(db: Database, actor: Actor, victim: Actor) -> None:
    AuditQuery().page(db, actor, ListRequest(), 0, 10)


def _audit_count(db: Database, actor: Actor, victim: Actor) -> None:
    AuditQuery().count(db, actor, ListRequest())


def _audit_options(db: Database, actor: Actor, victim: Actor) -> None:
    audit_filter_options(db, actor)


def _users_page(db: Database, actor: Actor, victim: Actor) -> None:
    UsersQuery().page(db, actor, ListRequest(), 0, 10)


SERVICES: dict[str, Callable[[Database, Actor, Actor], None]] = {
    "add_user": _add,
    "update_user": _update,
    "set_locked": _lock,
    "update_company": _company,
    "AuditQuery.page": _audit_page,
    "AuditQuery.count": _audit_count,
    "audit_filter_options": _audit_options,
    "UsersQuery.page": _users_page,
}


@pytest.mark.parametrize("service", list(SERVICES))
def test_owner_only_services_refuse_other_roles_changing_nothing(
    db: Database, owner: Actor, make_user: Callable[..., Actor], service: str
) -> None:
    others = [make_user(role.value) for role in Role if role is not Role.OWNER]
    before = _state(db)
    for actor in others:
        with pytest.raises(PermissionDenied):
            SERVICES[service](db, actor, others[0])
    assert _state(db) == before
    SERVICES[service](db, owner, others[0])  # the owner may
