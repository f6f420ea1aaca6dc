"""The stock moves: the ledger itself, newest first, by warehouse, document, dates and product."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLabel, QVBoxLayout, QWidget

from bodesk.domain.access.actor import Actor
from bodesk.domain.common.postings import document_kinds, document_label
from bodesk.domain.stock.lookups import warehouses
from bodesk.domain.stock.queries import MovesQuery
from bodesk.i18n import _, format_decimal
from bodesk.store.engine import Database
from bodesk.ui.stock.common import ProductFilter
from bodesk.ui.widgets.date_filter import add_date_range
from bodesk.ui.widgets.forms import choice_combo
from bodesk.ui.widgets.list_view import ListView


class MovesView(ListView):
    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(db, actor, MovesQuery(), "stock_moves", parent)
        self.search.setPlaceholderText(_("Product, SKU, barcode or document number (Ctrl+F)"))
        self.product_filter = ProductFilter(self)
        self.product_filter.cleared.connect(lambda: self.model.set_filter("product_id", None))
        self.add_filter_widget(self.product_filter, first=True)
        self.warehouse_filter = choice_combo(self, warehouses(db, actor), (_("All warehouses"), 0))
        self.warehouse_filter.currentIndexChanged.connect(
            lambda _index: self.model.set_filter("warehouse_id", self.warehouse_filter.currentData() or None)
        )
        self.add_filter(_("Warehouse"), self.warehouse_filter)
        self.document_filter = QComboBox(self)
        self.document_filter.addItem(_("All"), "")
        for kind in sorted(document_kinds(), key=document_label):
            self.document_filter.addItem(document_label(kind), kind)
        self.document_filter.currentIndexChanged.connect(
            lambda _index: self.model.set_filter("document", self.document_filter.currentData())
        )
        self.add_filter(_("Document"), self.document_filter)
        self.from_filter, self.to_filter = add_date_range(self)
        self.capped = QLabel(self)
        self.capped.setWordWrap(True)
        self.capped.hide()
        layout = self.layout()
        if isinstance(layout, QVBoxLayout):
            layout.insertWidget(2, self.capped)
        self.set_empty_texts(
            _("No stock has moved yet. Receipts, transfers, adjustments and counts appear here."),
            _("No move matches the search or the filters. Clear them to see every move."),
        )
        self.model.modelReset.connect(self._update_cap)

    def show_product(self, product_id: int, label: str) -> None:
        """Show only `product_id`'s moves (another view asks)."""
        self.product_filter.set_product(product_id, label)
        self.model.set_filter("product_id", product_id)

    def _update_cap(self) -> None:
        capped = self.model.total() >= MovesQuery.MAX_COUNT
        self.capped.setVisible(capped)
        if capped:
            self.capped.setText(
                _(
                    "Showing the first {n} moves in this order: choose dates or a warehouse to see others."
                ).format(n=format_decimal(MovesQuery.MAX_COUNT))
            )
