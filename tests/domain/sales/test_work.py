"""Sales on the home page: quotes to confirm for who takes orders, orders to pick and to ship for the
warehouse; a rep who sees only their own orders counts only those."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from decimal import Decimal

from bodesk.domain.access.actor import Actor
from bodesk.domain.sales.customers import update_customer
from bodesk.domain.sales.lookups import customer_record
from bodesk.domain.sales.references import add_rep
from bodesk.domain.sales.settings import sales_rules, save_rules
from bodesk.domain.sales.shipping import start_picking
from bodesk.domain.work import work_to_do
from bodesk.store.engine import Database
from tests.builders.catalogue import make_product
from tests.builders.sales import line, make_customer, make_sale
from tests.builders.stock import make_warehouse, stock_in

D = Decimal


def sales_counts(db: Database, actor: Actor) -> dict[str, int]:
    return {work.key: work.count for work in work_to_do(db, actor) if work.key.startswith("sales.")}


def test_quotes_orders_to_pick_and_to_ship(
    db: Database, owner: Actor, make_user: Callable[..., Actor]
) -> None:
    place = make_warehouse(db, owner)
    water = make_product(db, owner, "AGUA", sale_price="2.00")
    stock_in(db, owner, water, place.location_id, 100, "1.00")
    ana_login = make_user("sales", "ana")
    ana = add_rep(db, owner, "Ana", "ana")
    theirs, mine = make_customer(db, owner, 1), make_customer(db, owner, 2)
    update_customer(db, owner, mine, replace(customer_record(db, owner, mine).data, rep_id=ana))
    make_sale(db, owner, theirs, line(water, 1))
    make_sale(db, owner, mine, line(water, 1))
    make_sale(db, owner, theirs, line(water, 2), confirm=True)
    start_picking(db, owner, make_sale(db, owner, theirs, line(water, 3), confirm=True))

    assert sales_counts(db, owner) == {"sales.quotes": 2, "sales.to_pick": 1, "sales.to_ship": 1}
    assert sales_counts(db, make_user("warehouse")) == {"sales.to_pick": 1, "sales.to_ship": 1}
    assert sales_counts(db, ana_login) == {"sales.quotes": 2}
    save_rules(db, owner, replace(sales_rules(db, owner), reps_see_own=True))
    assert sales_counts(db, ana_login) == {"sales.quotes": 1}
    assert sales_counts(db, make_user("sales")) == {"sales.quotes": 0}  # a seller who is no rep
