"""Bank accounts and bank lines as banking's tests need them."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select

from bodesk.domain.access.actor import Actor
from bodesk.domain.banking.accounts import BankAccountData, add_bank_account
from bodesk.domain.banking.models import BankAccount, BankLine, BankMatch, StatementImport
from bodesk.domain.finance.models import JournalEntry
from bodesk.store.engine import Database
from tests.builders.ofx_files import Entry, statement_file

D = Decimal


def itau(db: Database, owner: Actor, number: str = "56789-0") -> int:
    """The Itaú account the OFX fixtures are statements of (bank 0341, account 56789-0)."""
    return add_bank_account(db, owner, BankAccountData("bank", "Itaú c/c", "341", "1234", number))


def ledger_account(db: Database, bank_account_id: int) -> int:
    with db.read() as session:
        row = session.get(BankAccount, bank_account_id)
        assert row is not None
        return row.account_id


def counts(db: Database) -> dict[str, Any]:
    """What a refused import or match must leave unchanged."""
    with db.read() as session:
        tables = (BankAccount, StatementImport, BankLine, BankMatch, JournalEntry)
        found: dict[str, Any] = {
            model.__tablename__: session.execute(select(func.count()).select_from(model)).scalar_one()
            for model in tables
        }
        found["states"] = session.execute(select(BankLine.id, BankLine.state).order_by(BankLine.id)).all()
        return found


def bank_lines(db: Database, bank_account_id: int | None = None) -> list[BankLine]:
    with db.read() as session:
        query = select(BankLine).order_by(BankLine.id)
        if bank_account_id is not None:
            query = query.where(BankLine.bank_account_id == bank_account_id)
        return list(session.execute(query).scalars())


def statement(entries: list[tuple[str, str, date, str]], account: str = "56789-0") -> bytes:
    """An OFX file (Itaú) of (fitid, amount text, day, memo) entries."""
    from datetime import datetime

    return statement_file(
        [
            Entry(fitid, datetime(day.year, day.month, day.day, 12), amount, memo=memo)
            for fitid, amount, day, memo in entries
        ],
        account=account,
    ).encode()
