"""Any sequence of invoices, credit notes, bills, receipts and payments (partial, with discounts,
interest, fees, an excess kept as credit), reversals and write-offs: every entry balances, the customers
and suppliers accounts equal their open items, each item's settled sum equals its allocations, the bank
moved exactly what the live payments say, and every figure is whole cents."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from bodesk.domain.access.actor import Actor
from bodesk.domain.common.money import round_money
from bodesk.domain.finance.chart import AccountRole
from bodesk.domain.finance.document_models import Invoice, OpenItem, Payment
from bodesk.domain.finance.payment_reversal import reverse_payment
from bodesk.domain.finance.payments import PaymentInput, register_payment
from bodesk.domain.finance.states import Direction, PaymentMethod
from bodesk.domain.finance.write_offs import write_off
from bodesk.domain.purchasing.models import Supplier
from bodesk.domain.sales.models import Customer
from bodesk.errors import BodeskError
from bodesk.store.engine import Database
from tests.builders.finance import balance, credit_note, payable, problems, receivable
from tests.builders.purchasing import make_supplier
from tests.builders.sales import make_customer

D = Decimal
START = date(2025, 1, 6)
CENTS = st.integers(0, 50_000).map(lambda cents: D(cents) / 100)
OPERATIONS = st.lists(
    st.one_of(
        st.tuples(
            st.just("invoice"),
            st.integers(0, 1),
            st.integers(1, 100_000).map(lambda c: D(c) / 100),
            st.integers(1, 3),
        ),
        st.tuples(
            st.just("credit_note"),
            st.integers(0, 1),
            st.integers(1, 20_000).map(lambda c: D(c) / 100),
            st.just(1),
        ),
        st.tuples(
            st.just("bill"),
            st.integers(0, 1),
            st.integers(1, 100_000).map(lambda c: D(c) / 100),
            st.integers(1, 3),
        ),
        st.tuples(
            st.just("receive"),
            st.integers(0, 1),
            st.tuples(
                CENTS,
                CENTS.map(lambda v: round_money(v / 20)),
                CENTS.map(lambda v: round_money(v / 20)),
                st.sampled_from([D(0), D("2.50")]),
                st.sampled_from(["credit", "interest", None]),
            ),
            st.sampled_from(list(PaymentMethod)[:6]),
        ),
        st.tuples(
            st.just("pay"),
            st.integers(0, 1),
            st.tuples(
                CENTS,
                CENTS.map(lambda v: round_money(v / 20)),
                CENTS.map(lambda v: round_money(v / 20)),
                st.sampled_from([D(0), D("1.00")]),
                st.sampled_from(["credit", None]),
            ),
            st.sampled_from(
                [PaymentMethod.TRANSFER, PaymentMethod.PIX, PaymentMethod.BOLETO, PaymentMethod.CASH]
            ),
        ),
        st.tuples(st.just("reverse"), st.integers(0, 30), st.just(D(0)), st.just(0)),
        st.tuples(st.just("write_off"), st.integers(0, 30), st.just(D(0)), st.just(0)),
        st.tuples(st.just("use_credit"), st.integers(0, 1), st.just(D(0)), st.just(0)),
    ),
    min_size=1,
    max_size=20,
)


def _partners(db: Database, owner: Actor) -> tuple[list[int], list[int]]:
    with db.read() as session:
        customers = list(session.execute(select(Customer.id).order_by(Customer.id)).scalars())
        suppliers = list(session.execute(select(Supplier.id).order_by(Supplier.id)).scalars())
    if not customers:
        customers = [make_customer(db, owner, 1), make_customer(db, owner, 2)]
        suppliers = [make_supplier(db, owner, 1), make_supplier(db, owner, 2)]
    return customers, suppliers


def _use_credit(db: Database, owner: Actor, customer: int, day: date) -> None:
    """Set a credit the customer holds against their oldest open installment, no money moving."""
    with db.read() as session:
        open_items = session.execute(
            select(OpenItem.id, OpenItem.amount - OpenItem.paid - OpenItem.written_off)
            .where(OpenItem.customer_id == customer, OpenItem.settled.is_(False))
            .order_by(OpenItem.due_on, OpenItem.id)
        ).all()
    owed = [(item_id, D(str(left))) for item_id, left in open_items if left > 0]
    held = [(item_id, D(str(left))) for item_id, left in open_items if left < 0]
    if owed and held:
        amount = min(owed[0][1], -held[0][1])
        register_payment(
            db,
            owner,
            PaymentInput(
                Direction.RECEIVABLE,
                customer,
                day,
                PaymentMethod.TRANSFER,
                D(0),
                allocations=[(owed[0][0], amount), (held[0][0], -amount)],
            ),
        )


def _expected_customers_account(db: Database) -> Decimal:
    """Invoices − credit notes − what live receipts and write-offs took, from the documents."""
    with db.read() as session:
        invoiced = session.execute(select(Invoice.kind, func.sum(Invoice.total)).group_by(Invoice.kind)).all()
        taken = D(0)
        for amount, discount, interest in session.execute(
            select(Payment.amount, Payment.discount, Payment.interest).where(
                Payment.direction == "receivable", Payment.reversed.is_(False)
            )
        ):
            taken += amount + discount - interest
    totals = {kind: D(str(total)) for kind, total in invoiced}
    return totals.get("invoice", D(0)) - totals.get("credit_note", D(0)) - taken


def _expected_money(db: Database) -> Decimal:
    with db.read() as session:
        rows = session.execute(
            select(Payment.direction, Payment.amount, Payment.fees).where(
                Payment.reversed.is_(False), Payment.method != "write_off"
            )
        ).all()
    return sum(
        (
            (amount - fees) if direction == "receivable" else -(amount + fees)
            for direction, amount, fees in rows
        ),
        D(0),
    )


@settings(max_examples=30, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(operations=OPERATIONS)
def test_any_sequence_keeps_the_books_equal_to_the_open_items(
    db: Database, owner: Actor, operations: list[tuple[str, int, object, object]]
) -> None:
    customers, suppliers = _partners(db, owner)
    day = START
    for action, pick, value, extra in operations:
        day += timedelta(days=1)
        try:
            if action == "invoice":
                receivable(db, owner, customers[pick], value, day, (28, 35, 42)[: int(extra)])  # type: ignore[arg-type,call-overload]
            elif action == "credit_note":
                credit_note(db, owner, customers[pick], value, day)  # type: ignore[arg-type]
            elif action == "bill":
                payable(db, owner, suppliers[pick], value, day, (30, 60, 90)[: int(extra)])  # type: ignore[arg-type,call-overload]
            elif action in ("receive", "pay"):
                amount, discount, interest, fees, excess = value  # type: ignore[misc]
                register_payment(
                    db,
                    owner,
                    PaymentInput(
                        Direction.RECEIVABLE if action == "receive" else Direction.PAYABLE,
                        (customers if action == "receive" else suppliers)[pick],
                        day,
                        extra,  # type: ignore[arg-type]
                        amount,
                        discount=discount,
                        interest=interest,
                        fees=fees,
                        excess=excess,
                    ),
                )
            elif action == "reverse":
                with db.read() as session:
                    live = list(
                        session.execute(
                            select(Payment.id).where(Payment.reversed.is_(False)).order_by(Payment.id)
                        ).scalars()
                    )
                if live:
                    reverse_payment(db, owner, live[pick % len(live)], day, "teste")
            elif action == "write_off":
                with db.read() as session:
                    owed = list(
                        session.execute(
                            select(OpenItem.id)
                            .where(
                                OpenItem.direction == "receivable",
                                OpenItem.settled.is_(False),
                                OpenItem.amount > 0,
                            )
                            .order_by(OpenItem.id)
                        ).scalars()
                    )
                if owed:
                    write_off(db, owner, [owed[pick % len(owed)]], day, "teste")
            else:
                _use_credit(db, owner, customers[pick], day)
        except BodeskError:
            pass  # a refusal (an excess without a choice, a credit already used) changes nothing
    assert problems(db) == []
    assert balance(db, AccountRole.RECEIVABLES) == _expected_customers_account(db)
    assert balance(db, AccountRole.BANK) + balance(db, AccountRole.CASH) == _expected_money(db)
    with db.read() as session:
        for amount, paid, written_off in session.execute(
            select(OpenItem.amount, OpenItem.paid, OpenItem.written_off)
        ):
            for figure in (amount, paid, written_off):
                assert round_money(figure) == figure
