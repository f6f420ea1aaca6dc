"""The Deliveries tab (Trips, Routes, Vehicles, Settlement, Containers). Loaded for the deliveries module
of the registry's list."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from bodesk.domain.access.actor import Actor
from bodesk.domain.deliveries.permissions import DELIVERIES_VIEW
from bodesk.domain.search import SearchHit
from bodesk.i18n import N_
from bodesk.store.engine import Database
from bodesk.ui.modules import ModuleTab, SubView, WorkCard, register_card, register_tab
from bodesk.ui.screenshots import register_shots
from bodesk.ui.search_box import Navigator, register_opener
from bodesk.ui.widgets.icons import register_icons

if TYPE_CHECKING:
    from bodesk.ui.mainwindow import MainWindow
    from bodesk.ui.screenshots import Camera


def _trips(db: Database, actor: Actor, parent: QWidget | None) -> QWidget:
    from bodesk.ui.deliveries.trips import TripsView

    return TripsView(db, actor, parent)


def _routes(db: Database, actor: Actor, parent: QWidget | None) -> QWidget:
    from bodesk.ui.deliveries.fleet import RoutesView

    return RoutesView(db, actor, parent)


def _vehicles(db: Database, actor: Actor, parent: QWidget | None) -> QWidget:
    from bodesk.ui.deliveries.fleet import VehiclesView

    return VehiclesView(db, actor, parent)


def _settlement(db: Database, actor: Actor, parent: QWidget | None) -> QWidget:
    from bodesk.ui.deliveries.settlement import SettlementView

    return SettlementView(db, actor, parent)


def _containers(db: Database, actor: Actor, parent: QWidget | None) -> QWidget:
    from bodesk.ui.deliveries.containers import ContainersView

    return ContainersView(db, actor, parent)


register_icons({"deliveries": "ph.truck", "truck": "ph.truck", "routes": "ph.map-trifold"})
register_tab(
    ModuleTab(
        "deliveries",
        N_("Deliveries"),
        DELIVERIES_VIEW,
        "deliveries",
        subviews=(
            SubView("trips", N_("Trips"), _trips),
            SubView("routes", N_("Routes"), _routes),
            SubView("vehicles", N_("Vehicles"), _vehicles),
            SubView("settlement", N_("Settlement"), _settlement),
            SubView("containers", N_("Containers"), _containers),
        ),
        order=35,
        keywords=(N_("Trip"), N_("Route"), N_("Vehicle"), N_("Returnable containers")),
    )
)
register_card(WorkCard("deliveries.to_settle", "deliveries", "settlement"))


@register_opener("trip", N_("Trip"))
def _open_trip(navigator: Navigator, hit: SearchHit) -> None:
    view = navigator.show_view("deliveries", "trips")
    open_trip = getattr(view, "open_trip", None)
    if open_trip is not None:
        open_trip(int(hit.key))


@register_shots
def _deliveries_shots(camera: Camera, window: MainWindow) -> None:
    """The delivery screens with the demo's trips, for `bodesk screenshots`."""
    from bodesk.ui.deliveries.shots import deliveries_shots

    deliveries_shots(camera, window)
