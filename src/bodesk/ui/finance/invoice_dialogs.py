"""The dialogs of the invoices list: invoice shipped orders (checked one by one or all, one invoice per
order or per customer, posted now or left as drafts), record the NF-e, cancel with a reason, and the
credit note of a return by its number."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from bodesk.domain.access.actor import Actor
from bodesk.domain.common.figures import money_text
from bodesk.domain.common.listing import ListRequest
from bodesk.domain.finance.credit_notes import cancel_invoice, credit_note_for_return
from bodesk.domain.finance.invoice_document import return_numbered
from bodesk.domain.finance.invoice_queries import OrdersToInvoiceQuery
from bodesk.domain.finance.invoicing import draft_invoices, invoice_orders, record_nfe
from bodesk.i18n import _, format_datetime
from bodesk.store.engine import Database
from bodesk.ui.widgets.forms import FormDialog

MAX_SHOWN = 500  # orders the dialog offers at once; a search narrows them


def _date_edit(parent: QWidget) -> QDateEdit:
    edit = QDateEdit(QDate.currentDate(), parent)
    edit.setCalendarPopup(True)
    return edit


class InvoiceOrdersDialog(FormDialog):
    """Shipped or delivered orders not invoiced yet, each with a check box (Space checks the current
    one); OK drafts their invoices and, unless told not to, posts them."""

    def __init__(self, db: Database, actor: Actor, parent: QWidget) -> None:
        super().__init__(parent, _("Invoice orders"), _("Invoice the orders"))
        self.db, self.actor = db, actor
        self.invoice_ids: list[int] = []
        self.query = OrdersToInvoiceQuery()
        self.set_intro(
            _(
                "Check the shipped orders to invoice (Space checks the current one). One invoice per order, "
                "or one per customer for all of its checked orders."
            )
        )
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(_("Customer or order number"))
        self.search.returnPressed.connect(self.load)
        self.form.add_field("search", _("Find"), self.search)
        self.table = QTableWidget(0, 5, self)
        self.table.setHorizontalHeaderLabels(
            [_("Order"), _("Customer"), _("Shipped"), _("Payment term"), _("Value")]
        )
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.setMinimumHeight(300)
        self.table.itemChanged.connect(lambda _item: self.refresh_buttons())
        self.form.add_field("orders", _("Orders"), self.table)
        buttons = QWidget(self)
        row = QHBoxLayout(buttons)
        row.setContentsMargins(0, 0, 0, 0)
        self.all_button = QPushButton(_("Check all"), buttons)
        self.none_button = QPushButton(_("Check none"), buttons)
        self.all_button.clicked.connect(lambda: self.check_all(True))
        self.none_button.clicked.connect(lambda: self.check_all(False))
        row.addWidget(self.all_button)
        row.addWidget(self.none_button)
        row.addStretch(1)
        self.form.add_row("", buttons)
        self.grouped = QCheckBox(_("One invoice per customer"), self)
        self.form.add_row("", self.grouped)
        self.post_now = QCheckBox(_("Post the invoices now (otherwise they stay drafts)"), self)
        self.post_now.setChecked(True)
        self.form.add_row("", self.post_now)
        self.issued_on = _date_edit(self)
        self.form.add_field("issued_on", _("Issued on"), self.issued_on)
        self.resize(820, 560)
        self.load()
        self.table.setFocus()

    def load(self) -> None:
        rows = self.query.page(self.db, self.actor, ListRequest(search=self.search.text()), 0, MAX_SHOWN)
        self.table.blockSignals(True)
        self.table.setRowCount(len(rows))
        for position, row in enumerate(rows):
            shipped = self.query.value(row, "shipped_at")
            texts = (
                str(self.query.value(row, "number")),
                str(self.query.value(row, "customer")),
                format_datetime(shipped) if shipped else "",
                str(self.query.value(row, "term") or _("On the day (cash)")),
                money_text(self.query.value(row, "value")),
            )
            for column, value in enumerate(texts):
                item = QTableWidgetItem(value)
                if column == 0:
                    item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                    item.setCheckState(Qt.CheckState.Unchecked)
                    item.setData(Qt.ItemDataRole.UserRole, row.id)
                if column == 4:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(position, column, item)
        self.table.blockSignals(False)
        if rows:
            self.table.setCurrentCell(0, 0)
        self.refresh_buttons()

    def check_all(self, checked: bool) -> None:
        state = Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
        for position in range(self.table.rowCount()):
            item = self.table.item(position, 0)
            if item is not None:
                item.setCheckState(state)

    def checked_orders(self) -> list[int]:
        found = []
        for position in range(self.table.rowCount()):
            item = self.table.item(position, 0)
            if item is not None and item.checkState() == Qt.CheckState.Checked:
                found.append(int(item.data(Qt.ItemDataRole.UserRole)))
        return found

    def can_confirm(self) -> bool:
        return bool(self.checked_orders())

    def confirm(self) -> None:
        day: date = self.issued_on.date().toPython()  # type: ignore[assignment]
        orders, grouped = self.checked_orders(), self.grouped.isChecked()
        if self.post_now.isChecked():
            self.invoice_ids = [p.id for p in invoice_orders(self.db, self.actor, orders, grouped, day)]
        else:
            self.invoice_ids = draft_invoices(self.db, self.actor, orders, grouped, day)


class NfeDialog(FormDialog):
    """The NF-e the fiscal software issued: its 44-digit access key (checked), number and series."""

    def __init__(self, db: Database, actor: Actor, invoice_id: int, title: str, parent: QWidget) -> None:
        super().__init__(parent, _("Record the NF-e of {document}").format(document=title), _("Record"))
        self.db, self.actor, self.invoice_id = db, actor, invoice_id
        self.set_intro(
            _("Paste the access key from the DANFE or the XML; the number and series may stay blank.")
        )
        self.key = QLineEdit(self)
        self.key.setMaxLength(60)
        self.number = QLineEdit(self)
        self.number.setMaxLength(9)
        self.series = QLineEdit(self)
        self.series.setMaxLength(3)
        self.form.add_field("nfe_key", _("Access key"), self.key, _("44 digits; spaces are ignored."))
        self.form.add_field("nfe_number", _("NF-e number"), self.number)
        self.form.add_field("nfe_series", _("Series"), self.series)
        self.form.focus_field("nfe_key")

    def can_confirm(self) -> bool:
        return bool(self.key.text().strip())

    def confirm(self) -> None:
        record_nfe(
            self.db, self.actor, self.invoice_id, self.number.text(), self.series.text(), self.key.text()
        )


class CancelInvoiceDialog(FormDialog):
    """Why the invoice is cancelled; OK posts the credit note of all that is left of it."""

    def __init__(self, db: Database, actor: Actor, invoice_id: int, number: int, parent: QWidget) -> None:
        super().__init__(parent, _("Cancel invoice {n}").format(n=number), _("Post the credit note"))
        self.db, self.actor, self.invoice_id = db, actor, invoice_id
        self.note_id: int | None = None
        self.cancel_button.setText(_("Keep the invoice"))
        self.set_intro(
            _(
                "A credit note of all that is left of invoice {n} is posted; its installments are settled "
                "by it. The invoice's number stays used."
            ).format(n=number)
        )
        self.reason = QLineEdit(self)
        self.form.add_field(
            "reason", _("Reason"), self.reason, _("Printed on the credit note and kept in the audit log.")
        )
        self.issued_on = _date_edit(self)
        self.form.add_field("issued_on", _("Issued on"), self.issued_on)
        self.form.focus_field("reason")

    def can_confirm(self) -> bool:
        return bool(self.reason.text().strip())

    def confirm(self) -> None:
        day: date = self.issued_on.date().toPython()  # type: ignore[assignment]
        self.note_id = cancel_invoice(self.db, self.actor, self.invoice_id, self.reason.text(), day)


class ReturnCreditDialog(FormDialog):
    """The credit note of a sales return of invoiced goods, by the return's number."""

    def __init__(self, db: Database, actor: Actor, parent: QWidget) -> None:
        super().__init__(parent, _("Credit a return"), _("Post the credit note"))
        self.db, self.actor = db, actor
        self.note_id: int | None = None
        self.set_intro(_("The credit note takes back the value of the goods the customer returned."))
        self.number = QLineEdit(self)
        self.form.add_field("return", _("Return number"), self.number)
        self.issued_on = _date_edit(self)
        self.form.add_field("issued_on", _("Issued on"), self.issued_on)
        self.form.focus_field("return")

    def can_confirm(self) -> bool:
        return self.number.text().strip().lstrip("#").isdigit()

    def confirm(self) -> None:
        day: date = self.issued_on.date().toPython()  # type: ignore[assignment]
        back = return_numbered(self.db, self.actor, int(self.number.text().strip().lstrip("#")))
        self.note_id = credit_note_for_return(self.db, self.actor, back, day)
