"""What the sales screens share: a dialog asking why (blocking a customer, cancelling an order,
confirming over a blocked credit), combos of the module's references for list filters, and the
optional picking list PDF (written by `bodesk.reports.sales_picking` when that module is there)."""

from __future__ import annotations

import importlib
import importlib.util
from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget

from bodesk.domain.access.actor import Actor
from bodesk.domain.common.listing import Choice
from bodesk.i18n import _
from bodesk.settings import data_dir
from bodesk.store.engine import Database
from bodesk.ui.widgets.calls import run_service
from bodesk.ui.widgets.forms import FormDialog
from bodesk.ui.widgets.list_view import ListView

PICKING_MODULE = "bodesk.reports.sales_picking"


class ReasonDialog(FormDialog):
    """Asks why, then runs `act(reason)`; the reason is kept with the record and in the audit log."""

    def __init__(
        self,
        parent: QWidget,
        title: str,
        ok_text: str,
        intro: str,
        act: Callable[[str], object],
        keep_text: str = "",
        field: str = "reason",
    ) -> None:
        super().__init__(parent, title, ok_text)
        self.act = act
        if keep_text:
            self.cancel_button.setText(keep_text)
        self.set_intro(intro)
        self.reason = QLineEdit(self)
        self.form.add_field(field, _("Reason"), self.reason, _("Kept with the record and in the audit log."))
        self.form.focus_field(field)

    def can_confirm(self) -> bool:
        return bool(self.reason.text().strip())

    def confirm(self) -> None:
        self.act(self.reason.text())


def filter_combo(view: ListView, label: str, key: str, choices: list[Choice], everyone: str) -> QComboBox:
    """A list filter over `key` by one of `choices` ("All …" first: no filter)."""
    combo = QComboBox(view)
    combo.addItem(everyone, 0)
    for choice in choices:
        combo.addItem(choice.name, choice.id)
    combo.currentIndexChanged.connect(lambda _index: view.model.set_filter(key, combo.currentData() or None))
    view.add_filter(label, combo)
    return combo


def picking_available() -> bool:
    """Whether the picking list PDF can be written (another part of the module writes it)."""
    return importlib.util.find_spec(PICKING_MODULE) is not None


def picking_path(number: int) -> Path:
    folder = data_dir() / "documents" / "picking"
    folder.mkdir(parents=True, exist_ok=True)
    return folder / _("picking-{number}.pdf").format(number=number)


def show_picking_list(parent: QWidget, db: Database, actor: Actor, order_ids: list[int], number: int) -> None:
    """Write the picking list of the orders and open its preview; errors are shown, not raised."""
    from bodesk.ui.widgets.pdf_preview import show_pdf

    if not picking_available():
        return
    writer = importlib.import_module(PICKING_MODULE).write_picking_list
    written = run_service(parent, lambda _confirmed: writer(db, actor, order_ids, picking_path(number)))
    if written.ok:
        show_pdf(parent, written.value if isinstance(written.value, Path) else picking_path(number))
