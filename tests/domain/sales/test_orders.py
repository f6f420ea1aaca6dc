"""A sales order's life as a clerk and the warehouse live it: priced by the customer's table, confirmed
with stock reserved first-expired-first-out, shipped (whole, or part with a backorder), cancelled, and
every refusal leaving everything as it was."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

import pytest

from bodesk.domain.access.actor import Actor
from bodesk.domain.sales.customers import block_customer
from bodesk.domain.sales.orders import (
    OrderHeader,
    back_to_quote,
    cancel_order,
    confirm_order,
    repeat_last_order,
    update_order,
)
from bodesk.domain.sales.permissions import SALES_ORDER
from bodesk.domain.sales.price_tables import add_break, add_price_table, add_promotion, set_price
from bodesk.domain.sales.returns import ReturnLineInput, ReturnReason, record_return
from bodesk.domain.sales.shipping import mark_delivered, ship_order, start_picking
from bodesk.domain.stock.catalogue import set_product_active
from bodesk.domain.stock.operations import transfer_stock
from bodesk.domain.stock.reservations import ReservationShortage
from bodesk.store.check import run_checks
from bodesk.store.engine import Database
from tests.builders.catalogue import add_case, make_product
from tests.builders.readings import snapshot
from tests.builders.sales import line, line_ids, make_customer, make_sale, order_state
from tests.builders.stock import Place, make_warehouse, on_hand, stock_in
from tests.helpers.refusals import denied, invalid, refused

D = Decimal


@dataclass(frozen=True)
class Counter:
    cd1: Place
    cd2: Place
    beer: int
    beer_case: int
    water: int
    customer: int
    table: int
    lots: dict[str, int]


@pytest.fixture
def counter(db: Database, owner: Actor) -> Counter:
    cd1 = make_warehouse(db, owner, "CD1", bins=("A-01",))
    cd2 = make_warehouse(db, owner, "CD2")
    beer = make_product(
        db, owner, "CERV", "Cerveja Pilsen 350 ml", sale_price="4.00", lot_tracked=True, shelf_life_days=180
    )
    beer_case = add_case(db, owner, beer, 12)
    water = make_product(db, owner, "AGUA", "Água Mineral 500 ml", sale_price="2.00")
    soon, later = date.today() + timedelta(days=20), date.today() + timedelta(days=90)
    lots = {
        "later": stock_in(db, owner, beer, cd1.bins["A-01"], 24, "2.50", lot="L-LATER", expiry=later),
        "soon": stock_in(db, owner, beer, cd1.location_id, 12, "2.50", lot="L-SOON", expiry=soon),
        "cd2": stock_in(
            db, owner, beer, cd2.location_id, 36, "2.50", lot="L-CD2", expiry=soon - timedelta(days=5)
        ),
    }
    stock_in(db, owner, water, cd1.location_id, 100, "0.90")
    table = add_price_table(db, owner, "Bares", is_default=True)
    set_price(db, owner, table, beer, beer_case, D("42.00"), min_price=D("38.00"))
    set_price(db, owner, table, beer, None, D("3.80"))
    return Counter(cd1, cd2, beer, beer_case, water, make_customer(db, owner), table, lots)  # type: ignore[arg-type]


def no_problems(db: Database) -> None:
    assert [(result.name, result.problems) for result in run_checks(db) if not result.ok] == []


def test_a_quote_is_priced_by_the_table_and_numbered(db: Database, owner: Actor, counter: Counter) -> None:
    order_id = make_sale(
        db,
        owner,
        counter.customer,
        line(counter.beer, 2, counter.beer_case),
        line(counter.beer, 6),
        line(counter.water, 10),
    )
    state = order_state(db, order_id)
    assert state.status == "draft"
    assert state.lines == [(D(24), D(0)), (D(6), D(0)), (D(10), D(0))]
    assert state.total == D("84.00") + D("22.80") + D("20.00")  # case price, unit price, catalogue price
    assert state.reserved == 0  # a quote reserves nothing
    no_problems(db)


def test_breaks_and_promotions_apply_one_after_the_other(
    db: Database, owner: Actor, counter: Counter
) -> None:
    add_break(db, owner, counter.table, D(120), D("3"), product_id=counter.beer, label="≥10 cases")
    add_promotion(
        db, owner, "Verão", date.today(), date.today() + timedelta(days=30), D("10"), product_id=counter.beer
    )
    small = order_state(db, make_sale(db, owner, counter.customer, line(counter.beer, 2, counter.beer_case)))
    big = order_state(db, make_sale(db, owner, counter.customer, line(counter.beer, 10, counter.beer_case)))
    assert small.total == D("75.60")  # 2 × 42.00 − 10 %
    assert big.total == D("366.70")  # 10 × round(42.00 × 0.97 × 0.90) = 10 × 36.67


def test_refused_lines_change_nothing(
    db: Database, owner: Actor, counter: Counter, make_user: Callable[..., Actor]
) -> None:
    seller, warehouse, other = make_user("sales"), make_user("warehouse"), make_customer(db, owner, 4)
    before = snapshot(db)
    with invalid("line:1:packages", "line:2:packages"):
        make_sale(
            db, owner, counter.customer, line(counter.beer, 0, counter.beer_case), line(counter.water, "1.5")
        )
    with invalid("line:1:discount"):  # the sales role may give up to 5 %
        make_sale(db, seller, counter.customer, line(counter.beer, 1, counter.beer_case, discount=D("8")))
    with invalid("line:1:price"):  # the case sells for at least 38.00
        make_sale(db, seller, counter.customer, line(counter.beer, 1, counter.beer_case, price=D("37.00")))
    with invalid("line:2:product"):
        make_sale(db, owner, counter.customer, line(counter.water, 1), line(counter.water, 2))
    with denied(SALES_ORDER):
        make_sale(db, warehouse, counter.customer, line(counter.beer, 1, counter.beer_case))
    assert snapshot(db) == before
    set_product_active(db, owner, counter.water, False, frozenset({"archive_with_stock"}))
    block_customer(db, owner, counter.customer, "cheque devolvido")
    before = snapshot(db)
    with invalid("line:1:product"):
        make_sale(db, owner, other, line(counter.water, 1))
    with refused("customer.blocked"):
        make_sale(db, owner, counter.customer, line(counter.beer, 1, counter.beer_case))
    assert snapshot(db) == before
    # a manager may discount more and sell below the minimum
    make_sale(
        db, owner, make_customer(db, owner, 2), line(counter.beer, 1, counter.beer_case, discount=D("12"))
    )


def test_confirming_reserves_first_expired_first_across_warehouses(
    db: Database, owner: Actor, counter: Counter
) -> None:
    order_id = make_sale(db, owner, counter.customer, line(counter.beer, 4, counter.beer_case))  # 48 units
    confirm_order(db, owner, order_id)
    assert order_state(db, order_id).reserved == D(48)
    with db.read() as session:
        from bodesk.domain.stock.models import Product

        assert session.get(Product, counter.beer).reserved == D(48)  # type: ignore[union-attr]
    # CD1 comes first (by code): its lot expiring soonest (12), then the later one (24), then CD2 (12)
    ship_order(db, owner, order_id)
    assert on_hand(db, counter.beer, counter.cd1.location_id, counter.lots["soon"]) == 0
    assert on_hand(db, counter.beer, counter.cd1.bins["A-01"], counter.lots["later"]) == 0
    assert on_hand(db, counter.beer, counter.cd2.location_id, counter.lots["cd2"]) == D(24)
    no_problems(db)


def test_a_shortfall_reserves_nothing_and_names_the_product(
    db: Database, owner: Actor, counter: Counter
) -> None:
    order_id = make_sale(
        db, owner, counter.customer, line(counter.water, 50), line(counter.beer, 8, counter.beer_case)
    )
    before = snapshot(db)
    with pytest.raises(ReservationShortage) as caught:
        confirm_order(db, owner, order_id)
    assert caught.value.code == "stock.not_available"
    assert [(m.product, m.wanted, m.available) for m in caught.value.missing] == [
        ("CERV Cerveja Pilsen 350 ml", D(96), D(72))
    ]
    assert snapshot(db) == before
    assert order_state(db, order_id).status == "draft"


def test_reserved_stock_cannot_be_moved_away(db: Database, owner: Actor, counter: Counter) -> None:
    order_id = make_sale(db, owner, counter.customer, line(counter.water, 90), confirm=True)
    with refused("stock.shortage") as caught:
        transfer_stock(db, owner, counter.water, counter.cd1.location_id, counter.cd2.location_id, D(20))
    assert "90 reserved" in caught.value.message
    transfer_stock(db, owner, counter.water, counter.cd1.location_id, counter.cd2.location_id, D(10))
    cancel_order(db, owner, order_id, "cliente desistiu")
    assert order_state(db, order_id).reserved == 0
    transfer_stock(db, owner, counter.water, counter.cd1.location_id, counter.cd2.location_id, D(90))
    no_problems(db)


def test_a_confirmed_order_is_changed_and_reserved_again(
    db: Database, owner: Actor, counter: Counter
) -> None:
    order_id = make_sale(db, owner, counter.customer, line(counter.water, 10), confirm=True)
    update_order(
        db,
        owner,
        order_id,
        [line(counter.water, 30), line(counter.beer, 1, counter.beer_case)],
        OrderHeader(),
    )
    state = order_state(db, order_id)
    assert (state.status, state.reserved) == ("confirmed", D(42))
    before = snapshot(db)
    with pytest.raises(ReservationShortage):  # more than there is: the order stays as it was
        update_order(db, owner, order_id, [line(counter.water, 300)], OrderHeader())
    assert snapshot(db) == before
    back_to_quote(db, owner, order_id)
    assert order_state(db, order_id).reserved == 0
    no_problems(db)


def test_a_partial_shipment_leaves_a_backorder_at_the_same_prices(
    db: Database, owner: Actor, counter: Counter
) -> None:
    order_id = make_sale(
        db,
        owner,
        counter.customer,
        line(counter.water, 10),
        line(counter.beer, 2, counter.beer_case),
        confirm=True,
    )
    start_picking(db, owner, order_id)
    water_line, beer_line = line_ids(db, order_id)
    with invalid(f"line:{water_line}:quantity"):  # only 10 reserved
        ship_order(db, owner, order_id, {water_line: D(11)})
    with invalid(f"line:{water_line}:quantity"):  # a bottle is counted whole
        ship_order(db, owner, order_id, {water_line: D("2.5")})
    shipped = ship_order(db, owner, order_id, {water_line: D(6), beer_line: D(24)})
    assert shipped.value == D("12.00") + D("84.00")
    state = order_state(db, order_id)
    assert (state.status, state.lines, state.reserved) == ("shipped", [(D(10), D(6)), (D(24), D(24))], D(0))
    assert shipped.backorder_id is not None
    backorder = order_state(db, shipped.backorder_id)
    assert (backorder.status, backorder.lines, backorder.total) == ("draft", [(D(4), D(0))], D("8.00"))
    assert on_hand(db, counter.water, counter.cd1.location_id) == D(94)
    with invalid(f"line:{water_line}:quantity"):  # what comes back of a bottle is whole too
        record_return(db, owner, order_id, [ReturnLineInput(water_line, D("1.5"), ReturnReason.DAMAGED)])
    mark_delivered(db, owner, order_id)
    with refused("document.state"):
        cancel_order(db, owner, order_id, "tarde demais")
    no_problems(db)


def test_a_blocked_customer_cannot_confirm(db: Database, owner: Actor, counter: Counter) -> None:
    order_id = make_sale(db, owner, counter.customer, line(counter.water, 10))
    block_customer(db, owner, counter.customer, "sem pagamento")
    with refused("customer.blocked"):
        confirm_order(db, owner, order_id)


def test_repeating_the_last_order(db: Database, owner: Actor, counter: Counter) -> None:
    first = make_sale(
        db, owner, counter.customer, line(counter.water, 10), line(counter.beer, 1, counter.beer_case)
    )
    again = repeat_last_order(db, owner, counter.customer)
    assert again != first
    assert order_state(db, again).lines == order_state(db, first).lines
    with refused("sales_order.nothing_to_repeat"):
        repeat_last_order(db, owner, make_customer(db, owner, 3))
