"""Who holds our returnable containers: customers' balances by container type with their deposit value,
by route or type, or only those over their allowance. Empties returned… (Ctrl+N) records empties
brought to the depot, a charge or a correction for the chosen customer; Statement (Ctrl+P) prints the
customer's containers statement."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QComboBox, QDialog, QLineEdit, QWidget

from bodesk.domain.access.actor import Actor
from bodesk.domain.access.permissions import is_allowed
from bodesk.domain.deliveries.containers import ContainerCount, record_customer_containers
from bodesk.domain.deliveries.lookups import balance_customer, choices
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


class ContainersView(ListView):
    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(db, actor, ContainerBalancesQuery(), "deliveries-containers", parent)
        self.dialog: QDialog | None = None
        self.return_button = self.add_button(_("Empties returned…"), "add", self.record, "Ctrl+N")
        self.return_button.setVisible(is_allowed(actor.role, CONTAINERS_EDIT))
        self.finish_toolbar()
        self.add_button(_("Statement"), "print", self.statement, "Ctrl+P")
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
        self.set_empty_texts(
            _("No customer holds our containers. Deliveries of goods in returnable containers show here."),
            _("No balance matches the search or the filters. Clear them to see every balance."),
        )

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
