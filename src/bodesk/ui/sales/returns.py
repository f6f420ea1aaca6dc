"""The returns list: goods back from customers, by number, order and customer, with dates; New
return… (Ctrl+N) takes goods of a shipped order back."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QWidget

from bodesk.domain.access.actor import Actor
from bodesk.domain.access.permissions import is_allowed
from bodesk.domain.sales.permissions import SALES_RETURN
from bodesk.domain.sales.queries import ReturnsQuery
from bodesk.i18n import _
from bodesk.store.engine import Database
from bodesk.ui.sales.return_dialog import ReturnDialog
from bodesk.ui.widgets.date_filter import add_date_range
from bodesk.ui.widgets.dialogs import open_dialog
from bodesk.ui.widgets.list_view import ListView


class ReturnsView(ListView):
    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(db, actor, ReturnsQuery(), "sales-returns", parent)
        self.dialog: QDialog | None = None
        self.new_button = self.add_button(_("New return…"), "add", self.new_return, "Ctrl+N")
        self.new_button.setVisible(is_allowed(actor.role, SALES_RETURN))
        self.finish_toolbar()
        self.dates = add_date_range(self)
        self.set_empty_texts(
            _("No goods have come back yet. Take goods of a shipped order back with New return… (Ctrl+N)."),
            _("No return matches the search or the dates. Clear them to see every return."),
        )

    def new_return(self, order_number: int | None = None) -> None:
        dialog = ReturnDialog(self.db, self.actor, self, order_number)

        def select_new() -> None:
            if dialog.return_id is not None:
                self.select_id(dialog.return_id)

        open_dialog(self, dialog, select_new)
