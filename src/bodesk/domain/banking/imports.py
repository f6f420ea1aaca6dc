"""`bodesk import bank-statement FILE` (OFX) and `bodesk import bank-statement-csv FILE --account …`
(a spreadsheet of the bank's lines, read through the import framework's mapping).

The OFX importer finds the bank account by the file's bank and account number, `--account` naming it
otherwise (its ledger account's code, its number or its name); `--dry-run` prints each statement's
bank, account, period, number of transactions and net total with every line error, even when no bank
account matches. A CSV statement has no account of its own: `--account` is required.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from bodesk.domain.access.actor import Actor
from bodesk.domain.banking.accounts import digits
from bodesk.domain.banking.models import BankAccount
from bodesk.domain.banking.ofx import Transaction
from bodesk.domain.banking.statements import StatementOutcome, StatementRead, import_statement, write_lines
from bodesk.domain.common.errors import UserError
from bodesk.domain.common.figures import money_text
from bodesk.domain.common.importing import (
    ColumnMapping,
    ImportField,
    ImportResult,
    ParsedRow,
    RowError,
    authorize_import,
    run_import,
    suggest_mapping,
)
from bodesk.domain.common.money import NumberRule
from bodesk.domain.common.parsing import NumberParser, parse_date
from bodesk.domain.common.tabular import read_table
from bodesk.domain.finance.models import Account
from bodesk.domain.finance.permissions import PAYMENT
from bodesk.i18n import N_, _, format_date, format_decimal
from bodesk.store.engine import Database

ZERO = Decimal(0)
AMOUNT = NumberParser(NumberRule(2, Decimal("999999999.99")))
CSV_FIELDS = (
    ImportField("day", N_("Day"), required=True, parse=parse_date, synonyms=("data", "date", "dia", "data lançamento", "data do lançamento", "dt")),
    ImportField("amount", N_("Amount"), parse=AMOUNT, synonyms=("valor", "amount", "valor (r$)", "valor r$", "quantia")),
    ImportField("debit", N_("Debit"), parse=AMOUNT, synonyms=("débito", "debito", "debit", "saída", "saida")),
    ImportField("credit", N_("Credit"), parse=AMOUNT, synonyms=("crédito", "credito", "credit", "entrada")),
    ImportField("description", N_("Description"), synonyms=("descrição", "descricao", "histórico", "historico", "lançamento", "memo", "description")),
    ImportField("document", N_("Document or id"), synonyms=("documento", "doc", "nº documento", "id", "fitid", "document")),
)  # fmt: skip


def statement_fields() -> tuple[ImportField, ...]:
    return ()  # an OFX file has no columns to map


def csv_statement_fields() -> tuple[ImportField, ...]:
    return CSV_FIELDS


def find_bank_account(session: Session, given: str) -> BankAccount:
    """The bank account `--account` names: its ledger account's code, its number or its name."""
    wanted = given.strip()
    rows = list(
        session.execute(select(BankAccount, Account.code).join(Account, Account.id == BankAccount.account_id))
    )
    for test in (
        lambda row, code: code == wanted,
        lambda row, code: bool(digits(wanted)) and digits(row.number) == digits(wanted),
        lambda row, code: row.name.casefold() == wanted.casefold(),
    ):
        found = [row for row, code in rows if test(row, code)]
        if len(found) == 1:
            return found[0]
    raise UserError(
        _(
            "No bank account is “{given}”: name it by its ledger account's code, its number or its name."
        ).format(given=given),
        code="bank_account.unknown",
    )


@dataclass
class StatementResult(ImportResult):
    """An import's result that also says what the statement holds."""

    outcome: StatementOutcome | None = None
    lines: list[str] = field(default_factory=list)

    def report_lines(self) -> list[str]:
        return self.lines + [error.message for error in self.errors]  # the reader's message names its line

    def summary(self) -> str:
        if self.outcome is None or self.dry_run or (self.errors and not self.written):
            return super().summary()
        return _("{written} new bank lines written, {known} imported before.").format(
            written=format_decimal(self.outcome.written), known=format_decimal(self.outcome.known)
        )


def describe(read: StatementRead) -> list[str]:
    start, end = read.period
    period = (
        _("{start} to {end}").format(start=format_date(start), end=format_date(end))
        if start and end
        else _("no period")
    )
    account = read.bank_account_name or _("no bank account of ours")
    return [
        _("Bank {bank}, branch {branch}, account {number}: {account}").format(
            bank=read.bank_code or "?", branch=read.branch or "?", number=read.account or "?", account=account
        ),
        _("Period {period}; {count} transactions, net total {net}.").format(
            period=period, count=format_decimal(len(read.transactions)), net=money_text(read.net)
        ),
    ]


def import_statement_file(
    db: Database,
    actor: Actor,
    path: Path,
    mapping: ColumnMapping | None = None,
    dry_run: bool = False,
    import_good_rows: bool = False,
    account: str | None = None,
) -> StatementResult:
    authorize_import(db, actor, PAYMENT)
    bank_account_id = None
    if account:
        with db.read() as session:
            bank_account_id = find_bank_account(session, account).id
    outcome = import_statement(
        db, actor, path.read_bytes(), path.name, bank_account_id, dry_run=dry_run, good_lines=import_good_rows
    )
    lines = [line for read in outcome.statements for line in describe(read)]
    if outcome.refusal:
        lines.append(outcome.refusal)
    return StatementResult(
        total=outcome.transactions + len(outcome.errors),
        good=outcome.transactions,
        errors=[RowError(error.line, "", "", error.message) for error in outcome.errors],
        written=outcome.written,
        dry_run=dry_run,
        source=path.name,
        outcome=outcome,
        lines=lines,
    )


def import_csv_statement_file(
    db: Database,
    actor: Actor,
    path: Path,
    mapping: ColumnMapping | None = None,
    dry_run: bool = False,
    import_good_rows: bool = False,
    account: str | None = None,
) -> ImportResult:
    authorize_import(db, actor, PAYMENT)
    if not account:
        raise UserError(
            _("Name the bank account the statement is of with --account (its code, number or name)."),
            code="bank_statement.no_account",
        )
    with db.read() as session:
        bank = find_bank_account(session, account)
    table = read_table(path)
    chosen = mapping or suggest_mapping(CSV_FIELDS, table.headers)

    def amount_of(values: dict[str, Any]) -> Decimal | None:
        if values.get("amount") is not None:
            return Decimal(values["amount"])
        if values.get("debit") is None and values.get("credit") is None:
            return None
        return Decimal(values.get("credit") or ZERO) - abs(Decimal(values.get("debit") or ZERO))

    def row_check(values: dict[str, Any]) -> list[str]:
        if amount_of(values) is None:
            return [_("Enter the amount, or the debit or the credit.")]
        return []

    def apply(rows: list[ParsedRow]) -> int:
        transactions = [
            Transaction(
                row.line,
                values.get("document") or "",
                "",
                values["day"],
                amount_of(values) or ZERO,
                "",
                values.get("description") or "",
                "",
                "",
            )
            for row in rows
            for values in [row.values]
        ]
        read = StatementRead(bank.bank_code, bank.branch, bank.number, None, None, transactions, [])
        read.bank_account_id, read.bank_account_name = bank.id, bank.name
        with db.write() as session:
            return write_lines(session, actor, read, path.name)[0]

    return run_import(CSV_FIELDS, table, chosen, apply, dry_run, import_good_rows, row_check=row_check)
