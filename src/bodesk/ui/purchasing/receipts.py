"""The receipts list: goods received, their value and supplier (what finance turns into bills), and
under it the selected receipt's lines with lots and unit costs."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QWidget

from bodesk.domain.access.actor import Actor
from bodesk.domain.purchasing.documents import supplier_choices
from bodesk.domain.purchasing.queries import ReceiptLinesQuery, ReceiptsQuery
from bodesk.i18n import _
from bodesk.store.engine import Database
from bodesk.ui.widgets.forms import choice_combo
from bodesk.ui.widgets.list_parts import LinesPanel
from bodesk.ui.widgets.list_view import ListView

BILLED: dict[str, bool | None] = {"all": None, "unbilled": False, "billed": True}


class ReceiptsView(ListView):
    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(db, actor, ReceiptsQuery(), "receipts", parent)
        self.finish_toolbar()
        self.billed_filter = QComboBox(self)
        for label, key in ((_("All"), "all"), (_("Not billed yet"), "unbilled"), (_("Billed"), "billed")):
            self.billed_filter.addItem(label, key)
        self.billed_filter.currentIndexChanged.connect(
            lambda _index: self.model.set_filter("billed", BILLED[self.billed_filter.currentData()])
        )
        self.add_filter(_("Bills"), self.billed_filter)
        self.supplier_filter = choice_combo(
            self, supplier_choices(db, actor, True), (_("All suppliers"), 0), codes=False
        )
        self.supplier_filter.currentIndexChanged.connect(
            lambda _index: self.model.set_filter("supplier", self.supplier_filter.currentData() or None)
        )
        self.add_filter(_("Supplier"), self.supplier_filter)
        self.set_empty_texts(
            _("No goods were received yet. Receive a sent order in Purchase orders with Receive… (Ctrl+R)."),
            _("No receipt matches the search or the filters. Clear them to see every receipt."),
        )
        self.lines = LinesPanel(
            db,
            actor,
            ReceiptLinesQuery(),
            "receipt-lines",
            "receipt",
            _("Choose a receipt above to see its lines."),
            _("This receipt has no lines."),
            self,
        )
        self.set_detail(self.lines)
        self.selection_changed.connect(lambda: self.lines.show_document(self.selected_id()))
        self.lines.show_document(None)

    def refresh(self) -> None:
        super().refresh()
        self.lines.show_document(self.selected_id())
