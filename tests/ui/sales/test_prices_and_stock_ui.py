"""The price tables screen (a table added, a price set for a packaging with its minimum, a break and a
promotion added, each listed under the table) and the stock for sales list."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from pytestqt.qtbot import QtBot

from bodesk.domain.access.actor import Actor
from bodesk.store.engine import Database
from bodesk.ui.sales.price_dialogs import BreakDialog, PriceDialog, PromotionDialog, TableDialog
from bodesk.ui.sales.price_tables import PriceTablesView
from bodesk.ui.sales.stock import StockForSalesView
from tests.builders.sales import line, make_sale
from tests.helpers.qt import ShownMessages, column_texts
from tests.ui.sales.conftest import SalesScene

D = Decimal


def test_a_table_gets_a_price_a_break_and_a_promotion(
    qtbot: QtBot,
    db: Database,
    owner: Actor,
    sales_scene: SalesScene,
    show: Callable[..., Any],
    shown: ShownMessages,
) -> None:
    view: PriceTablesView = show(PriceTablesView(db, owner))
    view.add_table()
    adding = view.dialog
    assert isinstance(adding, TableDialog)
    adding.name.setText("Mercados")
    adding.accept()
    assert column_texts(view.table, 0) == ["Bares", "Mercados"] and view.selected_id() is not None

    view.prices.add()
    dialog = view.prices.dialog
    assert isinstance(dialog, PriceDialog)
    dialog.product.setText("AGUA")
    assert dialog.product.choose_current() is not None
    assert dialog.packaging.currentText() == "Caixa 12 (12 un)"
    dialog.price.setText("9.90")
    dialog.minimum.setText("9.00")
    dialog.accept()
    assert column_texts(view.prices.table, 0) == ["AGUA"]
    assert column_texts(view.prices.table, 4) == ["9.90"]

    view.breaks.add()
    breaking = view.breaks.dialog
    assert isinstance(breaking, BreakDialog)
    breaking.min_units.setText("120")
    breaking.discount.setText("2")
    breaking.label.setText("10 caixas")
    breaking.accept()
    assert column_texts(view.breaks.table, 0) == ["10 caixas"]

    view.promotions.add()
    promoting = view.promotions.dialog
    assert isinstance(promoting, PromotionDialog)
    promoting.name.setText("Verão")
    promoting.discount.setText("150")  # refused under its field
    promoting.accept()
    assert promoting.isVisible() and promoting.form.error("discount")
    promoting.discount.setText("5")
    promoting.accept()
    assert column_texts(view.promotions.table, 0) == ["Verão"]
    assert shown.errors == []


def test_stock_for_sales_shows_what_is_free(
    qtbot: QtBot, db: Database, owner: Actor, sales_scene: SalesScene, show: Callable[..., Any]
) -> None:
    water = sales_scene.products["AGUA"]
    make_sale(db, owner, sales_scene.customer, line(water.id, 10, water.case_id), confirm=True)
    view: StockForSalesView = show(StockForSalesView(db, owner))
    qtbot.keyClicks(view.search, "agua")
    qtbot.waitUntil(lambda: column_texts(view.table, 0) == ["AGUA"])
    assert [column_texts(view.table, column)[0] for column in (3, 4, 5)] == ["120", "120", "0"]
    view.search.clear()
    qtbot.waitUntil(lambda: len(column_texts(view.table, 0)) == 10)
    view.short.setChecked(True)
    assert column_texts(view.table, 0) == ["AGUA"]
