"""The editor of a document with lines: a purchase order now, a sales order, an invoice and a bill
later. A subclass supplies what differs (the partner lookup, the products and packagings offered, the
price of a new line, the live totals, the service that saves, its header fields and its actions); the
base does the rest, the same way for every document.

From the keyboard alone:
- the partner field finds as the person types and chooses nothing until a hit is picked with the
  arrows and Enter; Enter then moves on through the header fields to the lines;
- a line is typed in the entry (`LineEntry`): product, packaging, quantity, price, Enter adds it and
  goes back to the product; Enter on an empty product moves to the first action, which Enter presses;
- Alt+L goes to the lines, where Enter brings the selected line back to change it and Delete removes
  it; Ctrl+N goes to a new line; Esc in a half-typed line clears it, otherwise it closes the editor
  without saving;
- each action has a shortcut, shown in its tooltip; a line under the lines says all this.
The amounts shown are the domain's (`preview`), so the editor shows what saving will store. A refusal
of line n (`line_field(n, part)`, n its position) is shown in the cells of its row.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from itertools import pairwise
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QPalette, QShortcut
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from bodesk.domain.common.errors import ValidationError, line_of
from bodesk.i18n import _, format_decimal
from bodesk.ui.widgets.calls import run_service
from bodesk.ui.widgets.document_lines import CellProblem, EditorLine, LinesGrid, LinesPreview, line_columns
from bodesk.ui.widgets.forms import ActionButton, FormPage
from bodesk.ui.widgets.line_entry import EntryNames, LineEntry, LineProduct
from bodesk.ui.widgets.type_ahead import TypeAhead


@dataclass(frozen=True)
class PartnerHit:
    id: int
    name: str
    detail: str = ""  # after the name in the hits: a tax id, a city


@dataclass(frozen=True)
class DocumentSetup:
    title: str
    partner_field: str  # the field the domain's errors name the partner by ("supplier")
    partner_label: str  # "Supplier"
    choose_partner: str  # the refusal when none is chosen: "Choose the supplier."
    names: EntryNames  # the quantity's and the price's names and parts
    partner: PartnerHit | None = None  # the document's partner, when it has one already
    editable: bool = True
    lines: Sequence[EditorLine] = ()
    stored: LinesPreview | None = None  # the amounts a document that cannot change any more stored
    quick: bool = False  # lines typed product → quantity, the rest by Tab (`LineEntry`'s quick entry)


class DocumentEditor(QDialog):
    """Subclasses add their header fields to `self.form` and their buttons with `add_action`, and
    supply `find_partners`, `find_products`, `new_line_price`, `preview` and `store`."""

    def __init__(self, setup: DocumentSetup, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setup = setup
        self.confirmed: set[str] = set()
        self.editing: int | None = None  # the row whose line is back in the entry to be changed
        self.action_buttons: list[QPushButton] = []
        self._shown = False
        self.setWindowTitle(setup.title)
        self.form = FormPage(self)
        self.partner = TypeAhead[PartnerHit](
            self.find_partners,
            lambda hit: " · ".join(part for part in (hit.name, hit.detail) if part),
            lambda hit: hit.name,
            _("Nothing matches “{text}”."),
            self,
        )
        if setup.partner is None:
            self.partner.setPlaceholderText(_("Type part of the name, then choose with ↓ and Enter"))
            self.form.add_field(setup.partner_field, setup.partner_label, self.partner)
            self.partner.chosen.connect(self._partner_changed)
            self.partner.cleared.connect(self._partner_changed)
        else:
            self.partner.hide()
            self.form.add_row(setup.partner_label, QLabel(setup.partner.name, self))
        self.entry = LineEntry(self._find_products, self._new_line_price, setup.names, self, setup.quick)
        names = setup.names
        self.grid = LinesGrid(
            line_columns(names.quantity, names.quantity_part, names.price, names.price_part), self
        )
        self.grid.set_lines(setup.lines)
        self.keys_hint = QLabel(
            _(
                "Enter moves on · Ctrl+N a new line · Alt+L the lines: Enter changes one, Delete removes it"
                " · Esc clears a line, or cancels"
            ),
            self,
        )
        self.keys_hint.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.keys_hint.setWordWrap(True)
        self.total_label = QLabel(self)
        self.total_label.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.remove_line_button = ActionButton(_("Remove line"), self)
        self.remove_line_button.setToolTip(_("Remove the selected line (Delete)"))
        self.close_button = ActionButton(_("Cancel") if setup.editable else _("Close"), self)
        self.bottom = QHBoxLayout()
        for widget in (self.remove_line_button, self.total_label, self.close_button):
            self.bottom.addWidget(widget, 1 if widget is self.total_label else 0)
        layout = QVBoxLayout(self)
        for part in (self.form, self.entry, self.grid, self.keys_hint):
            layout.addWidget(part, 1 if part is self.grid else 0)
        layout.addLayout(self.bottom)

        self.entry.typed.connect(self.put_line)
        self.entry.finished.connect(self._to_first_action)
        self.entry.cancelled.connect(self._stop_changing)
        self.remove_line_button.clicked.connect(self.remove_line)
        self.close_button.clicked.connect(self.reject)
        self.grid.delete_pressed.connect(self.remove_line)
        self.grid.edit_pressed.connect(self.change_line)
        self.form.submitted.connect(self.new_line)
        QShortcut(QKeySequence("Ctrl+N"), self).activated.connect(self.new_line)
        QShortcut(QKeySequence("Alt+L"), self).activated.connect(self.focus_lines)
        self._enable()
        self.resize(900, 560)
        (self.partner if setup.partner is None and setup.editable else self.entry.picker).setFocus()

    def add_action(
        self, text: str, shortcut: QKeySequence | QKeySequence.StandardKey | str, slot: Callable[[], Any]
    ) -> QPushButton:
        """A button before Cancel that runs `slot`, also on `shortcut`; the first one is where Enter on
        an empty product goes."""
        button = ActionButton(text, self)
        keys = QShortcut(QKeySequence(shortcut), self)
        keys.activated.connect(button.click)  # at once, and only while the button is enabled
        native = keys.key().toString(QKeySequence.SequenceFormat.NativeText)
        button.setToolTip(f"{text.rstrip('…')} ({native})")
        button.clicked.connect(slot)
        button.setEnabled(self.setup.editable)
        button.setVisible(self.setup.editable)  # a document that can no longer change is only read
        self.bottom.insertWidget(self.bottom.indexOf(self.close_button), button)
        self.action_buttons.append(button)
        return button

    # --- what a document supplies ------------------------------------------------------------

    def find_partners(self, text: str) -> Sequence[PartnerHit]:
        """The partners matching `text` (the first ones for nothing typed)."""
        raise NotImplementedError

    def find_products(self, partner_id: int, text: str) -> Sequence[LineProduct]:
        """The products matching `text` (a code, a barcode, words of the name) for the partner."""
        raise NotImplementedError

    def new_line_price(
        self, partner_id: int, product: LineProduct, packaging_id: int | None
    ) -> Decimal | None:
        """The price of one package of a new line, or None when the person must type it."""
        raise NotImplementedError

    def preview(self, partner_id: int, lines: Sequence[EditorLine]) -> LinesPreview:
        """What saving `lines` would store, or the ValidationError saving would raise."""
        raise NotImplementedError

    def store(self, partner_id: int, lines: Sequence[EditorLine], confirmed: frozenset[str]) -> None:
        """Save the document through its service (which may raise any domain error)."""
        raise NotImplementedError

    # --- state -------------------------------------------------------------------------------

    def partner_id(self) -> int | None:
        if self.setup.partner is not None:
            return self.setup.partner.id
        return self.partner.choice.id if self.partner.choice is not None else None

    def _enable(self) -> None:
        ready = self.setup.editable and self.partner_id() is not None
        for widget in self.entry.fields():
            widget.setEnabled(ready)
        self.partner.setEnabled(self.setup.editable)
        for part in (self.entry, self.keys_hint, self.remove_line_button):
            part.setVisible(self.setup.editable)

    def _find_products(self, text: str) -> Sequence[LineProduct]:
        partner = self.partner_id()
        return self.find_products(partner, text) if partner is not None and text else []

    def _new_line_price(self, product: LineProduct, packaging_id: int | None) -> Decimal | None:
        partner = self.partner_id()
        if partner is None:
            return None
        priced = run_service(self, lambda _confirmed: self.new_line_price(partner, product, packaging_id))
        return priced.value if priced.ok else None

    def _partner_changed(self) -> None:
        self._stop_changing()
        self.entry.clear()
        self._enable()
        self.refresh_totals()

    def refresh_totals(self) -> None:
        """The domain's prices and totals of the lines, or their refusals in their cells."""
        partner, lines = self.partner_id(), list(self.grid.lines)
        self.total_label.setText("")
        if self.setup.stored is not None and not self.setup.editable:
            self._show_amounts(self.setup.stored)
            return
        if partner is None or not lines:
            self.grid.set_amounts([])
            return
        previewed = run_service(
            self, lambda _confirmed: self.preview(partner, lines), on_invalid=self.show_invalid
        )
        if previewed.ok:
            self.entry.show_message("")
            self._show_amounts(previewed.value)

    def _show_amounts(self, amounts: LinesPreview) -> None:
        self.grid.set_amounts(amounts.lines)
        self.total_label.setText(_("Total: {total}").format(total=format_decimal(amounts.total, 2)))

    def show_invalid(self, error: ValidationError) -> None:
        """Header fields' messages under them, lines' in their cells, and every other one below the entry."""
        self.form.clear_errors()
        mine = [item for item in error.errors if self.form.shows_field(item.field)]
        if mine:
            self.form.show_errors(ValidationError(mine))
        problems = []
        for item in error.errors:
            line = line_of(item.field)
            if line is not None:
                problems.append(CellProblem(line.key - 1, line.part, item.message))
        self.grid.show_problems(problems)
        self.entry.show_message("\n".join(item.message for item in error.errors if item not in mine))

    # --- lines -------------------------------------------------------------------------------

    def new_line(self) -> None:
        """To the product of a new line (or to the first action when no line can be typed)."""
        if self.entry.picker.isEnabled():
            self._stop_changing()
            self.entry.clear()
            self.entry.picker.setFocus()
        else:
            self._to_first_action()

    def _to_first_action(self) -> None:
        if self.action_buttons and self.action_buttons[0].isEnabled():
            self.action_buttons[0].setFocus()

    def _stop_changing(self) -> None:
        self.editing = None

    def focus_lines(self) -> None:
        """To the lines, on the selected one or else the last."""
        if self.grid.selected() is None and self.grid.lines:
            self.grid.selectRow(len(self.grid.lines) - 1)
        self.grid.setFocus()

    def put_line(self, line: EditorLine) -> None:
        """A typed line into the lines (in place of the one being changed) if the domain takes it; its
        refusal stays with the entry."""
        partner = self.partner_id()
        if partner is None:
            return
        lines = list(self.grid.lines)
        row = len(lines) if self.editing is None else self.editing
        lines[row : row + 1] = [line]
        refusals: list[ValidationError] = []
        checked = run_service(
            self, lambda _confirmed: self.preview(partner, lines), on_invalid=refusals.append
        )
        if not checked.ok and not refusals:
            return  # refused as a whole, already shown
        for item in refusals[0].errors if refusals else ():
            ref = line_of(item.field)
            if ref is not None and ref.key == row + 1:
                self.entry.refuse(item.message, ref.part)
                return
        self.grid.set_lines(lines)
        self.grid.selectRow(row)
        self._stop_changing()
        self.entry.clear()
        self.refresh_totals()
        self.entry.picker.setFocus()

    def change_line(self) -> None:
        """The selected line back in the entry, to change it; Enter on its price puts it back."""
        row, partner = self.grid.selected(), self.partner_id()
        if row is None or partner is None or not self.entry.picker.isEnabled():
            return
        line = self.grid.lines[row]
        found = run_service(self, lambda _confirmed: self.find_products(partner, line.sku))
        hits = found.value if found.ok else []
        product = next((hit for hit in hits if hit.product_id == line.product_id), None)
        if product is None:
            self.entry.show_message(
                _("{product} can no longer be chosen: remove the line.").format(product=line.product)
            )
            return
        self.entry.load(product, line)
        self.editing = row

    def remove_line(self) -> None:
        row = self.grid.selected()
        if row is None or not self.setup.editable:
            return
        if self.editing is not None:
            self._stop_changing()
            self.entry.clear()
        lines = list(self.grid.lines)
        del lines[row]
        self.grid.set_lines(lines)
        if lines:
            self.grid.selectRow(min(row, len(lines) - 1))
        self.refresh_totals()

    # --- saving ------------------------------------------------------------------------------

    def save(self) -> bool:
        """Store the document with its lines (`store`); a refusal is shown where it belongs, a warning
        asked, and the editor stays open. True when it was saved."""
        partner, lines = self.partner_id(), list(self.grid.lines)
        self.form.clear_errors()
        self.entry.show_message("")
        if partner is None:
            self.form.show_errors(ValidationError.single(self.setup.partner_field, self.setup.choose_partner))
            return False
        saved = run_service(
            self,
            lambda confirmed: self.store(partner, lines, confirmed),
            title=self.windowTitle(),
            confirmed=self.confirmed,
            on_invalid=self._refused,
        )
        return saved.ok

    def _refused(self, error: ValidationError) -> None:
        """Shown where each message belongs; the focus on the first line refused, if no field is."""
        self.show_invalid(error)
        first = next((row for row in range(len(self.grid.lines)) if self.grid.problem(row)), None)
        if first is not None and not any(self.form.shows_field(item.field) for item in error.errors):
            self.grid.selectRow(first)
            self.grid.setFocus()

    def showEvent(self, event: Any) -> None:
        if not self._shown:
            self._shown = True
            self._set_tab_order()
            self.refresh_totals()
        super().showEvent(event)

    def _set_tab_order(self) -> None:
        """The header fields, the entry, the lines, then the buttons (a subclass adds its fields and
        buttons after the base made the rest)."""
        chain = [self.form.widget(name) for name in self.form.names()]
        chain += [*self.entry.fields(), self.grid, self.remove_line_button, *self.action_buttons]
        chain.append(self.close_button)
        for first, second in pairwise(chain):
            QWidget.setTabOrder(first, second)
