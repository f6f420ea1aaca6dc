"""`bodesk export journal --format beancount -o FILE`: the journal as a Beancount (v3) file that
`bean-check` accepts, for accountants who keep their books in plain text.

Accounts: the root by kind (Ativo, Passivo, PatrimonioLiquido, Receitas, Despesas), then the account's
code and name made safe — `Ativo:1-1-01-Caixa`: accents kept, spaces and any other character that is not
a letter, a digit or "-" turned into "-", each component starting with a capital letter or a digit. One
`open` per account used, on its first day. Each entry is one transaction (the entry's number and its
document as the narration, quotes escaped), its amounts `1234.56 BRL`, balancing to zero. Streamed from
the database a batch at a time, oldest first.
"""

from __future__ import annotations

import os
import re
from datetime import date
from decimal import Decimal
from pathlib import Path

from sqlalchemy import func, select

from bodesk.domain.access.actor import Actor
from bodesk.domain.access.guard import require
from bodesk.domain.common.errors import UserError
from bodesk.domain.common.postings import describe
from bodesk.domain.finance.models import Account, JournalEntry, JournalLine
from bodesk.domain.finance.permissions import FINANCE_VIEW
from bodesk.domain.finance.states import AccountKind
from bodesk.i18n import _
from bodesk.store.engine import Database

BATCH = 2000
ROOTS = {
    AccountKind.ASSET: "Ativo",
    AccountKind.LIABILITY: "Passivo",
    AccountKind.EQUITY: "PatrimonioLiquido",
    AccountKind.INCOME: "Receitas",
    AccountKind.EXPENSE: "Despesas",
}
HEADER = (
    'option "title" "{title}"\n'
    'option "operating_currency" "BRL"\n'
    'option "name_assets" "Ativo"\n'
    'option "name_liabilities" "Passivo"\n'
    'option "name_equity" "PatrimonioLiquido"\n'
    'option "name_income" "Receitas"\n'
    'option "name_expenses" "Despesas"\n\n'
)
_UNSAFE = re.compile(r"[^\w-]+")


def account_component(code: str, name: str) -> str:
    """ "1.1.01", "Bancos conta movimento" → "1-1-01-Bancos-conta-movimento" (starts with a digit or a
    capital; letters, digits and "-" only)."""
    text = _UNSAFE.sub("-", f"{code} {name}".replace("_", "-")).strip("-")
    text = re.sub("-{2,}", "-", text)
    if not text or not (text[0].isdigit() or text[0].isupper()):
        text = "X-" + text if text else "X"
    return text


def account_path(kind: str, code: str, name: str) -> str:
    return f"{ROOTS[AccountKind(kind)]}:{account_component(code, name)}"


def quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


def amount(value: Decimal) -> str:
    return f"{value:.2f} BRL"


def export_beancount(db: Database, actor: Actor, path: Path, start: date | None, end: date | None) -> int:
    """Write the journal (between `start` and `end`, when given) to `path`; returns the entries written."""
    days = []
    if start is not None:
        days.append(JournalLine.day >= start)
    if end is not None:
        days.append(JournalLine.day <= end)
    temporary = path.with_name(f".{path.name}.partial")
    count = 0
    try:
        with db.read() as session, temporary.open("w", encoding="utf-8", newline="\n") as out:
            require(session, actor, FINANCE_VIEW)
            out.write(HEADER.format(title=_("bodesk journal")))
            names = {}
            for account_id, account_kind, code, name, first in session.execute(
                select(Account.id, Account.kind, Account.code, Account.name, func.min(JournalLine.day))
                .join(JournalLine, JournalLine.account_id == Account.id)
                .where(*days)
                .group_by(Account.id, Account.kind, Account.code, Account.name)
                .order_by(Account.code)
            ):
                names[account_id] = account_path(account_kind, code, name)
                out.write(f"{first.isoformat()} open {names[account_id]} BRL\n")
            out.write("\n")
            stmt = (
                select(
                    JournalLine.entry_id, JournalLine.day, JournalEntry.number, JournalEntry.memo,
                    JournalEntry.doc_kind, JournalEntry.doc_number, JournalLine.account_id,
                    JournalLine.debit, JournalLine.credit,
                )
                .join(JournalEntry, JournalEntry.id == JournalLine.entry_id)
                .where(*days)
                .order_by(JournalLine.day, JournalEntry.number, JournalLine.id)
            )  # fmt: skip
            current: int | None = None
            for entry, day, number, memo, kind, doc, account, debit, credit in session.execute(
                stmt.execution_options(yield_per=BATCH)
            ):
                if entry != current:
                    current, count = entry, count + 1
                    document = describe(kind, doc) if kind else ""
                    narration = " · ".join(
                        part for part in (_("Entry {n}").format(n=number), document, memo) if part
                    )
                    out.write(f"\n{day.isoformat()} * {quoted(narration)}\n")
                out.write(f"  {names[account]}  {amount(Decimal(debit) - Decimal(credit))}\n")
        os.replace(temporary, path)
    except OSError as exc:
        temporary.unlink(missing_ok=True)
        raise UserError(
            _("Could not write {path}: {reason}").format(path=path, reason=exc.strerror or exc),
            code="export.write_failed",
        ) from exc
    return count
