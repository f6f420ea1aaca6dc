"""Reconciliation: automatic matching of the sure pairs only, manual matches one line to several
movements and several lines to one, payments and entries made from a line, ignoring and undoing; and,
whatever is matched, no movement is matched beyond its amount and no amount changes."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from bodesk.domain.access.actor import Actor
from bodesk.domain.banking.models import BankLine, BankMatch
from bodesk.domain.banking.queries import accuracy, unreconciled_lines
from bodesk.domain.banking.reconcile import (
    auto_match,
    book_line,
    ignore,
    match,
    settle_from_line,
    suggestions,
    unmatch,
)
from bodesk.domain.banking.statements import import_statement
from bodesk.domain.common.postings import DocRef
from bodesk.domain.finance.chart import AccountRole, account_of
from bodesk.domain.finance.document_models import Payment
from bodesk.domain.finance.journal import entries_of
from bodesk.domain.finance.payments import PaymentInput, register_payment
from bodesk.domain.finance.states import Direction, PaymentMethod
from bodesk.store.engine import Database
from tests.builders.banking import bank_lines, counts, itau, ledger_account, statement
from tests.builders.finance import item, problems, receivable
from tests.builders.sales import make_customer
from tests.helpers.refusals import invalid, refused

D = Decimal
DAY = date(2025, 4, 10)


@pytest.fixture
def bank(db: Database, owner: Actor) -> int:
    return itau(db, owner)


@pytest.fixture
def customer(db: Database, owner: Actor) -> int:
    return make_customer(db, owner)


def paid(db: Database, owner: Actor, bank: int, customer: int, amount: str, day: date = DAY) -> int:
    """A receipt into the bank account's ledger account; returns its journal entry's id."""
    receivable(db, owner, customer, amount)
    payment_id = register_payment(
        db,
        owner,
        PaymentInput(
            Direction.RECEIVABLE,
            customer,
            day,
            PaymentMethod.PIX,
            D(amount),
            account_id=ledger_account(db, bank),
        ),
    )
    with db.read() as session:
        number = session.get(Payment, payment_id).number  # type: ignore[union-attr]
        (entry,) = entries_of(session, DocRef("payment", payment_id, number))
        return entry


def lines(db: Database, owner: Actor, *entries: tuple[str, date, str]) -> list[int]:
    file = statement([(f"F{n}", amount, day, memo) for n, (amount, day, memo) in enumerate(entries)])
    import_statement(db, owner, file, "s.ofx")
    return [line.id for line in bank_lines(db)]


def matched_entries(db: Database) -> list[tuple[int, int, Decimal]]:
    with db.read() as session:
        return [
            tuple(row)
            for row in session.execute(
                select(BankMatch.line_id, BankMatch.entry_id, BankMatch.amount).order_by(BankMatch.id)
            )
        ]  # type: ignore[misc]


def test_auto_matching_takes_the_sure_pairs_and_leaves_the_ambiguous(
    db: Database, owner: Actor, bank: int, customer: int
) -> None:
    sure = paid(db, owner, bank, customer, "120.00", DAY)
    paid(db, owner, bank, customer, "50.00", DAY)
    paid(db, owner, bank, customer, "50.00", DAY)  # two of 50 the same day: ambiguous
    ids = lines(
        db, owner, ("120,00", DAY + timedelta(days=1), "PIX"), ("50,00", DAY, "PIX"), ("999,00", DAY, "?")
    )
    assert auto_match(db, owner, bank) == 1
    assert matched_entries(db) == [(ids[0], sure, D("120.00"))]
    assert [line.state for line in bank_lines(db)] == ["matched", "unmatched", "unmatched"]
    ranked = suggestions(db, owner, bank, ids[1])
    assert [candidate.amount for candidate in ranked] == [D("50.00"), D("50.00")]
    assert suggestions(db, owner, bank, ids[2]) == []
    assert problems(db) == []


def test_the_day_window_limits_the_candidates(db: Database, owner: Actor, bank: int, customer: int) -> None:
    paid(db, owner, bank, customer, "80.00", DAY)
    (far,) = lines(db, owner, ("80,00", DAY + timedelta(days=4), "PIX"))
    assert suggestions(db, owner, bank, far) == []
    assert len(suggestions(db, owner, bank, far, days=5)) == 1


def test_one_line_to_several_payments_and_several_lines_to_one(
    db: Database, owner: Actor, bank: int, customer: int
) -> None:
    a = paid(db, owner, bank, customer, "30.00")
    b = paid(db, owner, bank, customer, "70.00")
    c = paid(db, owner, bank, customer, "100.00")
    one, two, three = lines(db, owner, ("100,00", DAY, "A+B"), ("40,00", DAY, "C1"), ("60,00", DAY, "C2"))
    before = counts(db)
    with refused("bank_match.refused"):
        match(db, owner, [one], [a])  # 100 against 30
    assert counts(db) == before
    match(db, owner, [one], [a, b])
    match(db, owner, [two, three], [c])
    assert sorted(matched_entries(db)) == sorted(
        [(one, a, D("30.00")), (one, b, D("70.00")), (two, c, D("40.00")), (three, c, D("60.00"))]
    )
    with refused("bank_match.refused"):
        match(db, owner, [two], [c])  # already matched
    unmatch(db, owner, three)
    assert [line.state for line in bank_lines(db)] == ["matched", "unmatched", "unmatched"]


def test_a_pix_for_several_invoices_is_settled_from_the_line(
    db: Database, owner: Actor, bank: int, customer: int
) -> None:
    (first,) = receivable(db, owner, customer, "100.00")
    (second,) = receivable(db, owner, customer, "50.00")
    (line,) = lines(db, owner, ("150,00", DAY, "PIX RECEBIDO"))
    settle_from_line(db, owner, line, customer, [(first, D("100.00")), (second, D("50.00"))])
    assert item(db, first).settled and item(db, second).settled
    (stored,) = bank_lines(db)
    assert (stored.state, stored.amount, stored.matched) == ("matched", D("150.00"), D("150.00"))
    assert problems(db) == []


def test_an_open_invoice_named_in_the_memo_is_suggested_and_settled_when_sure(
    db: Database, owner: Actor, bank: int, customer: int
) -> None:
    (open_item,) = receivable(db, owner, customer, "77.70")
    number = item(db, open_item).doc_number
    (line,) = lines(db, owner, ("77,70", DAY, f"PIX NF {number}"))
    (candidate,) = suggestions(db, owner, bank, line)
    assert (candidate.kind, candidate.id, candidate.text_match) == ("item", open_item, True)
    assert auto_match(db, owner, bank) == 1
    assert item(db, open_item).settled
    assert problems(db) == []


def test_a_bank_fee_becomes_an_entry_matched_with_its_line(db: Database, owner: Actor, bank: int) -> None:
    (line,) = lines(db, owner, ("-12,90", DAY, "TARIFA PACOTE"))
    with db.read() as session:
        fees = account_of(session, AccountRole.BANK_FEES)
    book_line(db, owner, line, fees)
    (stored,) = bank_lines(db)
    assert stored.state == "matched"
    (row,) = accuracy(db, owner, bank)
    assert (row.lines, row.matched, row.share) == (1, 1, 1.0)
    assert problems(db) == []


def test_ignored_lines_leave_the_figure_and_the_close_count(db: Database, owner: Actor, bank: int) -> None:
    one, two = lines(db, owner, ("10,00", DAY, "X"), ("-10,00", DAY, "X estorno"))
    assert unreconciled_lines_count(db) == 2
    with invalid("reason"):
        ignore(db, owner, one, "")
    ignore(db, owner, one, "deposit taken back")
    ignore(db, owner, two, "deposit taken back")
    assert unreconciled_lines_count(db) == 0
    assert accuracy(db, owner, bank) == []
    ignore(db, owner, two, "", undo=True)
    assert unreconciled_lines_count(db) == 1


def unreconciled_lines_count(db: Database) -> int:
    with db.read() as session:
        return unreconciled_lines(session, DAY)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    books=st.lists(st.integers(1, 6), min_size=1, max_size=6),
    bank_side=st.lists(st.integers(1, 6), min_size=1, max_size=6),
    shifts=st.lists(st.integers(-4, 4), min_size=6, max_size=6),
)
def test_reconciliation_never_matches_a_movement_twice_nor_changes_an_amount(
    db: Database,
    owner: Actor,
    bank: int,
    customer: int,
    books: list[int],
    bank_side: list[int],
    shifts: list[int],
) -> None:
    with db.write() as session:  # a fresh start for each example
        session.execute(BankMatch.__table__.delete())
        session.execute(BankLine.__table__.delete())
    for n, tens in enumerate(books):
        paid(db, owner, bank, customer, f"{tens * 10}.00", DAY + timedelta(days=shifts[n]))
    entries = [
        (
            f"H{n}-{len(books)}-{tens}-{shifts[n]}",
            f"{tens * 10},00",
            DAY + timedelta(days=shifts[-n - 1]),
            "PIX",
        )
        for n, tens in enumerate(bank_side)
    ]
    import_statement(db, owner, statement(entries), "h.ofx")
    amounts = {line.id: line.amount for line in bank_lines(db)}
    auto_match(db, owner, bank)
    for line in bank_lines(db):  # then by hand: each unmatched line with its best suggestion, if any
        if line.state == "unmatched":
            ranked = [c for c in suggestions(db, owner, bank, line.id) if c.kind == "entry"]
            if ranked:
                match(db, owner, [line.id], [ranked[0].id])
    with db.read() as session:
        by_entry = session.execute(
            select(BankMatch.entry_id, func.count(), func.sum(BankMatch.amount)).group_by(BankMatch.entry_id)
        ).all()
        assert all(count == 1 for _entry, count, _sum in by_entry)  # a movement matched once
    assert {line.id: line.amount for line in bank_lines(db)} == amounts
    for line in bank_lines(db):
        assert line.matched in (D(0), line.amount)
    assert problems(db) == []
