"""Lists add up in SQL over every row a request selects (not the page shown), quantities only while the
rows share one unit; and the domain says which rows and values should catch the eye: a lot near or
past its expiry, a product below its minimum, a document's state."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest

from bodesk.domain.access.actor import Actor
from bodesk.domain.common.listing import ListQuery, ListRequest, ListRow
from bodesk.domain.common.tones import Tone
from bodesk.domain.purchasing.queries import OrdersQuery
from bodesk.domain.purchasing.states import ORDER_LIFECYCLE, OrderStatus
from bodesk.domain.stock.alerts import NEAR_EXPIRY_DAYS, expiry_tone, stock_tone
from bodesk.domain.stock.queries import LotsQuery, MovesQuery, ProductsQuery, StockOnHandQuery
from bodesk.domain.stock.states import COUNT_LIFECYCLE, CountStatus
from bodesk.store.engine import Database
from tests.builders.catalogue import make_product
from tests.builders.shop import Shop, build_shop
from tests.builders.stock import stock_in

D = Decimal


@pytest.fixture
def shop(db: Database, owner: Actor) -> Shop:
    return build_shop(db, owner)


def row_of(query: ListQuery, db: Database, actor: Actor, key: str, value: object) -> ListRow:
    rows = query.page(db, actor, ListRequest(filters={"status": "all", "show_empty": True}), 0, 100)
    return next(row for row in rows if query.value(row, key) == value)


def test_stock_on_hand_adds_up_every_row_not_the_page(db: Database, owner: Actor, shop: Shop) -> None:
    query = StockOnHandQuery()
    totals = query.totals(db, owner, ListRequest())
    assert len(query.page(db, owner, ListRequest(), 0, 1)) == 1  # a page of one row
    # water 300 + 50 at 1.20, beer 120 at 2.00 + 24 at 2.10, cola 60 at 5.50: values at the average costs
    assert totals.values["quantity"] == D("554.000")
    assert totals.unit == "un"
    pages = query.page(db, owner, ListRequest(), 0, 100)
    assert totals.values["value"] == sum(query.value(row, "value") for row in pages)


def test_a_filter_narrows_the_totals(db: Database, owner: Actor, shop: Shop) -> None:
    totals = StockOnHandQuery().totals(
        db, owner, ListRequest(filters={"warehouse_id": shop.cd2.warehouse_id})
    )
    assert totals.values["quantity"] == D("84.000")


def test_quantities_of_different_units_are_not_added(db: Database, owner: Actor, shop: Shop) -> None:
    sugar = make_product(db, owner, "AC-1KG", "Açúcar", base_unit="kg")
    stock_in(db, owner, sugar, shop.cd1.location_id, "2.5", cost="4.00")
    totals = StockOnHandQuery().totals(db, owner, ListRequest())
    assert "quantity" not in totals.values and totals.unit is None
    assert totals.values["value"] > D(0)
    one = StockOnHandQuery().totals(db, owner, ListRequest(search="açúcar"))
    assert (one.values["quantity"], one.unit) == (D("2.500"), "kg")


def test_moves_add_up_what_they_list(db: Database, owner: Actor, shop: Shop) -> None:
    request = ListRequest(filters={"product_id": shop.cola})
    totals = MovesQuery().totals(db, owner, request)
    assert totals.values == {"quantity": D("60.000"), "value": D("330.0000000")}


def test_a_list_without_total_columns_has_no_totals(db: Database, owner: Actor, shop: Shop) -> None:
    assert LotsQuery().totals(db, owner, ListRequest()).values["quantity"] == D("144.000")
    assert ProductsQuery().totals(db, owner, ListRequest()).values["on_hand"] == D("554.000")
    assert OrdersQuery().totals(db, owner, ListRequest()).values == {}


@pytest.mark.parametrize(
    ("days", "tone"),
    [(-1, Tone.DANGER), (0, Tone.WARNING), (NEAR_EXPIRY_DAYS, Tone.WARNING), (NEAR_EXPIRY_DAYS + 1, None)],
)
def test_a_lot_near_or_past_its_expiry(days: int, tone: Tone | None) -> None:
    today = date(2026, 6, 1)
    assert expiry_tone(today + timedelta(days=days), today) == tone
    assert expiry_tone(None, today) is None


@pytest.mark.parametrize(
    ("on_hand", "minimum", "tone"),
    [("0", "10", Tone.DANGER), ("9", "10", Tone.WARNING), ("10", "10", None), ("0", "0", None)],
)
def test_a_product_below_its_minimum(on_hand: str, minimum: str, tone: Tone | None) -> None:
    assert stock_tone(D(on_hand), D(minimum)) == tone


def test_lists_tone_their_rows_by_these_rules(db: Database, owner: Actor, shop: Shop) -> None:
    lots = LotsQuery()
    assert lots.row_tone(row_of(lots, db, owner, "code", "L1")) == Tone.WARNING
    assert lots.row_tone(row_of(lots, db, owner, "code", "L2")) == Tone.DANGER
    on_hand = StockOnHandQuery()
    assert on_hand.row_tone(row_of(on_hand, db, owner, "lot", "L2")) == Tone.DANGER
    products = ProductsQuery()
    assert products.row_tone(row_of(products, db, owner, "sku", "AG-500")) is None  # 350, minimum 100
    make_product(db, owner, "AG-1L", "Água 1 L", min_stock=12)  # nothing on hand
    assert products.row_tone(row_of(products, db, owner, "sku", "AG-1L")) == Tone.DANGER


def test_documents_read_and_stand_out_by_their_state() -> None:
    assert ORDER_LIFECYCLE.tone(OrderStatus.SENT) == Tone.INFO
    assert ORDER_LIFECYCLE.tone(OrderStatus.DRAFT) is None
    assert ORDER_LIFECYCLE.tone("unknown") is None
    assert COUNT_LIFECYCLE.tone(CountStatus.CANCELLED) == Tone.MUTED
    status = OrdersQuery().column("status")
    assert status.label is not None and status.label("partly_received") == "Partly received"
