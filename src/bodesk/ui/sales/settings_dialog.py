"""The sales settings, for who may change them: the largest discount a role without the permission may
give, the days overdue tolerated before credit warns or blocks, whether reps see only their own
customers and orders, and the order warehouses are reserved from (drag to reorder)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QSpinBox,
    QWidget,
)

from bodesk.domain.access.actor import Actor
from bodesk.domain.common.figures import parse_number, quantity_text
from bodesk.domain.sales.settings import MAX_TOLERANCE_DAYS, SalesRules, sales_rules, save_rules
from bodesk.domain.stock.lookups import warehouses
from bodesk.i18n import NP_, _
from bodesk.store.engine import Database
from bodesk.ui.widgets.forms import FormDialog, count_words


class SalesSettingsDialog(FormDialog):
    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent, _("Sales settings"), _("Save"))
        self.db, self.actor = db, actor
        rules = sales_rules(db, actor)
        self.max_discount = QLineEdit(quantity_text(rules.max_discount), self)
        self.form.add_field(
            "max_discount",
            _("Largest discount %"),
            self.max_discount,
            _("What a role without the permission may give on a line; a manager may give more."),
        )
        self.tolerance = QSpinBox(self)
        self.tolerance.setRange(0, MAX_TOLERANCE_DAYS)
        self.tolerance.setValue(rules.overdue_tolerance_days)
        count_words(self.tolerance, NP_("{n} day", "{n} days"))
        self.form.add_field(
            "overdue_tolerance_days",
            _("Overdue tolerance"),
            self.tolerance,
            _("Bills overdue longer than this warn or block a customer's orders."),
        )
        self.reps_see_own = QCheckBox(_("Reps see only their own customers and orders"), self)
        self.reps_see_own.setChecked(rules.reps_see_own)
        self.form.add_field("reps_see_own", _("Sales reps"), self.reps_see_own)
        self.order = QListWidget(self)
        self.order.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        chosen = {warehouse: position for position, warehouse in enumerate(rules.warehouse_order)}
        for warehouse in sorted(warehouses(db, actor), key=lambda w: (chosen.get(w.id, len(chosen)), w.code)):
            item = QListWidgetItem(f"{warehouse.code} – {warehouse.name}")
            item.setData(Qt.ItemDataRole.UserRole, warehouse.id)
            self.order.addItem(item)
        self.order.setFixedHeight(self.fontMetrics().lineSpacing() * 5 + 12)
        self.form.add_field(
            "warehouse_order", _("Reserve from"), self.order, _("The first warehouse first; drag to reorder.")
        )
        self.form.focus_field("max_discount")

    def rules(self) -> SalesRules:
        order = tuple(
            int(self.order.item(row).data(Qt.ItemDataRole.UserRole)) for row in range(self.order.count())
        )
        return SalesRules(
            parse_number(self.max_discount.text(), "max_discount"),
            self.tolerance.value(),
            self.reps_see_own.isChecked(),
            order,
        )

    def confirm(self) -> None:
        save_rules(self.db, self.actor, self.rules())
