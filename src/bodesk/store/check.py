"""`bodesk check`: the database's own integrity and foreign-key checks, then every domain check.

Modules declare their invariants in their manifests and the domain registry adds them here (stock equals moves, the ledger balances, ...); each check
reads through a session and returns the problems it found, as sentences, or nothing. A check that
cannot read what it needs (a damaged page, a busy or unreachable server) is a problem it reports, and
the other checks still run: `bodesk check` is what a person runs on a database they doubt.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from sqlalchemy.orm import Session

from bodesk.i18n import _
from bodesk.store.engine import Database
from bodesk.store.errors import StoreError
from bodesk.store.failures import translated

DomainCheck = Callable[[Session], list[str]]


@dataclass(frozen=True)
class RegisteredCheck:
    name: str
    describe: Callable[[], str]
    run: DomainCheck


_REGISTRY: dict[str, RegisteredCheck] = {}


def add_check(name: str, describe: Callable[[], str], run: DomainCheck) -> None:
    """Add a domain check under `name` (`describe` returns its translated title); the modules' manifests
    declare theirs and the domain registry adds them."""
    _REGISTRY[name] = RegisteredCheck(name, describe, run)


def register_check(name: str, describe: Callable[[], str]) -> Callable[[DomainCheck], DomainCheck]:
    """Decorator form of `add_check`."""

    def wrap(check: DomainCheck) -> DomainCheck:
        add_check(name, describe, check)
        return check

    return wrap


def registered_checks() -> list[RegisteredCheck]:
    return list(_REGISTRY.values())


@dataclass(frozen=True)
class CheckResult:
    name: str
    title: str
    problems: tuple[str, ...]

    @property
    def ok(self) -> bool:
        return not self.problems


def _pragma(db: Database, statement: str) -> list[tuple[object, ...]]:
    with translated(db.describe()), db.engine.connect() as connection:
        return [tuple(row) for row in connection.exec_driver_sql(statement).fetchall()]


def _integrity(db: Database) -> list[str]:
    return [str(row[0]) for row in _pragma(db, "PRAGMA integrity_check") if row[0] != "ok"]


def _foreign_keys(db: Database) -> list[str]:
    return [
        _("Table {table}, row {row}: points to a missing row of {parent}.").format(
            table=row[0], row=row[1], parent=row[2]
        )
        for row in _pragma(db, "PRAGMA foreign_key_check")
    ]


def _domain_check(db: Database, check: RegisteredCheck) -> list[str]:
    with db.read() as session:
        return check.run(session)


def _result(name: str, title: str, run: Callable[[], list[str]]) -> CheckResult:
    """The check's result; one that cannot read the database reports why as its problem."""
    try:
        problems = run()
    except StoreError as exc:
        problems = [_("Could not be checked: {reason}").format(reason=exc.message)]
    return CheckResult(name, title, tuple(problems))


def run_checks(db: Database) -> list[CheckResult]:
    results = []
    if db.is_sqlite:
        results.append(_result("integrity", _("Database file integrity"), lambda: _integrity(db)))
        results.append(_result("foreign-keys", _("References between tables"), lambda: _foreign_keys(db)))
    for check in registered_checks():
        results.append(_result(check.name, check.describe(), partial(_domain_check, db, check)))
    return results
