"""What the purchasing screens share: the purchase order PDF made and shown (how statuses, numbers and tax ids read: the
columns of domain/purchasing/queries.py)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QWidget

from bodesk.domain.access.actor import Actor
from bodesk.i18n import _
from bodesk.settings import data_dir
from bodesk.store.engine import Database
from bodesk.ui.widgets.calls import run_service


def purchase_order_path(number: int) -> Path:
    """Where the PDF of order `number` is written (the preview saves a copy anywhere)."""
    folder = data_dir() / "documents" / "purchase-orders"
    folder.mkdir(parents=True, exist_ok=True)
    return folder / _("purchase-order-{number}.pdf").format(number=number)


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
