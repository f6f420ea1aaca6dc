"""Importing a bank statement: the transactions a file holds become the bank account's lines, once.

Decisions:
- The bank account is found by the statement's bank (COMPE code) and account number (digits, leading
  zeros aside). `bank_account_id` names it when the file names none of ours; a file that names another
  account we keep is refused (its lines would land in the wrong account).
- A transaction the reader could not read (no date, no amount, a file cut short) is a line error: as
  in every import, nothing is written while there are errors unless the person asks for the good lines.
- A line is kept once per bank account and transaction id (FITID); a bank that gives no id gets a
  stable one: a hash of its day, amount and text and its place among the file's identical ones. So the
  same statement imported twice writes nothing the second time, and no import is recorded.
- Everything is checked before the one unit of work that writes the lines and the import's record.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import cast

from sqlalchemy import Table, insert, select
from sqlalchemy.orm import Session

from bodesk.domain.access import audit
from bodesk.domain.access.actor import Actor
from bodesk.domain.access.guard import require
from bodesk.domain.banking.accounts import bank_account, bank_code_of, digits
from bodesk.domain.banking.models import BankAccount, BankLine, StatementImport
from bodesk.domain.banking.ofx import LineError, Statement, Transaction, read_ofx
from bodesk.domain.common.errors import UserError
from bodesk.domain.common.listing import chunks
from bodesk.domain.finance.permissions import FINANCE_VIEW, PAYMENT
from bodesk.i18n import _
from bodesk.store.engine import Database
from bodesk.store.types import utcnow

ZERO = Decimal(0)
LINES = cast(Table, BankLine.__table__)
MAX_NAME, MAX_MEMO, MAX_CHECK, MAX_FITID = 100, 200, 20, 80


class StatementRefused(UserError):
    code = "bank_statement.refused"


@dataclass
class StatementRead:
    """One statement of a file as read, with the bank account it belongs to (None: none found)."""

    bank_code: str
    branch: str
    account: str
    start: date | None
    end: date | None
    transactions: list[Transaction]
    errors: list[LineError]
    bank_account_id: int | None = None
    bank_account_name: str = ""
    new: int = 0  # transactions not imported before (known once the account is)

    @property
    def net(self) -> Decimal:
        return sum((item.amount for item in self.transactions), ZERO)

    @property
    def period(self) -> tuple[date | None, date | None]:
        days = [item.posted for item in self.transactions]
        return (self.start or (min(days) if days else None), self.end or (max(days) if days else None))


@dataclass
class StatementOutcome:
    file_name: str
    statements: list[StatementRead]
    dry_run: bool
    written: int = 0
    known: int = 0
    refusal: str = ""  # why nothing could be written (no account found, another account's statement)
    import_ids: list[int] = field(default_factory=list)

    @property
    def errors(self) -> list[LineError]:
        return [error for statement in self.statements for error in statement.errors]

    @property
    def transactions(self) -> int:
        return sum(len(statement.transactions) for statement in self.statements)


def line_id(transaction: Transaction, ordinal: int) -> str:
    """The transaction's id, or a stable hash when the bank gives none."""
    if transaction.fitid.strip():
        return transaction.fitid.strip()[:MAX_FITID]
    key = f"{transaction.posted.isoformat()}|{transaction.amount}|{transaction.name}|{transaction.memo}|{ordinal}"
    return "h:" + hashlib.sha1(key.encode()).hexdigest()[:32]


def keyed(transactions: Sequence[Transaction]) -> list[tuple[str, Transaction]]:
    """Each transaction with the id it is kept under: identical transactions without an id are told
    apart by their place among them, and an id repeated within the file by a "#k" suffix."""
    seen: dict[str, int] = {}
    found = []
    for transaction in transactions:
        first = line_id(transaction, 0)
        count = seen.get(first, 0)
        seen[first] = count + 1
        if not count:
            found.append((first, transaction))
        elif transaction.fitid.strip():
            found.append((f"{first[: MAX_FITID - 8]}#{count}", transaction))
        else:
            found.append((line_id(transaction, count), transaction))
    return found


def _find_account(session: Session, statement: Statement) -> BankAccount | None:
    wanted = (bank_code_of(statement.bank_id), digits(statement.account_id))
    if not wanted[1]:
        return None
    found = [
        row
        for row in session.execute(select(BankAccount).where(BankAccount.kind == "bank")).scalars()
        if digits(row.number) == wanted[1]
        and (not wanted[0] or not row.bank_code or row.bank_code == wanted[0])
    ]
    return found[0] if len(found) == 1 else None


def read_statements(
    session: Session, data: bytes, bank_account_id: int | None = None
) -> tuple[list[StatementRead], str]:
    """The file's statements with their bank accounts, and why it cannot be written ("" if it can)."""
    statements = read_ofx(data)  # refuses what is not an OFX statement, with its message
    chosen = bank_account(session, bank_account_id) if bank_account_id is not None else None
    found: list[StatementRead] = []
    refusal = ""
    for statement in statements:
        read = StatementRead(
            bank_code_of(statement.bank_id),
            statement.branch_id,
            statement.account_id,
            statement.start,
            statement.end,
            statement.transactions,
            statement.errors,
        )
        own = _find_account(session, statement)
        if chosen is not None and own is not None and own.id != chosen.id:
            refusal = refusal or _(
                "The statement is for account {number} ({name}), not for {chosen}: import it into its own "
                "account."
            ).format(number=statement.account_id, name=own.name, chosen=chosen.name)
        target = chosen or own
        if target is None:
            refusal = refusal or _(
                "No bank account is bank {bank}, account {number}: add it under Bank accounts, or name the "
                "account to import into."
            ).format(bank=read.bank_code or "?", number=statement.account_id or "?")
        else:
            read.bank_account_id, read.bank_account_name = target.id, target.name
        found.append(read)
    if chosen is not None and len(found) > 1:
        refusal = refusal or _(
            "The file holds {n} statements: import it without naming an account, so each goes to its own."
        ).format(n=len(found))
    ids = [statement.bank_account_id for statement in found if statement.bank_account_id is not None]
    if len(ids) != len(set(ids)):
        refusal = refusal or _("The file holds two statements of the same account: export it again.")
    if not refusal:
        for read_one in found:
            read_one.new = len(_new_lines(session, read_one))
    return found, refusal


def _new_lines(session: Session, statement: StatementRead) -> list[tuple[str, Transaction]]:
    assert statement.bank_account_id is not None
    pairs = keyed(statement.transactions)
    known: set[str] = set()
    for batch in chunks([key for key, _t in pairs]):
        known.update(
            session.execute(
                select(BankLine.fitid).where(
                    BankLine.bank_account_id == statement.bank_account_id, BankLine.fitid.in_(batch)
                )
            ).scalars()
        )
    return [(key, item) for key, item in pairs if key not in known]


def import_statement(
    db: Database,
    actor: Actor,
    data: bytes,
    file_name: str,
    bank_account_id: int | None = None,
    dry_run: bool = False,
    good_lines: bool = False,
) -> StatementOutcome:
    """Read an OFX file and, unless `dry_run`, write its new lines; see the module notes."""
    if dry_run:
        with db.read() as session:
            require(session, actor, FINANCE_VIEW)
            statements, refusal = read_statements(session, data, bank_account_id)
        return StatementOutcome(file_name, statements, True, refusal=refusal)
    with db.write() as session:
        require(session, actor, PAYMENT)
        statements, refusal = read_statements(session, data, bank_account_id)
        outcome = StatementOutcome(file_name, statements, False, refusal=refusal)
        if refusal:
            raise StatementRefused(refusal)
        if outcome.errors and not good_lines:
            return outcome
        for statement in statements:
            written = write_lines(session, actor, statement, file_name)
            outcome.written += written[0]
            outcome.known += len(statement.transactions) - written[0]
            if written[1] is not None:
                outcome.import_ids.append(written[1])
        return outcome


def write_lines(
    session: Session, actor: Actor, statement: StatementRead, file_name: str
) -> tuple[int, int | None]:
    """Write the statement's new lines and its import's record; (lines written, the import's id)."""
    assert statement.bank_account_id is not None
    new = _new_lines(session, statement)
    if not new:
        return 0, None
    start, end = statement.period
    record = StatementImport(
        bank_account_id=statement.bank_account_id,
        file_name=file_name[-200:],
        start=start,
        end=end,
        read=len(statement.transactions),
        written=len(new),
        known=len(statement.transactions) - len(new),
        errors=len(statement.errors),
        at=utcnow(),
        user_id=actor.user_id,
    )
    session.add(record)
    session.flush()
    rows = [
        {
            "bank_account_id": statement.bank_account_id,
            "import_id": record.id,
            "fitid": key,
            "day": item.posted,
            "amount": item.amount,
            "name": item.name[:MAX_NAME],
            "memo": item.memo[:MAX_MEMO],
            "check_number": item.check_number[:MAX_CHECK],
            "state": "unmatched",
            "matched": ZERO,
        }
        for key, item in new
    ]
    for batch in chunks(rows, 1000):
        session.execute(insert(LINES), batch)
    audit.record(
        session,
        actor,
        "bank_statement.import",
        "statement_import",
        record.id,
        new={"file": record.file_name, "lines": len(new), "known": record.known},
    )
    return len(new), record.id
