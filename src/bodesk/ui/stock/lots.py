"""Lots and expiry: the lots holding stock, first to expire first, what expires within N days (and
what already has), and the expiry report."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtWidgets import QComboBox, QSpinBox, QWidget

from bodesk.domain.access.actor import Actor
from bodesk.domain.access.permissions import is_allowed
from bodesk.domain.stock.lookups import warehouses
from bodesk.domain.stock.permissions import STOCK_COSTS
from bodesk.domain.stock.queries import LotsQuery
from bodesk.i18n import N_, NP_, _
from bodesk.store.engine import Database
from bodesk.ui.stock.common import days_left_text, hide_columns
from bodesk.ui.stock.reports import expiry_report
from bodesk.ui.widgets.forms import choice_combo, count_words
from bodesk.ui.widgets.list_view import ListView
from bodesk.ui.widgets.tasks import TaskHandle

DEFAULT_DAYS = 30
SHOW = (
    ("held", N_("All lots in stock")),
    ("within", N_("Expiring within")),
    ("expired", N_("Expired")),
    ("all", N_("All lots, also used up")),
)


class LotsView(ListView):
    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(db, actor, LotsQuery(), "stock_lots", parent)
        self.report_task: TaskHandle[Path] | None = None
        self.report_button = self.add_button(_("Expiry report"), "report", self.show_report, "Ctrl+P")
        self.report_button.setToolTip(_("What expires within the days chosen, and its value, as a PDF"))
        self.report_button.setVisible(is_allowed(actor.role, STOCK_COSTS))
        self.finish_toolbar()
        self.show_filter = QComboBox(self)
        for key, label in SHOW:
            self.show_filter.addItem(_(label), key)
        self.add_filter(_("Show"), self.show_filter)
        self.days = QSpinBox(self)
        self.days.setRange(0, 3650)
        self.days.setValue(DEFAULT_DAYS)
        count_words(self.days, NP_("{n} day", "{n} days"))
        self.add_filter_widget(self.days)
        self.warehouse_filter = choice_combo(self, warehouses(db, actor), (_("All warehouses"), 0))
        self.add_filter(_("Warehouse"), self.warehouse_filter)
        self.show_filter.currentIndexChanged.connect(self._apply)
        self.days.valueChanged.connect(self._apply)
        self.warehouse_filter.currentIndexChanged.connect(self._apply)
        hide_columns(self.table, list(self.model.columns), ("product_id",))
        self.model.set_formatter("days_left", days_left_text)
        self.set_empty_texts(
            _("No lots yet. Lots come in with receipts of products kept by lot."),
            _(
                "No lot matches. Choose more days or show all lots in stock; lots come in with receipts of "
                "products kept by lot."
            ),
        )
        self._apply()

    def _apply(self) -> None:
        shown = self.show_filter.currentData()
        self.days.setEnabled(shown == "within")
        filters: dict[str, object] = {}
        if shown == "within":
            filters["within_days"] = self.days.value()
        elif shown == "expired":
            filters["expired"] = True
        elif shown == "all":
            filters["show_empty"] = True
        if self.warehouse_filter.currentData():
            filters["warehouse_id"] = self.warehouse_filter.currentData()
        self.model.set_request(replace(self.model.request, filters=filters))

    def show_report(self) -> None:
        days = self.days.value() if self.show_filter.currentData() == "within" else DEFAULT_DAYS
        self.report_task = expiry_report(
            self, self.db, self.actor, days, self.warehouse_filter.currentData() or None
        )
