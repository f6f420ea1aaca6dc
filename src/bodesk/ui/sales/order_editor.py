"""The sales order editor: the document editor for a customer's order, typed from the keyboard while
the customer is on the phone.

The keyboard path: the customer by type-ahead (name, trade name, code, CNPJ/CPF or phone), Enter
goes straight to the first line; a line is the product (code, barcode or name; a scanner types the
code and Enter), Enter, the quantity in the product's default sales packaging ("5" on a case line is
five cases; F4 changes the packaging), Enter adds the line and returns to the product. Enter on an
empty product goes to Save quote, which Enter presses; Ctrl+S saves as a quote from anywhere,
Ctrl+Enter saves and confirms (stock reserved, credit checked), Ctrl+R brings the customer's last
order's lines. Tab reaches the price (the table's, shown as a hint) and the discount.

Each line shows the stock available for it (on hand − reserved − earlier lines of the order) in a
warning colour when short, and why it costs what it costs (`price_note`) in its tooltip and under the
lines when it is selected; the totals show value, units, cases and weight. Wanted on, ship from,
notes and a credit override reason (for who may confirm over a blocked credit) are under the
customer, reached by Tab.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from itertools import pairwise

from PySide6.QtCore import QDate
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QComboBox, QDateEdit, QLabel, QLineEdit, QVBoxLayout, QWidget

from bodesk.domain.access.actor import Actor
from bodesk.domain.access.permissions import is_allowed
from bodesk.domain.common.errors import ValidationError
from bodesk.domain.common.figures import money_text, quantity_text
from bodesk.domain.common.tones import Tone
from bodesk.domain.sales.documents import (
    OrderView,
    find_customers,
    find_sellable,
    order_view,
    preview_sale,
)
from bodesk.domain.sales.lookups import last_order_id
from bodesk.domain.sales.order_lines import SalesLineInput
from bodesk.domain.sales.orders import OrderHeader, confirm_order, create_order, update_order
from bodesk.domain.sales.permissions import CREDIT_OVERRIDE
from bodesk.domain.sales.states import ORDER_LIFECYCLE, OrderStatus
from bodesk.domain.stock.lookups import warehouses
from bodesk.i18n import _
from bodesk.store.engine import Database
from bodesk.ui.sales.order_lines import (
    AVAILABLE_COLUMN,
    SaleAmounts,
    SaleTotals,
    editor_line,
    line_product,
    sale_columns,
    sale_input,
    sale_totals,
    stored_totals,
)
from bodesk.ui.widgets.calls import run_service
from bodesk.ui.widgets.date_filter import qdate
from bodesk.ui.widgets.document_editor import DocumentEditor, DocumentSetup, PartnerHit
from bodesk.ui.widgets.document_lines import EditorLine, LinesPreview
from bodesk.ui.widgets.forms import FormPage, choice_combo
from bodesk.ui.widgets.line_entry import EntryNames, LineProduct
from bodesk.ui.widgets.tones import tone_brush

NO_DATE = QDate(2000, 1, 1)
MAX_HITS = 15


class SalesOrderEditor(DocumentEditor):
    """A new quote (choose the customer) or an existing order (`order`): a quote or a confirmed order
    not yet picked can be changed; any other is only read."""

    def __init__(
        self, db: Database, actor: Actor, parent: QWidget | None = None, order: OrderView | None = None
    ) -> None:
        editable = order is None or ORDER_LIFECYCLE.can_edit(order.status)
        title = (
            _("New sales order")
            if order is None
            else _("Sales order {n} · {status}").format(
                n=order.number, status=_(ORDER_LIFECYCLE.labels[OrderStatus(order.status)])
            )
        )
        setup = DocumentSetup(
            title=title,
            partner_field="customer",
            partner_label=_("Customer"),
            choose_partner=_("Choose the customer."),
            names=EntryNames(_("Quantity"), "packages", _("Price"), "price", _("Discount %"), "discount"),
            partner=PartnerHit(order.customer_id, order.customer, order.customer_code) if order else None,
            editable=editable,
            lines=[editor_line(line) for line in order.lines] if order is not None else (),
            stored=stored_totals(order) if order is not None else None,
            quick=True,
        )
        super().__init__(setup, parent)
        self.db, self.actor = db, actor
        self.order_id: int | None = order.id if order else None
        self.status = order.status if order else OrderStatus.DRAFT.value
        self.confirming = False
        self.grid.columns = sale_columns()
        self.grid.setColumnCount(len(self.grid.columns))
        self.grid.setHorizontalHeaderLabels([column.title for column in self.grid.columns])
        digit = self.grid.fontMetrics().horizontalAdvance("0")
        for index, column in enumerate(self.grid.columns):
            if column.chars:
                self.grid.setColumnWidth(index, column.chars * digit)
        self.details = FormPage(self)
        self.requested = QDateEdit(self)
        self.requested.setCalendarPopup(True)
        self.requested.setMinimumDate(NO_DATE)
        self.requested.setSpecialValueText(_("On the customer's next delivery day"))
        self.requested.setDate(qdate(order.requested_on) if order and order.requested_on else NO_DATE)
        self.details.add_field("requested_on", _("Wanted on"), self.requested)
        self.warehouse: QComboBox = choice_combo(
            self, warehouses(db, actor), (_("Any, in the company's order"), None)
        )
        if order is not None and order.warehouse_id is not None:
            self.warehouse.setCurrentIndex(max(self.warehouse.findData(order.warehouse_id), 0))
        self.details.add_field("warehouse", _("Ship from"), self.warehouse)
        self.notes = QLineEdit(order.notes if order else "", self)
        self.details.add_field(
            "notes", _("Notes"), self.notes, _("Printed on the order: delivery hours, gate…")
        )
        self.credit_note = QLineEdit(self)
        self.credit_note.setPlaceholderText(_("Only to confirm over a customer's blocked credit"))
        self.details.add_field("credit_note", _("Credit override"), self.credit_note)
        may_override = is_allowed(actor.role, CREDIT_OVERRIDE)
        self.credit_note.setVisible(may_override)
        self.details.label("credit_note").setVisible(may_override)
        for widget in (self.requested, self.warehouse, self.notes, self.credit_note):
            widget.setEnabled(editable)
        self.details.submitted.connect(self.new_line)
        layout = self.layout()
        if isinstance(layout, QVBoxLayout):
            layout.insertWidget(1, self.details)
        self.line_note = QLabel(self)
        self.line_note.setWordWrap(True)
        if isinstance(layout, QVBoxLayout):
            layout.insertWidget(layout.indexOf(self.grid) + 1, self.line_note)
        self.keys_hint.setText(
            _(
                "Enter moves on: product, quantity, Enter adds the line · F4 another packaging · Tab the price"
                " and discount · Ctrl+R the last order · Alt+L the lines: Enter changes one, Delete removes it"
                " · Esc clears a line, or cancels"
            )
        )
        self.save_button = self.add_action(_("Save quote"), QKeySequence.StandardKey.Save, self.save_quote)
        self.confirm_button = self.add_action(_("Save and confirm"), "Ctrl+Return", self.save_and_confirm)
        QShortcut(QKeySequence("Ctrl+R"), self).activated.connect(self.repeat_last)
        self.grid.itemSelectionChanged.connect(self.show_line_note)
        self.resize(1100, 640)

    # --- what a sales order supplies ---------------------------------------------------------

    def find_partners(self, text: str) -> list[PartnerHit]:
        found = find_customers(self.db, self.actor, text, MAX_HITS)
        return [
            PartnerHit(hit.id, hit.name, " · ".join(part for part in (hit.code, hit.detail) if part))
            for hit in found
        ]

    def find_products(self, partner_id: int, text: str) -> list[LineProduct]:
        return [line_product(hit) for hit in find_sellable(self.db, self.actor, text, MAX_HITS)]

    def new_line_price(
        self, partner_id: int, product: LineProduct, packaging_id: int | None
    ) -> Decimal | None:
        """The table's price of one package for the customer (shown as the price's hint)."""
        probe = SalesLineInput(product.product_id, packaging_id, Decimal(1))
        try:
            return preview_sale(self.db, self.actor, partner_id, [probe]).lines[0].price
        except ValidationError:
            return None

    def preview(self, partner_id: int, lines: Sequence[EditorLine]) -> LinesPreview:
        previewed = preview_sale(
            self.db, self.actor, partner_id, [sale_input(line) for line in lines], self.order_id
        )
        return sale_totals(previewed)

    def store(self, partner_id: int, lines: Sequence[EditorLine], confirmed: frozenset[str]) -> None:
        inputs = [sale_input(line) for line in lines]
        header = OrderHeader(self.requested_on(), self.notes.text(), self.warehouse.currentData())
        reason = self.credit_note.text()
        if self.order_id is None:
            self.order_id = create_order(
                self.db, self.actor, partner_id, inputs, header, self.confirming, confirmed, reason
            )
            if self.confirming:
                self.status = OrderStatus.CONFIRMED.value
            return
        update_order(self.db, self.actor, self.order_id, inputs, header, confirmed, reason)
        if self.confirming and ORDER_LIFECYCLE.can(self.status, OrderStatus.CONFIRMED):
            confirm_order(self.db, self.actor, self.order_id, confirmed, reason)
            self.status = OrderStatus.CONFIRMED.value

    def requested_on(self) -> date | None:
        chosen = self.requested.date()
        return None if chosen == NO_DATE else date(chosen.year(), chosen.month(), chosen.day())

    # --- what shows -----------------------------------------------------------------------------

    def _show_amounts(self, amounts: LinesPreview) -> None:
        super()._show_amounts(amounts)
        warning = tone_brush(Tone.WARNING)
        for row, shown in enumerate(amounts.lines):
            if not isinstance(shown, SaleAmounts):
                continue
            for column in range(self.grid.columnCount()):
                item = self.grid.item(row, column)
                if item is None:
                    continue
                item.setToolTip(_("Price: {note}").format(note=shown.note) if shown.note else "")
                if shown.short and column in (3, AVAILABLE_COLUMN):
                    item.setForeground(warning)
        if isinstance(amounts, SaleTotals):
            self.total_label.setText(
                _("Total: {total} · {units} units · {cases} cases · {weight} kg").format(
                    total=money_text(amounts.total),
                    units=quantity_text(amounts.units),
                    cases=quantity_text(amounts.cases),
                    weight=quantity_text(amounts.weight),
                )
            )
        self.show_line_note()

    def show_line_note(self) -> None:
        """Why the selected line (else the last one) costs what it costs, and whether stock is short."""
        amounts = self.grid.amounts
        row = self.grid.selected()
        if row is None and amounts:
            row = len(amounts) - 1
        if row is None or row >= len(amounts) or not isinstance(amounts[row], SaleAmounts):
            self.line_note.setText("")
            return
        shown = amounts[row]
        assert isinstance(shown, SaleAmounts)
        line = self.grid.lines[row]
        text = _("Line {n}, {product}: {note}.").format(n=row + 1, product=line.product, note=shown.note)
        if shown.short:
            text += " " + _("Only {available} available: the order is short.").format(
                available=quantity_text(shown.available)
            )
        self.line_note.setText(text)

    def _set_tab_order(self) -> None:
        super()._set_tab_order()
        chain = [
            self.partner,
            self.requested,
            self.warehouse,
            self.notes,
            self.credit_note,
            self.entry.picker,
        ]
        for first, second in pairwise(chain):
            QWidget.setTabOrder(first, second)

    def show_invalid(self, error: ValidationError) -> None:
        super().show_invalid(error)
        mine = [item for item in error.errors if self.details.shows_field(item.field)]
        self.details.clear_errors()
        if mine:
            self.details.show_errors(ValidationError(mine))

    # --- actions -------------------------------------------------------------------------------

    def save_quote(self) -> None:
        self.confirming = False
        if self.save():
            self.accept()

    def save_and_confirm(self) -> None:
        self.confirming = True
        saved = self.save()
        self.confirming = False
        if saved:
            self.accept()

    def repeat_last(self) -> None:
        """The lines of the customer's last order, priced by today's table, in place of those typed."""
        customer = self.partner_id()
        if customer is None or not self.setup.editable:
            return
        found = run_service(self, lambda _confirmed: last_order_id(self.db, self.actor, customer))
        if not found.ok:
            return
        last = found.value
        if last is None:
            self.entry.show_message(_("This customer has no order to repeat yet."))
            return
        order = run_service(self, lambda _confirmed: order_view(self.db, self.actor, last))
        if order.ok:
            self.grid.set_lines([editor_line(line) for line in order.value.lines])
            self.refresh_totals()
            self.entry.picker.setFocus()
