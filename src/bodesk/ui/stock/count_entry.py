"""Entering one count from the keyboard or a barcode scanner (a keyboard wedge: it types the code and
Enter), and the count's lines with what differs.

The big code field keeps the focus. Enter looks the code up and shows the product, its unit and the
packaging the code stands for, then moves to the quantity (1, selected, so typing replaces it) — or
first to the lot for a lot-tracked product, its lots in the chosen place offered in a list (the first
to expire chosen, so Enter takes it; a new lot is typed). Enter on the quantity records it (added to what was
counted, or replacing it with "Replace") and goes back to the code for the next scan. An unknown code
shows an inline error and stays selected, so the next scan simply types over it. Esc starts over. The
last entries can be undone (Ctrl+Z), which takes a scan back exactly. The header says how many lines
are counted; printing the sheet, importing a file and posting have the list's keys (Ctrl+P, Ctrl+I,
Ctrl+Shift+P).
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from bodesk.domain.access.actor import Actor
from bodesk.domain.access.permissions import is_allowed
from bodesk.domain.common.errors import ValidationError
from bodesk.domain.common.parsing import parse_date
from bodesk.domain.stock.count_entries import (
    RecordedCount,
    ScannedItem,
    count_locations,
    identify,
    record_scan,
    undo_scan,
)
from bodesk.domain.stock.counts import CountInfo, count_info
from bodesk.domain.stock.permissions import STOCK_COUNT, STOCK_COUNT_POST
from bodesk.domain.stock.states import COUNT_LIFECYCLE
from bodesk.errors import BodeskError
from bodesk.i18n import _, format_decimal, ngettext, parse_decimal
from bodesk.store.engine import Database
from bodesk.ui.stock.count_lines import CountLinesList
from bodesk.ui.stock.count_scan_panel import ScanPanel, describe, enlarge
from bodesk.ui.widgets.calls import run_service
from bodesk.ui.widgets.forms import ENTER_KEYS
from bodesk.ui.widgets.icons import icon
from bodesk.ui.widgets.list_view import give_shortcut


class CountEntryView(QWidget):
    """One count: the scan panel on the left, the lines on the right."""

    back_requested = Signal()
    recorded = Signal()  # a quantity was recorded or undone

    def __init__(self, db: Database, actor: Actor, count_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.actor, self.count_id = db, actor, count_id
        self.item: ScannedItem | None = None
        self.item_code = ""
        self.info: CountInfo = count_info(db, actor, count_id)

        self.back_button = QPushButton(icon("back"), _("Counts"), self)
        self.back_button.setToolTip(_("Back to the list of counts (Alt+Left)"))
        self.back_button.setShortcut(QKeySequence("Alt+Left"))
        self.back_button.clicked.connect(lambda _checked=False: self.back_requested.emit())
        self.title = QLabel(self)
        enlarge(self.title, 1.3)
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.progress = QLabel(self)
        self.progress.setObjectName("progress")
        self.print_button = QPushButton(icon("report"), _("Print sheet…"), self)
        self.import_button = QPushButton(icon("open"), _("Import counted quantities…"), self)
        self.post_button = QPushButton(icon("ok"), _("Post…"), self)
        header = QHBoxLayout()
        header.addWidget(self.back_button)
        header.addSpacing(8)
        titles = QVBoxLayout()
        titles.setSpacing(0)
        titles.addWidget(self.title)
        titles.addWidget(self.progress)
        header.addLayout(titles, 1)
        for button, keys in (
            (self.print_button, "Ctrl+P"),
            (self.import_button, "Ctrl+I"),
            (self.post_button, "Ctrl+Shift+P"),
        ):  # the same keys as in the list of counts
            button.setAutoDefault(False)
            give_shortcut(button, keys)
            header.addWidget(button)

        self.lines = CountLinesList(db, actor, count_id, self)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self._scan_panel())
        splitter.addWidget(self.lines)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([380, 620])

        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(splitter, 1)
        undo = QShortcut(QKeySequence(QKeySequence.StandardKey.Undo), self)
        undo.activated.connect(self.undo)
        self._show_info()
        self.reset()

    # --- building -------------------------------------------------------------------------------

    def _scan_panel(self) -> QWidget:
        panel = ScanPanel(count_locations(self.db, self.actor, self.count_id), self)
        self.panel = panel
        self.location, self.code, self.product, self.unit = (
            panel.location,
            panel.code,
            panel.product,
            panel.unit,
        )
        self.lot_caption, self.lot, self.expiry, self.quantity = (
            panel.lot_caption,
            panel.lot,
            panel.expiry,
            panel.quantity,
        )
        self.replace, self.error, self.status = panel.replace, panel.error, panel.status
        self.recent, self.undo_button = panel.recent, panel.undo_button
        self.undo_button.clicked.connect(lambda _checked=False: self.undo())
        for field in (self.code, self.lot, self.expiry, self.quantity):
            field.installEventFilter(self)
        self.code.returnPressed.connect(self.look_up)
        self.lot.returnPressed.connect(self._lot_entered)
        self.expiry.returnPressed.connect(self._expiry_entered)
        self.quantity.returnPressed.connect(self.record)
        self.code.textEdited.connect(lambda _text: self._forget_item())
        return panel

    def _show_info(self) -> None:
        info = self.info
        self.title.setText(
            _("Count {number} · {scope} · {status}").format(
                number=info.number, scope=info.scope, status=COUNT_LIFECYCLE.label(info.status)
            )
        )
        self.progress.setText(
            ngettext("{counted} of {n} line counted", "{counted} of {n} lines counted", info.lines).format(
                counted=format_decimal(info.counted), n=format_decimal(info.lines)
            )
        )
        may_count = info.is_open and is_allowed(self.actor.role, STOCK_COUNT)
        for widget in (self.location, self.code, self.lot, self.expiry, self.quantity, self.replace):
            widget.setEnabled(may_count)
        self.undo_button.setEnabled(may_count)
        self.import_button.setEnabled(may_count)
        self.post_button.setEnabled(info.is_open and is_allowed(self.actor.role, STOCK_COUNT_POST))
        if not info.is_open:
            self.status.setText(
                _("Count {number} is {status}: it can no longer change.").format(
                    number=info.number, status=COUNT_LIFECYCLE.in_sentence(info.status)
                )
            )

    # --- the flow -------------------------------------------------------------------------------

    def reset(self, keep_code: bool = False) -> None:
        """Ready for the next scan: the code field empty (or selected) and focused."""
        self._forget_item()
        if not keep_code:
            self.code.clear()
        self.code.setFocus(Qt.FocusReason.OtherFocusReason)
        self.code.selectAll()

    def _forget_item(self) -> None:
        self.item, self.item_code = None, ""
        self.product.clear()
        self.unit.clear()
        self.quantity.clear()
        self.lot.clear()
        self.expiry.clear()
        self.replace.setChecked(False)
        for widget in (self.lot_caption, self.lot, self.expiry):
            widget.hide()

    def _fail(self, message: str, field: QWidget) -> None:
        self.error.setText(message)
        field.setFocus(Qt.FocusReason.OtherFocusReason)
        if isinstance(field, QLineEdit):
            field.selectAll()

    def look_up(self) -> None:
        code = self.code.text().strip()
        self.error.clear()
        if not code:
            return
        try:
            item = identify(self.db, self.actor, self.count_id, code, self.location.currentData())
        except ValidationError as exc:
            self._forget_item()
            self._fail(exc.for_field("code") or exc.message, self.code)
            return
        except BodeskError as exc:
            self._fail(exc.message, self.code)
            return
        self.item, self.item_code = item, code
        so_far = (
            _("counted so far: {quantity} {unit}").format(
                quantity=format_decimal(item.counted), unit=item.base_unit
            )
            if item.counted is not None
            else _("not counted yet")
        )
        self.product.setText(f"<b>{item.name}</b> · {item.sku}<br>{so_far}")
        self.unit.setText(
            _("× {packaging} ({units} {unit})").format(
                packaging=item.packaging, units=format_decimal(item.units), unit=item.base_unit
            )
            if item.packaging
            else item.base_unit
        )
        self.quantity.setText("1")
        if item.lot_tracked:
            for widget in (self.lot_caption, self.lot):
                widget.show()
            self.lot.setFocus(Qt.FocusReason.OtherFocusReason)
            completer = self.panel.offer_lots(item.lot_choices, item.base_unit)
            completer.activated.connect(self._lot_chosen)
            self.lot.selectAll()
        else:
            self._to_quantity()

    def _to_quantity(self) -> None:
        self.quantity.setFocus(Qt.FocusReason.OtherFocusReason)
        self.quantity.selectAll()

    def _lot_chosen(self, code: str) -> None:
        self.lot.setText(code)
        self._lot_entered()

    def _lot_entered(self) -> None:
        item = self.item
        code = self.lot.text().strip().upper()
        if item is None or not code:
            return
        if item.needs_expiry and code not in item.lots:
            self.expiry.show()
            self.status.setText(_("Lot {lot} is new: enter its expiry date.").format(lot=code))
            self.expiry.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            self._to_quantity()

    def _expiry_entered(self) -> None:
        try:
            parse_date(self.expiry.text())
        except ValueError as exc:
            self._fail(str(exc), self.expiry)
            return
        self.error.clear()
        self._to_quantity()

    def record(self) -> None:
        if self.item is None:
            self.reset(keep_code=True)
            return
        try:
            quantity = parse_decimal(self.quantity.text())
        except ValueError:
            self._fail(_("“{value}” is not a number.").format(value=self.quantity.text()), self.quantity)
            return
        expiry: date | None = None
        if self.expiry.isVisible() and self.expiry.text().strip():
            try:
                expiry = parse_date(self.expiry.text())
            except ValueError as exc:
                self._fail(str(exc), self.expiry)
                return
        try:
            recorded = record_scan(
                self.db,
                self.actor,
                self.count_id,
                self.item_code,
                quantity,
                self.location.currentData(),
                self.lot.text().strip() or None,
                "set" if self.replace.isChecked() else "add",
                expiry,
            )
        except ValidationError as exc:
            fields: dict[str, QWidget] = {
                "lot": self.lot,
                "expiry": self.expiry,
                "code": self.code,
                "location": self.location,
            }
            failed = next((fields[e.field] for e in exc.errors if e.field in fields), self.quantity)
            if failed is self.expiry:
                self.expiry.show()
            self._fail(exc.message, failed)
            return
        except BodeskError as exc:
            self._fail(exc.message, self.quantity)
            return
        self._recorded(recorded)

    def _recorded(self, recorded: RecordedCount) -> None:
        self.panel.add_recent(recorded)
        self.error.clear()
        self.status.setText(describe(recorded))
        self.lines.refresh()
        self._count_changed()
        self.reset()

    def undo(self) -> None:
        """Take back the selected entry of the list, or the last one."""
        item = self.recent.currentItem() if self.recent.selectedItems() else self.recent.item(0)
        recorded = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        if item is None or not isinstance(recorded, RecordedCount):
            return
        undone = run_service(
            self,
            lambda _confirmed: undo_scan(self.db, self.actor, self.count_id, recorded),
            on_refused=lambda exc: self.error.setText(exc.message),
        )
        if not undone.ok:
            return
        after = undone.value
        self.recent.takeItem(self.recent.row(item))
        if after is None:
            undone_text = _("Undone: {sku} {name} is not counted any more.")
        else:
            undone_text = _("Undone: {sku} {name} is now counted at {quantity} {unit}.")
        self.status.setText(
            undone_text.format(
                sku=recorded.sku,
                name=recorded.name,
                quantity=format_decimal(after or 0),
                unit=recorded.base_unit,
            )
        )
        self.lines.refresh()
        self._count_changed()
        self.reset()

    def _count_changed(self) -> None:
        self.info = count_info(self.db, self.actor, self.count_id)
        self._show_info()
        self.recorded.emit()

    # --- the rest -------------------------------------------------------------------------------

    def refresh(self) -> None:
        self.info = count_info(self.db, self.actor, self.count_id)
        self._show_info()
        self.lines.reload()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.code.isEnabled():
            self.code.setFocus(Qt.FocusReason.OtherFocusReason)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() in (QEvent.Type.KeyPress, QEvent.Type.ShortcutOverride)
            and isinstance(event, QKeyEvent)
            and event.matches(QKeySequence.StandardKey.Undo)
        ):  # in the entry fields Ctrl+Z takes back the last entry, not the last keystroke
            if event.type() == QEvent.Type.KeyPress:
                self.undo()
            event.accept()
            return True
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Escape
        ):
            self.error.clear()
            self.reset(keep_code=watched is not self.code)
            if watched is self.code:
                self.status.clear()
            return True
        if (
            watched is self.expiry
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in ENTER_KEYS
            and not self.expiry.text().strip()
        ):
            self._fail(_("Enter the lot's expiry date."), self.expiry)
            return True
        return super().eventFilter(watched, event)
