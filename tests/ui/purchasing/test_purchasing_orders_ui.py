"""Purchase orders driven like a person: type an order, send it, receive it from the real buttons."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from bodesk.domain.access.actor import Actor
from bodesk.domain.purchasing.errors import OverReceiptDenied
from bodesk.domain.purchasing.models import PurchaseOrder
from bodesk.i18n import set_language
from bodesk.store.engine import Database
from bodesk.ui.purchasing.common import purchase_order_path
from bodesk.ui.purchasing.order_dialogs import OrderEditor
from bodesk.ui.purchasing.orders import OrdersView
from bodesk.ui.purchasing.reason_dialog import ReasonDialog
from bodesk.ui.purchasing.receive_dialog import ReceiveDialog
from tests.builders.catalogue import stored_product
from tests.builders.purchasing import Scene, make_order, order, sent_order
from tests.builders.readings import snapshot
from tests.helpers.qt import ShownMessages, click, column_texts

D = Decimal
NUMBER, SUPPLIER, WAREHOUSE, STATUS = 0, 1, 2, 3


@pytest.fixture
def view(db: Database, owner: Actor, scene: Scene, show: Callable[[QWidget], Any]) -> OrdersView:
    return show(OrdersView(db, owner))


def enter(qtbot: QtBot, widget: QWidget, text: str = "") -> None:
    if text:
        if isinstance(widget, QLineEdit):
            widget.selectAll()
        qtbot.keyClicks(widget, text)
    qtbot.keyClick(widget, Qt.Key.Key_Return)


def orders(db: Database) -> list[PurchaseOrder]:
    with db.read() as session:
        from sqlalchemy import select

        return list(session.execute(select(PurchaseOrder).order_by(PurchaseOrder.id)).scalars())


def open_editor(qtbot: QtBot, view: OrdersView) -> OrderEditor:
    click(qtbot, view.new_button)
    editor = view.dialog
    assert isinstance(editor, OrderEditor)
    qtbot.waitExposed(editor)
    return editor


def test_type_an_order_send_it_and_receive_it(
    qtbot: QtBot,
    db: Database,
    owner: Actor,
    scene: Scene,
    view: OrdersView,
    shown: ShownMessages,
    previews: list[Path],
) -> None:
    editor = open_editor(qtbot, view)
    assert not editor.entry.picker.isEnabled()
    enter(qtbot, editor.partner, "Bebidas")  # Enter chooses the highlighted supplier
    assert editor.partner_id() == scene.vale and editor.entry.picker.isEnabled()
    enter(qtbot, editor.entry.picker, "agua")  # Enter picks the first hit and moves to the packaging
    assert editor.entry.picker.choice is not None and editor.entry.picker.choice.sku == "AGUA"
    assert editor.entry.packaging.currentText() == "Caixa 12 (12 un)"
    enter(qtbot, editor.entry.packaging)
    enter(qtbot, editor.entry.quantity, "10")
    assert editor.entry.price.text() == "18.90"
    enter(qtbot, editor.entry.price)  # adds the line, back to the product
    enter(qtbot, editor.entry.picker, "CERV")
    enter(qtbot, editor.entry.packaging)
    enter(qtbot, editor.entry.quantity, "2")
    enter(qtbot, editor.entry.price, "40.50")
    assert column_texts(editor.grid, 0) == ["AGUA", "CERV"]
    assert column_texts(editor.grid, 5) == ["189.00", "81.00"]
    assert editor.total_label.text() == "Total: 270.00"
    click(qtbot, editor.send_button)
    qtbot.waitUntil(lambda: view.dialog is None)
    assert shown.errors == [] and len(shown.questions) == 1
    (made,) = orders(db)
    assert (made.number, made.status, made.total) == (1, "sent", D("270.00"))
    assert [path.name for path in previews] == ["purchase-order-1.pdf"] and previews[0].stat().st_size > 0
    assert view.value(view.selected_row(), "status") == "sent"  # type: ignore[arg-type]

    assert view.receive_button.isEnabled() and not view.send_button.isEnabled()
    click(qtbot, view.receive_button)
    dialog = view.dialog
    assert isinstance(dialog, ReceiveDialog)
    qtbot.waitExposed(dialog)
    water, beer = dialog.rows
    assert (water.units.text(), water.lot.isEnabled(), beer.lot.isEnabled()) == ("120", False, True)
    enter(qtbot, dialog.supplier_invoice, "NF 881")
    enter(qtbot, dialog.location)  # to the first line's packages
    assert dialog.focusWidget() is water.packages
    enter(qtbot, water.packages, "8")  # 8 cases arrived: 96 units
    assert water.units.text() == "96"
    enter(qtbot, water.units)
    assert dialog.focusWidget() is beer.packages
    enter(qtbot, beer.packages)
    enter(qtbot, beer.units)
    enter(qtbot, beer.lot, "L2024-07")
    enter(qtbot, beer.expiry)
    assert dialog.focusWidget() is dialog.ok_button
    qtbot.keyClick(dialog.ok_button, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.dialog is None)
    assert shown.errors == []
    assert (stored_product(db, scene.water.id).on_hand, stored_product(db, scene.beer.id).on_hand) == (
        D(96),
        D(24),
    )
    assert order(db, made.id).status == "partly_received"
    assert column_texts(view.table, STATUS)[0] == "Partly received"
    assert view.close_button.isEnabled() and not view.cancel_button.isEnabled()


def test_a_lot_left_out_is_shown_beside_its_line(
    qtbot: QtBot, db: Database, owner: Actor, scene: Scene, view: OrdersView
) -> None:
    order_id = sent_order(
        db, owner, scene.vale, scene.warehouse, (scene.water, 1, None), (scene.beer, 1, None)
    )
    view.refresh()
    assert view.select_id(order_id)
    click(qtbot, view.receive_button)
    dialog = view.dialog
    assert isinstance(dialog, ReceiveDialog)
    before = snapshot(db)
    click(qtbot, dialog.ok_button)
    assert dialog.isVisible()
    assert dialog.problem(0) == ""
    assert dialog.problem(1) == "Cerveja Pilsen 350 mL: enter the lot code."
    assert dialog.focusWidget() is dialog.rows[1].lot
    assert snapshot(db) == before
    dialog.rows[1].lot.setText("l9")
    click(qtbot, dialog.ok_button)
    qtbot.waitUntil(lambda: view.dialog is None)
    assert order(db, order_id).status == "received"


def test_a_clerk_cannot_receive_more_than_ordered(
    qtbot: QtBot,
    db: Database,
    owner: Actor,
    scene: Scene,
    make_user: Callable[..., Actor],
    show: Callable[[QWidget], Any],
    shown: ShownMessages,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    order_id = sent_order(db, owner, scene.vale, scene.warehouse, (scene.water, 1, None))
    view = show(OrdersView(db, make_user("warehouse")))
    assert not view.new_button.isVisible() and view.receive_button.isVisible()
    assert view.select_id(order_id)
    click(qtbot, view.receive_button)
    dialog = view.dialog
    assert isinstance(dialog, ReceiveDialog)
    before = snapshot(db)
    enter(qtbot, dialog.rows[0].units, "13")
    click(qtbot, dialog.ok_button)
    assert [type(error) for error in shown.errors] == [OverReceiptDenied]
    assert shown.codes() == ["purchasing.over_receipt"]
    assert dialog.isVisible() and snapshot(db) == before


def test_over_receipt_is_asked_for_who_may(
    qtbot: QtBot, db: Database, owner: Actor, scene: Scene, view: OrdersView, shown: ShownMessages
) -> None:
    order_id = sent_order(db, owner, scene.vale, scene.warehouse, (scene.water, 1, None))
    view.refresh()
    view.select_id(order_id)
    click(qtbot, view.receive_button)
    dialog = view.dialog
    assert isinstance(dialog, ReceiveDialog)
    enter(qtbot, dialog.rows[0].packages, "1.5")
    shown.answer = False
    click(qtbot, dialog.ok_button)
    assert "more than was ordered" in shown.questions[0] and dialog.isVisible()
    shown.answer = True
    click(qtbot, dialog.ok_button)
    qtbot.waitUntil(lambda: view.dialog is None)
    assert stored_product(db, scene.water.id).on_hand == D(18)


def test_cancel_a_draft_with_a_reason(
    qtbot: QtBot, db: Database, owner: Actor, scene: Scene, view: OrdersView
) -> None:
    order_id = make_order(db, owner, scene.serra, scene.warehouse, (scene.water, 2, None))
    view.refresh()
    view.select_id(order_id)
    assert (
        view.send_button.isEnabled()
        and view.cancel_button.isEnabled()
        and not view.receive_button.isEnabled()
    )
    click(qtbot, view.cancel_button)
    dialog = view.dialog
    assert isinstance(dialog, ReasonDialog) and not dialog.ok_button.isEnabled()
    qtbot.keyClicks(dialog.reason, "pedido duplicado")
    click(qtbot, dialog.ok_button)
    qtbot.waitUntil(lambda: view.dialog is None)
    assert (order(db, order_id).status, order(db, order_id).cancel_reason) == (
        "cancelled",
        "pedido duplicado",
    )
    assert view.model.total() == 0  # the list shows open orders
    assert "no open purchase orders" in view.empty_label.text()


def test_a_draft_is_edited_and_a_sent_order_is_read_only(
    qtbot: QtBot, db: Database, owner: Actor, scene: Scene, view: OrdersView, previews: list[Path]
) -> None:
    draft = make_order(db, owner, scene.vale, scene.warehouse, (scene.water, 2, None), (scene.beer, 1, None))
    view.refresh()
    view.select_id(draft)
    click(qtbot, view.open_button)
    editor = view.dialog
    assert isinstance(editor, OrderEditor)
    editor.grid.selectRow(1)
    qtbot.keyClick(editor.grid, Qt.Key.Key_Delete)
    assert column_texts(editor.grid, 0) == ["AGUA"]
    editor.windowHandle().requestActivate()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is editor)
    qtbot.keyClick(editor.grid, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: view.dialog is None)
    assert order(db, draft).total == D("37.80")
    click(qtbot, view.send_button)
    assert order(db, draft).status == "sent" and len(previews) == 1
    click(qtbot, view.open_button)
    editor = view.dialog
    assert isinstance(editor, OrderEditor)
    assert not editor.entry.picker.isEnabled() and not editor.save_button.isEnabled()
    assert editor.total_label.text() == "Total: 37.80"
    click(qtbot, view.print_button)
    assert len(previews) == 2


def test_the_list_model_passes_the_model_tester(
    qtbot: QtBot, db: Database, owner: Actor, scene: Scene, view: OrdersView, qtmodeltester: Any
) -> None:
    sent_order(db, owner, scene.vale, scene.warehouse, (scene.water, 1, None))
    view.refresh()
    qtmodeltester.check(view.model)
    view.select_id(view.model.row_id(0))
    qtmodeltester.check(view.lines.model)


def test_the_pdf_of_an_order_is_named_in_the_persons_language() -> None:
    set_language("pt_BR")
    assert purchase_order_path(12).name == "pedido-de-compra-12.pdf"
    set_language("en")
    assert purchase_order_path(12).name == "purchase-order-12.pdf"
