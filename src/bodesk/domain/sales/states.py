"""The sales order's states and the one lifecycle every change of state goes through.

A quote is a draft: numbered when it is typed (series "sales_order"), it can be confirmed (stock
reserved), picked, shipped, delivered and invoiced, or cancelled until it ships. It can be changed
while a draft or confirmed (not yet picked): a confirmed order's reservations are made again.
"""

from __future__ import annotations

from enum import StrEnum

from bodesk.domain.common.lifecycle import Lifecycle
from bodesk.i18n import N_


class OrderStatus(StrEnum):
    DRAFT = "draft"
    CONFIRMED = "confirmed"
    PICKING = "picking"
    SHIPPED = "shipped"
    DELIVERED = "delivered"
    INVOICED = "invoiced"
    CANCELLED = "cancelled"


ORDER_LIFECYCLE = Lifecycle(
    kind="sales_order",
    noun=N_("Sales order"),
    states=OrderStatus,
    labels={
        OrderStatus.DRAFT: N_("Quote"),
        OrderStatus.CONFIRMED: N_("Confirmed"),
        OrderStatus.PICKING: N_("Picking"),
        OrderStatus.SHIPPED: N_("Shipped"),
        OrderStatus.DELIVERED: N_("Delivered"),
        OrderStatus.INVOICED: N_("Invoiced"),
        OrderStatus.CANCELLED: N_("Cancelled"),
    },
    transitions={
        OrderStatus.DRAFT: frozenset({OrderStatus.CONFIRMED, OrderStatus.CANCELLED}),
        OrderStatus.CONFIRMED: frozenset(
            {OrderStatus.DRAFT, OrderStatus.PICKING, OrderStatus.SHIPPED, OrderStatus.CANCELLED}
        ),
        OrderStatus.PICKING: frozenset({OrderStatus.CONFIRMED, OrderStatus.SHIPPED, OrderStatus.CANCELLED}),
        OrderStatus.SHIPPED: frozenset({OrderStatus.DELIVERED, OrderStatus.INVOICED}),
        OrderStatus.DELIVERED: frozenset({OrderStatus.INVOICED}),
        OrderStatus.INVOICED: frozenset(),
        OrderStatus.CANCELLED: frozenset(),
    },
    finished=frozenset({OrderStatus.INVOICED, OrderStatus.CANCELLED}),
    series="sales_order",
    numbered_in=OrderStatus.DRAFT,
    editable=frozenset({OrderStatus.DRAFT, OrderStatus.CONFIRMED}),
)
OPEN_STATUSES = (OrderStatus.DRAFT, OrderStatus.CONFIRMED, OrderStatus.PICKING)
RESERVING_STATUSES = (OrderStatus.CONFIRMED, OrderStatus.PICKING)
SHIPPED_STATUSES = (OrderStatus.SHIPPED, OrderStatus.DELIVERED, OrderStatus.INVOICED)


class ReturnReason(StrEnum):
    DAMAGED = "damaged"
    EXPIRED = "expired"
    REFUSED = "refused"
    EXCHANGE = "exchange"


RETURN_REASONS = {
    ReturnReason.DAMAGED: N_("Damaged"),
    ReturnReason.EXPIRED: N_("Expired"),
    ReturnReason.REFUSED: N_("Refused by the customer"),
    ReturnReason.EXCHANGE: N_("Exchange"),
}


class CreditPolicy(StrEnum):
    WARN = "warn"
    BLOCK = "block"
