"""What the banking screens share: a read-only table of rows, a row's cells filled and aligned, an
action run with its refusal shown, and the bank account picker."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from bodesk.domain.access.actor import Actor
from bodesk.domain.banking.queries import bank_accounts
from bodesk.domain.common.figures import money_text
from bodesk.i18n import _, format_date, format_decimal
from bodesk.store.engine import Database
from bodesk.ui.widgets.calls import run_service
from bodesk.ui.widgets.icons import register_icons

register_icons(
    {
        "transfer": "ph.arrows-left-right",
        "match": "ph.link",
        "auto_match": "ph.magic-wand",
        "ignore": "ph.eye-slash",
    }
)
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
ROW_ID = Qt.ItemDataRole.UserRole


def table(
    parent: QWidget, columns: Sequence[str], money: Sequence[int] = (), stretch: int = -1
) -> QTableWidget:
    """A read-only table choosing whole rows; `columns` are N_ titles; `money` columns align right."""
    found = QTableWidget(0, len(columns), parent)
    found.setHorizontalHeaderLabels([_(title) for title in columns])
    found.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    found.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    found.setAlternatingRowColors(True)
    found.setTabKeyNavigation(False)
    found.verticalHeader().hide()
    found.verticalHeader().setDefaultSectionSize(found.fontMetrics().height() + 8)
    header = found.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    if stretch >= 0:
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    elif stretch == -1:
        header.setStretchLastSection(True)  # -2: no column stretches
    for column in money:
        heading = found.horizontalHeaderItem(column)
        if heading is not None:
            heading.setTextAlignment(RIGHT)
    found.setProperty("money_columns", list(money))
    return found


def percent(share: float) -> str:
    """A share as the person reads it: 92.5%."""
    return format_decimal(Decimal(str(round(share * 100, 1))), 1) + "%"


def cell_text(value: Any) -> str:
    if isinstance(value, Decimal):
        return money_text(value)
    if isinstance(value, date):
        return format_date(value)
    return "" if value is None else str(value)


def fill(found: QTableWidget, rows: Sequence[tuple[int, Sequence[Any]]]) -> None:
    """Each (id, cells) as a row, the id kept on its first cell; the selection kept by id."""
    chosen = selected_ids(found)
    money = set(found.property("money_columns") or [])
    found.setUpdatesEnabled(False)
    found.clearSelection()
    found.setRowCount(len(rows))
    for row, (row_id, cells) in enumerate(rows):
        for column, value in enumerate(cells):
            item = QTableWidgetItem(cell_text(value))
            if column in money or (isinstance(value, Decimal | int) and not isinstance(value, bool)):
                item.setTextAlignment(RIGHT)
            if column == 0:
                item.setData(ROW_ID, row_id)
            found.setItem(row, column, item)
    found.setUpdatesEnabled(True)
    for row in range(found.rowCount()):
        first = found.item(row, 0)
        if first is not None and first.data(ROW_ID) in chosen:
            found.selectRow(row)


def selected_ids(found: QTableWidget) -> list[int]:
    rows = (
        sorted({index.row() for index in found.selectionModel().selectedRows()})
        if found.selectionModel()
        else []
    )
    ids = []
    for row in rows:
        item = found.item(row, 0)
        if item is not None:
            ids.append(int(item.data(ROW_ID)))
    return ids


def current_id(found: QTableWidget) -> int | None:
    item = found.item(found.currentRow(), 0) if found.currentRow() >= 0 else None
    return None if item is None else int(item.data(ROW_ID))


def act(parent: QWidget, work: Callable[[], object], title: str = "") -> bool:
    """Run a service; its refusal shown in a box. True when it was done."""
    return run_service(parent, lambda _confirmed: work(), title=title).ok


def account_picker(db: Database, actor: Actor, parent: QWidget, banks_only: bool = False) -> QComboBox:
    """The active bank accounts (and cash boxes, unless `banks_only`), the bank ones first."""
    picker = QComboBox(parent)
    for row in bank_accounts(db, actor, active_only=True):
        if banks_only and row.kind != "bank":
            continue
        picker.addItem(row.name + (f" — {row.number}" if row.number else ""), row.id)
    return picker


class _Enter(QObject):
    def __init__(self, watched: QWidget, slot: Callable[[], object]) -> None:
        super().__init__(watched)
        self.slot = slot

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and (
                event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
                and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
            )
        ):
            self.slot()
            return True
        return False


def on_enter(widget: QWidget, slot: Callable[[], object]) -> None:
    """Enter (or Return) on `widget` runs `slot` instead of what the widget would do."""
    widget.installEventFilter(_Enter(widget, slot))
