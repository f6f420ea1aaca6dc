"""A field that finds as the person types: a product by name, SKU or barcode, a supplier or a customer
by part of its name. Nothing is chosen while typing; Up/Down move in the hits and Enter chooses.

The hits float under the field as a child of its window, so the field keeps the focus and every
keystroke goes on into it. Down on an empty field lists the first hits. Esc closes the list (a second
Esc reaches the dialog). `choose_on_leave` makes leaving the field choose the highlighted hit, for a
field where a scan or a typed code is the whole answer (a product), not for one where the first letter
would pick the wrong one (a supplier).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Generic, TypeVar

from PySide6.QtCore import QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent
from PySide6.QtWidgets import QFrame, QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from bodesk.ui.widgets.calls import run_service

DEBOUNCE_MS = 150
H = TypeVar("H")


class HitList(QFrame):
    """The floating list of hits; it never takes the focus."""

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


class TypeAhead(QLineEdit, Generic[H]):
    """`find(text)` gives the hits, `describe(hit)` a hit's line in the list and `title(hit)` the
    field's text once chosen; `no_match` (with {text}) is shown when nothing matches."""

    chosen = Signal(object)  # the hit chosen
    cleared = Signal()  # the person edited the text of a chosen hit: nothing is chosen any more

    def __init__(
        self,
        find: Callable[[str], Sequence[H]],
        describe: Callable[[H], str],
        title: Callable[[H], str],
        no_match: str,
        parent: QWidget | None = None,
        choose_on_leave: bool = False,
    ) -> None:
        super().__init__(parent)
        self._find, self._describe, self._title = find, describe, title
        self.no_match, self.choose_on_leave = no_match, choose_on_leave
        self.choice: H | None = None
        self.hits: list[H] = []
        self.setClearButtonEnabled(True)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.look_up)
        self.textEdited.connect(self._edited)
        self._popup: HitList | None = None

    @property
    def popup(self) -> HitList:
        if self._popup is None:
            popup = HitList(self.window())
            popup.list.itemClicked.connect(lambda item: self.choose(self.hits[popup.list.row(item)]))
            self._popup = popup
        return self._popup

    def reset(self) -> None:
        """Nothing typed, nothing chosen."""
        self._timer.stop()
        self.choice = None
        self.hits = []
        self.clear()
        self.hide_popup()

    def _edited(self, _text: str) -> None:
        had_choice = self.choice is not None
        self.choice = None
        self._timer.start()
        if had_choice:
            self.cleared.emit()

    def pending(self) -> bool:
        """True while typing has not been looked up yet."""
        return self._timer.isActive()

    def look_up(self) -> None:
        """Find the hits of the typed text now (the debounce timer calls this) and list them."""
        self._timer.stop()
        text = self.text().strip()
        if not text:
            self.hits = []
            self.hide_popup()
            return
        found = run_service(self, lambda _confirmed: self._find(text))
        self.hits = list(found.value) if found.ok else []
        self._show_hits(text)

    def _browse(self) -> None:
        """The first hits of nothing typed, to choose from with the arrows."""
        found = run_service(self, lambda _confirmed: self._find(""))
        self.hits = list(found.value) if found.ok else []
        if self.hits:
            self._show_hits("")

    def _show_hits(self, text: str) -> None:
        popup = self.popup
        popup.list.clear()
        if not self.hits:
            item = QListWidgetItem(self.no_match.format(text=text))
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            popup.list.addItem(item)
        for hit in self.hits:
            popup.list.addItem(self._describe(hit))
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

    def current_hit(self) -> H | None:
        row = self.popup.list.currentRow() if self.popup_visible() else -1
        return self.hits[row] if 0 <= row < len(self.hits) else None

    def choose_current(self) -> H | None:
        """Choose the highlighted hit (looking up first if typing is pending); the choice, if any."""
        if self.choice is not None and not self.pending():
            return self.choice
        if self.pending() or (self.text().strip() and not self.popup_visible()):
            self.look_up()
        hit = self.current_hit()
        if hit is not None:
            self.choose(hit)
        return self.choice

    def choose(self, hit: H) -> None:
        self._timer.stop()
        self.choice = hit
        self.setText(self._title(hit))
        self.hide_popup()
        self.chosen.emit(hit)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Down, Qt.Key.Key_Up):
            if self.pending():
                self.look_up()
            elif not self.popup_visible() and self.hits:
                self._show_hits(self.text())
            elif not self.popup_visible():
                self._browse()
            elif self.hits:
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
        if self.choose_on_leave and self.choice is None and self.text().strip():
            self.choose_current()
        self.hide_popup()
        super().focusOutEvent(event)
