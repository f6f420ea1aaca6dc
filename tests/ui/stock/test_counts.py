"""The counts screens driven like a person with a barcode scanner: a scanner types the code and
Enter, the person types the quantity and Enter; then post, import a file, print the sheet."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from bodesk.domain.access.actor import Actor
from bodesk.domain.stock.counts import count_info, start_count
from bodesk.store.engine import Database
from bodesk.ui.stock.count_dialogs import (
    CancelCountDialog,
    PostCountDialog,
    SheetOptionsDialog,
    StartCountDialog,
)
from bodesk.ui.stock.count_entry import CountEntryView
from bodesk.ui.stock.count_import_dialog import ImportCountDialog
from bodesk.ui.stock.counts import CountsView
from tests.builders.catalogue import add_case, gtin, make_product
from tests.builders.counts import counted
from tests.builders.stock import Place, make_warehouse, on_hand, stock_in, stock_problems
from tests.helpers.qt import ShownMessages, click, click_row

Show = Callable[[QWidget], QWidget]


@pytest.fixture
def place(db: Database, owner: Actor) -> Place:
    return make_warehouse(db, owner, "CD1", bins=("A-01",))


@pytest.fixture
def stock(db: Database, owner: Actor, place: Place) -> dict[str, int]:
    skol = make_product(db, owner, "SKOL350", "Skol lata 350ml", gtin=gtin(1), cost="2.50")
    add_case(db, owner, skol, 12, gtin(2))
    stock_in(db, owner, skol, place.location_id, 30)
    water = make_product(db, owner, "AGUA500", "Água mineral 500ml", gtin=gtin(3), cost="1.00")
    stock_in(db, owner, water, place.bins["A-01"], 10)
    return {"skol": skol, "water": water}


def open_entry(
    qtbot: QtBot, show: Show, db: Database, owner: Actor, count_id: int
) -> tuple[CountsView, CountEntryView]:
    view = CountsView(db, owner)
    show(view)
    view.activateWindow()
    assert view.list.select_id(count_id)
    click(qtbot, view.open_button)
    entry = view.entry
    assert entry is not None
    qtbot.waitUntil(lambda: QApplication.focusWidget() is entry.code)
    return view, entry


def scan(qtbot: QtBot, entry: CountEntryView, code: str, quantity: str | None = None) -> None:
    """What a keyboard-wedge scanner does (the code and Enter), then the person's quantity and Enter."""
    qtbot.keyClicks(QApplication.focusWidget(), code)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    if quantity is not None:
        assert QApplication.focusWidget() is entry.quantity
        qtbot.keyClicks(entry.quantity, quantity)
        qtbot.keyClick(entry.quantity, Qt.Key.Key_Return)


def test_counting_with_a_scanner_then_posting(
    qtbot: QtBot,
    show: Show,
    shown: ShownMessages,
    db: Database,
    owner: Actor,
    place: Place,
    stock: dict[str, int],
) -> None:
    count_id = start_count(db, owner, place.warehouse_id)
    view, entry = open_entry(qtbot, show, db, owner, count_id)

    scan(qtbot, entry, gtin(1), "5")
    assert QApplication.focusWidget() is entry.code  # ready for the next scan
    scan(qtbot, entry, gtin(2))  # a case of 12
    assert "Skol lata 350ml" in entry.product.text()
    assert "Caixa 12" in entry.unit.text()
    qtbot.keyClicks(entry.quantity, "2")
    qtbot.keyClick(entry.quantity, Qt.Key.Key_Return)
    assert counted(db, count_id, stock["skol"]) == Decimal(29)

    scan(qtbot, entry, "7890000099999")  # not a product: the error shows, the code stays selected
    assert entry.error.text() == "No product has the code “7890000099999”."
    assert QApplication.focusWidget() is entry.code
    assert entry.code.selectedText() == "7890000099999"
    scan(qtbot, entry, gtin(3), "8")  # the next scan types over it
    assert counted(db, count_id, stock["water"]) == Decimal(8)
    assert entry.code.text() == ""
    assert [entry.recent.item(row).text() for row in range(entry.recent.count())] == [
        "AGUA500 Água mineral 500ml: +8 un → 8 (CD1/A-01)",
        "SKOL350 Skol lata 350ml: +24 un → 29 (CD1)",
        "SKOL350 Skol lata 350ml: +5 un → 5 (CD1)",
    ]

    qtbot.keyClick(entry.code, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # undo the water
    assert counted(db, count_id, stock["water"]) is None
    assert entry.recent.count() == 2
    scan(qtbot, entry, "AGUA500", "9")
    entry.lines.show_view("discrepancies")
    assert entry.lines.model.total() == 2

    click(qtbot, entry.post_button)
    dialog = view.dialog
    assert isinstance(dialog, PostCountDialog)
    assert dialog.model.total() == 2
    assert not dialog.zero.isVisible()
    click(qtbot, dialog.ok_button)
    assert shown.infos == ["Count 1 is posted: 2 adjustments, net -R$3.50."]
    assert on_hand(db, stock["skol"], place.location_id) == Decimal(29)
    assert on_hand(db, stock["water"], place.bins["A-01"]) == Decimal(9)
    assert stock_problems(db) == []
    assert not entry.code.isEnabled()  # a posted count is frozen
    assert "Posted" in entry.title.text()


def test_a_lot_tracked_product_asks_for_its_lot_and_a_new_lots_expiry(
    qtbot: QtBot, show: Show, db: Database, owner: Actor, place: Place
) -> None:
    juice = make_product(
        db, owner, "SUCO1L", "Suco uva 1L", gtin=gtin(7), lot_tracked=True, shelf_life_days=180
    )
    stock_in(db, owner, juice, place.location_id, 12, lot="L0405", expiry=date(2030, 5, 4))
    count_id = start_count(db, owner, place.warehouse_id)
    _view, entry = open_entry(qtbot, show, db, owner, count_id)

    scan(qtbot, entry, gtin(7))
    assert QApplication.focusWidget() is entry.lot
    assert entry.lot.text() == "L0405"  # its only lot in the count
    qtbot.keyClick(entry.lot, Qt.Key.Key_Return)
    qtbot.keyClicks(entry.quantity, "10")
    qtbot.keyClick(entry.quantity, Qt.Key.Key_Return)

    scan(qtbot, entry, gtin(7))
    entry.lot.clear()
    qtbot.keyClicks(entry.lot, "l0612")
    qtbot.keyClick(entry.lot, Qt.Key.Key_Return)
    assert QApplication.focusWidget() is entry.expiry  # a new lot: its expiry first
    qtbot.keyClicks(entry.expiry, "12/06/2030")
    qtbot.keyClick(entry.expiry, Qt.Key.Key_Return)
    qtbot.keyClicks(entry.quantity, "6")
    qtbot.keyClick(entry.quantity, Qt.Key.Key_Return)
    assert entry.error.text() == ""
    assert counted(db, count_id, juice) == Decimal(16)


def test_a_product_with_several_lots_in_the_place_offers_them_to_pick(
    qtbot: QtBot, show: Show, db: Database, owner: Actor, place: Place
) -> None:
    juice = make_product(
        db, owner, "SUCO1L", "Suco uva 1L", gtin=gtin(7), lot_tracked=True, shelf_life_days=180
    )
    stock_in(db, owner, juice, place.location_id, 12, lot="L0612", expiry=date(2030, 6, 12))
    stock_in(db, owner, juice, place.location_id, 5, lot="L0405", expiry=date(2030, 5, 4))
    stock_in(db, owner, juice, place.bins["A-01"], 3, lot="L0901", expiry=date(2030, 9, 1))
    count_id = start_count(db, owner, place.warehouse_id)
    _view, entry = open_entry(qtbot, show, db, owner, count_id)
    entry.location.setCurrentIndex(entry.location.findData(place.location_id))
    entry.code.setFocus()

    scan(qtbot, entry, gtin(7))
    completer = entry.lot.completer()
    popup = completer.popup()
    qtbot.waitUntil(popup.isVisible)
    offered = [popup.model().index(row, 0).data() for row in range(popup.model().rowCount())]
    assert offered == [
        "L0405 · expires 5/4/30 · CD1 · expected 5 un",
        "L0612 · expires 6/12/30 · CD1 · expected 12 un",
    ]  # only the lots of the place counted, first to expire first
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert entry.lot.text() == "L0612"
    assert QApplication.focusWidget() is entry.quantity
    qtbot.keyClicks(entry.quantity, "11")
    qtbot.keyClick(entry.quantity, Qt.Key.Key_Return)
    assert entry.error.text() == ""
    assert counted(db, count_id, juice) == Decimal(11)
    assert "L0612" in entry.recent.item(0).text()


def test_the_entry_screen_has_the_lists_keys_and_says_how_far_the_count_is(
    qtbot: QtBot,
    show: Show,
    db: Database,
    owner: Actor,
    place: Place,
    stock: dict[str, int],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    count_id = start_count(db, owner, place.warehouse_id)
    view, entry = open_entry(qtbot, show, db, owner, count_id)
    assert entry.progress.text() == "0 of 2 lines counted"
    scan(qtbot, entry, gtin(1), "30")
    assert entry.progress.text() == "1 of 2 lines counted"
    assert "Ctrl+Shift+P" in entry.post_button.toolTip()

    qtbot.keyClick(entry.code, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: isinstance(view.dialog, SheetOptionsDialog))  # a button pressed by its key
    assert view.dialog is not None
    view.dialog.reject()
    view.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is view)
    asked: list[bool] = []
    monkeypatch.setattr(view, "choose_import_path", lambda: asked.append(True))
    qtbot.keyClick(entry.code, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: asked == [True])
    qtbot.keyClick(
        entry.code, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    qtbot.waitUntil(lambda: isinstance(view.dialog, PostCountDialog))


def test_starting_filtering_and_cancelling_counts(
    qtbot: QtBot, show: Show, db: Database, owner: Actor, place: Place, stock: dict[str, int]
) -> None:
    view = CountsView(db, owner)
    show(view)
    assert view.list.model.total() == 0
    assert "Start one with Start count" in view.list.empty_label.text()
    click(qtbot, view.start_button)
    dialog = view.dialog
    assert isinstance(dialog, StartCountDialog)
    qtbot.keyClicks(dialog.note, "fim de mes")  # QtTest types ASCII only
    click(qtbot, dialog.ok_button)
    assert view.list.model.total() == 1
    assert view.list.selected_id() is not None
    assert view.post_button.isEnabled() and view.cancel_button.isEnabled()

    click(qtbot, view.start_button)  # a second one is refused, inline
    second = view.dialog
    assert isinstance(second, StartCountDialog)
    click(qtbot, second.ok_button)
    assert "is still open" in second.form.error("warehouse")
    second.reject()

    click_row(qtbot, view.list.table, 0)
    click(qtbot, view.cancel_button)
    cancel = view.dialog
    assert isinstance(cancel, CancelCountDialog)
    assert not cancel.ok_button.isEnabled()
    qtbot.keyClicks(cancel.reason, "wrong aisle")
    click(qtbot, cancel.ok_button)
    assert not view.post_button.isEnabled()
    view.status_filter.setCurrentIndex(view.status_filter.findData("open"))
    assert view.list.model.total() == 0
    view.status_filter.setCurrentIndex(view.status_filter.findData("cancelled"))
    assert view.list.model.total() == 1


def test_importing_counted_quantities_lists_every_bad_row(
    qtbot: QtBot,
    show: Show,
    db: Database,
    owner: Actor,
    place: Place,
    stock: dict[str, int],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    count_id = start_count(db, owner, place.warehouse_id)
    file = tmp_path / "contagem.csv"
    file.write_text(f"Código;Quantidade\n{gtin(2)};2\nNOPE;1\nAGUA500;x\n", encoding="utf-8")
    view = CountsView(db, owner)
    show(view)
    view.list.select_id(count_id)
    monkeypatch.setattr(view, "choose_import_path", lambda: file)
    click(qtbot, view.import_button)
    dialog = view.dialog
    assert isinstance(dialog, ImportCountDialog)
    assert dialog.columns["code"].currentData() == 0
    assert dialog.columns["quantity"].currentData() == 1

    click(qtbot, dialog.check_button)
    qtbot.waitUntil(lambda: dialog.task is not None and dialog.task.done)
    assert dialog.report.toPlainText().splitlines() == [
        "Line 3: Product code: No product has the code “NOPE”.",
        "Line 4: Counted quantity: “x” is not a number.",
    ]
    assert counted(db, count_id, stock["skol"]) is None

    dialog.good_rows.setChecked(True)
    with qtbot.waitSignal(dialog.imported):
        click(qtbot, dialog.import_button)
    assert counted(db, count_id, stock["skol"]) == Decimal(24)
    assert view.list.model.row(0) is not None
    assert view.list.value(view.list.model.row(0), "counted") == 1  # type: ignore[arg-type]


def test_printing_the_count_sheet(
    qtbot: QtBot,
    show: Show,
    db: Database,
    owner: Actor,
    place: Place,
    stock: dict[str, int],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    count_id = start_count(db, owner, place.warehouse_id)
    view = CountsView(db, owner)
    show(view)
    view.list.select_id(count_id)
    previewed: list[Path] = []
    monkeypatch.setattr(view, "show_sheet", previewed.append)
    click(qtbot, view.print_button)
    dialog = view.dialog
    assert isinstance(dialog, SheetOptionsDialog)
    click(qtbot, dialog.ok_button)
    qtbot.waitUntil(lambda: bool(previewed), timeout=20_000)
    assert previewed[0].read_bytes().startswith(b"%PDF")
    assert count_info(db, owner, count_id).status == "open"


def test_the_lines_model_is_a_proper_qt_model(
    qtbot: QtBot,
    qtmodeltester: object,
    show: Show,
    db: Database,
    owner: Actor,
    place: Place,
    stock: dict[str, int],
) -> None:
    count_id = start_count(db, owner, place.warehouse_id)
    _view, entry = open_entry(qtbot, show, db, owner, count_id)
    qtmodeltester.check(entry.lines.model)  # type: ignore[attr-defined]


def test_a_role_that_may_not_count_sees_the_counts_only(
    qtbot: QtBot,
    show: Show,
    db: Database,
    owner: Actor,
    make_user: Callable[..., Actor],
    place: Place,
    stock: dict[str, int],
) -> None:
    count_id = start_count(db, owner, place.warehouse_id)
    view = CountsView(db, make_user("sales"))
    show(view)
    assert not view.start_button.isVisible()
    assert not view.post_button.isVisible()
    view.list.select_id(count_id)
    entry = view.open_count(count_id)
    assert not entry.code.isEnabled()
