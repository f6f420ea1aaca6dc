"""What the purchasing module lets a role do."""

from __future__ import annotations

from bodesk.domain.access.permissions import Role, permission
from bodesk.i18n import N_

PURCHASING_VIEW = permission(
    "purchasing.view", N_("work with purchasing"), Role.MANAGER, Role.FINANCE, Role.WAREHOUSE
)
SUPPLIERS_EDIT = permission(
    "suppliers.edit", N_("change suppliers and their prices"), Role.MANAGER, Role.FINANCE
)
PURCHASE_ORDER = permission("purchasing.order", N_("prepare, send and cancel purchase orders"), Role.MANAGER)
PURCHASE_RECEIVE = permission("purchasing.receive", N_("receive goods"), Role.MANAGER, Role.WAREHOUSE)
PURCHASE_OVER_RECEIVE = permission(
    "purchasing.over_receive", N_("receive more than was ordered"), Role.MANAGER
)
