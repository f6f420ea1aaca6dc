"""A type-ahead field for products: type a name, SKU or scan a barcode, pick with Up/Down and Enter.

The hits come from `documents.find_purchasable` (products the supplier sells come first, with its
price). The list floats under the field as a child of its window, so the field keeps the focus.
Leaving the field with hits shown and nothing chosen picks the highlighted hit, so Enter in a form
(which moves on) picks too.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent
from PySide6.QtWidgets import QFrame, QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from bodesk.domain.access.actor import Actor
from bodesk.domain.common.figures import price_text
from bodesk.domain.purchasing.documents import ProductChoice, find_purchasable
from bodesk.i18n import _
from bodesk.store.engine import Database
from bodesk.ui.widgets import messages

DEBOUNCE_MS = 150
MAX_HITS = 12


class _HitList(QFrame):
    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.list = QListWidget(self)
        self.list.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(1, 1, 1, 1)
        layout.addWidget(self.list)
        self.hide()


class ProductPicker(QLineEdit):
    chosen = Signal(object)  # the ProductChoice

    def __init__(
        self, db: Database, actor: Actor, supplier_id: int | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.db, self.actor, self.supplier_id = db, actor, supplier_id
        self.choice: ProductChoice | None = None
        self.hits: list[ProductChoice] = []
        self.setPlaceholderText(_("Name, SKU or barcode"))
        self.setClearButtonEnabled(True)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.look_up)
        self.textEdited.connect(self._edited)
        self._popup: _HitList | None = None

    @property
    def popup(self) -> _HitList:
        if self._popup is None:
            self._popup = _HitList(self.window())
            self._popup.list.itemClicked.connect(lambda item: self.choose(self.hits[self._popup_row(item)]))
        return self._popup

    def _popup_row(self, item: QListWidgetItem) -> int:
        return self.popup.list.row(item)

    def set_supplier(self, supplier_id: int | None) -> None:
        self.supplier_id = supplier_id
        self.reset()

    def reset(self) -> None:
        self.choice = None
        self.hits = []
        self.clear()
        self.hide_popup()

    def _edited(self, _text: str) -> None:
        self.choice = None
        self._timer.start()

    def pending(self) -> bool:
        return self._timer.isActive()

    def look_up(self) -> None:
        """Ask for the hits of the typed text now (the debounce timer calls this)."""
        self._timer.stop()
        text = self.text().strip()
        if not text or self.supplier_id is None:
            self.hits = []
            self.hide_popup()
            return
        try:
            self.hits = find_purchasable(self.db, self.actor, self.supplier_id, text, MAX_HITS)
        except Exception as exc:
            messages.show_error(self, exc)
            self.hits = []
        self._show_hits(text)

    def _show_hits(self, text: str) -> None:
        popup = self.popup
        popup.list.clear()
        if not self.hits:
            item = QListWidgetItem(_("No active product matches “{text}”.").format(text=text))
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            popup.list.addItem(item)
        for hit in self.hits:
            price = ""
            if hit.supplier_price is not None:
                pack = next((p.name for p in hit.packagings if p.id == hit.supplier_packaging_id), "")
                price = "  ·  " + _("{price} per {packaging}").format(
                    price=price_text(hit.supplier_price), packaging=pack
                )
            popup.list.addItem(f"{hit.sku} – {hit.name}{price}")
        if self.hits:
            popup.list.setCurrentRow(0)
        row_height = max(popup.list.sizeHintForRow(0), self.fontMetrics().height() + 6)
        popup.resize(max(self.width(), 520), min(row_height * popup.list.count() + 10, 300))
        host = popup.parentWidget()
        if host is not None:
            popup.move(self.mapTo(host, QPoint(0, self.height() + 1)))
        popup.show()
        popup.raise_()

    def hide_popup(self) -> None:
        if self._popup is not None:
            self._popup.hide()

    def popup_visible(self) -> bool:
        return self._popup is not None and self._popup.isVisible()

    def current_hit(self) -> ProductChoice | None:
        row = self.popup.list.currentRow() if self._popup is not None else -1
        return self.hits[row] if 0 <= row < len(self.hits) else None

    def choose_current(self) -> ProductChoice | None:
        """Pick the highlighted hit (searching first if typing is pending); the choice, if any."""
        if self.choice is not None and not self.pending():
            return self.choice
        if self.pending() or (self.text().strip() and not self.hits):
            self.look_up()
        hit = self.current_hit()
        if hit is not None:
            self.choose(hit)
        return self.choice

    def choose(self, hit: ProductChoice) -> None:
        self.choice = hit
        self.setText(f"{hit.sku} – {hit.name}")
        self.hide_popup()
        self.chosen.emit(hit)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Down, Qt.Key.Key_Up) and self.hits:
            if not self.popup_visible():
                self._show_hits(self.text())
            else:
                step = 1 if key == Qt.Key.Key_Down else -1
                self.popup.list.setCurrentRow((self.popup.list.currentRow() + step) % len(self.hits))
            return
        if key == Qt.Key.Key_Escape and self.popup_visible():
            self.hide_popup()
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.choose_current()
            return
        super().keyPressEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        if self.choice is None and self.text().strip():
            self.choose_current()
        self.hide_popup()
        super().focusOutEvent(event)
