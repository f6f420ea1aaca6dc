"""The books for tests: an account by its code, a manual entry of two lines, what the books hold."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select

from bodesk.domain.access.actor import Actor
from bodesk.domain.access.models import AuditEntry
from bodesk.domain.finance.books import ManualLine, post_manual_entry
from bodesk.domain.finance.models import Account, FinanceSettings, JournalEntry, JournalLine
from bodesk.store.check import run_checks
from bodesk.store.engine import Database


def account_id(db: Database, code: str) -> int:
    with db.read() as session:
        return int(session.execute(select(Account.id).where(Account.code == code)).scalar_one())


def pay_rent(db: Database, actor: Actor, amount: str = "1500.00", day: date | None = None) -> int:
    """Rent (6.5) paid from the bank (1.1.02): a manual entry; returns its id."""
    value = Decimal(amount)
    return post_manual_entry(
        db,
        actor,
        day or date.today(),
        "Aluguel do galpão",
        [ManualLine(account_id(db, "6.5"), debit=value), ManualLine(account_id(db, "1.1.02"), credit=value)],
    )


def books(db: Database) -> dict[str, Any]:
    """What a refused action must leave as it was: the chart, the journal, the settings, the audit log."""
    with db.read() as session:
        return {
            "accounts": session.execute(
                select(
                    Account.code, Account.name, Account.kind, Account.role, Account.dre_line, Account.active
                ).order_by(Account.id)
            ).all(),
            "entries": session.execute(select(func.count()).select_from(JournalEntry)).scalar_one(),
            "lines": session.execute(select(func.count()).select_from(JournalLine)).scalar_one(),
            "settings": session.execute(
                select(FinanceSettings.lock_date, FinanceSettings.pix_key, FinanceSettings.state_registration)
            ).all(),
            "audit": session.execute(select(func.count()).select_from(AuditEntry)).scalar_one(),
        }


def problems(db: Database) -> list[str]:
    """What `bodesk check` finds wrong with the finance invariants."""
    return [
        problem
        for result in run_checks(db)
        if result.name.startswith("finance.")
        for problem in result.problems
    ]
