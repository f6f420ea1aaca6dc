"""Warehouses and bins, driven like a person: add a warehouse by typing, add bins to it, close an
empty bin and open it again; a bin holding stock stays open."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from bodesk.domain.access.actor import Actor
from bodesk.domain.stock.lookups import locations, warehouses
from bodesk.store.engine import Database
from bodesk.ui.stock.warehouses import BinDialog, WarehouseDialog, WarehousesView
from tests.builders.shop import Shop, build_shop
from tests.helpers.qt import ShownMessages, click, click_row, column_texts

CODE = 0


@pytest.fixture
def shop(db: Database, owner: Actor) -> Shop:
    return build_shop(db, owner)


@pytest.fixture
def view(db: Database, owner: Actor, shop: Shop, show: Callable[[QWidget], Any]) -> WarehousesView:
    return show(WarehousesView(db, owner))


def test_the_models_are_well_behaved_qt_models(
    qtbot: QtBot, view: WarehousesView, qtmodeltester: Any
) -> None:
    qtmodeltester.check(view.model)
    click_row(qtbot, view.table, 0)
    qtmodeltester.check(view.bins.model)


def test_add_a_warehouse_by_typing(qtbot: QtBot, db: Database, owner: Actor, view: WarehousesView) -> None:
    click(qtbot, view.new_button)
    dialog = view.dialog
    assert isinstance(dialog, WarehouseDialog)
    qtbot.keyClicks(dialog.code, "cd1")
    qtbot.keyClick(dialog.code, Qt.Key.Key_Return)
    qtbot.keyClicks(dialog.name, "Outro")
    click(qtbot, dialog.ok_button)
    assert "already used" in dialog.form.error("code")
    dialog.code.setText("cd3")
    dialog.name.setText("Deposito Hortolandia")
    click(qtbot, dialog.ok_button)
    qtbot.waitUntil(lambda: view.dialog is None)
    assert column_texts(view.table, CODE) == ["CD1", "CD2", "CD3"]
    assert view.value(view.selected_row(), "code") == "CD3"  # type: ignore[arg-type]
    assert [w.code for w in warehouses(db, owner)] == ["CD1", "CD2", "CD3"]
    assert view.bins.stack.currentWidget() is view.bins.empty_label
    assert "has no bins" in view.bins.empty_label.text()


def test_rename_a_warehouse(qtbot: QtBot, db: Database, owner: Actor, view: WarehousesView) -> None:
    click_row(qtbot, view.table, 1, double=True)
    dialog = view.dialog
    assert isinstance(dialog, WarehouseDialog) and dialog.name.text() == "Deposito Sumare"
    dialog.name.setText("Depósito Sumaré")
    click(qtbot, dialog.ok_button)
    qtbot.waitUntil(lambda: view.dialog is None)
    assert [w.name for w in warehouses(db, owner)][1] == "Depósito Sumaré"


def test_bins_of_the_selected_warehouse(
    qtbot: QtBot, db: Database, owner: Actor, view: WarehousesView, shop: Shop, shown: ShownMessages
) -> None:
    bins = view.bins
    assert not bins.add_bin_button.isEnabled()
    click_row(qtbot, view.table, 0)
    assert column_texts(bins.table, CODE) == ["CD1/A-01", "CD1/A-02"]
    click(qtbot, bins.add_bin_button)
    dialog = bins.dialog
    assert isinstance(dialog, BinDialog)
    qtbot.keyClicks(dialog.code, "a-01")
    click(qtbot, dialog.ok_button)
    assert "already exists" in dialog.form.error("code")
    dialog.code.setText("b-02.1")
    dialog.name.setText("Corredor B, nivel 1")
    click(qtbot, dialog.ok_button)
    qtbot.waitUntil(lambda: bins.dialog is None)
    assert column_texts(bins.table, CODE) == ["CD1/A-01", "CD1/A-02", "CD1/B-02.1"]
    assert column_texts(bins.table, 1)[2] == "Corredor B, nivel 1"

    click_row(qtbot, bins.table, 1)  # A-02 is empty
    click(qtbot, bins.close_button)
    assert column_texts(bins.table, 3)[1] == ""
    assert shop.a02 not in [place.id for place in locations(db, owner, shop.cd1.warehouse_id)]
    assert bins.open_button.isEnabled()
    click(qtbot, bins.open_button)
    assert column_texts(bins.table, 3)[1] == "Yes"

    click_row(qtbot, bins.table, 0)  # A-01 holds water and beer
    click(qtbot, bins.close_button)
    assert shown.codes() == ["bin.holds_stock"]
    assert column_texts(bins.table, 3)[0] == "Yes"


def test_people_who_only_see_stock_change_nothing(
    qtbot: QtBot, db: Database, make_user: Callable[..., Actor], shop: Shop, show: Callable[[QWidget], Any]
) -> None:
    view = show(WarehousesView(db, make_user("warehouse")))
    assert not view.new_button.isVisible() and not view.bins.add_bin_button.isVisible()
    click_row(qtbot, view.table, 0)
    assert column_texts(view.bins.table, CODE) == ["CD1/A-01", "CD1/A-02"]
