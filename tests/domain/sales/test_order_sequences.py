"""Generated sequences of a sales desk's work — multi-line orders of a lot-tracked product in two
warehouses and of a product sold by the case, confirmed, taken back to a quote, picked, shipped whole
or in part (with or without a backorder), returned to stock or to the loss location, cancelled — keep
the ledger whole after every step: stock equals the moves, each product's stock equals what came in
less what shipped plus what came back to stock, reserved is never above on hand nor below zero, only
confirmed or picked orders hold reservations, and a refused step changes nothing.

(`test_returns_and_credit.py` runs one product through single-line orders; this one crosses products,
lots, warehouses and packagings, and checks the stock against a model, not only against the caches.)
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from bodesk.domain.access.actor import Actor
from bodesk.domain.sales.order_models import SalesOrder, SalesOrderLine, SalesReturnLine
from bodesk.domain.sales.orders import back_to_quote, cancel_order, confirm_order
from bodesk.domain.sales.returns import ReturnLineInput, record_return
from bodesk.domain.sales.shipping import ship_order, start_picking, stop_picking
from bodesk.domain.sales.states import RESERVING_STATUSES, ReturnReason
from bodesk.domain.stock.models import Location, LocationKind, Product, StockQuant, StockReservation
from bodesk.errors import BodeskError
from bodesk.store.check import run_checks
from bodesk.store.engine import Database
from tests.builders.catalogue import add_case, make_product
from tests.builders.readings import snapshot
from tests.builders.sales import line, line_ids, make_customer, make_sale
from tests.builders.stock import make_warehouse, stock_in

D = Decimal
SERIAL = itertools.count(1)
STOCKED = {"beer": D(30 + 20 + 25), "water": D(96)}  # what each product of a shop receives


@dataclass(frozen=True)
class Shop:
    beer: int  # lot-tracked, two lots in CD1 and one in CD2
    water: int  # sold by the unit or by the case of 12
    case: int
    customer: int


def open_shop(db: Database, owner: Actor) -> Shop:
    """A fresh pair of products and a customer (the database lives across generated examples)."""
    n = next(SERIAL)
    if n == 1:
        make_warehouse(db, owner, "CD1")
        make_warehouse(db, owner, "CD2")
    with db.read() as session:
        cd1, cd2 = session.execute(
            select(Location.id)
            .where(Location.kind == LocationKind.INTERNAL, Location.is_bin.is_(False))
            .order_by(Location.id)
        ).scalars()
    beer = make_product(db, owner, f"CERV{n}", sale_price="4.00", lot_tracked=True, shelf_life_days=180)
    water = make_product(db, owner, f"AGUA{n}", sale_price="2.00")
    case = add_case(db, owner, water, 12)
    soon = date.today() + timedelta(days=30)
    stock_in(db, owner, beer, cd1, 30, "2.00", lot=f"A{n}", expiry=soon + timedelta(days=60))
    stock_in(db, owner, beer, cd1, 20, "2.20", lot=f"B{n}", expiry=soon)
    stock_in(db, owner, beer, cd2, 25, "2.10", lot=f"C{n}", expiry=soon + timedelta(days=10))
    stock_in(db, owner, water, cd1, 96, "0.80")
    return Shop(beer, water, case, make_customer(db, owner, n))


STEPS = st.lists(
    st.tuples(
        st.sampled_from(
            [
                "order",
                "confirm",
                "confirm",
                "confirm",
                "unconfirm",
                "pick",
                "unpick",
                "ship",
                "ship_part",
                "return",
                "cancel",
            ]
        ),
        st.integers(min_value=1, max_value=30),
        st.integers(min_value=0, max_value=50),
    ),
    min_size=1,
    max_size=20,
)


def _order(db: Database, owner: Actor, shop: Shop, amount: int, pick: int) -> int:
    lines = [line(shop.beer, amount)]
    if pick % 3 != 0:
        lines.append(line(shop.water, 1 + amount % 5, shop.case) if pick % 2 else line(shop.water, amount))
    return make_sale(db, owner, shop.customer, *lines)


def _ship_part(db: Database, owner: Actor, order_id: int, pick: int) -> None:
    with db.read() as session:
        reserved = dict(
            session.execute(
                select(StockReservation.doc_line_id, func.sum(StockReservation.quantity))
                .where(StockReservation.doc_kind == "sales_order", StockReservation.doc_id == order_id)
                .group_by(StockReservation.doc_line_id)
            ).all()
        )
    quantities = {line_id: D(int(D(quantity) / 2)) for line_id, quantity in reserved.items()}
    ship_order(db, owner, order_id, quantities, keep_backorder=bool(pick % 2))


def _return(db: Database, owner: Actor, order_id: int, amount: int, pick: int) -> None:
    ids = line_ids(db, order_id)
    chosen = ids[-1 - pick % len(ids)]  # mostly the water: the beer may have left in several lots
    reason = ReturnReason.REFUSED if pick % 2 else ReturnReason.DAMAGED
    record_return(
        db, owner, order_id, [ReturnLineInput(chosen, D(1 + amount % 6), reason, to_stock=bool(pick % 2))]
    )


def step(db: Database, owner: Actor, shop: Shop, orders: list[int], action: str, amount: int, pick: int) -> None:  # fmt: skip
    order_id = orders[-1 - pick % min(3, len(orders))] if orders else None  # one of the latest three
    if action == "order" or order_id is None:
        orders.append(_order(db, owner, shop, amount, pick))
    elif action == "confirm":
        confirm_order(db, owner, order_id)
    elif action == "unconfirm":
        back_to_quote(db, owner, order_id)
    elif action == "pick":
        start_picking(db, owner, order_id)
    elif action == "unpick":
        stop_picking(db, owner, order_id)
    elif action == "ship":
        ship_order(db, owner, order_id, keep_backorder=bool(pick % 2))
    elif action == "ship_part":
        _ship_part(db, owner, order_id, pick)
    elif action == "return":
        _return(db, owner, order_id, amount, pick)
    else:
        cancel_order(db, owner, order_id, "cliente desistiu")


def assert_whole(db: Database, shop: Shop) -> None:
    """The invariants that hold after every step, read from the documents and the caches."""
    products = (shop.beer, shop.water)
    with db.read() as session:
        for quantity, reserved in session.execute(
            select(StockQuant.quantity, StockQuant.reserved).where(StockQuant.product_id.in_(products))
        ):
            assert D(0) <= reserved <= quantity
        for product in session.execute(select(Product).where(Product.id.in_(products))).scalars():
            shipped = session.execute(
                select(func.coalesce(func.sum(SalesOrderLine.shipped), 0)).where(
                    SalesOrderLine.product_id == product.id
                )
            ).scalar_one()
            back = session.execute(
                select(func.coalesce(func.sum(SalesReturnLine.quantity), 0))
                .join(Location, Location.id == SalesReturnLine.location_id)
                .where(SalesReturnLine.product_id == product.id, Location.kind == LocationKind.INTERNAL)
            ).scalar_one()
            name = "beer" if product.id == shop.beer else "water"
            assert product.on_hand == STOCKED[name] - D(shipped) + D(back)
            assert D(0) <= product.reserved <= product.on_hand
        holders = set(
            session.execute(
                select(StockReservation.doc_id)
                .where(StockReservation.doc_kind == "sales_order", StockReservation.product_id.in_(products))
            ).scalars()
        )  # fmt: skip
        reserving = set(
            session.execute(
                select(SalesOrder.id).where(
                    SalesOrder.status.in_([status.value for status in RESERVING_STATUSES]),
                    SalesOrder.customer_id == shop.customer,
                )
            ).scalars()
        )
    assert holders == reserving


@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=STEPS)
def test_any_desk_sequence_keeps_the_ledger_whole(
    db: Database, owner: Actor, steps: list[tuple[str, int, int]]
) -> None:
    shop = open_shop(db, owner)
    orders: list[int] = []
    for action, amount, pick in steps:
        before = snapshot(db)
        try:
            step(db, owner, shop, orders, action, amount, pick)
        except BodeskError:
            assert snapshot(db) == before  # a refusal (a shortfall, a wrong state) changes nothing
        assert_whole(db, shop)
    assert [(result.name, result.problems) for result in run_checks(db) if not result.ok] == []
