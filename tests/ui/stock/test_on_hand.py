"""Stock on hand, driven like a person: pick a row, transfer or record breakage through the dialogs,
filter by warehouse, and make the reports."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from bodesk.domain.access.actor import Actor
from bodesk.domain.stock.models import StockOperationKind
from bodesk.store.engine import Database
from bodesk.ui.stock.move_dialogs import AdjustDialog, TransferDialog
from bodesk.ui.stock.on_hand import OnHandView
from bodesk.ui.widgets import pdf_preview
from tests.builders.shop import Shop, build_shop
from tests.builders.stock import on_hand, stock_in, stock_problems
from tests.helpers.qt import ShownMessages, click, click_row, column_texts

SKU, LOCATION, LOT = 0, 3, 4


@pytest.fixture
def shop(db: Database, owner: Actor) -> Shop:
    return build_shop(db, owner)


@pytest.fixture
def view(db: Database, owner: Actor, shop: Shop, show: Callable[[QWidget], Any]) -> OnHandView:
    return show(OnHandView(db, owner))


def select(qtbot: QtBot, view: OnHandView, sku: str, location: str) -> None:
    rows = list(zip(column_texts(view.table, SKU), column_texts(view.table, LOCATION), strict=True))
    click_row(qtbot, view.table, rows.index((sku, location)))


def open_transfer(qtbot: QtBot, view: OnHandView, sku: str, location: str) -> TransferDialog:
    select(qtbot, view, sku, location)
    click(qtbot, view.transfer_button)
    dialog = view.dialog
    assert isinstance(dialog, TransferDialog)
    qtbot.waitExposed(dialog)
    return dialog


def test_the_model_is_a_well_behaved_qt_model(view: OnHandView, qtmodeltester: Any) -> None:
    qtmodeltester.check(view.model)


def test_a_transfer_to_another_warehouse(qtbot: QtBot, db: Database, view: OnHandView, shop: Shop) -> None:
    dialog = open_transfer(qtbot, view, "AG-500", "CD1")
    assert dialog.available.text() == "300 un"
    assert not dialog.ok_button.isEnabled()
    dialog.target.setCurrentIndex(dialog.target.findData(shop.cd2.location_id))
    qtbot.keyClicks(dialog.quantity, "120")
    qtbot.keyClicks(dialog.reason, "pedido da filial")
    assert not dialog.fefo_row.isVisibleTo(dialog)  # not kept by lot
    click(qtbot, dialog.ok_button)
    qtbot.waitUntil(lambda: view.dialog is None)
    assert on_hand(db, shop.water, shop.cd1.location_id) == Decimal(180)
    assert on_hand(db, shop.water, shop.cd2.location_id) == Decimal(120)
    assert ("AG-500", "CD2") in zip(
        column_texts(view.table, SKU), column_texts(view.table, LOCATION), strict=True
    )
    assert stock_problems(db) == []


def test_a_shortfall_shows_under_the_quantity_and_moves_nothing(
    qtbot: QtBot, db: Database, view: OnHandView, shop: Shop, shown: ShownMessages
) -> None:
    dialog = open_transfer(qtbot, view, "AG-500", "CD1/A-01")
    dialog.target.setCurrentIndex(dialog.target.findData(shop.a02))
    qtbot.keyClicks(dialog.quantity, "80")
    click(qtbot, dialog.ok_button)
    assert "50 on hand, 80 needed (30 short)" in " ".join(dialog.form.error("quantity").split())
    assert dialog.isVisible() and shown.errors == []
    assert on_hand(db, shop.water, shop.a01) == Decimal(50)
    dialog.quantity.setText("abc")
    click(qtbot, dialog.ok_button)
    assert "not a number" in dialog.form.error("quantity")


def test_leaving_a_warehouse_suggests_the_first_lot_to_expire(
    qtbot: QtBot, db: Database, owner: Actor, view: OnHandView, shop: Shop
) -> None:
    stock_in(db, owner, shop.beer, shop.a02, 30, "2", lot="L0", expiry=shop.today + timedelta(days=4))
    view.refresh()
    dialog = open_transfer(qtbot, view, "CV-LT350", "CD1/A-01")
    assert dialog.lot.currentData() == shop.lot1
    dialog.target.setCurrentIndex(dialog.target.findData(shop.a02))
    assert not dialog.fefo_row.isVisibleTo(dialog)  # a move inside the warehouse
    dialog.target.setCurrentIndex(dialog.target.findData(shop.cd2.location_id))
    qtbot.keyClicks(dialog.quantity, "40")
    assert dialog.fefo_row.isVisibleTo(dialog)
    assert dialog.fefo.text().startswith("lot L0 (expires")
    assert "in CD1/A-02: 30; lot L1" in dialog.fefo.text()
    click(qtbot, dialog.use_fefo)
    assert (dialog.origin_id(), dialog.lot_id()) == (shop.a02, dialog.picks[0].lot_id)
    assert dialog.available.text() == "30 un"
    dialog.quantity.setText("30")
    click(qtbot, dialog.ok_button)
    qtbot.waitUntil(lambda: view.dialog is None)
    assert on_hand(db, shop.beer, shop.a02, dialog.picks[0].lot_id) == Decimal(0)


def test_breakage_needs_a_reason_and_books_a_loss(
    qtbot: QtBot, db: Database, owner: Actor, view: OnHandView, shop: Shop
) -> None:
    select(qtbot, view, "CV-LT350", "CD1/A-01")
    click(qtbot, view.breakage_button)
    dialog = view.dialog
    assert isinstance(dialog, AdjustDialog) and dialog.breakage
    assert dialog.lot.currentData() == shop.lot1
    qtbot.keyClicks(dialog.quantity, "6")
    assert not dialog.ok_button.isEnabled()  # no reason yet
    qtbot.keyClicks(dialog.reason, "palete caiu")
    assert dialog.ok_button.isEnabled()
    click(qtbot, dialog.ok_button)
    qtbot.waitUntil(lambda: view.dialog is None)
    assert on_hand(db, shop.beer, shop.a01, shop.lot1) == Decimal(114)
    assert on_hand(db, shop.beer) == Decimal(138)
    assert stock_problems(db) == []


def test_goods_issued_to_a_customer_say_who_received_them(
    qtbot: QtBot, db: Database, view: OnHandView, shop: Shop
) -> None:
    select(qtbot, view, "RF-COLA2L", "CD2")
    assert view.issue_button.toolTip().startswith("Goods that leave without a sales order")
    click(qtbot, view.issue_button)
    dialog = view.dialog
    assert isinstance(dialog, AdjustDialog) and dialog.kind == StockOperationKind.ISSUE
    assert dialog.windowTitle() == "Issue goods" and dialog.direction.isHidden()
    qtbot.keyClicks(dialog.quantity, "3")
    assert not dialog.ok_button.isEnabled()  # who received it?
    qtbot.keyClicks(dialog.reason, "amostra para o Bar do Ze")
    click(qtbot, dialog.ok_button)
    qtbot.waitUntil(lambda: view.dialog is None)
    assert on_hand(db, shop.cola, shop.cd2.location_id) == Decimal(57)
    assert stock_problems(db) == []


def test_an_adjustment_adds_or_removes(qtbot: QtBot, db: Database, view: OnHandView, shop: Shop) -> None:
    select(qtbot, view, "RF-COLA2L", "CD2")
    click(qtbot, view.adjust_button)
    dialog = view.dialog
    assert isinstance(dialog, AdjustDialog) and not dialog.breakage
    dialog.direction.setCurrentIndex(dialog.direction.findData(1))
    qtbot.keyClicks(dialog.quantity, "-4")
    qtbot.keyClicks(dialog.reason, "achado")
    click(qtbot, dialog.ok_button)
    assert "above zero" in dialog.form.error("quantity")
    dialog.quantity.setText("4")
    click(qtbot, dialog.ok_button)
    qtbot.waitUntil(lambda: view.dialog is None)
    assert on_hand(db, shop.cola, shop.cd2.location_id) == Decimal(64)


def test_warehouse_and_location_filters(qtbot: QtBot, view: OnHandView, shop: Shop) -> None:
    view.warehouse_filter.setCurrentIndex(view.warehouse_filter.findData(shop.cd1.warehouse_id))
    assert set(column_texts(view.table, LOCATION)) == {"CD1", "CD1/A-01"}
    locations = [view.location_filter.itemText(i) for i in range(view.location_filter.count())]
    assert locations == ["All locations", "CD1", "CD1/A-01", "CD1/A-02"]
    view.location_filter.setCurrentIndex(view.location_filter.findData(shop.a01))
    assert column_texts(view.table, LOT) == ["", "L1"]
    view.warehouse_filter.setCurrentIndex(view.warehouse_filter.findData(shop.cd2.warehouse_id))
    assert set(column_texts(view.table, LOCATION)) == {"CD2"}


def test_the_reports_open_in_the_preview(
    qtbot: QtBot, view: OnHandView, shop: Shop, monkeypatch: pytest.MonkeyPatch
) -> None:
    previewed: list[Path] = []
    monkeypatch.setattr(pdf_preview, "show_pdf", lambda _parent, path: previewed.append(path))
    view.warehouse_filter.setCurrentIndex(view.warehouse_filter.findData(shop.cd2.warehouse_id))
    for button in (view.availability_button, view.valuation_button):
        click(qtbot, button)
        task = view.report_task
        assert task is not None
        qtbot.waitUntil(lambda task=task: task.done, timeout=20_000)
    assert [path.name for path in previewed] == ["stock-availability.pdf", "stock-valuation.pdf"]
    assert all(path.read_bytes().startswith(b"%PDF") for path in previewed)


def test_people_who_only_see_stock_move_nothing(
    db: Database, make_user: Callable[..., Actor], shop: Shop, show: Callable[[QWidget], Any]
) -> None:
    view = show(OnHandView(db, make_user("sales")))
    assert not view.transfer_button.isVisible() and not view.breakage_button.isVisible()
    view.table.selectRow(0)
    view.transfer()
    assert view.dialog is None


def test_the_totals_follow_the_filters_and_a_lot_past_expiry_stands_out(
    qtbot: QtBot, view: OnHandView, shop: Shop
) -> None:
    assert view.totals_label.text() == "Quantity: 554 un · Value: 1,040.40"
    view.warehouse_filter.setCurrentIndex(view.warehouse_filter.findData(shop.cd2.warehouse_id))
    qtbot.waitUntil(lambda: view.totals_label.text().startswith("Quantity: 84 un"))
    model = view.model
    expired = column_texts(view.table, LOT).index("L2")
    tint = model.data(model.index(expired, SKU), Qt.ItemDataRole.BackgroundRole)
    assert isinstance(tint, QBrush) and tint.color().alpha() > 0
    cola = column_texts(view.table, SKU).index("RF-COLA2L")
    assert model.data(model.index(cola, SKU), Qt.ItemDataRole.BackgroundRole) is None


def test_sales_see_no_cost_no_value_and_no_valuation(
    db: Database, shop: Shop, make_user: Callable[..., Actor], show: Callable[[QWidget], Any]
) -> None:
    view = show(OnHandView(db, make_user("sales")))
    shown = [column.key for _index, column in view.shown_columns()]
    assert "cost" not in shown and "value" not in shown and "quantity" in shown
    assert not view.valuation_button.isVisible()
    assert "Value" not in view.totals_label.text()
