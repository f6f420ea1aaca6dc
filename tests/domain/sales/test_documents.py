"""The order editor's live preview: each line's stock available in base units (on hand − reserved −
earlier lines of the order) and whether it is short."""

from __future__ import annotations

from decimal import Decimal

from bodesk.domain.access.actor import Actor
from bodesk.domain.sales.documents import preview_sale
from bodesk.store.engine import Database
from tests.builders.catalogue import add_case, make_product
from tests.builders.sales import line, make_customer, make_sale
from tests.builders.stock import make_warehouse, stock_in

D = Decimal


def test_the_preview_says_what_each_line_finds_in_stock(db: Database, owner: Actor) -> None:
    place = make_warehouse(db, owner, "CD1")
    water = make_product(db, owner, "AGUA", sale_price="2.00")
    case = add_case(db, owner, water, 12)
    stock_in(db, owner, water, place.location_id, 120, "1.00")
    customer = make_customer(db, owner, 1)
    make_sale(db, owner, customer, line(water, 1, case), confirm=True)  # 12 reserved

    previewed = preview_sale(db, owner, customer, [line(water, 5, case), line(water, 100)])
    assert [(shown.available, shown.short) for shown in previewed.lines] == [(D(108), False), (D(48), True)]
