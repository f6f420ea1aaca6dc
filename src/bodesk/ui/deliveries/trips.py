"""The trips list (romaneios), newest first, with the stops of the chosen trip under it.

Plan trip… (Ctrl+N) takes a route's confirmed orders; on a planned trip, Orders… (Ctrl+O) takes orders
off or adds the route's others, Alt+Up and Alt+Down move the chosen stop, Depart (Ctrl+D) sends it on
the road, Cancel trip drops it; on the road, Record result…
(Ctrl+R, or Enter on a stop) says what happened at a stop. Load manifest (Ctrl+P) prints the trip."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QComboBox, QDialog, QWidget

from bodesk.domain.access.actor import Actor
from bodesk.domain.access.permissions import is_allowed
from bodesk.domain.deliveries.departure import depart_trip
from bodesk.domain.deliveries.permissions import DELIVERY_SETTINGS, TRIPS_PLAN
from bodesk.domain.deliveries.planning import cancel_trip, reorder_stops
from bodesk.domain.deliveries.queries import StopsQuery, TripsQuery
from bodesk.domain.deliveries.states import TRIP_LIFECYCLE, TripStatus
from bodesk.i18n import _
from bodesk.store.engine import Database
from bodesk.ui.deliveries.common import document_path, show_written
from bodesk.ui.deliveries.plan_dialog import PlanTripDialog
from bodesk.ui.deliveries.result_dialog import StopResultDialog
from bodesk.ui.widgets.calls import run_service
from bodesk.ui.widgets.dialogs import open_dialog
from bodesk.ui.widgets.list_parts import LinesPanel
from bodesk.ui.widgets.list_view import ListView


class StopsPanel(LinesPanel):
    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(
            db, actor, StopsQuery(), "deliveries-stops", "trip",
            _("Choose a trip above to see its stops."), _("No stop matches the search."), parent,
        )  # fmt: skip


class TripsView(ListView):
    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(db, actor, TripsQuery(), "deliveries-trips", parent)
        self.dialog: QDialog | None = None
        plans = is_allowed(actor.role, TRIPS_PLAN)
        self.plan_button = self.add_button(_("Plan trip…"), "add", self.plan, "Ctrl+N")
        self.orders_button = self.add_button(_("Orders…"), "edit", self.change_orders, "Ctrl+O")
        self.depart_button = self.add_button(_("Depart"), "truck", self.depart_selected, "Ctrl+D")
        self.result_button = self.add_button(_("Record result…"), "edit", self.record_result, "Ctrl+R")
        self.cancel_button = self.add_button(_("Cancel trip"), "cancel", self.cancel_selected)
        for button in (
            self.plan_button,
            self.orders_button,
            self.depart_button,
            self.result_button,
            self.cancel_button,
        ):
            button.setVisible(plans)
        self.finish_toolbar()
        self.manifest_button = self.add_button(_("Load manifest"), "print", self.manifest_selected, "Ctrl+P")
        self.settings_button = self.add_button(_("Settings…"), "settings", self.open_settings)
        self.settings_button.setVisible(is_allowed(actor.role, DELIVERY_SETTINGS))
        self.status_filter = QComboBox(self)
        self.status_filter.addItem(_("All trips"), None)
        self.status_filter.addItem(_("Open (planned or on the road)"), "open")
        for state in TripStatus:
            self.status_filter.addItem(TRIP_LIFECYCLE.label(state), state.value)
        self.status_filter.currentIndexChanged.connect(
            lambda _i: self.model.set_filter("status", self.status_filter.currentData())
        )
        self.add_filter(_("Status"), self.status_filter)
        self.stops = StopsPanel(db, actor, self)
        self.set_detail(self.stops)
        self.selection_changed.connect(self._chosen)
        self.stops.activated.connect(lambda _id: self.record_result())
        for keys, step in (("Alt+Up", -1), ("Alt+Down", 1)):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.activated.connect(lambda step=step: self.move_stop(step))
        self.set_empty_texts(
            _("No trip yet. Plan one from a route's confirmed orders with Plan trip… (Ctrl+N)."),
            _("No trip matches the search or the state. Clear them to see every trip."),
        )
        self._chosen()

    def status(self) -> str | None:
        row = self.selected_row()
        return str(self.value(row, "status")) if row is not None else None

    def _chosen(self) -> None:
        status = self.status()
        self.stops.show_document(self.selected_id())
        self.depart_button.setEnabled(status is not None and TRIP_LIFECYCLE.can(status, TripStatus.ON_ROAD))
        self.orders_button.setEnabled(status is not None and TRIP_LIFECYCLE.can_edit(status))
        self.cancel_button.setEnabled(status is not None and TRIP_LIFECYCLE.can(status, TripStatus.CANCELLED))
        self.result_button.setEnabled(status == TripStatus.ON_ROAD)
        self.manifest_button.setEnabled(status is not None)

    def _run(self, call: Callable[[], object]) -> None:
        if run_service(self, lambda _confirmed: call()).ok:
            self.refresh()
            self._chosen()

    def plan(self) -> None:
        dialog = PlanTripDialog(self.db, self.actor, self)
        self.dialog = dialog

        def select_new() -> None:
            self.refresh()
            if dialog.trip_id is not None:
                self.select_id(dialog.trip_id)

        open_dialog(self, dialog, select_new)

    def change_orders(self) -> None:
        trip = self.selected_id()
        if trip is None or not TRIP_LIFECYCLE.can_edit(self.status() or ""):
            return
        dialog = PlanTripDialog(self.db, self.actor, self, trip)
        self.dialog = dialog
        open_dialog(self, dialog, self.stops.refresh)

    def depart_selected(self) -> None:
        trip = self.selected_id()
        if trip is not None:
            self._run(lambda: depart_trip(self.db, self.actor, trip))

    def cancel_selected(self) -> None:
        trip = self.selected_id()
        if trip is not None:
            self._run(lambda: cancel_trip(self.db, self.actor, trip))

    def record_result(self) -> None:
        stop = self.stops.selected_id()
        if stop is None or self.status() != TripStatus.ON_ROAD:
            return
        opened = run_service(self, lambda _confirmed: StopResultDialog(self.db, self.actor, stop, self))
        if opened.ok:
            self.dialog = opened.value
            open_dialog(self, opened.value, self.stops.refresh)

    def move_stop(self, step: int) -> None:
        trip, stop = self.selected_id(), self.stops.selected_id()
        if trip is None or stop is None or self.status() != TripStatus.PLANNED:
            return
        ids = [
            row.id for n in range(self.stops.model.rowCount()) if (row := self.stops.model.row(n)) is not None
        ]
        place = ids.index(stop)
        target = place + step
        if not 0 <= target < len(ids):
            return
        ids[place], ids[target] = ids[target], ids[place]
        if run_service(self, lambda _confirmed: reorder_stops(self.db, self.actor, trip, ids)).ok:
            self.stops.refresh()
            self.stops.select_id(stop)

    def open_settings(self) -> None:
        from bodesk.ui.deliveries.settings_dialog import DeliverySettingsDialog

        self.dialog = DeliverySettingsDialog(self.db, self.actor, self)
        open_dialog(self, self.dialog)

    def manifest_selected(self) -> None:
        row = self.selected_row()
        if row is None:
            return
        from bodesk.reports.deliveries_manifest import write_load_manifest

        number, trip_id = self.value(row, "number"), row.id
        path = document_path(_("load-manifest-{number}.pdf").format(number=number))
        show_written(self, lambda: write_load_manifest(self.db, self.actor, trip_id, path))

    def open_trip(self, trip_id: int) -> None:
        self.select_id(trip_id)
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)
