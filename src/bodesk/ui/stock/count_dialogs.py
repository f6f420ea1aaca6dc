"""The dialogs of the counts list: start a count, choose how the sheet prints, post, cancel.

Each is a FormDialog: `confirm()` calls one service and the domain's refusals come back inline.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QWidget,
)

from bodesk.domain.access.actor import Actor
from bodesk.domain.common.listing import ListRequest
from bodesk.domain.company.services import company_details
from bodesk.domain.stock.count_posting import CountReview, PostedCount, discrepancies, post_count
from bodesk.domain.stock.counts import cancel_count, count_choices, start_count, start_counts_everywhere
from bodesk.domain.stock.counts_queries import lines_query
from bodesk.i18n import _, format_decimal, format_money, ngettext
from bodesk.store.engine import Database
from bodesk.ui.widgets.forms import FormDialog
from bodesk.ui.widgets.lazy_table import LazyTableModel

EVERY_WAREHOUSE = -1


class StartCountDialog(FormDialog):
    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent, _("Start a stock count"), _("Start count"))
        self.db, self.actor = db, actor
        self.count_ids: list[int] = []
        choices = count_choices(db, actor)
        self.warehouse = QComboBox(self)
        for warehouse_id, code, name in choices.warehouses:
            self.warehouse.addItem(f"{code} · {name}", warehouse_id)
        if len(choices.warehouses) > 1:
            self.warehouse.addItem(_("Every warehouse (one count each)"), EVERY_WAREHOUSE)
        self.category = QComboBox(self)
        self.category.addItem(_("All categories"), None)
        for category_id, name in choices.categories:
            self.category.addItem(name, category_id)
        self.note = QLineEdit(self)
        self.note.setPlaceholderText(_("Month-end count, aisle A…"))
        self.set_intro(
            _(
                "The count lists every product each place holds now, with the quantity expected. "
                "Products found that are not listed are added as they are counted."
            )
        )
        self.form.add_field("warehouse", _("Warehouse"), self.warehouse)
        self.form.add_field("category", _("Category"), self.category)
        self.form.add_field("note", _("Note"), self.note)

    def can_confirm(self) -> bool:
        return self.warehouse.count() > 0

    def confirm(self) -> None:
        warehouse, category = self.warehouse.currentData(), self.category.currentData()
        note = self.note.text()
        if warehouse == EVERY_WAREHOUSE:
            self.count_ids = start_counts_everywhere(self.db, self.actor, category, note)
        else:
            self.count_ids = [start_count(self.db, self.actor, warehouse, category, note)]


class CancelCountDialog(FormDialog):
    def __init__(
        self, db: Database, actor: Actor, count_id: int, number: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent, _("Cancel count {number}").format(number=number), _("Cancel the count"))
        self.db, self.actor, self.count_id = db, actor, count_id
        self.cancel_button.setText(_("Keep it"))
        self.reason = QLineEdit(self)
        self.set_intro(_("Nothing in stock changes, and what was counted is kept only as a record."))
        self.form.add_field("reason", _("Reason"), self.reason)

    def can_confirm(self) -> bool:
        return bool(self.reason.text().strip())

    def confirm(self) -> None:
        cancel_count(self.db, self.actor, self.count_id, self.reason.text())


class SheetOptionsDialog(FormDialog):
    def __init__(self, number: int, parent: QWidget | None = None) -> None:
        super().__init__(parent, _("Count sheet {number}").format(number=number), _("Preview"))
        self.show_expected = QCheckBox(_("Print the expected quantities (not a blind count)"), self)
        self.set_intro(
            _(
                "The sheet lists each place's products with a box to write the quantity found. "
                "In a blind count the team does not see what the books say."
            )
        )
        self.form.add_row("", self.show_expected)


class PostCountDialog(FormDialog):
    """What posting changes (every discrepancy, the values, the lines not counted), then post."""

    def __init__(self, db: Database, actor: Actor, count_id: int, parent: QWidget | None = None) -> None:
        self.review: CountReview = discrepancies(db, actor, count_id)
        info = self.review.count
        super().__init__(parent, _("Post count {number}").format(number=info.number), _("Post count"))
        self.db, self.actor, self.count_id = db, actor, count_id
        self.posted: PostedCount | None = None
        currency = self.currency = company_details(db).currency
        review = self.review
        self.set_intro(
            _(
                "Posting adjusts the stock of {scope} to what was counted, in one go, at each product's "
                "average cost. It cannot be undone: a later count corrects it."
            ).format(scope=info.scope)
        )
        figures = [
            (_("Lines counted"), _("{counted} of {lines}").format(
                counted=format_decimal(review.counted), lines=format_decimal(review.lines))),
            (_("Stock found"), format_money(review.gain, currency)),
            (_("Stock missing"), format_money(review.loss, currency)),
            (_("Net adjustment"), format_money(review.net, currency)),
        ]  # fmt: skip
        if review.uncounted:
            figures.append(
                (
                    _("Not counted"),
                    ngettext(
                        "{n} line, {value} in stock", "{n} lines, {value} in stock", len(review.uncounted)
                    ).format(
                        n=format_decimal(len(review.uncounted)),
                        value=format_money(review.uncounted_value, currency),
                    ),
                )
            )
        for label, value in figures:
            self.form.add_row(label, QLabel(value, self))
        self.table = QTableView(self)
        self.model = LazyTableModel(db, actor, lines_query(db, actor, count_id), parent=self)
        self.model.set_request(ListRequest(filters={"view": "discrepancies"}, sort="value"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.table.setMinimumHeight(self.fontMetrics().height() * 14)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        keys = [column.key for column in self.model.columns]
        header.setSectionResizeMode(keys.index("product"), QHeaderView.ResizeMode.Stretch)
        for key in ("expiry", "unit", "expected"):
            self.table.hideColumn(keys.index(key))
        caption = ngettext(
            "{n} line differs, biggest loss first:",
            "{n} lines differ, biggest loss first:",
            len(review.discrepancies),
        ).format(n=format_decimal(len(review.discrepancies)))
        self.form.add_row(
            "", QLabel(caption if review.discrepancies else _("Every counted line matches."), self)
        )
        self.form.add_row("", self.table)
        self.table.setVisible(bool(review.discrepancies))
        self.zero = QCheckBox(_("Set the lines not counted to zero"), self)
        self.zero.setToolTip(_("Off: their stock stays as it is"))
        self.zero.setVisible(bool(review.uncounted))
        self.zero.toggled.connect(lambda _on: self.refresh_buttons())
        self.form.add_row("", self.zero)
        self.setMinimumSize(760, 520)

    def can_confirm(self) -> bool:
        return self.review.counted > 0 or (self.zero.isChecked() and bool(self.review.uncounted))

    def confirm(self) -> None:
        self.posted = post_count(
            self.db, self.actor, self.count_id, self.zero.isChecked(), frozenset(self.confirmed)
        )
