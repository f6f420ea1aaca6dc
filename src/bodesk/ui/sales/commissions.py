"""Commissions: each rep's rates per category (set by who may change the sales settings), and a rep's
statement for a period: each shipped order and return with its base, rate and commission, and the
totals."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from bodesk.domain.access.actor import Actor
from bodesk.domain.access.permissions import is_allowed
from bodesk.domain.common.figures import money_text, parse_number
from bodesk.domain.sales.commission_queries import CommissionRatesQuery
from bodesk.domain.sales.commissions import CommissionStatement, set_rate, statement
from bodesk.domain.sales.lookups import sales_choices
from bodesk.domain.sales.permissions import SALES_SETTINGS
from bodesk.domain.stock.lookups import categories
from bodesk.i18n import _, format_date, format_decimal
from bodesk.store.engine import Database
from bodesk.ui.sales.common import filter_combo
from bodesk.ui.widgets.calls import run_service
from bodesk.ui.widgets.date_filter import DateFilter
from bodesk.ui.widgets.dialogs import open_dialog
from bodesk.ui.widgets.forms import FormDialog
from bodesk.ui.widgets.list_view import ListView


class RateDialog(FormDialog):
    def __init__(self, db: Database, actor: Actor, parent: QWidget) -> None:
        super().__init__(parent, _("Set commission"), _("Save"))
        self.db, self.actor = db, actor
        choices = sales_choices(db, actor)
        self.rep = QComboBox(self)
        for choice in choices.reps:
            self.rep.addItem(choice.name, choice.id)
        self.form.add_field("rep", _("Sales rep"), self.rep)
        self.category = QComboBox(self)
        self.category.addItem(_("Every category without its own rate"), None)
        for choice in categories(db, actor):
            self.category.addItem(choice.name, choice.id)
        self.form.add_field("category", _("Category"), self.category)
        self.rate = QLineEdit(self)
        self.form.add_field("rate", _("Commission %"), self.rate)
        self.form.focus_field("rate")

    def can_confirm(self) -> bool:
        return self.rep.currentData() is not None and bool(self.rate.text().strip())

    def confirm(self) -> None:
        rate = parse_number(self.rate.text(), "rate")
        set_rate(self.db, self.actor, int(self.rep.currentData()), self.category.currentData(), rate)


class RatesView(ListView):
    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(db, actor, CommissionRatesQuery(), "commission-rates", parent)
        self.dialog: FormDialog | None = None
        self.set_button = self.add_button(_("Set commission…"), "edit", self.set_commission)
        self.set_button.setVisible(is_allowed(actor.role, SALES_SETTINGS))
        self.finish_toolbar()
        self.rep_filter = filter_combo(
            self, _("Sales rep"), "rep", sales_choices(db, actor).reps, _("All reps")
        )
        self.set_empty_texts(
            _("No commission is set yet. Set each rep's rate with Set commission…."),
            _("This rep has no commission set."),
        )

    def set_commission(self) -> None:
        open_dialog(self, RateDialog(self.db, self.actor, self))


class StatementView(QWidget):
    """A rep's statement for a period, read when Show is pressed."""

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.actor = db, actor
        self.report: CommissionStatement | None = None
        self.rep = QComboBox(self)
        for choice in sales_choices(db, actor).reps:
            self.rep.addItem(choice.name, choice.id)
        today = date.today()
        self.start, self.end = DateFilter(self), DateFilter(self)
        self.start.set_value(today.replace(day=1))
        self.end.set_value(today)
        self.show_button = QPushButton(_("Show"), self)
        self.show_button.clicked.connect(self.refresh)
        top = QHBoxLayout()
        for label, widget in ((_("Sales rep"), self.rep), (_("From"), self.start), (_("To"), self.end)):
            top.addWidget(QLabel(label + ":", self))
            top.addWidget(widget)
        top.addWidget(self.show_button)
        top.addStretch(1)
        self.table = QTableWidget(0, 7, self)
        self.table.setHorizontalHeaderLabels(
            [
                _("When"),
                _("Document"),
                _("Customer"),
                _("Category"),
                _("Base"),
                _("Commission %"),
                _("Commission"),
            ]
        )
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.totals = QLabel(self)
        self.totals.setAlignment(Qt.AlignmentFlag.AlignRight)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.totals)

    def refresh(self) -> None:
        rep, start, end = self.rep.currentData(), self.start.value(), self.end.value()
        if rep is None or start is None or end is None:
            self.totals.setText(_("Choose a rep and a period."))
            return
        found = run_service(self, lambda _confirmed: statement(self.db, self.actor, int(rep), start, end))
        if not found.ok:
            return
        self.report = found.value
        self.table.setRowCount(len(self.report.lines))
        for row, line in enumerate(self.report.lines):
            texts = (
                format_date(line.when.date()),
                line.document,
                line.customer,
                line.category,
                money_text(line.base),
                format_decimal(line.rate),
                money_text(line.commission),
            )
            for column, text in enumerate(texts):
                item = QTableWidgetItem(text)
                if column >= 4:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, column, item)
        self.totals.setText(
            _("Sales {base} · commission {commission}").format(
                base=money_text(self.report.base), commission=money_text(self.report.commission)
            )
        )


class CommissionsView(QSplitter):
    """The rates above, a rep's statement below."""

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Vertical, parent)
        self.rates = RatesView(db, actor, self)
        self.statement = StatementView(db, actor, self)
        self.addWidget(self.rates)
        self.addWidget(self.statement)
        self.setSizes([250, 450])

    def refresh(self) -> None:
        self.rates.refresh()
