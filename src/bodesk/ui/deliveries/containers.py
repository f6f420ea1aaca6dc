"""Who holds our returnable containers: customers' balances by container type with their deposit value,
by route or type, or only those over their allowance. Empties returned… (Ctrl+N) records empties
brought to the depot, a charge or a correction for the chosen customer; Statement (Ctrl+P) prints the
customer's containers statement."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QComboBox, QDialog, QLabel, QLineEdit, QWidget

from bodesk.domain.access.actor import Actor
from bodesk.domain.access.permissions import is_allowed
from bodesk.domain.deliveries.containers import (
    ContainerCount,
    record_customer_containers,
    record_supplier_containers,
)
from bodesk.domain.deliveries.lookups import balance_customer, choices, depot_containers, suppliers
from bodesk.domain.deliveries.permissions import CONTAINERS_EDIT
from bodesk.domain.deliveries.queries import ContainerBalancesQuery
from bodesk.domain.deliveries.states import CONTAINER_REASONS, ContainerReason
from bodesk.i18n import _
from bodesk.store.engine import Database
from bodesk.ui.deliveries.common import combo, count_box, document_path, show_written
from bodesk.ui.widgets.dialogs import open_dialog
from bodesk.ui.widgets.forms import FormDialog
from bodesk.ui.widgets.list_view import ListView


class EmptiesDialog(FormDialog):
    def __init__(
        self, db: Database, actor: Actor, customer: tuple[int, str], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent, _("Containers of {customer}").format(customer=customer[1]), _("Record"))
        self.db, self.actor, self.customer_id = db, actor, customer[0]
        self.reason = QComboBox(self)
        for reason in (ContainerReason.RETURN, ContainerReason.CHARGE, ContainerReason.CORRECTION):
            self.reason.addItem(_(CONTAINER_REASONS[reason]), reason.value)
        self.form.add_field("reason", _("What"), self.reason)
        self.counts = []
        for type_id, name in choices(db, actor).containers:
            box = count_box(self)
            self.form.add_field(f"count:{type_id}", name, box)
            self.counts.append((type_id, box))
        self.note = QLineEdit(self)
        self.form.add_field("note", _("Note"), self.note, _("Required for a correction."))
        self.form.focus_field("reason")

    def confirm(self) -> None:
        reason = self.reason.currentData()
        counts = [
            ContainerCount(
                t,
                empty=box.value() if reason != ContainerReason.CHARGE else 0,
                charged=box.value() if reason == ContainerReason.CHARGE else 0,
            )
            for t, box in self.counts
            if box.value()
        ]
        record_customer_containers(self.db, self.actor, self.customer_id, reason, counts, self.note.text())


class SupplierContainersDialog(FormDialog):
    """Containers exchanged with a supplier: full ones received (we owe them), empties returned."""

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent, _("Containers with a supplier"), _("Record"))
        self.db, self.actor = db, actor
        self.supplier = combo(self, suppliers(db, actor))
        self.form.add_field("supplier", _("Supplier"), self.supplier)
        self.counts = []
        for type_id, name in choices(db, actor).containers:
            full, empty = count_box(self), count_box(self)
            self.form.add_field(f"full:{type_id}", _("Full received: {name}").format(name=name), full)
            self.form.add_field(f"empty:{type_id}", _("Empties returned: {name}").format(name=name), empty)
            self.counts.append((type_id, full, empty))
        self.note = QLineEdit(self)
        self.form.add_field("note", _("Note"), self.note)
        self.form.focus_field("supplier")

    def confirm(self) -> None:
        counts = [
            ContainerCount(t, full=f.value(), empty=e.value())
            for t, f, e in self.counts
            if f.value() or e.value()
        ]
        record_supplier_containers(
            self.db, self.actor, self.supplier.currentData(), counts, note=self.note.text()
        )


class ContainersView(ListView):
    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(db, actor, ContainerBalancesQuery(), "deliveries-containers", parent)
        self.dialog: QDialog | None = None
        self.return_button = self.add_button(_("Empties returned…"), "add", self.record, "Ctrl+N")
        self.return_button.setVisible(is_allowed(actor.role, CONTAINERS_EDIT))
        self.supplier_button = self.add_button(_("Supplier exchange…"), "add", self.supplier_exchange)
        self.supplier_button.setVisible(is_allowed(actor.role, CONTAINERS_EDIT))
        self.finish_toolbar()
        self.add_button(_("Statement"), "print", self.statement, "Ctrl+P")
        self.depot = QLabel(self)
        known = choices(db, actor)
        self.route = combo(self, known.routes, _("All routes"))
        self.container = combo(self, known.containers, _("All containers"))
        self.route.currentIndexChanged.connect(
            lambda _i: self.model.set_filter("route", self.route.currentData())
        )
        self.container.currentIndexChanged.connect(
            lambda _i: self.model.set_filter("container", self.container.currentData())
        )
        self.add_filter(_("Route"), self.route)
        self.add_filter(_("Container"), self.container)
        self.over = QCheckBox(_("Over the allowance"), self)
        self.over.toggled.connect(lambda on: self.model.set_filter("over", on or None))
        self.add_filter_widget(self.over)
        self.add_filter_widget(self.depot)
        self.show_depot()
        self.set_empty_texts(
            _("No customer holds our containers. Deliveries of goods in returnable containers show here."),
            _("No balance matches the search or the filters. Clear them to see every balance."),
        )

    def show_depot(self) -> None:
        """Our empties in the warehouse and what we owe the suppliers, per container type."""
        parts = [
            _("{name} — empties here: {empties}; owed to suppliers: {owed}").format(
                name=c.name, empties=c.empties, owed=c.owed
            )
            for c in depot_containers(self.db, self.actor)
            if c.empties or c.owed
        ]
        self.depot.setText(" · ".join(parts))

    def refresh(self) -> None:
        super().refresh()
        self.show_depot()

    def supplier_exchange(self) -> None:
        self.dialog = SupplierContainersDialog(self.db, self.actor, self)
        open_dialog(self, self.dialog, self.refresh)

    def _customer(self) -> tuple[int, str] | None:
        chosen = self.selected_id()
        return balance_customer(self.db, self.actor, chosen) if chosen is not None else None

    def record(self) -> None:
        customer = self._customer()
        if customer is not None:
            self.dialog = EmptiesDialog(self.db, self.actor, customer, self)
            open_dialog(self, self.dialog, self.refresh)

    def statement(self) -> None:
        customer = self._customer()
        if customer is None:
            return
        from bodesk.reports.deliveries_statement import write_container_statement

        path = document_path(_("containers-{customer}.pdf").format(customer=customer[0]))
        show_written(self, lambda: write_container_statement(self.db, self.actor, customer[0], path))
