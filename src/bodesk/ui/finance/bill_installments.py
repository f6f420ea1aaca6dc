"""The installments of a supplier bill as the person enters them: per installment its due date, its
amount and the supplier's boleto, typed (47 digits) or read by a barcode scanner (44 digits), with or
without dots and spaces. The boleto is read as it is typed: the field says at once whether it is valid,
with its amount and due date (which it suggests for the installment), or what is wrong."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from bodesk.domain.common.errors import FieldError, ValidationError, line_field
from bodesk.domain.common.figures import input_text, money_text, parse_number
from bodesk.domain.common.tones import Tone
from bodesk.domain.finance.bills import InstallmentInput
from bodesk.domain.finance.boleto import BARCODE_DIGITS, LINE_DIGITS, read_boleto
from bodesk.i18n import _, format_date
from bodesk.ui.widgets.date_filter import qdate
from bodesk.ui.widgets.tones import tone_color

DUE, AMOUNT, BOLETO, STATUS = 0, 1, 2, 3


def boleto_status(text: str, today: date) -> tuple[bool, str, Decimal | None, date | None]:
    """Whether the text is a valid boleto, what to say about it, and its amount and due date."""
    digits = "".join(char for char in text if char.isdigit())
    if not text.strip():
        return True, "", None, None
    if len(digits) not in (LINE_DIGITS, BARCODE_DIGITS) and len(digits) < LINE_DIGITS:
        return False, _("{count} of 47 digits").format(count=len(digits)), None, None
    try:
        boleto = read_boleto(text, today)
    except ValidationError as exc:
        return False, exc.message, None, None
    amount = money_text(boleto.amount) if boleto.amount is not None else _("amount not set")
    due = format_date(boleto.due_date) if boleto.due_date else _("no due date")
    return (
        True,
        _("Valid boleto: {amount}, due {due}.").format(amount=amount, due=due),
        boleto.amount,
        boleto.due_date,
    )


class InstallmentsEditor(QWidget):
    """A table of installments with Add and Remove buttons; `inputs()` reads them."""

    def __init__(self, parent: QWidget | None = None, today: date | None = None) -> None:
        super().__init__(parent)
        self.today = today or date.today()
        self.table = QTableWidget(0, 4, self)
        self.table.setHorizontalHeaderLabels([_("Due on"), _("Amount"), _("Boleto line or barcode"), ""])
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(BOLETO, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(STATUS, QHeaderView.ResizeMode.Stretch)
        self.dues: list[QDateEdit] = []
        self.amounts: list[QLineEdit] = []
        self.boletos: list[QLineEdit] = []
        self.statuses: list[QLabel] = []
        self.add_button = QPushButton(_("Add installment"), self)
        self.add_button.setAutoDefault(False)
        self.add_button.clicked.connect(lambda _checked=False: self.add_row(self.today, None))
        self.remove_button = QPushButton(_("Remove the last"), self)
        self.remove_button.setAutoDefault(False)
        self.remove_button.clicked.connect(lambda _checked=False: self.remove_last())
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        layout.addLayout(buttons)

    def add_row(self, due: date, amount: Decimal | None) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        due_edit = QDateEdit(self.table)
        due_edit.setCalendarPopup(True)
        due_edit.setDate(qdate(due))
        amount_edit = QLineEdit(input_text(amount, 2) if amount is not None else "", self.table)
        amount_edit.setAlignment(Qt.AlignmentFlag.AlignRight)
        boleto = QLineEdit(self.table)
        boleto.setPlaceholderText(_("Type the line or scan the barcode"))
        status = QLabel(self.table)
        status.setWordWrap(True)
        boleto.textChanged.connect(lambda text, n=row: self.boleto_typed(n, text))
        for column, widget in ((DUE, due_edit), (AMOUNT, amount_edit), (BOLETO, boleto), (STATUS, status)):
            self.table.setCellWidget(row, column, widget)
        self.dues.append(due_edit)
        self.amounts.append(amount_edit)
        self.boletos.append(boleto)
        self.statuses.append(status)

    def remove_last(self) -> None:
        if self.table.rowCount() > 1:
            self.table.removeRow(self.table.rowCount() - 1)
            for widgets in (self.dues, self.amounts, self.boletos, self.statuses):
                widgets.pop()

    def set_plan(self, total: Decimal, issued_on: date, days: int) -> None:
        """One installment of `total`, due `days` after `issued_on` (the supplier's terms)."""
        while self.table.rowCount():
            self.table.removeRow(0)
        self.dues, self.amounts, self.boletos, self.statuses = [], [], [], []
        self.add_row(issued_on + timedelta(days=days), total)

    def boleto_typed(self, row: int, text: str) -> None:
        valid, message, amount, due = boleto_status(text, self.today)
        label = self.statuses[row]
        label.setText(message)
        label.setProperty("valid", valid)
        color = tone_color(Tone.GOOD if valid else Tone.DANGER).name()
        label.setStyleSheet(f"color: {color};" if message else "")
        if valid and due is not None:
            self.dues[row].setDate(qdate(due))
        if valid and amount is not None and not self.amounts[row].text().strip():
            self.amounts[row].setText(input_text(amount, 2))

    def inputs(self) -> list[InstallmentInput]:
        found: list[InstallmentInput] = []
        problems: list[FieldError] = []
        for n in range(self.table.rowCount()):
            try:
                amount = parse_number(self.amounts[n].text(), line_field(n + 1, "amount"))
            except ValidationError as exc:
                problems.extend(exc.errors)
                continue
            due = self.dues[n].date().toPython()
            assert isinstance(due, date)
            found.append(InstallmentInput(due, amount, self.boletos[n].text()))
        if problems:
            raise ValidationError(problems)
        return found

    def show_errors(self, error: ValidationError) -> list[FieldError]:
        """Each boleto's or amount's problem beside it; returns the problems not shown here."""
        left = []
        for problem in error.errors:
            parts = problem.field.split(":")
            if len(parts) == 3 and parts[0] == "line" and parts[2] in ("boleto", "amount", "due_on"):
                row = int(parts[1]) - 1
                if 0 <= row < len(self.statuses):
                    self.statuses[row].setText(problem.message)
                    continue
            left.append(problem)
        return left
