"""What the purchasing screens share: how statuses, numbers and tax ids read in its lists, and the
purchase order PDF made and shown (figures read and typed: domain/common/figures.py)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QWidget

from bodesk.domain.access.actor import Actor
from bodesk.domain.common.figures import price_text
from bodesk.domain.common.taxid import format_tax_id
from bodesk.domain.purchasing.states import ORDER_LIFECYCLE
from bodesk.i18n import _
from bodesk.settings import data_dir
from bodesk.store.engine import Database
from bodesk.ui.widgets.calls import run_service
from bodesk.ui.widgets.list_view import ListView


def number_text(value: Any) -> str:
    """A document number, without thousands separators."""
    return str(value)


def use_purchasing_formats(view: ListView) -> None:
    """Show a purchasing list's statuses, numbers, prices and tax ids the way people read them."""
    keys = {column.key for column in view.model.columns}
    formats: dict[str, Callable[[Any], str]] = {
        "status": lambda value: ORDER_LIFECYCLE.label(str(value)),
        "number": number_text,
        "order": number_text,
        "tax_id": lambda value: format_tax_id(str(value)),
        "package_price": price_text,
        "unit_cost": price_text,
    }
    for key, formatter in formats.items():
        if key in keys:
            view.model.set_formatter(key, formatter)


def empty_texts(view: ListView, defaults: dict[str, Any], empty: str, filtered: str) -> None:
    """Empty-list texts for a list that starts filtered: with only its default filters, a list with no
    rows shows `empty` (what to do next), otherwise `filtered` (clear the search or filters)."""

    def update() -> None:
        request = view.model.request
        at_defaults = not request.search and dict(request.filters) == defaults
        view.set_empty_texts(empty, empty if at_defaults else filtered)

    view.model.request_changed.connect(update)
    update()


def quiet_find_shortcut(panel: ListView) -> None:
    """A list inside another list leaves Ctrl+F to the outer one (two would cancel each other out)."""
    for shortcut in panel.findChildren(QShortcut):
        if shortcut.key() == QKeySequence(QKeySequence.StandardKey.Find):
            shortcut.setEnabled(False)


def purchase_order_path(number: int) -> Path:
    """Where the PDF of order `number` is written (the preview saves a copy anywhere)."""
    folder = data_dir() / "documents" / "purchase-orders"
    folder.mkdir(parents=True, exist_ok=True)
    return folder / f"{_('purchase-order')}-{number}.pdf"


def show_purchase_order(
    parent: QWidget, db: Database, actor: Actor, order_id: int, number: int
) -> Path | None:
    """Make the order's PDF and open its preview; errors are shown, not raised."""
    from bodesk.reports.purchase_order import write_purchase_order
    from bodesk.ui.widgets.pdf_preview import show_pdf

    written = run_service(
        parent, lambda _confirmed: write_purchase_order(db, actor, order_id, purchase_order_path(number))
    )
    if not written.ok:
        return None
    show_pdf(parent, written.value)
    return written.value
