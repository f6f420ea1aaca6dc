"""Stock for sales: what the sales team may promise, per product: on hand, reserved by orders, free,
on order from suppliers and when it arrives; filters for the products with nothing free and for
those coming."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QWidget

from bodesk.domain.access.actor import Actor
from bodesk.domain.sales.queries import StockForSalesQuery
from bodesk.i18n import _
from bodesk.store.engine import Database
from bodesk.ui.widgets.list_view import ListView


class StockForSalesView(ListView):
    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(db, actor, StockForSalesQuery(), "sales-stock", parent)
        self.finish_toolbar()
        self.short = QCheckBox(_("Nothing free"), self)
        self.short.toggled.connect(lambda on: self.model.set_filter("short", True if on else None))
        self.add_filter_widget(self.short)
        self.coming = QCheckBox(_("On order"), self)
        self.coming.toggled.connect(lambda on: self.model.set_filter("coming", True if on else None))
        self.add_filter_widget(self.coming)
        self.set_empty_texts(
            _("There are no active products yet: the catalogue is in the Stock tab."),
            _("No product matches the search or the filters."),
        )
