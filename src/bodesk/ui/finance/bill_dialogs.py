"""The supplier bill dialogs: Bill receipts… (the supplier, the receipts ticked, the supplier's invoice
number and NF-e key, what it charges per line, then the installments with their boletos), Post… (the
installments of a bill approved) and Approve… (a note saying why the differences are accepted)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDateEdit,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from bodesk.domain.access.actor import Actor
from bodesk.domain.common.errors import FieldError, ValidationError, line_field
from bodesk.domain.common.figures import (
    datetime_text,
    input_text,
    money_text,
    parse_number,
    price_text,
    quantity_text,
)
from bodesk.domain.common.listing import ListRequest
from bodesk.domain.common.money import round_money
from bodesk.domain.finance.bill_queries import (
    LineToBill,
    ReceiptsToBillQuery,
    bill_figures,
    lines_to_bill,
    supplier_terms,
    suppliers_to_bill,
)
from bodesk.domain.finance.bills import BillLineInput, approve_bill, draft_bill, post_bill, update_bill_lines
from bodesk.domain.finance.nfe_key import validate_nfe_key
from bodesk.domain.finance.states import BillStatus
from bodesk.i18n import _
from bodesk.store.engine import Database
from bodesk.ui.finance.bill_installments import InstallmentsEditor
from bodesk.ui.widgets import messages
from bodesk.ui.widgets.date_filter import qdate
from bodesk.ui.widgets.forms import FormDialog, choice_combo

BILLED_QUANTITY, BILLED_COST = 5, 6


def _cell(text: str, right: bool = False) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
    if right:
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return item


class BillDialog(FormDialog):
    """Bill receipts: drafts the bill and, when it matches, posts it with its installments; a bill that
    differs is saved to wait for approval."""

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent, _("Bill receipts"), _("Save and post"))
        self.db, self.actor = db, actor
        self.bill_id: int | None = None
        self.waits_for_approval = False
        self.lines: list[LineToBill] = []
        self.set_intro(
            _("Choose the supplier and tick the receipts its invoice covers; change what it charges where "
              "the invoice differs, then enter the installments and their boletos.")
        )  # fmt: skip
        self.supplier = choice_combo(
            self, suppliers_to_bill(db, actor), (_("Choose a supplier"), 0), codes=False
        )
        self.supplier.currentIndexChanged.connect(lambda _index: self.load_receipts())
        self.form.add_field("supplier", _("Supplier"), self.supplier)
        self.receipts = QTableWidget(0, 5, self)
        self.receipts.setHorizontalHeaderLabels(
            [_("Receipt"), _("Received"), _("Order"), _("Supplier invoice"), _("Value")]
        )
        self.receipts.verticalHeader().hide()
        self.receipts.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.receipts.itemChanged.connect(lambda _item: self.load_lines())
        self.form.add_field("receipts", _("Receipts"), self.receipts)
        self.reference = QLineEdit(self)
        self.form.add_field("reference", _("Supplier's invoice number"), self.reference)
        self.nfe_key = QLineEdit(self)
        self.nfe_key.setPlaceholderText(_("44 digits, optional"))
        self.nfe_key.textChanged.connect(self.check_nfe_key)
        self.form.add_field("nfe_key", _("NF-e access key"), self.nfe_key)
        self.issued_on = QDateEdit(self)
        self.issued_on.setCalendarPopup(True)
        self.issued_on.setDate(qdate(date.today()))
        self.issued_on.dateChanged.connect(lambda _day: self.plan_installments())
        self.form.add_field("issued_on", _("Issued on"), self.issued_on)
        self.table = QTableWidget(0, 7, self)
        self.table.setHorizontalHeaderLabels(
            [_("Receipt"), _("SKU"), _("Product"), _("Received"), _("Cost"), _("Billed"), _("Billed cost")]
        )
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.itemChanged.connect(lambda _item: self.plan_installments())
        self.form.add_field("lines", _("Lines"), self.table)
        self.installments = InstallmentsEditor(self)
        self.form.add_field("installments", _("Installments"), self.installments)
        self.resize(980, 760)

    # --- loading ----------------------------------------------------------------------------------

    def supplier_id(self) -> int:
        return int(self.supplier.currentData() or 0)

    def load_receipts(self) -> None:
        query = ReceiptsToBillQuery()
        rows = query.page(self.db, self.actor, ListRequest(filters={"supplier": self.supplier_id()}), 0, 500)
        self.receipts.blockSignals(True)
        self.receipts.setRowCount(len(rows))
        for n, row in enumerate(rows):
            number = _cell(str(query.value(row, "number")))
            number.setFlags(number.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            number.setCheckState(Qt.CheckState.Unchecked)
            number.setData(Qt.ItemDataRole.UserRole, row.id)
            self.receipts.setItem(n, 0, number)
            self.receipts.setItem(n, 1, _cell(datetime_text(query.value(row, "received_at"))))
            self.receipts.setItem(n, 2, _cell(str(query.value(row, "order") or "")))
            self.receipts.setItem(n, 3, _cell(str(query.value(row, "supplier_invoice"))))
            self.receipts.setItem(n, 4, _cell(money_text(query.value(row, "total")), right=True))
        self.receipts.blockSignals(False)
        self.load_lines()

    def ticked(self) -> list[int]:
        found = []
        for n in range(self.receipts.rowCount()):
            item = self.receipts.item(n, 0)
            if item is not None and item.checkState() == Qt.CheckState.Checked:
                found.append(int(item.data(Qt.ItemDataRole.UserRole)))
        return found

    def tick(self, receipt_id: int) -> None:
        for n in range(self.receipts.rowCount()):
            item = self.receipts.item(n, 0)
            if item is not None and item.data(Qt.ItemDataRole.UserRole) == receipt_id:
                item.setCheckState(Qt.CheckState.Checked)

    def load_lines(self) -> None:
        ticked = self.ticked()
        self.lines = lines_to_bill(self.db, self.actor, ticked) if ticked else []
        self.table.blockSignals(True)
        self.table.setRowCount(len(self.lines))
        for n, line in enumerate(self.lines):
            texts = (str(line.receipt), line.sku, line.product)
            for column, text in enumerate(texts):
                self.table.setItem(n, column, _cell(text))
            self.table.setItem(n, 3, _cell(f"{quantity_text(line.quantity)} {line.unit}", right=True))
            self.table.setItem(n, 4, _cell(price_text(line.received_cost), right=True))
            for column, value in (
                (BILLED_QUANTITY, input_text(line.billed_quantity)),
                (BILLED_COST, input_text(line.billed_cost)),
            ):
                item = QTableWidgetItem(value)
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(n, column, item)
        self.table.blockSignals(False)
        self.plan_installments()
        self.refresh_buttons()

    def check_nfe_key(self, text: str) -> None:
        digits = "".join(text.split())
        if not digits or len(digits) < 44:
            self.form.set_error("nfe_key", "")
            return
        try:
            validate_nfe_key(text)
        except ValidationError as exc:
            self.form.set_error("nfe_key", exc.message)
        else:
            self.form.set_error("nfe_key", "")

    # --- figures ----------------------------------------------------------------------------------

    def line_inputs(self) -> list[BillLineInput]:
        found: list[BillLineInput] = []
        problems: list[FieldError] = []
        for n, line in enumerate(self.lines):
            try:
                quantity = parse_number(self._text(n, BILLED_QUANTITY), line_field(n + 1, "billed_quantity"))
                cost = parse_number(self._text(n, BILLED_COST), line_field(n + 1, "billed_cost"))
            except ValidationError as exc:
                problems.extend(exc.errors)
                continue
            found.append(BillLineInput(line.receipt_line_id, quantity, cost))
        if problems:
            raise ValidationError(problems)
        return found

    def _text(self, row: int, column: int) -> str:
        item = self.table.item(row, column)
        return item.text() if item is not None else ""

    def plan_installments(self) -> None:
        try:
            total = sum(
                (round_money(line.billed_quantity * line.billed_cost) for line in self.line_inputs()),
                Decimal(0),
            )
        except ValidationError:
            return
        terms = supplier_terms(self.db, self.actor, self.supplier_id()) if self.supplier_id() else 0
        day = self.issued_on.date().toPython()
        assert isinstance(day, date)
        self.installments.set_plan(total, day, terms)

    # --- saving -----------------------------------------------------------------------------------

    def can_confirm(self) -> bool:
        return bool(self.lines)

    def confirm(self) -> None:
        lines = self.line_inputs()
        day = self.issued_on.date().toPython()
        assert isinstance(day, date)
        if self.bill_id is None:
            self.bill_id = draft_bill(
                self.db, self.actor, self.supplier_id(), self.ticked(), self.reference.text(), day,
                self.nfe_key.text(), lines,
            )  # fmt: skip
            self.supplier.setEnabled(False)
            self.receipts.setEnabled(False)
        else:
            update_bill_lines(
                self.db, self.actor, self.bill_id, lines, self.reference.text(), day, self.nfe_key.text()
            )
        if bill_figures(self.db, self.actor, self.bill_id).status == BillStatus.TO_APPROVE.value:
            self.waits_for_approval = True
            return
        post_bill(self.db, self.actor, self.bill_id, self.installments.inputs())

    def show_invalid(self, error: ValidationError) -> None:
        left = self.installments.show_errors(error)
        rest = [problem for problem in left if not problem.field.startswith("line:")]
        lines = [problem for problem in left if problem.field.startswith("line:")]
        if rest or lines:
            super().show_invalid(ValidationError(rest + lines))


class PostBillDialog(FormDialog):
    """Post a bill (approved, or matched and saved): its installments and their boletos."""

    def __init__(self, db: Database, actor: Actor, bill_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent, _("Post supplier bill"), _("Post"))
        self.db, self.actor, self.bill_id = db, actor, bill_id
        figures = bill_figures(db, actor, bill_id)
        self.set_intro(
            _("Invoice {reference} of {supplier}: {total} (received {received}, difference {difference}).").format(
                reference=figures.reference, supplier=figures.supplier, total=money_text(figures.total),
                received=money_text(figures.received_value), difference=money_text(figures.difference),
            )
        )  # fmt: skip
        self.installments = InstallmentsEditor(self)
        self.installments.set_plan(figures.total, figures.issued_on, figures.payment_terms_days)
        self.form.add_field("installments", _("Installments"), self.installments)
        self.resize(820, 420)

    def confirm(self) -> None:
        post_bill(self.db, self.actor, self.bill_id, self.installments.inputs())

    def show_invalid(self, error: ValidationError) -> None:
        left: list[FieldError] = self.installments.show_errors(error)
        if left:
            messages.show_error(self, ValidationError(left))


class ApproveBillDialog(FormDialog):
    """Accept a bill's differences, saying why."""

    def __init__(self, db: Database, actor: Actor, bill_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent, _("Approve supplier bill"), _("Approve"))
        self.db, self.actor, self.bill_id = db, actor, bill_id
        figures = bill_figures(db, actor, bill_id)
        self.set_intro(
            _(
                "Invoice {reference} of {supplier} differs from what was ordered and received by {difference}:"
            ).format(
                reference=figures.reference,
                supplier=figures.supplier,
                difference=money_text(figures.difference),
            )
        )
        self.differences = QLabel(figures.differences, self)
        self.differences.setWordWrap(True)
        self.form.add_field("differences", _("Differences"), self.differences)
        self.note = QLineEdit(self)
        self.note.setPlaceholderText(_("Why the differences are accepted"))
        self.form.add_field("note", _("Note"), self.note)

    def confirm(self) -> None:
        approve_bill(self.db, self.actor, self.bill_id, self.note.text())
