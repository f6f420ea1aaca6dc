"""The delivery screens for `bodesk screenshots`: the trips with a trip's stops, the plan dialog, a
stop's result, the settlement, routes, vehicles and containers."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog, QWidget

if TYPE_CHECKING:
    from bodesk.ui.mainwindow import MainWindow
    from bodesk.ui.screenshots import Camera


def _shoot(camera: Camera, name: str, dialog: QWidget | None) -> None:
    if isinstance(dialog, QDialog):
        camera.shoot(name, dialog)
        dialog.reject()


def _select(view: object, row: int = 0) -> None:
    model = view.model  # type: ignore[attr-defined]
    if model.rowCount() > row:
        view.table.selectRow(row)  # type: ignore[attr-defined]


def deliveries_shots(camera: Camera, window: MainWindow) -> None:
    from bodesk.ui.deliveries.containers import ContainersView
    from bodesk.ui.deliveries.fleet import RoutesView, VehiclesView
    from bodesk.ui.deliveries.settlement import SettlementView
    from bodesk.ui.deliveries.trips import TripsView

    trips = window.show_view("deliveries", "trips")
    if isinstance(trips, TripsView):
        trips.refresh()
        trips.status_filter.setCurrentIndex(trips.status_filter.findData("on_road"))
        _select(trips)
        _select(trips.stops)
        camera.shoot("deliveries-trips", window)
        trips.record_result()
        _shoot(camera, "deliveries-stop-result", trips.dialog)
        trips.plan()
        _shoot(camera, "deliveries-plan-trip", trips.dialog)
        trips.status_filter.setCurrentIndex(0)
    settlement = window.show_view("deliveries", "settlement")
    if isinstance(settlement, SettlementView):
        settlement.refresh()
        _select(settlement)
        camera.shoot("deliveries-settlement", window)
        settlement.settle_selected()
        _shoot(camera, "deliveries-settle-dialog", settlement.dialog)
    routes = window.show_view("deliveries", "routes")
    if isinstance(routes, RoutesView):
        _select(routes)
        camera.shoot("deliveries-routes", window)
    vehicles = window.show_view("deliveries", "vehicles")
    if isinstance(vehicles, VehiclesView):
        camera.shoot("deliveries-vehicles", window)
    containers = window.show_view("deliveries", "containers")
    if isinstance(containers, ContainersView):
        camera.shoot("deliveries-containers", window)
