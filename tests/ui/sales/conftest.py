"""The sales scene for the screens: a warehouse with ten products in cases and stock, a default price
table with their case prices, and a known customer; PDFs previewed into a list instead of a window."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QWidget

from bodesk.domain.access.actor import Actor
from bodesk.domain.sales.price_tables import add_price_table, set_price
from bodesk.store.engine import Database
from tests.builders.catalogue import add_case, make_product
from tests.builders.sales import make_customer
from tests.builders.stock import Place, make_warehouse, stock_in

D = Decimal
SKUS = ("AGUA", "CERV", "SUCO", "REFRI", "CHA", "VINHO", "ENERG", "ISOT", "LEITE", "CAFE")


@dataclass(frozen=True)
class Product:
    id: int
    case_id: int
    sku: str


@dataclass(frozen=True)
class SalesScene:
    place: Place
    products: dict[str, Product]
    table: int
    customer: int  # "Bar do Zé Ltda.", code 7001


@pytest.fixture
def sales_scene(db: Database, owner: Actor) -> SalesScene:
    place = make_warehouse(db, owner, "CD1")
    table = add_price_table(db, owner, "Bares", is_default=True)
    products = {}
    for number, sku in enumerate(SKUS, start=1):
        product_id = make_product(db, owner, sku, f"Produto {sku.title()}", sale_price=str(number))
        case_id = add_case(db, owner, product_id, 12)
        stock_in(db, owner, product_id, place.location_id, 120, "1.00")
        set_price(db, owner, table, product_id, case_id, D(10 + number))
        products[sku] = Product(product_id, case_id, sku)
    customer = make_customer(db, owner, 1, "Bar do Zé Ltda.", code="7001", trade_name="Bar do Zé")
    return SalesScene(place, products, table, customer)


@pytest.fixture
def previews(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The PDFs the screens asked to preview, instead of preview windows."""
    shown: list[Path] = []

    def record(_parent: QWidget | None, path: Path) -> Any:
        shown.append(Path(path))
        return None

    monkeypatch.setattr("bodesk.ui.widgets.pdf_preview.show_pdf", record)
    return shown
