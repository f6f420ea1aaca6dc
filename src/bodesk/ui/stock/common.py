"""What the stock screens share: how expiry reads, combos of locations, and moving between sub-views
(figures read and typed: domain/common/figures.py; how a place reads: domain/stock/query_parts.py)."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QTableView, QToolButton, QWidget

from bodesk.domain.stock.lookups import LocationChoice
from bodesk.i18n import _, ngettext
from bodesk.ui.widgets.icons import icon


def days_left_text(expiry: Any, today: date | None = None) -> str:
    """How far an expiry date is: "in 10 days", "today", "3 days ago"."""
    if not isinstance(expiry, date):
        return ""
    days = (expiry - (today or date.today())).days
    if days == 0:
        return _("today")
    if days > 0:
        return ngettext("in {n} day", "in {n} days", days).format(n=days)
    return ngettext("{n} day ago", "{n} days ago", -days).format(n=-days)


def fill_locations(combo: QComboBox, locations: list[LocationChoice], all_text: str | None = None) -> None:
    """Replace the combo's items with locations by code (and name, for a named bin)."""
    combo.blockSignals(True)
    combo.clear()
    if all_text is not None:
        combo.addItem(all_text, 0)
    for location in locations:
        named = location.name if location.name not in (location.code, "") else ""
        label = f"{location.code} · {named}" if named and location.is_bin else location.code
        if not location.active:
            label += " " + _("(closed)")
        combo.addItem(label, location.id)
    combo.blockSignals(False)


def select_data(combo: QComboBox, data: Any) -> None:
    index = combo.findData(data)
    if index >= 0:
        combo.setCurrentIndex(index)


def hide_columns(table: QTableView, columns: list[Any], keys: tuple[str, ...]) -> None:
    for index, column in enumerate(columns):
        if column.key in keys:
            table.setColumnHidden(index, True)


def stock_view(widget: QWidget, sub_key: str) -> QWidget | None:
    """Another sub-view of the Stock tab `widget` sits in, brought to the front (None outside it)."""
    from bodesk.ui.modules import SubViewTabs

    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, SubViewTabs) and parent.objectName() == "subtabs-stock":
            return parent.show_sub(sub_key)
        parent = parent.parentWidget()
    return None


class ProductFilter(QToolButton):
    """A list's filter on one product, set from another view; clicking it clears it."""

    cleared = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setIcon(icon("clear"))
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.setToolTip(_("Show every product again"))
        self.clicked.connect(self.clear)
        self.product_id: int | None = None
        self.hide()

    def set_product(self, product_id: int, label: str) -> None:
        self.product_id = product_id
        self.setText(_("Product: {product}").format(product=label))
        self.show()

    def clear(self) -> None:
        if self.product_id is not None:
            self.product_id = None
            self.hide()
            self.cleared.emit()
