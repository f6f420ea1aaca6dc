"""Reorder suggestions: what is below its minimum (counting what is on order), with the supplier and
packages to buy; tick the rows to keep and make one draft order per supplier.

Coming back to the view shows the suggestions it has unless something was recorded since they were
computed (`suggestions_mark`); F5 computes them again in any case. Either way the rows the person
unticked stay unticked."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from bodesk.domain.access.actor import Actor
from bodesk.domain.access.permissions import is_allowed
from bodesk.domain.common.figures import money_text, price_text, quantity_text
from bodesk.domain.purchasing.permissions import PURCHASE_ORDER
from bodesk.domain.purchasing.reorder import (
    ReorderRow,
    ReorderSelection,
    create_orders_from_suggestions,
    reorder_suggestions,
    suggestions_mark,
)
from bodesk.domain.stock.lookups import warehouses
from bodesk.i18n import N_, _, ngettext
from bodesk.store.engine import Database
from bodesk.ui.widgets import messages
from bodesk.ui.widgets.calls import run_service
from bodesk.ui.widgets.column_fit import ColumnFitter
from bodesk.ui.widgets.flow_layout import FlowLayout
from bodesk.ui.widgets.forms import choice_combo
from bodesk.ui.widgets.icons import icon

Index = QModelIndex | QPersistentModelIndex
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
PRODUCT_COLUMN = 2
COLUMNS = (
    ("", False),
    (N_("SKU"), False),
    (N_("Product"), False),
    (N_("On hand"), True),
    (N_("On order"), True),
    (N_("Minimum"), True),
    (N_("Maximum"), True),
    (N_("Supplier"), False),
    (N_("Packaging"), False),
    (N_("Packages"), True),
    (N_("Price per package"), True),
    (N_("Value"), True),
)


def _cell(row: ReorderRow, column: int) -> str:
    unit = row.base_unit
    values: tuple[Any, ...] = (
        "",
        row.sku,
        row.product,
        f"{quantity_text(row.on_hand)} {unit}",
        f"{quantity_text(row.on_order)} {unit}",
        f"{quantity_text(row.min_stock)} {unit}",
        f"{quantity_text(row.max_stock)} {unit}" if row.max_stock else "",
        row.supplier or _("No supplier sells it: add a price in Suppliers"),
        row.packaging or unit,
        quantity_text(row.packages),
        price_text(row.package_price) if row.package_price is not None else "",
        money_text(row.value) if row.value is not None else "",
    )
    return str(values[column])


class ReorderModel(QAbstractTableModel):
    """The suggestions, each with a tick; rows without a supplier cannot be ticked."""

    ticks_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[ReorderRow] = []
        self.ticked: set[int] = set()

    def set_rows(self, rows: list[ReorderRow]) -> None:
        """Show `rows`, ticked, but for the suggestions (product and supplier) the person unticked."""
        unticked = {
            (row.product_id, row.supplier_id)
            for index, row in enumerate(self.rows)
            if index not in self.ticked
        }
        self.beginResetModel()
        self.rows = rows
        self.ticked = {
            index
            for index, row in enumerate(rows)
            if row.supplier_id is not None and (row.product_id, row.supplier_id) not in unticked
        }
        self.endResetModel()
        self.ticks_changed.emit()

    def tick_all(self, ticked: bool) -> None:
        self.ticked = (
            {i for i, row in enumerate(self.rows) if row.supplier_id is not None} if ticked else set()
        )
        if self.rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.rows) - 1, 0))
        self.ticks_changed.emit()

    def selections(self) -> list[ReorderSelection]:
        return [
            ReorderSelection(row.product_id, row.supplier_id, row.packaging_id, row.packages)
            for index, row in enumerate(self.rows)
            if index in self.ticked and row.supplier_id is not None
        ]

    def ticked_value(self) -> Decimal:
        return sum((self.rows[i].value or Decimal(0) for i in self.ticked), Decimal(0))

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row, column = self.rows[index.row()], index.column()
        if role == Qt.ItemDataRole.CheckStateRole and column == 0:
            ticked = index.row() in self.ticked
            return Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.DisplayRole:
            return _cell(row, column)
        if role == Qt.ItemDataRole.ToolTipRole and column in (2, 7):
            return _cell(row, column)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if COLUMNS[column][1] else _LEFT
        if role == Qt.ItemDataRole.ForegroundRole and row.supplier_id is None and column == 7:
            return QPalette().color(QPalette.ColorRole.PlaceholderText)
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.CheckStateRole or index.column() != 0 or not index.isValid():
            return False
        if self.rows[index.row()].supplier_id is None:
            return False
        if Qt.CheckState(value) == Qt.CheckState.Checked:
            self.ticked.add(index.row())
        else:
            self.ticked.discard(index.row())
        self.dataChanged.emit(index, index, [role])
        self.ticks_changed.emit()
        return True

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
        if index.column() == 0 and self.rows[index.row()].supplier_id is not None:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(COLUMNS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return _(COLUMNS[section][0]) if COLUMNS[section][0] else ""
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if COLUMNS[section][1] else _LEFT
        return None


class ReorderView(QWidget):
    navigate_requested = Signal(str, str)

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.actor = db, actor
        places = warehouses(db, actor)
        self.scope = choice_combo(self, places, (_("All warehouses"), 0))
        self.deliver_to = choice_combo(self, places)
        self._computed: tuple[int, int | None] | None = None  # (suggestions_mark, scope) shown
        self.refresh_button = QPushButton(icon("refresh"), _("Refresh"), self)
        self.refresh_button.setShortcut("F5")
        self.tick_button = QPushButton(_("Tick all"), self)
        self.untick_button = QPushButton(_("Untick all"), self)
        self.create_button = QPushButton(icon("add"), _("Create draft orders"), self)
        self.create_button.setShortcut("Ctrl+Return")
        self.create_button.setVisible(is_allowed(actor.role, PURCHASE_ORDER))
        top = FlowLayout()
        for label, widget in ((_("Stock of"), self.scope), (_("Deliver to"), self.deliver_to)):
            holder = QWidget(self)
            pair = QHBoxLayout(holder)
            pair.setContentsMargins(0, 0, 12, 0)
            caption = QLabel(label + ":", holder)
            caption.setBuddy(widget)
            pair.addWidget(caption)
            pair.addWidget(widget)
            top.addWidget(holder)
        for button in (self.refresh_button, self.tick_button, self.untick_button):
            top.addWidget(button)
        top.split()
        top.addWidget(self.create_button)
        self.model = ReorderModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.columns = ColumnFitter(self.table)
        self.empty_label = QLabel(self)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.empty_label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty_label)
        self.summary = QLabel(self)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.summary)
        self.refresh_button.clicked.connect(self.recompute)
        self.scope.currentIndexChanged.connect(self._scope_changed)
        self.tick_button.clicked.connect(lambda: self.model.tick_all(True))
        self.untick_button.clicked.connect(lambda: self.model.tick_all(False))
        self.create_button.clicked.connect(self.create_orders)
        self.model.ticks_changed.connect(self._update_summary)
        self.columns.stretch = PRODUCT_COLUMN
        self.refresh()

    def _scope_changed(self) -> None:
        warehouse = self.scope.currentData()
        if warehouse:
            self.deliver_to.setCurrentIndex(max(self.deliver_to.findData(warehouse), 0))
        self.refresh()

    def refresh(self) -> None:
        """Show the suggestions again, computing them only if something changed since (or the scope)."""
        scope = self.scope.currentData() or None
        mark = run_service(self, lambda _confirmed: suggestions_mark(self.db, self.actor))
        if not mark.ok or self._computed != (mark.value, scope):
            self.recompute()

    def recompute(self) -> None:
        """Compute the suggestions now (F5, Refresh)."""
        scope = self.scope.currentData() or None
        mark = run_service(self, lambda _confirmed: suggestions_mark(self.db, self.actor))
        found = run_service(self, lambda _confirmed: reorder_suggestions(self.db, self.actor, scope))
        rows = found.value if found.ok else []
        self._computed = (mark.value, scope) if mark.ok and found.ok else None
        self.model.set_rows(rows)
        if self.deliver_to.count() == 0:
            self.empty_label.setText(
                _("There is no warehouse yet. Add one in Stock, then set products' minimums.")
            )
        else:
            self.empty_label.setText(
                _(
                    "Nothing to reorder: every product is at or above its minimum, counting what is on order. "
                    "Set a product's minimum and maximum stock to get suggestions."
                )
            )
        self.stack.setCurrentWidget(self.table if rows else self.empty_label)

    def _update_summary(self) -> None:
        total, ticked = len(self.model.rows), len(self.model.ticked)
        self.summary.setText(
            ngettext("{n} suggestion", "{n} suggestions", total).format(n=total)
            + " · "
            + ngettext("{n} ticked, worth {value}", "{n} ticked, worth {value}", ticked).format(
                n=ticked, value=money_text(self.model.ticked_value())
            )
        )
        self.create_button.setEnabled(ticked > 0 and self.deliver_to.count() > 0)

    def create_orders(self) -> None:
        selections = self.model.selections()
        if not selections:
            return
        made = run_service(
            self,
            lambda _confirmed: create_orders_from_suggestions(
                self.db, self.actor, selections, self.deliver_to.currentData()
            ),
        )
        if not made.ok:
            return
        ids = made.value
        messages.show_info(
            self,
            _("Reorder suggestions"),
            ngettext(
                "{n} draft order was made. Check it and send it in Purchase orders.",
                "{n} draft orders were made, one per supplier. Check them and send them in Purchase orders.",
                len(ids),
            ).format(n=len(ids)),
        )
        self.refresh()
        self.navigate_requested.emit("purchasing", "orders")
