"""The scan panel of the count entry screen: where, the code, what it is, the lot, the quantity, and the
last entries. It only lays the widgets out; `CountEntryView` drives them."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QWidget,
)

from bodesk.i18n import _
from bodesk.ui.widgets.forms import error_color
from bodesk.ui.widgets.icons import icon


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
