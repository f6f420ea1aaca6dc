"""Importing products from a spreadsheet through the Products screen: check first, then import."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from bodesk.domain.access.actor import Actor
from bodesk.domain.stock.models import Product
from bodesk.store.engine import Database
from bodesk.ui.stock.products import ProductsView
from bodesk.ui.widgets.import_dialog import ImportDialog
from tests.helpers.qt import ShownMessages, click

SHEET = (
    "Código;Descrição;EAN;Marca;Categoria;Preço de venda\n"
    "GUA-350;Guaraná Antarctica Lata 350 ml;7891991000833;Antarctica;Refrigerantes;3,49\n"
    "BAD-1;Produto ruim;7891991000834;X;Y;abc\n"
)


def products(db: Database) -> int:
    with db.read() as session:
        return int(session.execute(select(func.count()).select_from(Product)).scalar_one())


def test_check_lists_every_bad_row_then_the_good_rows_go_in(
    qtbot: QtBot,
    db: Database,
    owner: Actor,
    tmp_path: Path,
    show: Callable[[QWidget], Any],
    shown: ShownMessages,
) -> None:
    path = tmp_path / "produtos.csv"
    path.write_bytes(SHEET.encode("cp1252"))
    view: ProductsView = show(ProductsView(db, owner))
    view.import_products(path)
    dialog = view.dialog
    assert isinstance(dialog, ImportDialog)
    assert dialog.mapping()["sku"] == 0 and dialog.mapping()["sale_price"] == 5
    click(qtbot, dialog.check_button)
    qtbot.waitUntil(lambda: dialog.outcome is not None)
    report = dialog.report.toPlainText()
    assert "Line 3:" in report and "GTIN" in report and "“abc” is not a number" in report
    assert products(db) == 0
    click(qtbot, dialog.import_button)
    qtbot.waitUntil(lambda: dialog.outcome is not None and dialog.outcome.dry_run is False)
    assert products(db) == 0  # a bad row blocks everything until the person chooses the good rows
    dialog.good_rows.setChecked(True)
    click(qtbot, dialog.import_button)
    qtbot.waitUntil(lambda: dialog.outcome is not None and dialog.outcome.written == 1)
    assert products(db) == 1
    qtbot.waitUntil(lambda: view.model.total() == 1)
    assert shown.errors == []
