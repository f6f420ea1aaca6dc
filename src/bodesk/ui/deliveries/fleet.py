"""Vehicles with their drivers and helpers, and routes with their customers in visiting order. Add
vehicle… (Ctrl+N) and Add driver or helper… (Ctrl+Shift+N); Add route… (Ctrl+N)."""

from __future__ import annotations

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QCheckBox, QComboBox, QDialog, QLineEdit, QWidget

from bodesk.domain.access.actor import Actor
from bodesk.domain.access.permissions import is_allowed
from bodesk.domain.common.errors import ValidationError
from bodesk.domain.common.figures import parse_number, quantity_text
from bodesk.domain.deliveries.fleet import VehicleData, create_person, create_vehicle, update_vehicle
from bodesk.domain.deliveries.lookups import customer_by_code, route_customers, vehicle_card, warehouses
from bodesk.domain.deliveries.permissions import FLEET_EDIT
from bodesk.domain.deliveries.queries import PeopleQuery, RoutesQuery, RouteStopsQuery, VehiclesQuery
from bodesk.domain.deliveries.routes import create_route, set_route_stops
from bodesk.domain.deliveries.states import PERSON_ROLES
from bodesk.i18n import _
from bodesk.store.engine import Database
from bodesk.ui.deliveries.common import combo
from bodesk.ui.widgets.calls import run_service
from bodesk.ui.widgets.dialogs import open_dialog
from bodesk.ui.widgets.forms import FormDialog
from bodesk.ui.widgets.list_parts import LinesPanel, quiet_find_shortcut
from bodesk.ui.widgets.list_view import ListView


class VehicleDialog(FormDialog):
    """A new vehicle, or (with `vehicle_id`) a vehicle's plate, name, capacities, warehouse and use."""

    def __init__(
        self, db: Database, actor: Actor, parent: QWidget | None = None, vehicle_id: int | None = None
    ) -> None:
        super().__init__(
            parent,
            _("Change a vehicle") if vehicle_id else _("Add a vehicle"),
            _("Save") if vehicle_id else _("Add"),
        )
        self.db, self.actor, self.vehicle_id = db, actor, vehicle_id
        self.plate, self.name = QLineEdit(self), QLineEdit(self)
        self.kg, self.cases = QLineEdit(self), QLineEdit(self)
        self.warehouse = combo(self, warehouses(db, actor))
        self.form.add_field("plate", _("Plate"), self.plate, _("ABC1D23 (Mercosul) or ABC-1234"))
        self.form.add_field("name", _("Name"), self.name)
        self.form.add_field("capacity_kg", _("Capacity (kg)"), self.kg)
        self.form.add_field("capacity_cases", _("Capacity (cases)"), self.cases)
        self.form.add_field("warehouse", _("Leaves from"), self.warehouse)
        self.active = QCheckBox(_("In use"), self)
        self.active.setChecked(True)
        self.form.add_row("", self.active)
        card = vehicle_card(db, actor, vehicle_id) if vehicle_id else None
        if card is not None:
            plate, name, kg, cases, warehouse, active = card
            self.plate.setText(plate)
            self.name.setText(name)
            self.kg.setText(quantity_text(kg))
            self.cases.setText(quantity_text(cases))
            self.warehouse.setCurrentIndex(max(0, self.warehouse.findData(warehouse)))
            self.active.setChecked(active)
        self.form.focus_field("plate")

    def can_confirm(self) -> bool:
        return bool(self.plate.text().strip())

    def confirm(self) -> None:
        data = VehicleData(
            self.plate.text(), self.name.text(), parse_number(self.kg.text() or "0", "capacity_kg"),
            parse_number(self.cases.text() or "0", "capacity_cases"), self.warehouse.currentData(),
            self.active.isChecked(),
        )  # fmt: skip
        if self.vehicle_id is not None:
            update_vehicle(self.db, self.actor, self.vehicle_id, data)
        else:
            create_vehicle(self.db, self.actor, data)


class PersonDialog(FormDialog):
    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent, _("Add a driver or helper"), _("Add"))
        self.db, self.actor = db, actor
        self.name, self.phone = QLineEdit(self), QLineEdit(self)
        self.role = QComboBox(self)
        for value, label in PERSON_ROLES.items():
            self.role.addItem(_(label), value)
        self.form.add_field("name", _("Name"), self.name)
        self.form.add_field("role", _("Role"), self.role)
        self.form.add_field("phone", _("Phone"), self.phone)
        self.form.focus_field("name")

    def can_confirm(self) -> bool:
        return bool(self.name.text().strip())

    def confirm(self) -> None:
        create_person(self.db, self.actor, self.name.text(), self.role.currentData(), self.phone.text())


class PeoplePanel(ListView):
    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(db, actor, PeopleQuery(), "deliveries-people", parent)
        quiet_find_shortcut(self)
        self.set_empty_texts(_("No driver or helper yet: add one with Add driver or helper… (Ctrl+Shift+N)."))


class VehiclesView(ListView):
    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(db, actor, VehiclesQuery(), "deliveries-vehicles", parent)
        self.dialog: QDialog | None = None
        edits = is_allowed(actor.role, FLEET_EDIT)
        self.add_button(_("Add vehicle…"), "add", self.add_vehicle, "Ctrl+N").setVisible(edits)
        self.add_button(_("Add driver or helper…"), "add", self.add_person, "Ctrl+Shift+N").setVisible(edits)
        self.finish_toolbar()
        self.activated.connect(self.change_vehicle)
        self.people = PeoplePanel(db, actor, self)
        self.set_detail(self.people)
        self.set_empty_texts(_("No vehicle yet. Add the trucks with Add vehicle… (Ctrl+N)."))

    def add_vehicle(self) -> None:
        self.dialog = VehicleDialog(self.db, self.actor, self)
        open_dialog(self, self.dialog, self.refresh)

    def change_vehicle(self, vehicle_id: int) -> None:
        """Enter (or a double click) on a vehicle opens its form."""
        if is_allowed(self.actor.role, FLEET_EDIT):
            self.dialog = VehicleDialog(self.db, self.actor, self, vehicle_id)
            open_dialog(self, self.dialog, self.refresh)

    def add_person(self) -> None:
        self.dialog = PersonDialog(self.db, self.actor, self)
        open_dialog(self, self.dialog, self.people.refresh)


class RouteDialog(FormDialog):
    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent, _("Add a route"), _("Add"))
        self.db, self.actor = db, actor
        self.route_id: int | None = None
        self.name, self.weekdays = QLineEdit(self), QLineEdit(self)
        self.warehouse = combo(self, warehouses(db, actor))
        self.form.add_field("name", _("Name"), self.name)
        self.form.add_field(
            "weekdays", _("Weekdays"), self.weekdays, _("Digits: 1 Monday … 7 Sunday (135: Mon, Wed, Fri)")
        )
        self.form.add_field("warehouse", _("Leaves from"), self.warehouse)
        self.form.focus_field("name")

    def can_confirm(self) -> bool:
        return bool(self.name.text().strip())

    def confirm(self) -> None:
        self.route_id = create_route(
            self.db, self.actor, self.name.text(), self.weekdays.text(), self.warehouse.currentData()
        )


class RouteCustomerDialog(FormDialog):
    """Put a customer (by code) at the end of a route; one on another route moves to this one."""

    def __init__(self, db: Database, actor: Actor, route_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent, _("Add a customer to the route"), _("Add"))
        self.db, self.actor, self.route_id = db, actor, route_id
        self.code = QLineEdit(self)
        self.form.add_field(
            "customer", _("Customer's code"), self.code, _("A customer on another route moves to this one.")
        )
        self.form.focus_field("customer")

    def can_confirm(self) -> bool:
        return bool(self.code.text().strip())

    def confirm(self) -> None:
        customer = customer_by_code(self.db, self.actor, self.code.text())
        if customer is None:
            raise ValidationError.single(
                "customer", _("No customer has the code {code}.").format(code=self.code.text().strip())
            )
        stops = [c for c in route_customers(self.db, self.actor, self.route_id) if c != customer]
        set_route_stops(self.db, self.actor, self.route_id, [*stops, customer])


class RoutesView(ListView):
    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(db, actor, RoutesQuery(), "deliveries-routes", parent)
        self.dialog: QDialog | None = None
        edits = is_allowed(actor.role, FLEET_EDIT)
        self.add_button(_("Add route…"), "add", self.add_route, "Ctrl+N").setVisible(edits)
        self.add_button(_("Add customer…"), "add", self.add_customer, "Ctrl+Shift+N").setVisible(edits)
        self.finish_toolbar()
        self.customers = LinesPanel(
            db, actor, RouteStopsQuery(), "deliveries-route-stops", "route",
            _("Choose a route above to see its customers in visiting order."), _("No customer matches."), self,
        )  # fmt: skip
        self.set_detail(self.customers)
        self.selection_changed.connect(lambda: self.customers.show_document(self.selected_id()))
        self.set_empty_texts(
            _("No route yet. Add one with Add route… (Ctrl+N), then put its customers in order.")
        )
        for keys, step in (("Alt+Up", -1), ("Alt+Down", 1)):
            QShortcut(QKeySequence(keys), self).activated.connect(lambda step=step: self.move_customer(step))

    def add_route(self) -> None:
        self.dialog = RouteDialog(self.db, self.actor, self)
        open_dialog(self, self.dialog, self.refresh)

    def add_customer(self) -> None:
        route = self.selected_id()
        if route is not None:
            self.dialog = RouteCustomerDialog(self.db, self.actor, route, self)
            open_dialog(self, self.dialog, self.customers.refresh)

    def move_customer(self, step: int) -> None:
        """Alt+Up / Alt+Down: the chosen customer one place earlier or later in the route."""
        route, chosen = self.selected_id(), self.customers.selected_row()
        if route is None or chosen is None:
            return
        order = route_customers(self.db, self.actor, route)
        place = int(self.customers.value(chosen, "position")) - 1
        target = place + step
        if not 0 <= place < len(order) or not 0 <= target < len(order):
            return
        order[place], order[target] = order[target], order[place]
        if run_service(self, lambda _confirmed: set_route_stops(self.db, self.actor, route, order)).ok:
            self.customers.refresh()
            self.customers.table.selectRow(target)
