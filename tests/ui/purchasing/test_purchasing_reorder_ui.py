"""Reorder suggestions, receipts and the Purchasing tab with its Ctrl+K openers."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

import bodesk.domain.purchasing.search  # noqa: F401 - the providers (load_modules will register them)
from bodesk.domain.access.actor import Actor
from bodesk.domain.common.listing import ListRequest
from bodesk.domain.purchasing.documents import order_view
from bodesk.domain.purchasing.queries import OrdersQuery
from bodesk.domain.purchasing.suppliers import set_supplier_price
from bodesk.domain.search import search
from bodesk.domain.stock.operations import adjust_stock
from bodesk.store.engine import Database
from bodesk.ui import modules
from bodesk.ui.purchasing import reorder as reorder_view
from bodesk.ui.purchasing.receipts import ReceiptsView
from bodesk.ui.purchasing.reorder import ReorderView
from bodesk.ui.search_box import open_hit
from tests.builders.purchasing import Scene, make_product_in_cases, receive, sent_order
from tests.builders.stock import stock_in
from tests.helpers.qt import ShownMessages, click, column_texts

D = Decimal


def test_tick_suggestions_and_make_draft_orders(
    qtbot: QtBot,
    db: Database,
    owner: Actor,
    scene: Scene,
    show: Callable[[QWidget], Any],
    shown: ShownMessages,
    qtmodeltester: Any,
) -> None:
    make_product_in_cases(db, owner, "COCO", "Água de Coco 1 L", case_units=12, min_stock=6)  # no supplier
    stock_in(db, owner, scene.water.id, scene.location, 10)
    view = show(ReorderView(db, owner))
    qtmodeltester.check(view.model)
    assert column_texts(view.table, 1) == ["COCO", "AGUA"]
    assert column_texts(view.table, 7)[0].startswith("No supplier sells it")
    assert column_texts(view.table, 9) == ["6", "5"]  # 6 units; 50 units in cases of 12
    assert view.summary.text() == "2 suggestions · 1 ticked, worth 94.50"
    coco = view.model.index(0, 0)
    assert not view.model.flags(coco) & Qt.ItemFlag.ItemIsUserCheckable
    click(qtbot, view.untick_button)
    assert not view.create_button.isEnabled()
    click(qtbot, view.tick_button)
    navigated: list[tuple[str, str]] = []
    view.navigate_requested.connect(lambda tab, sub: navigated.append((tab, sub)))
    click(qtbot, view.create_button)
    assert shown.infos == ["1 draft order was made. Check it and send it in Purchase orders."]
    assert navigated == [("purchasing", "orders")]
    (row,) = OrdersQuery().page(db, owner, ListRequest(), 0, 10)
    made = order_view(db, owner, row.id)
    assert (made.supplier_id, made.status, [(line.sku, line.packages) for line in made.lines]) == (
        scene.vale,
        "draft",
        [("AGUA", D(5))],
    )
    assert column_texts(view.table, 1) == ["COCO"]  # the water is on order now


def test_coming_back_shows_the_same_suggestions_and_keeps_what_was_unticked(
    db: Database, owner: Actor, scene: Scene, show: Callable[[QWidget], Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    guarana = make_product_in_cases(db, owner, "GUAR", "Guaraná 2 L", case_units=6, min_stock=12)
    set_supplier_price(db, owner, scene.vale, guarana.id, guarana.case_id, D("30.00"))
    stock_in(db, owner, scene.water.id, scene.location, 10)
    view = show(ReorderView(db, owner))
    assert column_texts(view.table, 1) == ["AGUA", "GUAR"]
    view.model.setData(view.model.index(1, 0), Qt.CheckState.Unchecked.value, Qt.ItemDataRole.CheckStateRole)
    computed: list[object] = []
    real = reorder_view.reorder_suggestions
    monkeypatch.setattr(
        reorder_view, "reorder_suggestions", lambda *args: computed.append(args) or real(*args)
    )

    view.refresh()  # the view comes back to the front, nothing changed
    assert computed == []
    assert view.summary.text() == "2 suggestions · 1 ticked, worth 94.50"

    adjust_stock(db, owner, scene.water.id, scene.location, D(-1), "quebra")
    view.refresh()  # something was recorded since: computed again, the guaraná still unticked
    assert len(computed) == 1
    assert sorted(view.model.ticked) == [0] and column_texts(view.table, 9) == ["5", "2"]

    view.refresh_button.click()  # F5 computes in any case
    assert len(computed) == 2


def test_an_empty_reorder_list_says_what_to_do(
    db: Database, owner: Actor, scene: Scene, show: Callable[[QWidget], Any]
) -> None:
    stock_in(db, owner, scene.water.id, scene.location, 30)
    view = show(ReorderView(db, owner))
    assert view.stack.currentWidget() is view.empty_label
    assert "Set a product's minimum and maximum stock" in view.empty_label.text()


def test_receipts_list_and_lines(
    qtbot: QtBot, db: Database, owner: Actor, scene: Scene, show: Callable[[QWidget], Any], qtmodeltester: Any
) -> None:
    order_id = sent_order(db, owner, scene.vale, scene.warehouse, (scene.water, 2, None))
    receive(db, owner, order_id, [12], supplier_invoice="NF 77")
    view = show(ReceiptsView(db, owner))
    assert column_texts(view.table, 5) == ["NF 77"]
    assert column_texts(view.table, 6) == ["18.90"]
    view.select_id(view.model.row_id(0))
    assert column_texts(view.lines.table, 0) == ["AGUA"]
    assert column_texts(view.lines.table, 6) == ["1.5750"]
    qtmodeltester.check(view.model)
    qtmodeltester.check(view.lines.model)
    view.billed_filter.setCurrentIndex(view.billed_filter.findData("billed"))
    assert view.model.total() == 0 and "No receipt matches" in view.empty_label.text()


def test_the_tab_and_what_ctrl_k_opens(
    qtbot: QtBot,
    db: Database,
    owner: Actor,
    scene: Scene,
    show: Callable[[QWidget], Any],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    tab = modules.find_tab("purchasing")  # registered through UI_PLUGINS
    assert tab is not None
    assert [sub.key for sub in tab.visible_subviews("warehouse")] == [
        "suppliers",
        "orders",
        "receipts",
        "reorder",
    ]
    assert not tab.allowed("sales")
    order_id = sent_order(db, owner, scene.vale, scene.warehouse, (scene.water, 1, None))
    views: dict[str, QWidget] = {}

    class Navigator:
        def show_view(self, tab_key: str, sub_key: str | None = None) -> QWidget | None:
            assert tab is not None and tab_key == "purchasing" and sub_key is not None
            if sub_key not in views:
                factory = next(sub.factory for sub in tab.subviews if sub.key == sub_key)
                views[sub_key] = show(factory(db, owner, None))
            return views[sub_key]

        def run_command(self, name: str) -> None:
            raise AssertionError(name)

    (supplier_hit,) = [hit for hit in search(db, owner, "vale") if hit.kind == "supplier"]
    assert open_hit(Navigator(), supplier_hit)
    assert views["suppliers"].selected_id() == scene.vale  # type: ignore[attr-defined]
    (order_hit,) = [hit for hit in search(db, owner, "#1") if hit.kind == "purchase_order"]
    assert open_hit(Navigator(), order_hit)
    orders = views["orders"]
    assert orders.selected_id() == order_id  # type: ignore[attr-defined]
    assert orders.dialog is not None  # type: ignore[attr-defined]
