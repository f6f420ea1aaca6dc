"""Users and logins: the rules of adding a user, logging in with a cooldown that survives a restart,
locking, changing passwords, always keeping an owner, and Argon2id hashes."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

import pytest
from argon2 import PasswordHasher, Type, extract_parameters
from sqlalchemy import func, select, update

from bodesk.domain.access.actor import Actor
from bodesk.domain.access.errors import BadCredentials, LoginCooldown
from bodesk.domain.access.login import authenticate, cooldown_after
from bodesk.domain.access.models import AuditEntry, LoginThrottle, User
from bodesk.domain.access.services import add_user, change_password, find_user_id, set_locked, update_user
from bodesk.domain.common.errors import NotFound, PermissionDenied, UserError, ValidationError
from bodesk.store.engine import Database
from bodesk.store.types import utcnow
from tests.builders.access import PASSWORD
from tests.helpers.refusals import invalid, refused

WRONG = "wrong-password-99"
NEW_PASSWORD = "a-better-secret-77"


def _count(db: Database, model: Any, *where: Any) -> int:
    with db.read() as session:
        return session.execute(select(func.count()).select_from(model).where(*where)).scalar_one()


def _user(db: Database, login: str) -> User:
    with db.read() as session:
        return session.execute(select(User).where(User.login == login)).scalar_one()


def _state(db: Database) -> tuple[list[tuple[Any, ...]], int]:
    """Every user as stored, and the number of audit rows: what a refused command must not change."""
    with db.read() as session:
        users = [tuple(row) for row in session.execute(select(User.__table__).order_by(User.id))]
        audit = session.execute(select(func.count()).select_from(AuditEntry)).scalar_one()
    return users, audit


# -- add_user ---------------------------------------------------------------------------------------


def test_add_user_with_good_details(db: Database, owner: Actor) -> None:
    user = add_user(db, owner, "  Ana.Maria_2 ", "  Ana Maria  ", "sales", PASSWORD)
    stored = _user(db, "ana.maria_2")
    assert (stored.id, stored.full_name, stored.role, stored.is_locked) == (
        user.id,
        "Ana Maria",
        "sales",
        False,
    )
    assert stored.password_hash != PASSWORD
    assert (
        _count(db, AuditEntry, AuditEntry.action == "user.add", AuditEntry.entity_key == "ana.maria_2") == 1
    )
    assert find_user_id(db, "ANA.MARIA_2") == user.id


@pytest.mark.parametrize("login", ["dono", "DONO", " Dono "])
def test_a_taken_login_is_refused_on_login(db: Database, owner: Actor, login: str) -> None:
    before = _state(db)
    with invalid("login"):
        add_user(db, owner, login, "Someone Else", "sales", PASSWORD)
    assert _state(db) == before


@pytest.mark.parametrize(
    "password", ["short-1", "123456789", "", "aaaaaaaaaaaa", "abababababab", "newperson1"]
)
def test_a_weak_password_is_refused(db: Database, owner: Actor, password: str) -> None:
    before = _state(db)
    with invalid("password"):
        add_user(db, owner, "newperson1", "New Person", "sales", password)
    assert _state(db) == before


def test_a_password_of_ten_characters_is_enough(db: Database, owner: Actor) -> None:
    add_user(db, owner, "newperson1", "New Person", "sales", "abcdefgh12")
    assert authenticate(db, "newperson1", "abcdefgh12").login == "newperson1"


@pytest.mark.parametrize(
    "login", ["ana maria", "ab", "-ana", ".ana", "ana@loja", "joão", "", "a" * 61, "ana/1"]
)
def test_a_login_with_bad_characters_is_refused(db: Database, owner: Actor, login: str) -> None:
    before = _state(db)
    with invalid("login"):
        add_user(db, owner, login, "Ana", "sales", PASSWORD)
    assert _state(db) == before


@pytest.mark.parametrize("role", ["wizard", "", "Owner", "admin"])
def test_an_unknown_role_is_refused(db: Database, owner: Actor, role: str) -> None:
    before = _state(db)
    with invalid("role"):
        add_user(db, owner, "newperson", "New Person", role, PASSWORD)
    assert _state(db) == before


def test_every_problem_is_reported_at_once(db: Database, owner: Actor) -> None:
    with pytest.raises(ValidationError) as caught:
        add_user(db, owner, "a b", "  ", "wizard", "short")
    assert {error.field for error in caught.value.errors} == {"login", "full_name", "role", "password"}


def test_find_user_id_of_an_unknown_login(db: Database, owner: Actor) -> None:
    with pytest.raises(NotFound):
        find_user_id(db, "nobody")


# -- authenticate -----------------------------------------------------------------------------------


def test_the_right_password_gives_an_actor_and_an_audit_row(
    db: Database, make_user: Callable[..., Actor]
) -> None:
    seller = make_user("sales")
    now = utcnow()
    actor = authenticate(db, f"  {seller.login.upper()} ", PASSWORD, now=now)
    assert actor == seller
    with db.read() as session:
        row = session.execute(select(AuditEntry).where(AuditEntry.action == "login")).scalar_one()
    assert (row.user_id, row.user_login, row.entity, row.entity_key, row.at) == (
        seller.user_id,
        seller.login,
        "user",
        seller.login,
        now,
    )
    assert _user(db, seller.login).last_login_at == now


def test_a_wrong_password_and_an_unknown_login_get_the_same_answer(
    db: Database, make_user: Callable[..., Actor]
) -> None:
    seller = make_user("sales")
    before = _count(db, AuditEntry, AuditEntry.action == "login")
    with pytest.raises(UserError) as wrong_password:
        authenticate(db, seller.login, WRONG)
    with pytest.raises(UserError) as unknown_login:
        authenticate(db, "nobody-here", WRONG)
    with pytest.raises(UserError) as unknown_with_real_password:
        authenticate(db, "nobody-here", PASSWORD)
    answers = {
        (type(caught.value), caught.value.message)
        for caught in (wrong_password, unknown_login, unknown_with_real_password)
    }
    assert answers == {(BadCredentials, "Wrong login or password.")}
    assert _count(db, AuditEntry, AuditEntry.action == "login") == before


def _fail(db: Database, login: str, times: int, start: datetime) -> datetime:
    """`times` wrong passwords, one second apart, all answered "wrong"; returns the next second."""
    for second in range(times):
        with pytest.raises(BadCredentials):
            authenticate(db, login, WRONG, now=start + timedelta(seconds=second))
    return start + timedelta(seconds=times)


def test_ten_failures_give_a_cooldown_that_survives_a_restart_and_grows(
    db: Database, make_user: Callable[..., Actor]
) -> None:
    seller = make_user("sales")
    start = utcnow()
    tenth = _fail(db, seller.login, 9, start)
    with pytest.raises(LoginCooldown) as caught:
        authenticate(db, seller.login, WRONG, now=tenth)
    assert caught.value.seconds == 60
    assert _count(db, AuditEntry, AuditEntry.action == "login.blocked") == 1

    restarted = Database(db.url)  # a new program on the same file
    try:
        for password in (PASSWORD, WRONG):
            with pytest.raises(LoginCooldown) as caught:
                authenticate(restarted, seller.login, password, now=tenth + timedelta(seconds=30))
            assert caught.value.seconds == 30
        with db.read() as session:
            assert (
                session.get(LoginThrottle, seller.login).failures == 10
            )  # attempts while blocked don't count
        after_first = tenth + timedelta(seconds=61)
        with pytest.raises(LoginCooldown) as caught:
            authenticate(restarted, seller.login, WRONG, now=after_first)
        assert caught.value.seconds == 120  # the next failure doubles it
        after_second = after_first + timedelta(seconds=121)
        assert authenticate(restarted, seller.login, PASSWORD, now=after_second) == seller
        assert _count(restarted, LoginThrottle) == 0  # a good login clears the record
        with pytest.raises(BadCredentials):
            authenticate(restarted, seller.login, WRONG, now=after_second + timedelta(seconds=1))
    finally:
        restarted.dispose()


def test_cooldowns_double_up_to_an_hour() -> None:
    assert [cooldown_after(failures) for failures in (1, 9)] == [None, None]
    assert cooldown_after(10) == timedelta(seconds=60)
    assert cooldown_after(11) == timedelta(seconds=120)
    assert cooldown_after(13) == timedelta(seconds=480)
    assert cooldown_after(40) == timedelta(hours=1)


def test_an_unknown_login_is_throttled_like_a_known_one(db: Database, owner: Actor) -> None:
    tenth = _fail(db, "ghost", 9, utcnow())
    with pytest.raises(LoginCooldown):
        authenticate(db, "ghost", WRONG, now=tenth)


def test_a_locked_user_is_told_so_only_with_the_right_password(
    db: Database, owner: Actor, make_user: Callable[..., Actor]
) -> None:
    seller = make_user("sales")
    set_locked(db, owner, seller.user_id, True, reason="left the company")
    with pytest.raises(BadCredentials):
        authenticate(db, seller.login, WRONG)
    with refused("access.locked"):
        authenticate(db, seller.login, PASSWORD)
    set_locked(db, owner, seller.user_id, False)
    assert authenticate(db, seller.login, PASSWORD) == seller


def test_unlocking_clears_the_cooldown(db: Database, owner: Actor, make_user: Callable[..., Actor]) -> None:
    seller = make_user("sales")
    tenth = _fail(db, seller.login, 9, utcnow())
    with pytest.raises(LoginCooldown):
        authenticate(db, seller.login, WRONG, now=tenth)
    set_locked(db, owner, seller.user_id, False)
    assert _count(db, LoginThrottle) == 0
    assert authenticate(db, seller.login, PASSWORD, now=tenth + timedelta(seconds=1)) == seller


def test_a_weaker_old_hash_is_upgraded_at_login(db: Database, make_user: Callable[..., Actor]) -> None:
    seller = make_user("sales")
    weak = PasswordHasher(time_cost=1, memory_cost=8192, parallelism=1).hash(PASSWORD)
    with db.write() as session:
        session.execute(update(User).where(User.id == seller.user_id).values(password_hash=weak))
    authenticate(db, seller.login, PASSWORD)
    assert extract_parameters(_user(db, seller.login).password_hash).memory_cost >= 19456


def test_password_hashes_are_argon2id_with_owasp_parameters(
    db: Database, make_user: Callable[..., Actor]
) -> None:
    seller = make_user("sales")
    stored = _user(db, seller.login).password_hash
    assert stored.startswith("$argon2id$")
    parameters = extract_parameters(stored)
    assert parameters.type is Type.ID
    assert parameters.memory_cost >= 19456
    assert parameters.time_cost >= 2
    assert parameters.parallelism >= 1
    assert PASSWORD not in stored


# -- change_password --------------------------------------------------------------------------------


def test_a_user_changes_their_own_password_giving_the_current_one(
    db: Database, make_user: Callable[..., Actor]
) -> None:
    seller = make_user("sales")
    change_password(db, seller, seller.user_id, NEW_PASSWORD, current_password=PASSWORD)
    assert authenticate(db, seller.login, NEW_PASSWORD) == seller
    with pytest.raises(BadCredentials):
        authenticate(db, seller.login, PASSWORD)
    with db.read() as session:
        row = session.execute(select(AuditEntry).where(AuditEntry.action == "user.password")).scalar_one()
    assert row.new_values == '{"password": "***"}'


@pytest.mark.parametrize("current", [None, "", WRONG])
def test_changing_ones_own_password_needs_the_current_one(
    db: Database, make_user: Callable[..., Actor], current: str | None
) -> None:
    seller = make_user("sales")
    before = _state(db)
    with invalid("current_password"):
        change_password(db, seller, seller.user_id, NEW_PASSWORD, current_password=current)
    assert _state(db) == before


def test_a_weak_new_password_is_refused(db: Database, make_user: Callable[..., Actor]) -> None:
    seller = make_user("sales")
    before = _state(db)
    with invalid("password"):
        change_password(db, seller, seller.user_id, "short", current_password=PASSWORD)
    assert _state(db) == before


def test_the_owner_sets_anyones_password(db: Database, owner: Actor, make_user: Callable[..., Actor]) -> None:
    seller = make_user("sales")
    change_password(db, owner, seller.user_id, NEW_PASSWORD)
    assert authenticate(db, seller.login, NEW_PASSWORD) == seller


def test_others_may_not_set_someone_elses_password(db: Database, make_user: Callable[..., Actor]) -> None:
    manager, seller = make_user("manager"), make_user("sales")
    before = _state(db)
    with pytest.raises(PermissionDenied):
        change_password(db, manager, seller.user_id, NEW_PASSWORD, current_password=PASSWORD)
    assert _state(db) == before


# -- keeping an owner -------------------------------------------------------------------------------


def test_the_last_owner_cannot_be_demoted(db: Database, owner: Actor) -> None:
    before = _state(db)
    with refused("user.last_owner"):
        update_user(db, owner, owner.user_id, "Dona Maria", "manager")
    assert _state(db) == before


def test_a_locked_owner_does_not_count_as_an_owner(
    db: Database, owner: Actor, make_user: Callable[..., Actor]
) -> None:
    other = make_user("owner")
    set_locked(db, owner, other.user_id, True)
    before = _state(db)
    with refused("user.last_owner"):
        update_user(db, owner, owner.user_id, "Dona Maria", "manager")
    assert _state(db) == before


def test_an_owner_may_be_demoted_while_another_remains(
    db: Database, owner: Actor, make_user: Callable[..., Actor]
) -> None:
    other = make_user("owner")
    update_user(db, owner, owner.user_id, "Dona Maria", "manager")
    assert _user(db, owner.login).role == "manager"
    set_locked(db, other, owner.user_id, True)
    assert _user(db, owner.login).is_locked


def test_an_owner_cannot_lock_themselves(db: Database, owner: Actor, make_user: Callable[..., Actor]) -> None:
    make_user("owner")  # even with another owner to keep things going
    before = _state(db)
    with refused("user.lock_self"):
        set_locked(db, owner, owner.user_id, True)
    assert _state(db) == before


def test_locking_is_audited_with_its_reason(
    db: Database, owner: Actor, make_user: Callable[..., Actor]
) -> None:
    seller = make_user("sales")
    set_locked(db, owner, seller.user_id, True, reason="on leave")
    set_locked(db, owner, seller.user_id, True)  # already locked: nothing to record
    with db.read() as session:
        rows = list(session.execute(select(AuditEntry).where(AuditEntry.action == "user.lock")).scalars())
    assert [(row.entity_key, row.reason, row.new_values) for row in rows] == [
        (seller.login, "on leave", '{"is_locked": true}')
    ]


def test_a_locked_actor_can_do_nothing(db: Database, owner: Actor, make_user: Callable[..., Actor]) -> None:
    other = make_user("owner")
    set_locked(db, owner, other.user_id, True)
    before = _state(db)
    with refused("permission.inactive_user"):
        add_user(db, other, "newperson", "New Person", "sales", PASSWORD)
    assert _state(db) == before


def test_update_user_of_a_missing_user(db: Database, owner: Actor) -> None:
    with pytest.raises(NotFound):
        update_user(db, owner, 9999, "Nobody", "sales")
