"""What the purchasing screens share: how prices, statuses and tax ids read, typed numbers, dialogs
opened without a nested event loop, and the purchase order PDF made and shown."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QComboBox, QWidget

from bodesk.domain.access.actor import Actor
from bodesk.domain.common.errors import ValidationError
from bodesk.domain.common.money import round_money
from bodesk.domain.common.taxid import format_tax_id
from bodesk.domain.purchasing.documents import Choice
from bodesk.domain.purchasing.states import ORDER_LIFECYCLE
from bodesk.i18n import _, format_decimal, parse_decimal
from bodesk.settings import data_dir
from bodesk.store.engine import Database
from bodesk.ui.widgets.calls import run_service
from bodesk.ui.widgets.list_view import ListView


def price_text(value: Any) -> str:
    """A price per package or unit: 2 decimal places, or 4 when it has them."""
    if not isinstance(value, Decimal):
        return str(value)
    return format_decimal(value, 2 if value == round_money(value) else 4)


def quantity_text(value: Decimal) -> str:
    """A quantity without trailing zeros: 12, 1.5, 0.25."""
    if value == value.to_integral_value():
        return format_decimal(value.quantize(Decimal(1)))
    return format_decimal(value.normalize())


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


def parse_optional(text: str, field: str) -> Decimal | None:
    """A number typed in the person's locale, None for nothing typed."""
    return parse_amount(text, field) if text.strip() else None


def parse_amount(text: str, field: str) -> Decimal:
    """A number typed in the person's locale ("1.234,5" in Portuguese), or a ValidationError for `field`."""
    if not text.strip():
        raise ValidationError.single(field, _("Enter a number."))
    try:
        return parse_decimal(text)
    except ValueError:
        raise ValidationError.single(
            field, _("“{text}” is not a number.").format(text=text.strip())
        ) from None


def choice_combo(
    parent: QWidget, choices: list[Choice], first: tuple[str, Any] | None = None, codes: bool = True
) -> QComboBox:
    """A combo of choices ("CD1 – Depósito", or the names only without `codes`), each item's data its
    id; `first` an extra (label, data) on top."""
    combo = QComboBox(parent)
    if first is not None:
        combo.addItem(*first)
    for choice in choices:
        label = f"{choice.code} – {choice.name}" if codes and choice.code else choice.name
        combo.addItem(label, choice.id)
    return combo


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
