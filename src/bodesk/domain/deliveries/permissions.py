"""What the deliveries module lets a role do."""

from __future__ import annotations

from bodesk.domain.access.permissions import Role, permission
from bodesk.i18n import N_

DELIVERIES_VIEW = permission(
    "deliveries.view", N_("see trips, routes, vehicles and containers"),
    Role.MANAGER, Role.FINANCE, Role.SALES, Role.WAREHOUSE,
)  # fmt: skip
FLEET_EDIT = permission(
    "deliveries.fleet", N_("add and change vehicles, drivers and routes"), Role.MANAGER, Role.WAREHOUSE
)
TRIPS_PLAN = permission(
    "deliveries.plan",
    N_("plan, load and send trips, and record their deliveries"),
    Role.MANAGER,
    Role.WAREHOUSE,
)
TRIPS_SETTLE = permission("deliveries.settle", N_("settle and close trips"), Role.MANAGER, Role.FINANCE)
CONTAINERS_EDIT = permission(
    "deliveries.containers", N_("record returnable containers: types, returns, charges and corrections"),
    Role.MANAGER, Role.WAREHOUSE, Role.FINANCE,
)  # fmt: skip
DELIVERY_SETTINGS = permission("deliveries.settings", N_("change the delivery settings"), Role.MANAGER)
