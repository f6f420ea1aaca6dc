"""The price tables: the tables, and under them the selected table's prices per product and packaging,
its quantity breaks and its promotions (with those of every table), each with its Add… button for
who may change prices."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QDialog, QTabWidget, QWidget

from bodesk.domain.access.actor import Actor
from bodesk.domain.access.permissions import is_allowed
from bodesk.domain.common.listing import ListQuery
from bodesk.domain.sales.permissions import PRICES_EDIT
from bodesk.domain.sales.price_queries import (
    PriceBreaksQuery,
    PriceItemsQuery,
    PriceTablesQuery,
    PromotionsQuery,
)
from bodesk.i18n import _
from bodesk.store.engine import Database
from bodesk.ui.sales.price_dialogs import BreakDialog, PriceDialog, PromotionDialog, TableDialog
from bodesk.ui.widgets.dialogs import open_dialog
from bodesk.ui.widgets.list_parts import quiet_find_shortcut
from bodesk.ui.widgets.list_view import ListView

DialogMaker = Callable[[Database, Actor, int, str, QWidget], QDialog]


class TablePanel(ListView):
    """One table's prices, breaks or promotions, with the button that adds one."""

    def __init__(
        self,
        db: Database,
        actor: Actor,
        query: ListQuery,
        name: str,
        add_text: str,
        make: DialogMaker,
        empty: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(db, actor, query, name, parent)
        self.dialog: QDialog | None = None
        self.make = make
        self.table_id: int | None = None
        self.table_name = ""
        self.add_one = self.add_button(add_text, "add", self.add)
        self.add_one.setVisible(is_allowed(actor.role, PRICES_EDIT))
        self.finish_toolbar()
        quiet_find_shortcut(self)
        self.set_empty_texts(_("Choose a table above."), empty)

    def show_table(self, table_id: int | None, name: str) -> None:
        self.table_id, self.table_name = table_id, name
        self.model.set_filter("table", table_id)
        self.add_one.setEnabled(table_id is not None)

    def add(self) -> None:
        if self.table_id is not None:
            open_dialog(self, self.make(self.db, self.actor, self.table_id, self.table_name, self))


class PriceTablesView(ListView):
    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(db, actor, PriceTablesQuery(), "price-tables", parent)
        self.dialog: QDialog | None = None
        self.new_button = self.add_button(_("Add table…"), "add", self.add_table, "Ctrl+N")
        self.new_button.setVisible(is_allowed(actor.role, PRICES_EDIT))
        self.finish_toolbar()
        self.set_empty_texts(
            _("There are no price tables yet. Add one with Add table… (Ctrl+N), then its prices."),
            _("No table matches the search."),
        )
        self.prices = TablePanel(
            db, actor, PriceItemsQuery(), "price-items", _("Set price…"), PriceDialog,
            _("This table has no prices yet: add them with Set price…."),
        )  # fmt: skip
        self.breaks = TablePanel(
            db, actor, PriceBreaksQuery(), "price-breaks", _("Add break…"), BreakDialog,
            _("No quantity break applies in this table."),
        )  # fmt: skip
        self.promotions = TablePanel(
            db, actor, PromotionsQuery(), "promotions", _("Add promotion…"), PromotionDialog,
            _("No promotion applies in this table."),
        )  # fmt: skip
        self.panels = QTabWidget(self)
        self.panels.addTab(self.prices, _("Prices"))
        self.panels.addTab(self.breaks, _("Quantity breaks"))
        self.panels.addTab(self.promotions, _("Promotions"))
        self.set_detail(self.panels)
        self.selection_changed.connect(self._selected)
        self._selected()

    def _selected(self) -> None:
        row = self.selected_row()
        name = str(self.value(row, "name")) if row is not None else ""
        for panel in (self.prices, self.breaks, self.promotions):
            panel.show_table(row.id if row is not None else None, name)

    def refresh(self) -> None:
        super().refresh()
        self._selected()

    def add_table(self) -> None:
        dialog = TableDialog(self.db, self.actor, self)

        def select_new() -> None:
            self.select_id(dialog.table_id)

        open_dialog(self, dialog, select_new)
