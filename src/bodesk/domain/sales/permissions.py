"""What the sales module lets a role do."""

from __future__ import annotations

from bodesk.domain.access.permissions import Role, permission
from bodesk.i18n import N_

SALES_VIEW = permission(
    "sales.view", N_("work with sales"), Role.MANAGER, Role.FINANCE, Role.SALES, Role.WAREHOUSE
)
CUSTOMERS_EDIT = permission(
    "customers.edit", N_("add and change customers"), Role.MANAGER, Role.FINANCE, Role.SALES
)
PRICES_EDIT = permission("prices.edit", N_("change price tables, breaks and promotions"), Role.MANAGER)
SALES_ORDER = permission(
    "sales.order", N_("take, change, confirm and cancel sales orders"), Role.MANAGER, Role.SALES
)
SALES_SHIP = permission("sales.ship", N_("pick and ship sales orders"), Role.MANAGER, Role.WAREHOUSE)
SALES_DISCOUNT = permission("sales.discount_any", N_("give a discount above the role's limit"), Role.MANAGER)
SALES_BELOW_MINIMUM = permission(
    "sales.below_minimum", N_("sell below a product's minimum price"), Role.MANAGER
)
CREDIT_OVERRIDE = permission(
    "sales.credit_override", N_("confirm an order beyond a customer's credit"), Role.MANAGER, Role.FINANCE
)
SALES_RETURN = permission(
    "sales.return", N_("take goods back from customers"), Role.MANAGER, Role.SALES, Role.WAREHOUSE
)
COMMISSIONS_VIEW = permission("sales.commissions", N_("see sales commissions"), Role.MANAGER, Role.FINANCE)
SALES_SETTINGS = permission("sales.settings", N_("change the sales settings"), Role.MANAGER)
