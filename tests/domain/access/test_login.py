"""What a login leaves in the audit log (each failure too, never the password), and a login decided
while another desk holds the write lock: it waits for a short change and records itself, and outlasts
a long one without failing."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import func, select

from bodesk.domain.access.actor import Actor
from bodesk.domain.access.login import authenticate
from bodesk.domain.access.models import AuditEntry, LoginThrottle, User
from bodesk.domain.access.services import set_locked
from bodesk.store.engine import Database
from tests.builders.access import PASSWORD
from tests.helpers.busy import impatient, write_lock_held
from tests.helpers.refusals import refused

WRONG = "wrong-password-99"


def _entries(db: Database, action: str) -> list[tuple[Any, ...]]:
    with db.read() as session:
        rows = session.execute(
            select(AuditEntry.user_id, AuditEntry.user_login, AuditEntry.entity_key, AuditEntry.new_values)
            .where(AuditEntry.action == action)
            .order_by(AuditEntry.id)
        )
        return [(user_id, login, key, json.loads(new) if new else None) for user_id, login, key, new in rows]


def _everything_audited(db: Database) -> str:
    with db.read() as session:
        return repr(session.execute(select(AuditEntry.__table__)).all())


def _state(db: Database) -> tuple[Any, ...]:
    with db.read() as session:
        audit = session.execute(select(func.count()).select_from(AuditEntry)).scalar_one()
        throttles = session.execute(select(LoginThrottle.__table__)).all()
        users = session.execute(select(User.__table__).order_by(User.id)).all()
    return audit, throttles, users


def test_each_failed_login_is_audited_without_the_password(
    db: Database, make_user: Callable[..., Actor]
) -> None:
    seller = make_user("sales")
    for login, password in ((seller.login, WRONG), (seller.login, WRONG), ("Nobody-Here ", PASSWORD)):
        with refused("access.bad_credentials"):
            authenticate(db, login, password)
    assert _entries(db, "login.failed") == [
        (None, seller.login, seller.login, {"failures": 1}),
        (None, seller.login, seller.login, {"failures": 2}),
        (None, "nobody-here", "nobody-here", {"failures": 1}),
    ]
    written = _everything_audited(db)
    assert WRONG not in written and PASSWORD not in written


def test_a_locked_users_attempt_is_audited_and_refused(
    db: Database, owner: Actor, make_user: Callable[..., Actor]
) -> None:
    seller = make_user("sales")
    set_locked(db, owner, seller.user_id, True)
    with refused("access.locked"):
        authenticate(db, seller.login, PASSWORD)
    assert _entries(db, "login.locked") == [(None, seller.login, seller.login, None)]
    assert _entries(db, "login") == []


def test_a_login_waits_for_a_short_change_of_another_desk_and_is_recorded(
    db: Database, make_user: Callable[..., Actor]
) -> None:
    seller = make_user("sales")
    with write_lock_held(db, seconds=0.5):
        assert authenticate(db, seller.login, PASSWORD) == seller
        with refused("access.bad_credentials"):
            authenticate(db, seller.login, WRONG)
    assert [entry[1] for entry in _entries(db, "login")] == [seller.login]
    assert [entry[3] for entry in _entries(db, "login.failed")] == [{"failures": 1}]


def test_a_login_is_decided_while_another_desk_keeps_the_write_lock(
    db: Database, make_user: Callable[..., Actor], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Past the busy timeout the answer still stands, and nothing is written: the record goes to the log."""
    seller = make_user("sales")
    with impatient(db, monkeypatch) as other_program:
        before = _state(db)
        with write_lock_held(db):
            assert authenticate(other_program, seller.login, PASSWORD) == seller
            with refused("access.bad_credentials"):
                authenticate(other_program, seller.login, WRONG)
            with refused("access.bad_credentials"):
                authenticate(other_program, "nobody-here", PASSWORD)
        assert _state(db) == before
        assert authenticate(other_program, seller.login, PASSWORD) == seller  # recorded once free again
    assert [entry[1] for entry in _entries(db, "login")] == [seller.login]


def test_a_locked_user_stays_out_while_another_desk_keeps_the_write_lock(
    db: Database, owner: Actor, make_user: Callable[..., Actor], monkeypatch: pytest.MonkeyPatch
) -> None:
    seller = make_user("sales")
    set_locked(db, owner, seller.user_id, True)
    with impatient(db, monkeypatch) as other_program, write_lock_held(db), refused("access.locked"):
        authenticate(other_program, seller.login, PASSWORD)
