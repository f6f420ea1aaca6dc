"""Recurring payables: the list of what is owed every month without a bill (rent, energy, phone,
salaries), Add… and Edit… (payee, description, expense account, amount, day due, active), and Generate
month… which writes the month's payables once (a second time writes nothing)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from bodesk.domain.access.actor import Actor
from bodesk.domain.access.permissions import is_allowed
from bodesk.domain.common.figures import money_text, parse_number
from bodesk.domain.finance.book_queries import chart_of_accounts
from bodesk.domain.finance.permissions import BILL
from bodesk.domain.finance.recurring import (
    LAST_DAY,
    RecurringData,
    add_recurring,
    generate_recurring,
    recurring_list,
    update_recurring,
)
from bodesk.domain.finance.recurring_models import RecurringPayable
from bodesk.domain.finance.reports.table import month_label
from bodesk.domain.finance.states import AccountKind
from bodesk.domain.purchasing.documents import supplier_choices
from bodesk.i18n import _, format_decimal
from bodesk.store.engine import Database
from bodesk.ui.widgets.date_filter import qdate
from bodesk.ui.widgets.dialogs import open_dialog
from bodesk.ui.widgets.forms import FormDialog
from bodesk.ui.widgets.icons import icon

COLUMNS = ("Description", "Supplier", "Account", "Amount", "Day", "Active", "Last month")
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


class RecurringDialog(FormDialog):
    def __init__(
        self, db: Database, actor: Actor, row: RecurringPayable | None, parent: QWidget | None
    ) -> None:
        super().__init__(parent, _("Recurring payable"), _("Save"))
        self.db, self.actor, self.row = db, actor, row
        self.description = QLineEdit(row.description if row else "", self)
        self.form.add_field("description", _("Description"), self.description)
        self.supplier = QComboBox(self)
        self.supplier.setEditable(True)
        self.supplier.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        for choice in supplier_choices(db, actor):
            self.supplier.addItem(choice.name, choice.id)
        if row is not None:
            self.supplier.setCurrentIndex(self.supplier.findData(row.supplier_id))
        self.form.add_field("supplier", _("Supplier (who is paid)"), self.supplier)
        self.account = QComboBox(self)
        for account in chart_of_accounts(db, actor, include_inactive=False):
            if account.postable and account.kind == AccountKind.EXPENSE:
                self.account.addItem(f"{account.code} {account.name}", account.id)
        if row is not None:
            self.account.setCurrentIndex(self.account.findData(row.account_id))
        self.form.add_field("account", _("Expense account"), self.account)
        self.amount = QLineEdit(format_decimal(row.amount, 2) if row else "", self)
        self.amount.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.form.add_field("amount", _("Amount a month"), self.amount)
        self.day = QSpinBox(self)
        self.day.setRange(1, LAST_DAY)
        self.day.setValue(row.day if row else 5)
        self.form.add_field("day", _("Due on day"), self.day, _("Of each month, 1 to 28."))
        self.active = QCheckBox(_("Generate it every month"), self)
        self.active.setChecked(row.active if row else True)
        self.form.add_field("active", _("Active"), self.active)
        self.form.focus_field("description")

    def data(self) -> RecurringData:
        text = self.amount.text().strip()
        return RecurringData(
            self.supplier.currentData(),
            self.description.text(),
            self.account.currentData(),
            parse_number(text, "amount") if text else None,
            self.day.value(),
            self.active.isChecked(),
        )

    def confirm(self) -> None:
        if self.row is None:
            add_recurring(self.db, self.actor, self.data())
        else:
            update_recurring(self.db, self.actor, self.row.id, self.data())


class GenerateDialog(FormDialog):
    def __init__(self, db: Database, actor: Actor, parent: QWidget | None) -> None:
        super().__init__(parent, _("Generate a month"), _("Generate"))
        self.db, self.actor = db, actor
        self.set_intro(
            _("Writes the month's payable of every active recurring payable not yet generated for it.")
        )
        self.month = QDateEdit(qdate(date.today().replace(day=1)), self)
        self.month.setDisplayFormat("MM/yyyy")
        self.month.setCalendarPopup(True)
        self.form.add_field("month", _("Month"), self.month)
        self.generated = 0

    def confirm(self) -> None:
        chosen = self.month.date()
        self.generated = generate_recurring(self.db, self.actor, date(chosen.year(), chosen.month(), 1))


class RecurringView(QWidget):
    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.actor = db, actor
        self.dialog: QDialog | None = None
        self.rows: list[RecurringPayable] = []
        toolbar = QHBoxLayout()
        allowed = is_allowed(actor.role, BILL)
        self.add_button = QPushButton(icon("add"), _("Add…"), self)
        self.add_button.clicked.connect(self.add)
        self.edit_button = QPushButton(icon("edit"), _("Edit…"), self)
        self.edit_button.clicked.connect(self.edit)
        self.generate_button = QPushButton(icon("refresh"), _("Generate month…"), self)
        self.generate_button.clicked.connect(self.generate)
        for button in (self.add_button, self.edit_button, self.generate_button):
            button.setVisible(allowed)
            toolbar.addWidget(button)
        toolbar.addStretch(1)
        self.table = QTableWidget(0, len(COLUMNS), self)
        self.table.setHorizontalHeaderLabels([_(title) for title in COLUMNS])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.doubleClicked.connect(lambda _index: self.edit())
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        layout = QVBoxLayout(self)
        layout.addLayout(toolbar)
        layout.addWidget(self.table, 1)
        self.refresh()

    def refresh(self) -> None:
        found = recurring_list(self.db, self.actor)
        self.rows = [row for row, _supplier, _account in found]
        self.table.setRowCount(len(found))
        for position, (row, supplier, account) in enumerate(found):
            cells = (
                row.description,
                supplier,
                account,
                money_text(row.amount),
                str(row.day),
                _("yes") if row.active else _("no"),
                month_label(row.last_month) if row.last_month else "",
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column in (3, 4):
                    item.setTextAlignment(_RIGHT)
                self.table.setItem(position, column, item)

    def selected(self) -> RecurringPayable | None:
        index = self.table.currentRow()
        return self.rows[index] if 0 <= index < len(self.rows) else None

    def add(self) -> None:
        open_dialog(self, RecurringDialog(self.db, self.actor, None, self))

    def edit(self) -> None:
        row = self.selected()
        if row is not None:
            open_dialog(self, RecurringDialog(self.db, self.actor, row, self))

    def generate(self) -> None:
        open_dialog(self, GenerateDialog(self.db, self.actor, self))
