"""The money a truck brings back is received in the books when the trip closes: cash into the cash
account, PIX into the bank, cheques and card slips into money in transit, settling the order's invoice
when it has one and otherwise kept for the customer."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import select

from bodesk.domain.access.actor import Actor
from bodesk.domain.deliveries.closing import close_trip
from bodesk.domain.deliveries.departure import depart_trip
from bodesk.domain.deliveries.results import Collected, StopReport, record_result
from bodesk.domain.deliveries.states import PayKind, StopResult
from bodesk.domain.finance.chart import AccountRole
from bodesk.domain.finance.checks import balance_of
from bodesk.domain.finance.document_models import OpenItem, Payment
from bodesk.domain.finance.invoicing import invoice_orders
from bodesk.domain.finance.items import open_of
from bodesk.domain.finance.states import Direction
from bodesk.domain.sales.order_models import SalesOrder
from bodesk.store.check import run_checks
from bodesk.store.engine import Database
from tests.builders.deliveries import build_depot, order_for, plan, settle_as_expected, stops_of

D = Decimal


def _balances(db: Database) -> dict[AccountRole, Decimal]:
    with db.read() as session:
        return {
            role: balance_of(session, role)
            for role in (AccountRole.CASH, AccountRole.BANK, AccountRole.CLEARING)
        }


def test_the_money_collected_on_a_trip_is_received_when_it_closes(db: Database, owner: Actor) -> None:
    depot = build_depot(db, owner)
    orders = [order_for(db, owner, depot, customer) for customer in depot.customers]
    trip = plan(db, owner, depot, orders)
    depart_trip(db, owner, trip)
    stops = stops_of(db, trip)
    paid = {
        stops[0].id: [Collected(PayKind.CASH, D("50.00"))],
        stops[1].id: [
            Collected(PayKind.PIX, D("30.00")),
            Collected(
                PayKind.CHEQUE, D("20.00"), bank="Itaú", cheque_number="000123", cheque_date=date.today()
            ),
        ],
        stops[2].id: [Collected(PayKind.ON_ACCOUNT, D("99.00"))],
    }
    for stop in stops:
        record_result(
            db, owner, stop.id, StopReport(StopResult.DELIVERED, received_by="Ana", collected=paid[stop.id])
        )
    settle_as_expected(db, owner, trip)
    before = _balances(db)
    close_trip(db, owner, trip)
    after = _balances(db)
    assert after[AccountRole.CASH] - before[AccountRole.CASH] == D("50.00")
    assert after[AccountRole.BANK] - before[AccountRole.BANK] == D("30.00")
    assert after[AccountRole.CLEARING] - before[AccountRole.CLEARING] == D("20.00")  # the cheque to deposit
    with db.read() as session:
        payments = session.execute(select(Payment.customer_id, Payment.method, Payment.amount)).all()
        assert sorted((m, a) for _c, m, a in payments) == [
            ("cash", D("50.00")),
            ("cheque", D("20.00")),
            ("pix", D("30.00")),
        ]
        # the orders are not invoiced yet: what they paid waits as the customers' credit
        assert open_of(session, Direction.RECEIVABLE, stops[0].customer_id) == D("-50.00")
        assert session.execute(select(OpenItem.doc_kind).where(OpenItem.amount < 0)).scalars().all()
    assert [(r.name, r.problems) for r in run_checks(db) if not r.ok] == []


def test_the_money_collected_before_the_invoice_settles_it_when_posted(db: Database, owner: Actor) -> None:
    depot = build_depot(db, owner)
    customer = depot.customers[0]
    order = order_for(db, owner, depot, customer)
    trip = plan(db, owner, depot, [order])
    depart_trip(db, owner, trip)
    with db.read() as session:
        value = session.execute(select(SalesOrder.total).where(SalesOrder.id == order)).scalar_one()
    for stop in stops_of(db, trip):
        report = StopReport(
            StopResult.DELIVERED, received_by="Ana", collected=[Collected(PayKind.PIX, value)]
        )
        record_result(db, owner, stop.id, report)
    settle_as_expected(db, owner, trip)
    close_trip(db, owner, trip)
    with db.read() as session:
        assert open_of(session, Direction.RECEIVABLE, customer) == -value  # paid before it was invoiced
    posted = invoice_orders(db, owner, [order])[0]
    with db.read() as session:
        installments = session.execute(
            select(OpenItem.settled).where(OpenItem.doc_kind == "invoice", OpenItem.doc_id == posted.id)
        ).scalars()
        assert all(installments)
        assert open_of(session, Direction.RECEIVABLE, customer) == D("0.00")
    assert [(r.name, r.problems) for r in run_checks(db) if not r.ok] == []
