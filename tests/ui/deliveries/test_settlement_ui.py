"""A trip settled from the keyboard as the evening clerk does: the trip on the road chosen, Enter opens
its settlement, the cash counted typed over what was expected; a short count without who answers is
refused with nothing saved; with the driver and a note it is saved, and Ctrl+Shift+C closes the trip."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from bodesk.domain.access.actor import Actor
from bodesk.domain.deliveries.departure import depart_trip
from bodesk.domain.deliveries.results import Collected, StopReport, record_result
from bodesk.domain.deliveries.settlement import settlement_of
from bodesk.domain.deliveries.states import PayKind, StopResult, TripStatus
from bodesk.store.engine import Database
from bodesk.ui.deliveries.settlement import SettleDialog, SettlementView
from bodesk.ui.deliveries.trips import TripsView
from tests.builders.deliveries import build_depot, order_for, plan, stops_of, trip_status
from tests.helpers.keyboard import Keyboard, activate
from tests.helpers.qt import ShownMessages

D = Decimal


def test_a_trip_is_settled_and_closed_from_the_keyboard(
    qtbot: QtBot, db: Database, owner: Actor, show: Callable[..., Any], shown: ShownMessages
) -> None:
    depot = build_depot(db, owner, customers=1)
    trip = plan(db, owner, depot, [order_for(db, owner, depot, depot.customers[0])])
    depart_trip(db, owner, trip)
    stop = stops_of(db, trip)[0]
    record_result(
        db,
        owner,
        stop.id,
        StopReport(StopResult.DELIVERED, received_by="Ana", collected=[Collected(PayKind.CASH, D("100.00"))]),
    )

    view: SettlementView = show(SettlementView(db, owner))
    activate(qtbot, view)
    keys = Keyboard(qtbot)
    qtbot.waitUntil(lambda: view.model.rowCount() == 1)
    view.table.setFocus()
    view.table.selectRow(0)
    assert view.selected_id() == trip
    keys.press(Qt.Key.Key_Return)  # opens the settlement
    qtbot.waitUntil(lambda: isinstance(view.dialog, SettleDialog))
    dialog = view.dialog
    assert isinstance(dialog, SettleDialog)
    qtbot.waitExposed(dialog)
    activate(qtbot, dialog)
    qtbot.waitUntil(lambda: keys.focus() is dialog.counted[0])  # cash, expected 100
    keys.type("90")
    keys.press(Qt.Key.Key_Return)  # short without who answers: refused, nothing saved
    assert len(shown.errors) == 1 and shown.errors[0].code == "trip.settlement"
    with db.read() as session:
        assert settlement_of(session, trip) == []
    dialog.counted[0].setFocus()
    keys.press(Qt.Key.Key_Tab)  # to who answers for it
    assert keys.focus() is dialog.responsible[0]
    keys.press(Qt.Key.Key_Down)  # the first person of the list
    keys.press(Qt.Key.Key_Tab)  # to the note
    keys.type("Troco errado")
    keys.press(Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    with db.read() as session:
        (cash, *_rest) = settlement_of(session, trip)
        assert (cash.counted, cash.note) == (D("90.00"), "Troco errado") and cash.responsible_id is not None

    activate(qtbot, view)
    view.table.setFocus()
    view.table.selectRow(0)
    keys.press(Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: trip_status(db, trip) == TripStatus.CLOSED)
    qtbot.waitUntil(lambda: view.model.rowCount() == 0)
    assert len(shown.errors) == 1


def test_the_trips_screen_departs_a_planned_trip_and_moves_a_stop_by_keyboard(
    qtbot: QtBot, db: Database, owner: Actor, show: Callable[..., Any], shown: ShownMessages
) -> None:
    depot = build_depot(db, owner, customers=2)
    trip = plan(db, owner, depot, [order_for(db, owner, depot, c) for c in depot.customers])
    first, second = (s.id for s in stops_of(db, trip))
    view: TripsView = show(TripsView(db, owner))
    activate(qtbot, view)
    keys = Keyboard(qtbot)
    qtbot.waitUntil(lambda: view.model.rowCount() == 1)
    view.table.setFocus()
    view.table.selectRow(0)
    qtbot.waitUntil(lambda: view.stops.model.rowCount() == 2)
    view.stops.table.setFocus()
    view.stops.table.selectRow(0)
    keys.press(Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)  # the first stop goes second
    assert [s.id for s in stops_of(db, trip)] == [second, first]
    view.table.setFocus()
    keys.press(Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: trip_status(db, trip) == TripStatus.ON_ROAD)
    assert shown.errors == []


def test_a_routes_customers_are_added_and_reordered_by_keyboard(
    qtbot: QtBot, db: Database, owner: Actor, show: Callable[..., Any], shown: ShownMessages
) -> None:
    from sqlalchemy import select

    from bodesk.domain.deliveries.fleet_models import RouteStop
    from bodesk.ui.deliveries.fleet import RouteCustomerDialog, RoutesView
    from tests.builders.sales import make_customer

    depot = build_depot(db, owner, customers=2)
    newcomer = make_customer(db, owner, 9, code="C900")
    view: RoutesView = show(RoutesView(db, owner))
    activate(qtbot, view)
    keys = Keyboard(qtbot)
    qtbot.waitUntil(lambda: view.model.rowCount() == 1)
    view.table.setFocus()
    view.table.selectRow(0)
    keys.press(Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: isinstance(view.dialog, RouteCustomerDialog))
    dialog = view.dialog
    assert isinstance(dialog, RouteCustomerDialog)
    activate(qtbot, dialog)
    qtbot.waitUntil(lambda: keys.focus() is dialog.code)
    keys.enter("c900")  # Enter on the last field goes to Add
    keys.press(Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible())

    def order() -> list[int]:
        with db.read() as session:
            return list(
                session.execute(
                    select(RouteStop.customer_id)
                    .where(RouteStop.route_id == depot.route)
                    .order_by(RouteStop.position)
                ).scalars()
            )

    assert order() == [*reversed(depot.customers), newcomer]
    activate(qtbot, view)
    qtbot.waitUntil(lambda: view.customers.model.rowCount() == 3)
    view.customers.table.setFocus()
    view.customers.table.selectRow(2)
    keys.press(Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert order() == [depot.customers[1], newcomer, depot.customers[0]] and shown.errors == []


def test_a_vehicle_is_added_and_changed_and_a_bad_plate_is_shown_beside_its_field(
    qtbot: QtBot, db: Database, owner: Actor, show: Callable[..., Any], shown: ShownMessages
) -> None:
    from sqlalchemy import select

    from bodesk.domain.deliveries.fleet_models import Vehicle
    from bodesk.ui.deliveries.fleet import VehicleDialog, VehiclesView

    build_depot(db, owner, customers=1)
    view: VehiclesView = show(VehiclesView(db, owner))
    view.add_vehicle()
    dialog = view.dialog
    assert isinstance(dialog, VehicleDialog)
    dialog.plate.setText("AB-12")
    dialog.accept()
    assert dialog.form.error("plate") and dialog.isVisible()  # refused beside the field, nothing saved
    dialog.plate.setText("xyz9a88")
    dialog.kg.setText("2.500")
    dialog.accept()
    with db.read() as session:
        made = session.execute(select(Vehicle).where(Vehicle.plate == "XYZ9A88")).scalar_one()
    view.change_vehicle(made.id)
    change = view.dialog
    assert isinstance(change, VehicleDialog) and change.plate.text() == "XYZ9A88"
    change.active.setChecked(False)
    change.accept()
    with db.read() as session:
        assert session.get(Vehicle, made.id).active is False  # type: ignore[union-attr]
    assert shown.errors == []


def test_a_planned_trip_drops_an_order_that_was_cancelled_and_departs(
    qtbot: QtBot, db: Database, owner: Actor, show: Callable[..., Any], shown: ShownMessages
) -> None:
    from bodesk.domain.sales.orders import cancel_order
    from bodesk.ui.deliveries.plan_dialog import PlanTripDialog

    depot = build_depot(db, owner, customers=2)
    kept, dropped = (order_for(db, owner, depot, c) for c in depot.customers)
    trip = plan(db, owner, depot, [kept, dropped])
    cancel_order(db, owner, dropped, "Cliente desistiu")
    view: TripsView = show(TripsView(db, owner))
    qtbot.waitUntil(lambda: view.model.rowCount() == 1)
    view.table.selectRow(0)
    view.depart_selected()
    assert len(shown.errors) == 1 and shown.errors[0].code == "trip.order_state"  # refused: nothing moved
    assert trip_status(db, trip) == TripStatus.PLANNED
    view.change_orders()
    dialog = view.dialog
    assert isinstance(dialog, PlanTripDialog) and sorted(dialog.chosen()) == sorted([kept, dropped])
    for n in range(dialog.orders.count()):
        item = dialog.orders.item(n)
        if item.data(Qt.ItemDataRole.UserRole) == dropped:
            item.setCheckState(Qt.CheckState.Unchecked)
    dialog.accept()
    assert [s.customer_id for s in stops_of(db, trip)] == [depot.customers[0]]
    view.table.selectRow(0)
    view.depart_selected()
    assert trip_status(db, trip) == TripStatus.ON_ROAD and len(shown.errors) == 1


def test_a_stop_result_is_recorded_and_shown_again_in_its_dialog(
    qtbot: QtBot, db: Database, owner: Actor, show: Callable[..., Any], shown: ShownMessages
) -> None:
    from bodesk.ui.deliveries.result_dialog import StopResultDialog

    depot = build_depot(db, owner, customers=1)
    trip = plan(db, owner, depot, [order_for(db, owner, depot, depot.customers[0])])
    depart_trip(db, owner, trip)
    stop = stops_of(db, trip)[0]
    dialog: StopResultDialog = show(StopResultDialog(db, owner, stop.id))
    dialog.accept()  # delivered, but nobody said who received it: shown beside the field
    assert dialog.form.error("received_by") and stops_of(db, trip)[0].result is None
    dialog.received_by.setText("Ana")
    dialog.money["cash"].setText("50")
    crate_back = next(back for type_id, back, _charged in dialog.empties if type_id == depot.crate)
    crate_back.setValue(1)
    dialog.accept()
    assert stops_of(db, trip)[0].result == StopResult.DELIVERED
    again: StopResultDialog = show(StopResultDialog(db, owner, stop.id))
    assert again.received_by.text() == "Ana" and again.outcome.currentData() == StopResult.DELIVERED
    assert next(back.value() for type_id, back, _c in again.empties if type_id == depot.crate) == 1
    assert shown.errors == []
