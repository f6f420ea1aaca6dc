"""The journal: the one way money is recorded. Every entry balances, and none is edited once written.

`post_entry` writes an entry and its lines inside the caller's write unit of work (the business event's
own transaction), numbered in the series "journal". It refuses, before anything is written: no lines,
a line both debit and credit or neither, an amount below zero or with more than cents, an account that
does not exist, takes no postings (a header) or is inactive, debits that differ from credits, and a day
on or before the lock date. `reverse_entry` writes the mirror of an entry (debits and credits swapped)
on a day of its own; the original stays as it was.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import cast

from sqlalchemy import Table, insert, select
from sqlalchemy.orm import Session

from bodesk.domain.access.actor import Actor
from bodesk.domain.common.errors import UserError, ValidationError, Validator, line_field
from bodesk.domain.common.figures import money_text
from bodesk.domain.common.money import AMOUNT_RULE, round_money
from bodesk.domain.common.numbering import next_number
from bodesk.domain.common.postings import DocRef
from bodesk.domain.finance.models import Account, FinanceSettings, JournalEntry, JournalLine
from bodesk.i18n import _, format_date
from bodesk.store.types import utcnow

ZERO = Decimal(0)
SERIES = "journal"
MAX_MEMO = 200
MAX_LINES = 10_000
LINES = cast(Table, JournalLine.__table__)
ENTRIES = cast(Table, JournalEntry.__table__)


class LockedPeriod(UserError):
    code = "journal.locked_period"


class Unbalanced(UserError):
    code = "journal.unbalanced"


@dataclass(frozen=True)
class LineDraft:
    account_id: int
    debit: Decimal = ZERO
    credit: Decimal = ZERO
    customer_id: int | None = None
    supplier_id: int | None = None
    memo: str = ""


def lock_date(session: Session) -> date | None:
    return session.execute(select(FinanceSettings.lock_date).order_by(FinanceSettings.id).limit(1)).scalar()


def refuse_if_locked(session: Session, day: date) -> None:
    locked = lock_date(session)
    if locked is not None and day <= locked:
        raise LockedPeriod(
            _(
                "The books are closed up to {lock}: nothing can be posted on {day}. Post it on a later day, "
                "or ask the owner to reopen the period."
            ).format(lock=format_date(locked), day=format_date(day))
        )


def _validate(session: Session, lines: Sequence[LineDraft]) -> Decimal:
    check = Validator()
    check.check(bool(lines), "lines", _("An entry needs at least two lines: a debit and a credit."))
    check.check(
        len(lines) <= MAX_LINES, "lines", _("An entry has at most {n} lines.").format(n=f"{MAX_LINES:,}")
    )
    check.raise_if_any()
    ids = {line.account_id for line in lines}
    accounts = {
        row.id: row
        for row in session.execute(
            select(Account.id, Account.code, Account.postable, Account.active).where(Account.id.in_(ids))
        )
    }
    debits = credits = ZERO
    for n, line in enumerate(lines, start=1):
        account = accounts.get(line.account_id)
        if account is None:
            check.add(line_field(n, "account"), _("Line {n}: choose an account.").format(n=n))
        elif not account.postable:
            check.add(
                line_field(n, "account"),
                _(
                    "Line {n}: account {code} groups other accounts and takes no postings: choose one under it."
                ).format(n=n, code=account.code),
            )
        elif not account.active:
            check.add(
                line_field(n, "account"),
                _("Line {n}: account {code} is inactive: choose another or make it active.").format(
                    n=n, code=account.code
                ),
            )
        too_large = AMOUNT_RULE.problem(line.debit) or AMOUNT_RULE.problem(line.credit)
        if too_large:
            check.add(line_field(n, "amount"), _("Line {n}: {problem}").format(n=n, problem=too_large))
            continue
        if line.debit < ZERO or line.credit < ZERO:
            check.add(line_field(n, "amount"), _("Line {n}: an amount cannot be below zero.").format(n=n))
        elif (line.debit > ZERO) == (line.credit > ZERO):
            check.add(line_field(n, "amount"), _("Line {n}: enter either a debit or a credit.").format(n=n))
        if round_money(line.debit) != line.debit or round_money(line.credit) != line.credit:
            check.add(line_field(n, "amount"), _("Line {n}: amounts have at most 2 decimals.").format(n=n))
        if len(line.memo) > MAX_MEMO:
            check.add(
                line_field(n, "memo"), _("A line's text has at most {n} characters.").format(n=MAX_MEMO)
            )
        debits += line.debit
        credits += line.credit
    check.raise_if_any()
    if debits != credits:
        raise Unbalanced(
            _(
                "The entry does not balance: debits {debits}, credits {credits} (a difference of {gap}). "
                "Correct the amounts so both sides are equal."
            ).format(
                debits=money_text(debits), credits=money_text(credits), gap=money_text(abs(debits - credits))
            )
        )
    return debits


def post_entry(
    session: Session,
    actor: Actor | None,
    day: date,
    lines: Sequence[LineDraft],
    memo: str = "",
    document: DocRef | None = None,
    reverses: int | None = None,
    manual: bool = False,
) -> int:
    """Write a balanced entry on `day`; returns its id. Inside the caller's write unit of work."""
    if len(memo) > MAX_MEMO:
        raise ValidationError.single(
            "memo", _("The entry's text has at most {n} characters.").format(n=MAX_MEMO)
        )
    total = _validate(session, lines)
    refuse_if_locked(session, day)
    number = next_number(session, SERIES)
    reference = document.columns() if document else {}
    entry_id = session.execute(
        insert(ENTRIES)
        .values(
            number=number,
            day=day,
            memo=memo,
            reverses_id=reverses,
            manual=manual,
            total=total,
            at=utcnow(),
            user_id=actor.user_id if actor else None,
            **reference,
        )
        .returning(ENTRIES.c.id)
    ).scalar_one()
    session.execute(
        insert(LINES),
        [
            {
                "entry_id": entry_id,
                "account_id": line.account_id,
                "day": day,
                "debit": line.debit,
                "credit": line.credit,
                "customer_id": line.customer_id,
                "supplier_id": line.supplier_id,
                "memo": line.memo,
            }
            for line in lines
        ],
    )
    return int(entry_id)


def reverse_entry(session: Session, actor: Actor | None, entry_id: int, day: date, memo: str = "") -> int:
    """Write the mirror of entry `entry_id` on `day`; returns the reversal's id. Refuses an entry already
    reversed and a reversal of a reversal's original twice."""
    entry = session.get(JournalEntry, entry_id)
    if entry is None:
        raise ValidationError.single("entry", _("That journal entry does not exist."))
    already = session.execute(
        select(JournalEntry.number).where(JournalEntry.reverses_id == entry_id)
    ).scalar()
    if already is not None:
        raise UserError(
            _("Entry {n} was already reversed by entry {m}.").format(n=entry.number, m=already),
            code="journal.already_reversed",
        )
    lines = [
        LineDraft(row.account_id, row.credit, row.debit, row.customer_id, row.supplier_id, row.memo)
        for row in session.execute(select(JournalLine).where(JournalLine.entry_id == entry_id)).scalars()
    ]
    reference = (
        DocRef(entry.doc_kind, entry.doc_id, entry.doc_number)
        if entry.doc_kind and entry.doc_id is not None and entry.doc_number is not None
        else None
    )
    text = memo or _("Reversal of entry {n}").format(n=entry.number)
    return post_entry(
        session, actor, day, lines, text[:MAX_MEMO], reference, reverses=entry.id, manual=entry.manual
    )


def entries_of(session: Session, document: DocRef) -> list[int]:
    """The ids of the entries a document posted (its reversals included), oldest first."""
    return list(
        session.execute(
            select(JournalEntry.id)
            .where(JournalEntry.doc_kind == document.kind, JournalEntry.doc_id == document.id)
            .order_by(JournalEntry.id)
        ).scalars()
    )
