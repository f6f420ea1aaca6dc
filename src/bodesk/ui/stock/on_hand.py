"""Stock on hand: what is where, by product, location and lot, with transfers, adjustments and
breakage from the selected row, and the availability and valuation reports."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtWidgets import QCheckBox, QComboBox, QDialog, QWidget

from bodesk.domain.access.actor import Actor
from bodesk.domain.access.permissions import is_allowed
from bodesk.domain.stock.lookups import categories, locations, warehouses
from bodesk.domain.stock.models import StockOperationKind
from bodesk.domain.stock.permissions import STOCK_COSTS, STOCK_MOVE
from bodesk.domain.stock.queries import StockOnHandQuery
from bodesk.i18n import _
from bodesk.store.engine import Database
from bodesk.ui.stock.common import ProductFilter, fill_locations, hide_columns
from bodesk.ui.stock.move_dialogs import AdjustDialog, TransferDialog
from bodesk.ui.stock.reports import availability_report, valuation_report
from bodesk.ui.widgets.dialogs import open_dialog
from bodesk.ui.widgets.forms import choice_combo
from bodesk.ui.widgets.list_view import ListView
from bodesk.ui.widgets.tasks import TaskHandle


class OnHandView(ListView):
    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(db, actor, StockOnHandQuery(), "stock_on_hand", parent)
        self.dialog: QDialog | None = None
        self.report_task: TaskHandle[Path] | None = None
        may_move = is_allowed(actor.role, STOCK_MOVE)
        self.transfer_button = self.add_button(_("Transfer…"), "forward", self.transfer, "Ctrl+T")
        self.adjust_button = self.add_button(_("Adjust…"), "edit", self.adjust, "Ctrl+J")
        self.breakage_button = self.add_button(_("Breakage…"), "delete", self.breakage, "Ctrl+Shift+B")
        self.issue_button = self.add_button(_("Issue goods…"), "forward", self.issue, "Ctrl+Shift+I")
        self.issue_button.setToolTip(
            _("Goods that leave without a sales order: a sample, free goods, the company's own use.")
        )
        self.move_buttons = (
            self.transfer_button,
            self.adjust_button,
            self.breakage_button,
            self.issue_button,
        )
        for button in self.move_buttons:
            button.setVisible(may_move)
        self.finish_toolbar()
        self.availability_button = self.add_button(_("Availability report"), "report", self.show_availability)
        self.valuation_button = self.add_button(_("Valuation report"), "report", self.show_valuation)
        self.valuation_button.setVisible(is_allowed(actor.role, STOCK_COSTS))
        self._build_filters()
        hide_columns(self.table, list(self.model.columns), StockOnHandQuery.hidden)
        self.set_empty_texts(
            _(
                "No stock on hand yet. Stock comes in with a purchase receipt (Purchasing tab) or a posted "
                "count (Counts)."
            ),
            _("Nothing on hand matches the search or the filters. Clear them to see all the stock."),
        )
        self.activated.connect(lambda _row_id: self.transfer() if may_move else None)
        self.selection_changed.connect(self.update_buttons)
        self.update_buttons()

    def _build_filters(self) -> None:
        self.product_filter = ProductFilter(self)
        self.product_filter.cleared.connect(lambda: self.model.set_filter("product_id", None))
        self.add_filter_widget(self.product_filter, first=True)
        self.warehouse_filter = choice_combo(self, warehouses(self.db, self.actor), (_("All warehouses"), 0))
        self.warehouse_filter.currentIndexChanged.connect(self._warehouse_changed)
        self.add_filter(_("Warehouse"), self.warehouse_filter)
        self.location_filter = QComboBox(self)
        self.location_filter.setMinimumContentsLength(12)
        self.location_filter.currentIndexChanged.connect(
            lambda _index: self.model.set_filter("location_id", self.location_filter.currentData() or None)
        )
        self.add_filter(_("Location"), self.location_filter)
        self.category_filter = QComboBox(self)
        self.category_filter.addItem(_("All"), 0)
        for choice in categories(self.db, self.actor):
            self.category_filter.addItem(choice.name, choice.id)
        self.category_filter.currentIndexChanged.connect(
            lambda _index: self.model.set_filter("category_id", self.category_filter.currentData() or None)
        )
        self.add_filter(_("Category"), self.category_filter)
        self.show_empty = QCheckBox(_("Empty places too"), self)
        self.show_empty.toggled.connect(lambda on: self.model.set_filter("show_empty", True if on else None))
        self.add_filter_widget(self.show_empty)
        self._fill_locations()

    def _fill_locations(self) -> None:
        warehouse = self.warehouse_filter.currentData() or None
        fill_locations(
            self.location_filter,
            locations(self.db, self.actor, warehouse, include_closed=True),
            _("All locations"),
        )

    def _warehouse_changed(self) -> None:
        """A warehouse narrows the locations offered; the location filter starts again from all."""
        self._fill_locations()
        filters = {
            k: v for k, v in self.model.request.filters.items() if k not in ("warehouse_id", "location_id")
        }
        if self.warehouse_id():
            filters["warehouse_id"] = self.warehouse_id()
        self.model.set_request(replace(self.model.request, filters=filters))

    def warehouse_id(self) -> int | None:
        return self.warehouse_filter.currentData() or None

    def show_product(self, product_id: int, label: str) -> None:
        """Show only `product_id` (another view asks: "where is this product?")."""
        self.product_filter.set_product(product_id, label)
        self.model.set_filter("product_id", product_id)

    def update_buttons(self) -> None:
        row = self.selected_row()
        for button in self.move_buttons:
            button.setEnabled(row is not None)

    def refresh(self) -> None:
        super().refresh()
        self.update_buttons()

    def _selected(self) -> tuple[int, int, int | None] | None:
        row = self.selected_row()
        if row is None:
            return None
        lot = self.value(row, "lot_id")
        return (
            int(self.value(row, "product_id")),
            int(self.value(row, "location_id")),
            int(lot) if lot else None,
        )

    def transfer(self) -> None:
        selected = self._selected()
        if selected is not None and self.transfer_button.isVisible():
            open_dialog(self, TransferDialog(self.db, self.actor, *selected, parent=self))

    def adjust(self) -> None:
        self._operate(StockOperationKind.ADJUSTMENT, self.adjust_button)

    def breakage(self) -> None:
        self._operate(StockOperationKind.BREAKAGE, self.breakage_button)

    def issue(self) -> None:
        self._operate(StockOperationKind.ISSUE, self.issue_button)

    def _operate(self, kind: StockOperationKind, button: QWidget) -> None:
        selected = self._selected()
        if selected is not None and button.isVisible():
            open_dialog(self, AdjustDialog(self.db, self.actor, *selected, kind=kind, parent=self))

    def show_availability(self) -> None:
        self.report_task = availability_report(self, self.db, self.actor, self.warehouse_id())

    def show_valuation(self) -> None:
        self.report_task = valuation_report(self, self.db, self.actor, self.warehouse_id())
