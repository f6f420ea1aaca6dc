"""Every mapped class of the deliveries module (the metadata loader imports this module)."""

from bodesk.domain.deliveries.container_models import (
    ContainerAllowance,
    ContainerBalance,
    ContainerDoc,
    ContainerMove,
    ContainerType,
    ProductContainer,
)
from bodesk.domain.deliveries.fleet_models import DeliveryPerson, DeliverySettings, Route, RouteStop, Vehicle
from bodesk.domain.deliveries.trip_models import (
    SettlementLine,
    StopCollection,
    StopEmpties,
    Trip,
    TripLine,
    TripOrder,
    TripStop,
)

__all__ = [
    "ContainerAllowance",
    "ContainerBalance",
    "ContainerDoc",
    "ContainerMove",
    "ContainerType",
    "DeliveryPerson",
    "DeliverySettings",
    "ProductContainer",
    "Route",
    "RouteStop",
    "SettlementLine",
    "StopCollection",
    "StopEmpties",
    "Trip",
    "TripLine",
    "TripOrder",
    "TripStop",
    "Vehicle",
]
