"""What the stock module lets a role do."""

from __future__ import annotations

from bodesk.domain.access.permissions import Role, permission
from bodesk.i18n import N_

STOCK_VIEW = permission(
    "stock.view", N_("work with stock"), Role.MANAGER, Role.FINANCE, Role.SALES, Role.WAREHOUSE
)
CATALOGUE_EDIT = permission("catalogue.edit", N_("change the product catalogue"), Role.MANAGER)
WAREHOUSES_EDIT = permission("warehouses.edit", N_("set up warehouses and bins"), Role.MANAGER)
STOCK_MOVE = permission(
    "stock.move",
    N_("transfer stock and record adjustments, breakage and goods issued"),
    Role.MANAGER,
    Role.WAREHOUSE,
)
STOCK_COSTS = permission(
    "stock.costs",
    N_("see what goods cost and what the stock is worth"),
    Role.MANAGER,
    Role.FINANCE,
    Role.WAREHOUSE,
)
STOCK_COUNT = permission("stock.count", N_("count stock"), Role.MANAGER, Role.WAREHOUSE)
STOCK_COUNT_POST = permission("stock.count_post", N_("post a stock count's adjustments"), Role.MANAGER)
