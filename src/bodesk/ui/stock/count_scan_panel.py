"""The scan panel of the count entry screen: where, the code, what it is, the lot, the quantity, and the
last entries. It lays the widgets out and offers a product's lots to pick from; `CountEntryView`
drives it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QWidget,
)

from bodesk.domain.common.figures import date_text, quantity_text
from bodesk.domain.stock.count_entries import RecordedCount
from bodesk.domain.stock.counts_queries import LotOption
from bodesk.i18n import _, format_decimal
from bodesk.ui.widgets.forms import error_color
from bodesk.ui.widgets.icons import icon

LOT_CODE_ROLE = Qt.ItemDataRole.UserRole
RECENT_LIMIT = 50


def lot_text(lot: LotOption, unit: str) -> str:
    """ "L0405 · expires 04/05/2030 · CD1/A-01 · expected 12 un" for the list of lots to pick from."""
    expected = _("expected {quantity} {unit}").format(quantity=quantity_text(lot.expected), unit=unit)
    if lot.expiry is None:
        return _("{lot} · no expiry · {place} · {expected}").format(
            lot=lot.code, place=lot.location, expected=expected
        )
    return _("{lot} · expires {date} · {place} · {expected}").format(
        lot=lot.code, date=date_text(lot.expiry), place=lot.location, expected=expected
    )


def describe(recorded: RecordedCount) -> str:
    """ "SKOL350 Skol lata: +24 un → 48 (CD1)" for the list of last entries."""
    amount = format_decimal(recorded.quantity)
    change = _("set to {quantity}").format(quantity=amount) if recorded.mode == "set" else f"+{amount}"
    if recorded.quantity < 0 and recorded.mode == "add":
        change = amount
    where = f"{recorded.location}, {recorded.lot}" if recorded.lot else recorded.location
    return _("{sku} {name}: {change} {unit} → {total} ({where})").format(
        sku=recorded.sku,
        name=recorded.name,
        change=change,
        unit=recorded.base_unit,
        total=format_decimal(recorded.total),
        where=where,
    )


def enlarge(widget: QWidget, factor: float) -> None:
    font = widget.font()
    font.setPointSizeF(font.pointSizeF() * factor)
    widget.setFont(font)


class ScanPanel(QFrame):
    def __init__(self, locations: list[tuple[int, str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        panel = self
        panel.setFrameShape(QFrame.Shape.StyledPanel)
        grid = QGridLayout(panel)
        self.location = QComboBox(panel)
        self.location.addItem(_("Where it is expected"), None)
        for location_id, code, name in locations:
            self.location.addItem(code if name in ("", code) else f"{code} · {name}", location_id)
        self.location.setToolTip(_("The place you are counting; products found elsewhere go there too"))
        self.code = QLineEdit(panel)
        self.code.setObjectName("code")
        self.code.setPlaceholderText(_("Scan or type a code"))
        self.code.setClearButtonEnabled(True)
        enlarge(self.code, 1.6)
        self.product = QLabel(panel)
        self.product.setWordWrap(True)
        self.product.setMinimumHeight(self.product.fontMetrics().height() * 2 + 4)
        self.lot = QLineEdit(panel)
        self.lot.setPlaceholderText(_("Lot code"))
        self.expiry = QLineEdit(panel)
        self.expiry.setPlaceholderText(_("Expiry (dd/mm/yyyy)"))
        self.quantity = QLineEdit(panel)
        self.quantity.setObjectName("quantity")
        self.quantity.setAlignment(Qt.AlignmentFlag.AlignRight)
        enlarge(self.quantity, 1.6)
        self.unit = QLabel(panel)
        self.replace = QCheckBox(_("&Replace what was counted"), panel)
        self.replace.setToolTip(_("Off: the quantity is added to what was counted before"))
        self.error = QLabel(panel)
        self.error.setWordWrap(True)
        palette = self.error.palette()
        palette.setColor(QPalette.ColorRole.WindowText, error_color(self))
        self.error.setPalette(palette)
        self.status = QLabel(panel)
        self.status.setWordWrap(True)
        self.recent = QListWidget(panel)
        self.recent.setAlternatingRowColors(True)
        self.recent.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.undo_button = QPushButton(icon("back"), _("Undo"), panel)
        self.undo_button.setToolTip(_("Take back the selected entry, or the last one (Ctrl+Z)"))
        self.undo_button.setAutoDefault(False)
        self.undo_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        hint = QLabel(_("Enter looks the code up, Enter again records the quantity. Esc starts over."), panel)
        hint.setWordWrap(True)
        hint.setForegroundRole(QPalette.ColorRole.PlaceholderText)

        row = 0
        for label, widget in ((_("Location"), self.location), (_("Code"), self.code)):
            caption = QLabel(label + ":", panel)
            caption.setBuddy(widget)
            grid.addWidget(caption, row, 0)
            grid.addWidget(widget, row, 1, 1, 2)
            row += 1
        grid.addWidget(self.product, row, 1, 1, 2)
        self.lot_caption = QLabel(_("Lot") + ":", panel)
        grid.addWidget(self.lot_caption, row + 1, 0)
        grid.addWidget(self.lot, row + 1, 1)
        grid.addWidget(self.expiry, row + 1, 2)
        caption = QLabel(_("Quantity") + ":", panel)
        caption.setBuddy(self.quantity)
        grid.addWidget(caption, row + 2, 0)
        grid.addWidget(self.quantity, row + 2, 1)
        grid.addWidget(self.unit, row + 2, 2)
        grid.addWidget(self.replace, row + 3, 1, 1, 2)
        grid.addWidget(self.error, row + 4, 0, 1, 3)
        grid.addWidget(self.status, row + 5, 0, 1, 3)
        grid.addWidget(hint, row + 6, 0, 1, 3)
        recent_header = QHBoxLayout()
        recent_header.addWidget(QLabel(_("Last entries"), panel), 1)
        recent_header.addWidget(self.undo_button)
        grid.addLayout(recent_header, row + 7, 0, 1, 3)
        grid.addWidget(self.recent, row + 8, 0, 1, 3)
        grid.setRowStretch(row + 8, 1)
        grid.setColumnStretch(1, 1)

    def add_recent(self, recorded: RecordedCount) -> None:
        """Put an entry on top of the last entries (which keep RECENT_LIMIT)."""
        item = QListWidgetItem(describe(recorded))
        item.setToolTip(describe(recorded))
        item.setData(Qt.ItemDataRole.UserRole, recorded)
        self.recent.insertItem(0, item)
        while self.recent.count() > RECENT_LIMIT:
            self.recent.takeItem(self.recent.count() - 1)

    def offer_lots(self, lots: list[LotOption], unit: str) -> QCompleter:
        """The lots to pick from under the lot field (the code goes in the field); with several, the
        list opens at once with the first to expire chosen, so Enter takes it."""
        model = QStandardItemModel(self.lot)
        for lot in lots:
            item = QStandardItem(lot_text(lot, unit))
            item.setData(lot.code, LOT_CODE_ROLE)
            model.appendRow(item)
        completer = QCompleter(model, self.lot)
        completer.setCompletionRole(LOT_CODE_ROLE)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setMaxVisibleItems(8)
        self.lot.setCompleter(completer)
        codes = sorted({lot.code for lot in lots})
        self.lot.setText(codes[0] if len(codes) == 1 else "")
        popup = completer.popup()
        if len(codes) > 1 and popup is not None:
            completer.setCompletionPrefix("")
            completer.complete()
            popup.setCurrentIndex(completer.completionModel().index(0, 0))
        return completer
