"""Planning a trip: the day, the vehicle, the driver and helper, the route; the route's confirmed orders
due by that day, checked to load, with the load against the vehicle's capacity as they are checked."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import cast

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDateEdit, QLabel, QListWidget, QListWidgetItem, QWidget

from bodesk.domain.access.actor import Actor
from bodesk.domain.common.figures import money_text, quantity_text
from bodesk.domain.deliveries.lookups import Candidate, candidates, choices, trip_orders
from bodesk.domain.deliveries.planning import TripPlan, plan_trip, set_trip_orders
from bodesk.i18n import _
from bodesk.store.engine import Database
from bodesk.ui.deliveries.common import combo
from bodesk.ui.widgets.forms import FormDialog


class PlanTripDialog(FormDialog):
    """A new trip; or, with `trip_id`, the orders of a planned trip: those it carries come checked, with
    the route's other confirmed orders due by its day."""

    def __init__(
        self, db: Database, actor: Actor, parent: QWidget | None = None, trip_id: int | None = None
    ) -> None:
        super().__init__(
            parent,
            _("Change the trip's orders") if trip_id else _("Plan a trip"),
            _("Save") if trip_id else _("Plan"),
        )
        self.db, self.actor = db, actor
        self.trip_id: int | None = trip_id
        self.editing = trip_id is not None
        self.carried: list[Candidate] = []
        self.found: list[Candidate] = []
        known = choices(db, actor)
        self.capacities: dict[int, tuple[Decimal, Decimal]] = {}
        self.day = QDateEdit(QDate.currentDate(), self)
        self.day.setCalendarPopup(True)
        self.vehicle = combo(self, known.vehicles)
        self.driver = combo(self, known.drivers)
        self.helper = combo(self, known.helpers, _("No helper"))
        self.route = combo(self, known.routes)
        self.orders = QListWidget(self)
        self.orders.setMinimumHeight(220)
        self.load = QLabel(self)
        self.form.add_field("day", _("Day"), self.day)
        self.form.add_field("vehicle", _("Vehicle"), self.vehicle)
        self.form.add_field("driver", _("Driver"), self.driver)
        self.form.add_field("helper", _("Helper"), self.helper)
        self.form.add_field("route", _("Route"), self.route)
        self.form.add_field(
            "orders", _("Orders to load"), self.orders, _("Space checks or unchecks an order.")
        )
        self.form.add_row(_("Load"), self.load)
        self.set_intro(_("The route's confirmed orders due by the day, in the route's order, are checked."))
        self.route.currentIndexChanged.connect(self.reload)
        self.day.dateChanged.connect(self.reload)
        self.orders.itemChanged.connect(self.show_load)
        self.resize(620, 560)
        if trip_id is not None:
            self.carried, routes, day = trip_orders(db, actor, trip_id)
            self.day.setDate(QDate(day.year, day.month, day.day))
            if routes:
                self.route.setCurrentIndex(max(0, self.route.findData(routes[0])))
            for box in (self.day, self.vehicle, self.driver, self.helper, self.route):
                box.setEnabled(False)
            self.set_intro(_("Uncheck an order to take it off the trip; check one of the route's to add it."))
        self.reload()

    def reload(self) -> None:
        route = self.route.currentData()
        waiting = (
            candidates(self.db, self.actor, [route], cast(date, self.day.date().toPython())) if route else []
        )
        self.found = [*self.carried, *waiting]
        self.orders.blockSignals(True)
        self.orders.clear()
        for found in self.found:
            item = QListWidgetItem(
                _("Order {number} · {customer} · {value}").format(
                    number=found.number, customer=found.customer, value=money_text(found.value)
                )
            )
            item.setData(Qt.ItemDataRole.UserRole, found.order_id)
            carried = any(c.order_id == found.order_id for c in self.carried)
            item.setCheckState(
                Qt.CheckState.Checked if carried or not self.editing else Qt.CheckState.Unchecked
            )
            self.orders.addItem(item)
        self.orders.blockSignals(False)
        self.show_load()

    def chosen(self) -> list[int]:
        return [
            int(self.orders.item(n).data(Qt.ItemDataRole.UserRole))
            for n in range(self.orders.count())
            if self.orders.item(n).checkState() == Qt.CheckState.Checked
        ]

    def show_load(self) -> None:
        ids = set(self.chosen())
        picked = [c for c in self.found if c.order_id in ids]
        weight = sum((c.weight for c in picked), Decimal(0))
        cases = sum((c.cases for c in picked), Decimal(0))
        value = sum((c.value for c in picked), Decimal(0))
        self.load.setText(
            _("{orders} orders · {weight} kg · {cases} cases · {value}").format(
                orders=len(picked),
                weight=quantity_text(weight),
                cases=quantity_text(cases),
                value=money_text(value),
            )
        )
        self.refresh_buttons()

    def can_confirm(self) -> bool:
        return (
            bool(self.chosen())
            and self.vehicle.currentData() is not None
            and self.driver.currentData() is not None
        )

    def confirm(self) -> None:
        if self.editing and self.trip_id is not None:
            set_trip_orders(self.db, self.actor, self.trip_id, self.chosen(), frozenset(self.confirmed))
            return
        plan = TripPlan(
            cast(date, self.day.date().toPython()), self.vehicle.currentData(), self.driver.currentData(), self.chosen(),
            helper_id=self.helper.currentData(), route_id=self.route.currentData(),
        )  # fmt: skip
        self.trip_id = plan_trip(self.db, self.actor, plan, frozenset(self.confirmed))
