"""Writing off what a customer will not pay: bad debts against customers, with a reason and a permission."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal

from bodesk.domain.access.actor import Actor
from bodesk.domain.finance.chart import AccountRole
from bodesk.domain.finance.payment_reversal import reverse_payment
from bodesk.domain.finance.payments import PaymentInput, register_payment
from bodesk.domain.finance.permissions import WRITE_OFF
from bodesk.domain.finance.states import Direction, PaymentMethod
from bodesk.domain.finance.write_offs import write_off
from bodesk.store.engine import Database
from tests.builders.finance import balance, books, item, payable, payment, problems, receivable
from tests.builders.purchasing import make_supplier
from tests.builders.sales import make_customer
from tests.helpers.refusals import denied, invalid

D = Decimal
DAY = date(2025, 6, 30)


def test_what_is_left_is_written_off_per_customer(db: Database, owner: Actor) -> None:
    one, two = make_customer(db, owner, 1), make_customer(db, owner, 2)
    (first,) = receivable(db, owner, one, "100.00")
    (second,) = receivable(db, owner, two, "40.00")
    register_payment(db, owner, PaymentInput(Direction.RECEIVABLE, one, DAY, PaymentMethod.PIX, D("30.00")))
    made = write_off(db, owner, [first, second], DAY, "Customer closed down")
    assert len(made) == 2
    assert (item(db, first).written_off, item(db, first).settled) == (D("70.00"), True)
    assert item(db, second).written_off == D("40.00")
    assert payment(db, made[0]).method == "write_off" and payment(db, made[0]).amount == D("70.00")
    assert balance(db, AccountRole.BAD_DEBTS) == D("110.00")
    assert balance(db, AccountRole.RECEIVABLES) == 0
    assert problems(db) == []
    reverse_payment(db, owner, made[0], DAY, "They paid after all")
    assert (item(db, first).written_off, item(db, first).settled) == (0, False)
    assert balance(db, AccountRole.RECEIVABLES) == D("70.00")
    assert problems(db) == []


def test_write_offs_refused_and_nothing_changed(
    db: Database, owner: Actor, make_user: Callable[..., Actor]
) -> None:
    customer = make_customer(db, owner)
    (owed,) = receivable(db, owner, customer, "100.00")
    (bill,) = payable(db, owner, make_supplier(db, owner), "10.00")
    before = books(db)
    with denied(WRITE_OFF):
        write_off(db, make_user("finance"), [owed], DAY, "Bad debt")
    with invalid("reason"):
        write_off(db, owner, [owed], DAY, "  ")
    with invalid("items"):
        write_off(db, owner, [bill], DAY, "Not ours to write off")
    with invalid("items"):
        write_off(db, owner, [], DAY, "Nothing")
    assert books(db) == before
    write_off(db, owner, [owed], DAY, "Bad debt")
    with invalid("items"):  # nothing left
        write_off(db, owner, [owed], DAY, "Twice")
