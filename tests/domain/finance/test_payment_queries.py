"""The receivables, payables and payments lists, the overdue list and the customer's statement."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

from bodesk.domain.access.actor import Actor
from bodesk.domain.common.listing import ListRequest
from bodesk.domain.finance.payment_queries import (
    OverdueQuery,
    PayablesQuery,
    PaymentsQuery,
    ReceivablesQuery,
    days_overdue,
)
from bodesk.domain.finance.payments import PaymentInput, register_payment
from bodesk.domain.finance.statements import customer_named, customer_statement
from bodesk.domain.finance.states import Direction, PaymentMethod
from bodesk.reports.customer_statement import write_customer_statement
from bodesk.store.engine import Database
from tests.builders.finance import credit_note, payable, receivable
from tests.builders.purchasing import make_supplier
from tests.builders.sales import make_customer
from tests.helpers.refusals import refused

D = Decimal
TODAY = date(2025, 4, 15)


def test_open_items_by_due_date_with_what_is_overdue(db: Database, owner: Actor) -> None:
    ze = make_customer(db, owner, 1, name="Bar do Zé Ltda.")
    vista = make_customer(db, owner, 2, name="Mercearia Boa Vista Ltda.")
    receivable(db, owner, ze, "300.00", date(2025, 2, 1), (28, 35, 42))  # due 1/3, 8/3, 15/3
    receivable(db, owner, vista, "100.00", date(2025, 4, 1), (30,))  # due 1/5
    payable(db, owner, make_supplier(db, owner), "80.00", date(2025, 4, 1))
    register_payment(db, owner, PaymentInput(Direction.RECEIVABLE, ze, TODAY, PaymentMethod.PIX, D("150.00")))
    query = ReceivablesQuery()
    request = ListRequest(filters={"today": TODAY})
    rows = query.page(db, owner, request, 0, 100)
    assert [
        (query.value(r, "partner"), query.value(r, "installment"), query.value(r, "open")) for r in rows
    ] == [
        ("Bar do Zé Ltda.", "2/3", D("50.00")),
        ("Bar do Zé Ltda.", "3/3", D("100.00")),
        ("Mercearia Boa Vista Ltda.", "1/1", D("100.00")),
    ]
    assert query.totals(db, owner, request).values["open"] == D("250.00")
    overdue = ListRequest(filters={"today": TODAY, "overdue": True})
    assert query.count(db, owner, overdue) == 2
    assert OverdueQuery().count(db, owner, ListRequest(filters={"today": TODAY})) == 2
    assert query.count(db, owner, ListRequest(search="vista")) == 1
    assert query.count(db, owner, ListRequest(filters={"due_by": date(2025, 3, 8)})) == 1
    assert query.count(db, owner, ListRequest(filters={"partner": vista})) == 1
    assert PayablesQuery().count(db, owner, ListRequest()) == 1
    assert days_overdue(date(2025, 3, 8), TODAY) == 38 and days_overdue(date(2025, 5, 1), TODAY) == 0
    payments = PaymentsQuery()
    (row,) = payments.page(db, owner, ListRequest(search="bar do"), 0, 10)
    assert payments.value(row, "method") == "pix" and payments.value(row, "amount") == D("150.00")
    assert payments.count(db, owner, ListRequest(filters={"direction": "payable"})) == 0


def test_the_customer_statement_agrees_with_the_books(db: Database, owner: Actor, tmp_path: Path) -> None:
    customer = make_customer(db, owner, 1, name="Bar do Zé Ltda.")
    receivable(db, owner, customer, "1000.00", date(2025, 1, 10))
    receivable(db, owner, customer, "200.00", date(2025, 3, 5))
    credit_note(db, owner, customer, "50.00", date(2025, 3, 6))
    register_payment(
        db,
        owner,
        PaymentInput(
            Direction.RECEIVABLE,
            customer,
            date(2025, 3, 10),
            PaymentMethod.BOLETO,
            D("600.00"),
            interest=D("4.00"),
        ),
    )
    found = customer_statement(db, owner, customer, date(2025, 3, 1), date(2025, 3, 31))
    assert found.opening == D("1000.00")
    assert [(m.document, m.debit, m.credit, m.balance) for m in found.movements] == [
        ("Invoice 2", D("200.00"), D(0), D("1200.00")),
        ("Credit note 1", D(0), D("50.00"), D("1150.00")),
        ("Payment 1", D(0), D("596.00"), D("554.00")),
    ]
    assert found.closing == sum((item.left for item in found.open_items), D(0)) == D("554.00")
    assert found.overdue == D("404.00")  # the January invoice's rest, due 7/2
    assert customer_named(db, owner, "bar do ze") == customer
    with refused("customer.unknown"):
        customer_named(db, owner, "nobody at all")
    path = write_customer_statement(
        db, owner, tmp_path / "st.pdf", customer, date(2025, 3, 1), date(2025, 3, 31)
    )
    assert path.read_bytes().startswith(b"%PDF")
