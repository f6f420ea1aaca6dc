"""Receipts and payments: what they settle, what they post, and what they refuse (nothing changed)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from bodesk.domain.access.actor import Actor
from bodesk.domain.finance.chart import AccountRole
from bodesk.domain.finance.payment_reversal import reverse_payment
from bodesk.domain.finance.payments import PaymentInput, register_payment
from bodesk.domain.finance.states import Direction, PaymentMethod
from bodesk.store.engine import Database
from tests.builders.finance import (
    DAY,
    balance,
    books,
    credit_items,
    item,
    payable,
    payment,
    problems,
    receivable,
)
from tests.builders.purchasing import make_supplier
from tests.builders.sales import make_customer
from tests.helpers.refusals import invalid, refused

D = Decimal
LATER = date(2025, 4, 10)
R, P = Direction.RECEIVABLE, Direction.PAYABLE


def receipt(customer: int, amount: str, **fields: object) -> PaymentInput:
    fields.setdefault("method", PaymentMethod.PIX)
    return PaymentInput(R, customer, LATER, amount=D(amount), **fields)  # type: ignore[arg-type]


@pytest.fixture
def customer(db: Database, owner: Actor) -> int:
    return make_customer(db, owner)


def test_a_receipt_settles_the_oldest_installments_first_and_posts_bank_against_customers(
    db: Database, owner: Actor, customer: int
) -> None:
    first, second, third = receivable(db, owner, customer, "300.01", days=(28, 35, 42))
    assert item(db, first).amount == D("100.01")
    register_payment(db, owner, receipt(customer, "150.00"))
    assert (item(db, first).paid, item(db, first).settled) == (D("100.01"), True)
    assert (item(db, second).paid, item(db, second).settled) == (D("49.99"), False)
    assert item(db, third).paid == 0
    assert balance(db, AccountRole.BANK) == D("150.00")
    assert balance(db, AccountRole.RECEIVABLES) == D("150.01")
    assert problems(db) == []


def test_discount_interest_and_fees_go_to_their_accounts(db: Database, owner: Actor, customer: int) -> None:
    (first,) = receivable(db, owner, customer, "1000.00")
    register_payment(
        db,
        owner,
        receipt(
            customer,
            "990.00",
            method=PaymentMethod.BOLETO,
            allocations=[(first, D("1000.00"))],
            discount=D("20.00"),
            interest=D("10.00"),
            fees=D("3.50"),
        ),
    )
    assert item(db, first).settled
    assert balance(db, AccountRole.BANK) == D("986.50")  # the bank nets its fee
    assert balance(db, AccountRole.BANK_FEES) == D("3.50")
    assert balance(db, AccountRole.DISCOUNTS_GIVEN) == D("20.00")
    assert balance(db, AccountRole.INTEREST_EARNED) == D("-10.00")
    assert balance(db, AccountRole.RECEIVABLES) == 0
    assert problems(db) == []


def test_cash_goes_to_the_cash_account(db: Database, owner: Actor, customer: int) -> None:
    receivable(db, owner, customer, "50.00")
    register_payment(db, owner, receipt(customer, "50.00", method=PaymentMethod.CASH))
    assert balance(db, AccountRole.CASH) == D("50.00")
    assert balance(db, AccountRole.BANK) == 0


def test_money_beyond_what_is_open_is_refused_until_the_person_chooses(
    db: Database, owner: Actor, customer: int
) -> None:
    receivable(db, owner, customer, "80.00")
    before = books(db)
    with refused("payment.excess") as caught:
        register_payment(db, owner, receipt(customer, "100.00"))
    assert "20" in caught.value.message  # the excess is named
    assert books(db) == before
    paid = register_payment(db, owner, receipt(customer, "100.00", excess="credit"))
    (credit,) = credit_items(db, paid)
    assert credit.amount == D("-20.00") and not credit.settled
    assert payment(db, paid).credit == D("20.00")
    assert balance(db, AccountRole.RECEIVABLES) == D("-20.00")
    assert problems(db) == []
    # the credit is used against the next invoice, with no money moving
    (later,) = receivable(db, owner, customer, "20.00")
    register_payment(
        db, owner, receipt(customer, "0", allocations=[(later, D("20.00")), (credit.id, D("-20.00"))])
    )
    assert item(db, later).settled and item(db, credit.id).settled
    assert balance(db, AccountRole.RECEIVABLES) == 0
    assert problems(db) == []


def test_an_excess_taken_as_interest(db: Database, owner: Actor, customer: int) -> None:
    receivable(db, owner, customer, "80.00")
    paid = register_payment(db, owner, receipt(customer, "81.60", excess="interest"))
    assert payment(db, paid).interest == D("1.60")
    assert balance(db, AccountRole.INTEREST_EARNED) == D("-1.60")
    assert problems(db) == []


def test_a_supplier_payment_mirrors_a_receipt(db: Database, owner: Actor) -> None:
    supplier = make_supplier(db, owner)
    (bill,) = payable(db, owner, supplier, "500.00")
    register_payment(
        db,
        owner,
        PaymentInput(
            P,
            supplier,
            LATER,
            PaymentMethod.TRANSFER,
            D("495.00"),
            discount=D("10.00"),
            interest=D("5.00"),
            fees=D("2.00"),
        ),
    )
    assert item(db, bill).settled
    assert balance(db, AccountRole.BANK) == D("-497.00")
    assert balance(db, AccountRole.DISCOUNTS_TAKEN) == D("-10.00")
    assert balance(db, AccountRole.INTEREST_PAID) == D("5.00")
    assert balance(db, AccountRole.PAYABLES) == 0
    assert problems(db) == []


def test_an_advance_to_a_supplier_is_a_credit_we_hold(db: Database, owner: Actor) -> None:
    supplier = make_supplier(db, owner)
    payable(db, owner, supplier, "100.00")
    paid = register_payment(
        db, owner, PaymentInput(P, supplier, LATER, PaymentMethod.PIX, D("150.00"), excess="credit")
    )
    (advance,) = credit_items(db, paid)
    assert advance.amount == D("-50.00") and advance.supplier_id == supplier
    assert balance(db, AccountRole.PAYABLES) == D("50.00")
    assert problems(db) == []


def test_allocations_refused_and_nothing_changed(db: Database, owner: Actor, customer: int) -> None:
    other = make_customer(db, owner, 2)
    (mine,) = receivable(db, owner, customer, "100.00")
    (theirs,) = receivable(db, owner, other, "100.00")
    supplier = make_supplier(db, owner)
    (bill,) = payable(db, owner, supplier, "100.00")
    before = books(db)
    for chosen in ([(theirs, D("10"))], [(bill, D("10"))], [(mine, D("100.01"))]):
        with invalid("allocations"):
            register_payment(db, owner, receipt(customer, "10.00", allocations=chosen, excess="credit"))
    with refused("payment.short"):
        register_payment(db, owner, receipt(customer, "10.00", allocations=[(mine, D("50"))]))
    with invalid("cheque_bank", "cheque_number", "cheque_date"):
        register_payment(db, owner, receipt(customer, "10.00", method=PaymentMethod.CHEQUE))
    with invalid("amount"):
        register_payment(db, owner, receipt(customer, "-1"))
    assert books(db) == before
    register_payment(db, owner, receipt(customer, "100.00"))
    with invalid("allocations"):  # settled already
        register_payment(db, owner, receipt(customer, "1.00", allocations=[(mine, D("1"))]))


def test_a_cheque_keeps_its_bank_number_and_date(db: Database, owner: Actor, customer: int) -> None:
    receivable(db, owner, customer, "70.00")
    paid = register_payment(
        db,
        owner,
        receipt(
            customer,
            "70.00",
            method=PaymentMethod.CHEQUE,
            cheque_bank="341 Itaú",
            cheque_number="000123",
            cheque_date=date(2025, 4, 20),
        ),
    )
    found = payment(db, paid)
    assert (found.cheque_bank, found.cheque_number, found.cheque_date) == (
        "341 Itaú",
        "000123",
        date(2025, 4, 20),
    )


def test_a_reversal_reopens_the_installments_and_closes_the_credit(
    db: Database, owner: Actor, customer: int
) -> None:
    (first,) = receivable(db, owner, customer, "80.00")
    paid = register_payment(db, owner, receipt(customer, "100.00", excess="credit", fees=D("1.00")))
    reverse_payment(db, owner, paid, LATER, "Cheque bounced")
    assert payment(db, paid).reversed
    assert (item(db, first).paid, item(db, first).settled) == (0, False)
    (credit,) = credit_items(db, paid)
    assert credit.settled
    assert balance(db, AccountRole.BANK) == 0
    assert balance(db, AccountRole.RECEIVABLES) == D("80.00")
    assert problems(db) == []
    before = books(db)
    with refused("payment.already_reversed"):
        reverse_payment(db, owner, paid, LATER, "again")
    with invalid("reason"):
        reverse_payment(db, owner, paid, LATER, " ")
    assert books(db) == before


def test_a_used_credit_cannot_be_reversed_before_what_used_it(
    db: Database, owner: Actor, customer: int
) -> None:
    receivable(db, owner, customer, "80.00")
    paid = register_payment(db, owner, receipt(customer, "100.00", excess="credit"))
    (credit,) = credit_items(db, paid)
    (later,) = receivable(db, owner, customer, "30.00")
    used = register_payment(
        db, owner, receipt(customer, "10.00", allocations=[(later, D("30.00")), (credit.id, D("-20.00"))])
    )
    before = books(db)
    with refused("payment.credit_used"):
        reverse_payment(db, owner, paid, LATER, "wrong customer")
    assert books(db) == before
    reverse_payment(db, owner, used, LATER, "wrong customer")
    reverse_payment(db, owner, paid, LATER, "wrong customer")
    assert balance(db, AccountRole.RECEIVABLES) == D("110.00")
    assert problems(db) == []


def test_the_lock_date_is_respected(db: Database, owner: Actor, customer: int) -> None:
    from bodesk.domain.finance.models import FinanceSettings

    receivable(db, owner, customer, "80.00")
    paid = register_payment(db, owner, receipt(customer, "80.00"))
    with db.write() as session:
        settings = session.query(FinanceSettings).first()
        if settings is None:
            session.add(FinanceSettings(lock_date=LATER))
        else:
            settings.lock_date = LATER
    before = books(db)
    with refused("journal.locked_period"):
        register_payment(db, owner, receipt(customer, "10.00", excess="credit"))
    with refused("journal.locked_period"):
        reverse_payment(db, owner, paid, LATER, "late")
    assert books(db) == before
    assert DAY < LATER


def test_a_person_without_the_permission_is_refused(
    db: Database, owner: Actor, make_user, customer: int
) -> None:  # type: ignore[no-untyped-def]
    from bodesk.domain.finance.permissions import PAYMENT
    from tests.helpers.refusals import denied

    receivable(db, owner, customer, "80.00")
    clerk = make_user("warehouse")
    with denied(PAYMENT):
        register_payment(db, clerk, receipt(customer, "80.00"))


def test_amounts_beyond_the_books_limit_are_refused_and_nothing_changes(
    db: Database, owner: Actor, customer: int
) -> None:
    (mine,) = receivable(db, owner, customer, "100.00")
    before = books(db)
    for huge in ("1e20", "99999999999999999.99", "NaN"):
        with invalid("amount"):
            register_payment(db, owner, receipt(customer, huge, excess="credit"))
        with invalid("discount"):
            register_payment(db, owner, receipt(customer, "10.00", discount=D(huge), excess="credit"))
        with invalid("allocations"):
            register_payment(db, owner, receipt(customer, "10.00", allocations=[(mine, D(huge))]))
    assert books(db) == before
