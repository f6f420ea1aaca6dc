"""`bodesk check`: the database's own integrity and foreign-key checks, then every domain check.

Modules declare their invariants in their manifests and the domain registry adds them here (stock equals moves, the ledger balances, ...); each check
reads through a session and returns the problems it found, as sentences, or nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy.orm import Session

from bodesk.i18n import _
from bodesk.store.engine import Database

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


def _sqlite_checks(db: Database) -> list[CheckResult]:
    with db.engine.connect() as connection:
        integrity = [row[0] for row in connection.exec_driver_sql("PRAGMA integrity_check").fetchall()]
        foreign = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
    integrity_problems = tuple(line for line in integrity if line != "ok")
    foreign_problems = tuple(
        _("Table {table}, row {row}: points to a missing row of {parent}.").format(
            table=row[0], row=row[1], parent=row[2]
        )
        for row in foreign
    )
    return [
        CheckResult("integrity", _("Database file integrity"), integrity_problems),
        CheckResult("foreign-keys", _("References between tables"), foreign_problems),
    ]


def run_checks(db: Database) -> list[CheckResult]:
    results = _sqlite_checks(db) if db.is_sqlite else []
    for check in registered_checks():
        with db.read() as session:
            problems = check.run(session)
        results.append(CheckResult(check.name, check.describe(), tuple(problems)))
    return results
