"""A small purchasing scene for the screens: a warehouse, two suppliers, products bought by the case
(one tracked by lot), their prices; and PDFs previewed into a list instead of a window."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QWidget
from tests.domain.purchasing_helpers import Item, make_product, make_supplier, make_warehouse, price

from bodesk.domain.access.actor import Actor
from bodesk.store.engine import Database


@dataclass
class Scene:
    warehouse: int
    vale: int
    serra: int
    water: Item
    beer: Item
    juice: Item


@pytest.fixture
def scene(db: Database, owner: Actor) -> Scene:
    warehouse = make_warehouse(db, owner, "CD1", "Depósito")
    vale = make_supplier(db, owner, 1, "Bebidas do Vale Ltda.", lead_time_days=3)
    serra = make_supplier(db, owner, 2, "Águas Serra Azul S.A.")
    water = make_product(db, owner, "AGUA", "Água Mineral 500 mL", case_units=12, min_stock=24, max_stock=60)
    beer = make_product(
        db, owner, "CERV", "Cerveja Pilsen 350 mL", case_units=12, lot_tracked=True, shelf_life_days=180
    )
    juice = make_product(db, owner, "SUCO", "Suco de Uva 1 L", case_units=6)
    price(db, owner, vale, water, "18.90")
    price(db, owner, vale, beer, "41.00")
    price(db, owner, serra, water, "19.50")
    return Scene(warehouse, vale, serra, water, beer, juice)


@pytest.fixture
def previews(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The PDFs the screens asked to preview, instead of preview windows."""
    shown: list[Path] = []

    def record(_parent: QWidget | None, path: Path) -> Any:
        shown.append(Path(path))
        return None

    monkeypatch.setattr("bodesk.ui.widgets.pdf_preview.show_pdf", record)
    return shown


Show = Callable[[QWidget], Any]
