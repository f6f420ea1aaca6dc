"""The purchase order PDF shows what the domain computed: supplier, lines, prices and the total."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pypdfium2 as pdfium  # type: ignore[import-untyped]

from bodesk.domain.access.actor import Actor
from bodesk.domain.common.figures import price_text
from bodesk.domain.purchasing.orders import OrderLineInput, cancel_order, create_order, send_order
from bodesk.domain.purchasing.suppliers import set_supplier_price
from bodesk.reports.purchase_order import write_purchase_order
from bodesk.store.engine import Database
from tests.builders.purchasing import make_product_in_cases, make_supplier, price
from tests.builders.stock import make_warehouse

D = Decimal


def pdf_text(path: Path) -> str:
    document = pdfium.PdfDocument(path.read_bytes())
    try:
        return "\n".join(document[i].get_textpage().get_text_range() for i in range(len(document)))
    finally:
        document.close()


def test_the_pdf_lists_the_lines_and_the_total(db: Database, owner: Actor, tmp_path: Path) -> None:
    supplier = make_supplier(db, owner, 7, "Bebidas do Vale Ltda.")
    warehouse = make_warehouse(db, owner, "CD1").warehouse_id
    water = make_product_in_cases(db, owner, "AGUA", "Água Mineral 500 mL", case_units=12)
    juice = make_product_in_cases(db, owner, "SUCO", "Suco de Uva 1 L", case_units=6)
    price(db, owner, supplier, water, "18.90")
    set_supplier_price(db, owner, supplier, juice.id, juice.case_id, D("10.3333"), "UVA-6")
    lines = [OrderLineInput(water.id, water.case_id, D(10)), OrderLineInput(juice.id, juice.case_id, D(3))]
    order_id = create_order(db, owner, supplier, warehouse, lines, notes="Portão 2")
    send_order(db, owner, order_id)
    path = write_purchase_order(db, owner, order_id, tmp_path / "po.pdf")
    shown = pdf_text(path)
    for expected in (
        "Purchase order 1",
        "Bebidas do Vale Ltda.",
        "20.000.007/0001-",
        "Água Mineral 500 mL",
        "Caixa 12 (12 un)",
        "UVA-6",
        "10.3333",
        "R$189.00",
        "R$31.00",
        "R$220.00",
        "Portão 2",
        "Depósito CD1",
    ):
        assert expected in shown, expected


def test_a_cancelled_order_says_so(db: Database, owner: Actor, tmp_path: Path) -> None:
    supplier = make_supplier(db, owner)
    warehouse = make_warehouse(db, owner).warehouse_id
    water = make_product_in_cases(db, owner, "AGUA", case_units=12)
    price(db, owner, supplier, water, "18.00")
    order_id = create_order(db, owner, supplier, warehouse, [OrderLineInput(water.id, water.case_id, D(1))])
    cancel_order(db, owner, order_id, "pedido em duplicidade")
    shown = pdf_text(write_purchase_order(db, owner, order_id, tmp_path / "po.pdf"))
    assert "This order was cancelled: pedido em duplicidade" in shown


def test_prices_show_the_places_they_need() -> None:
    assert [price_text(D(v)) for v in ("18.9000", "10.3333", "0.5")] == ["18.90", "10.3333", "0.50"]
