"""The purchasing lists (filtered and sorted in SQL) and the Ctrl+K providers."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal

import pytest

import bodesk.domain.purchasing.search  # noqa: F401 - registers the providers (load_modules will)
from bodesk.domain.access.actor import Actor
from bodesk.domain.common.errors import PermissionDenied
from bodesk.domain.common.listing import ListQuery, ListRequest
from bodesk.domain.purchasing.documents import find_suppliers
from bodesk.domain.purchasing.queries import (
    OrderLinesQuery,
    OrdersQuery,
    ReceiptLinesQuery,
    ReceiptsQuery,
    SupplierPricesQuery,
    SuppliersQuery,
)
from bodesk.domain.purchasing.suppliers import SupplierData, create_supplier, set_supplier_active
from bodesk.domain.search import search
from bodesk.store.engine import Database
from tests.builders.purchasing import (
    make_order,
    make_product_in_cases,
    make_supplier,
    price,
    receive,
    sent_order,
    tax_id,
)
from tests.builders.stock import make_warehouse

D = Decimal


def rows(db: Database, actor: Actor, query: ListQuery, **request: object) -> list[tuple[object, ...]]:
    asked = ListRequest(**request)  # type: ignore[arg-type]
    page = query.page(db, actor, asked, 0, 100)
    assert query.count(db, actor, asked) == len(page)
    return [row.values for row in page]


@pytest.fixture
def scene(db: Database, owner: Actor) -> dict[str, int]:
    sul = create_supplier(db, owner, SupplierData(name="Bebidas Sul", tax_id=tax_id(1), city="São Paulo"))
    norte = make_supplier(db, owner, 2, "Águas do Norte")
    warehouse = make_warehouse(db, owner).warehouse_id
    water = make_product_in_cases(db, owner, "AGUA", "Água Mineral", case_units=12)
    juice = make_product_in_cases(db, owner, "SUCO", "Suco de Uva", case_units=6)
    price(db, owner, sul, water, "18.00")
    price(db, owner, sul, juice, "30.00", preferred=True)
    draft = make_order(db, owner, norte, warehouse, (water, 1, "20.00"))
    sent = sent_order(db, owner, sul, warehouse, (water, 2, None), (juice, 1, None))
    receive(db, owner, sent, [12, 6], supplier_invoice="NF-77")
    done = sent_order(db, owner, sul, warehouse, (juice, 3, None))
    receive(db, owner, done, [18])
    return {"sul": sul, "norte": norte, "draft": draft, "sent": sent, "done": done}


def test_suppliers_by_folded_words_and_active(db: Database, owner: Actor, scene: dict[str, int]) -> None:
    query = SuppliersQuery()
    assert [r[0] for r in rows(db, owner, query, sort="tax_id")] == ["Bebidas Sul", "Águas do Norte"]
    assert [r[0] for r in rows(db, owner, query, search="sao paulo")] == ["Bebidas Sul"]
    assert [r[0] for r in rows(db, owner, query, search="AGUAS")] == ["Águas do Norte"]
    set_supplier_active(db, owner, scene["norte"], False, frozenset({"archive_with_open_orders"}))
    assert [r[0] for r in rows(db, owner, query, filters={"active": True})] == ["Bebidas Sul"]
    assert [r[0] for r in rows(db, owner, query, filters={"active": False})] == ["Águas do Norte"]


def test_a_new_orders_supplier_is_found_by_part_of_its_name_or_tax_id(
    db: Database, owner: Actor, scene: dict[str, int]
) -> None:
    make_supplier(db, owner, 3, "Importadora Andina Ltda.")
    make_supplier(db, owner, 4, "Importadora Boa Vista")
    assert [c.name for c in find_suppliers(db, owner, "impo")] == [
        "Importadora Andina Ltda.",
        "Importadora Boa Vista",
    ]
    assert [c.name for c in find_suppliers(db, owner, "boa impo")] == ["Importadora Boa Vista"]
    assert [c.id for c in find_suppliers(db, owner, tax_id(2)[:10])] == [scene["norte"]]
    assert len(find_suppliers(db, owner, "", limit=3)) == 3
    set_supplier_active(db, owner, scene["norte"], False, frozenset({"archive_with_open_orders"}))
    assert find_suppliers(db, owner, "aguas") == []


def test_supplier_prices_of_one_supplier(db: Database, owner: Actor, scene: dict[str, int]) -> None:
    query = SupplierPricesQuery()
    assert rows(db, owner, query) == []
    found = rows(db, owner, query, filters={"supplier": scene["sul"]})
    assert [(r[1], r[3], r[5], r[6]) for r in sorted(found)] == [
        ("Água Mineral", "Caixa 12", D("18.0000"), False),
        ("Suco de Uva", "Caixa 6", D("30.0000"), True),
    ]
    assert [r[0] for r in rows(db, owner, query, search="uva", filters={"supplier": scene["sul"]})] == [
        "SUCO"
    ]


def test_orders_by_status_supplier_number_and_date(db: Database, owner: Actor, scene: dict[str, int]) -> None:
    query = OrdersQuery()
    assert [(r[0], r[3]) for r in rows(db, owner, query)] == [
        (3, "received"),
        (2, "partly_received"),
        (1, "draft"),
    ]
    assert [r[0] for r in rows(db, owner, query, filters={"status": "open"})] == [2, 1]
    assert [r[0] for r in rows(db, owner, query, filters={"status": "draft"})] == [1]
    assert [r[0] for r in rows(db, owner, query, filters={"supplier": scene["sul"]})] == [3, 2]
    assert [r[0] for r in rows(db, owner, query, search="#2")] == [2]
    assert [r[0] for r in rows(db, owner, query, search="norte")] == [1]
    assert [r[0] for r in rows(db, owner, query, sort="total")] == [1, 2, 3]
    tomorrow = date.today() + timedelta(days=1)
    assert rows(db, owner, query, filters={"from": tomorrow}) == []
    assert len(rows(db, owner, query, filters={"to": tomorrow})) == 3


def test_order_lines_and_receipts(db: Database, owner: Actor, scene: dict[str, int]) -> None:
    lines = rows(db, owner, OrderLinesQuery(), filters={"order": scene["sent"]}, sort="sku")
    assert [(r[0], r[3], r[6], r[7]) for r in lines] == [
        ("AGUA", D(2), D(24), D(12)),
        ("SUCO", D(1), D(6), D(6)),
    ]
    receipts = ReceiptsQuery()
    assert [(r[0], r[2], r[5], r[6]) for r in rows(db, owner, receipts)] == [
        (2, 3, "", D("90.00")),
        (1, 2, "NF-77", D("48.00")),
    ]
    assert [r[0] for r in rows(db, owner, receipts, search="nf-77")] == [1]
    assert [r[0] for r in rows(db, owner, receipts, search="3")] == [2]
    assert [r[0] for r in rows(db, owner, receipts, filters={"billed": False, "supplier": scene["sul"]})] == [
        2,
        1,
    ]
    assert rows(db, owner, receipts, filters={"billed": True}) == []
    receipt_id = ReceiptsQuery().page(db, owner, ListRequest(search="NF-77"), 0, 1)[0].id
    found = rows(db, owner, ReceiptLinesQuery(), filters={"receipt": receipt_id}, sort="sku")
    assert [(r[0], r[4], r[6], r[7], r[8]) for r in found] == [
        ("AGUA", D(12), D("1.5000"), D("18.00"), "CD1"),
        ("SUCO", D(6), D("5.0000"), D("30.00"), "CD1"),
    ]


def test_lists_need_the_purchasing_view(
    db: Database, owner: Actor, make_user: Callable[..., Actor], scene: dict[str, int]
) -> None:
    seller = make_user("sales")
    with pytest.raises(PermissionDenied):
        OrdersQuery().count(db, seller, ListRequest())


def test_ctrl_k_finds_suppliers_and_orders(
    db: Database, owner: Actor, make_user: Callable[..., Actor], scene: dict[str, int]
) -> None:
    hits = search(db, owner, "bebidas")
    assert [(h.kind, h.title) for h in hits if h.kind == "supplier"] == [("supplier", "Bebidas Sul")]
    by_cnpj = search(db, owner, tax_id(2)[:10])
    assert [h.title for h in by_cnpj if h.kind == "supplier"] == ["Águas do Norte"]
    orders = [h for h in search(db, owner, "#2 ") if h.kind == "purchase_order"]
    assert [(h.title, h.detail) for h in orders] == [
        ("Purchase order 2", "Bebidas Sul · Partly received · 66.00")
    ]
    seller = make_user("sales")
    assert [h for h in search(db, seller, "bebidas") if h.kind in ("supplier", "purchase_order")] == []
