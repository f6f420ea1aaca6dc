"""The purchase order's states as people read them, and the one check every transition goes through.

The allowed transitions are data (`ORDER_TRANSITIONS` in models.py); every service that changes an
order's status calls `move_to`, so a refused transition always reads the same way.
"""

from __future__ import annotations

from bodesk.domain.purchasing.errors import OrderStateError
from bodesk.domain.purchasing.models import ORDER_TRANSITIONS, OrderStatus, PurchaseOrder
from bodesk.i18n import N_, _

STATUS_LABELS: dict[OrderStatus, str] = {
    OrderStatus.DRAFT: N_("Draft"),
    OrderStatus.SENT: N_("Sent"),
    OrderStatus.PARTLY_RECEIVED: N_("Partly received"),
    OrderStatus.RECEIVED: N_("Received"),
    OrderStatus.CANCELLED: N_("Cancelled"),
}


def status_label(status: str) -> str:
    """The translated name of a status code ("partly_received" -> "Partly received")."""
    try:
        return _(STATUS_LABELS[OrderStatus(status)])
    except ValueError:
        return status


def status_in_sentence(status: str) -> str:
    """The status as a word inside a sentence ("is sent", "está enviado")."""
    return status_label(status).lower()


def can_become(current: str, target: OrderStatus) -> bool:
    return target in ORDER_TRANSITIONS.get(OrderStatus(current), frozenset())


def move_to(order: PurchaseOrder, target: OrderStatus) -> None:
    """Set the order's status to `target`, or refuse naming both states."""
    if not can_become(order.status, target):
        raise OrderStateError(
            _("Purchase order {number} is {current}: it cannot become {target}.").format(
                number=order.number,
                current=status_in_sentence(order.status),
                target=status_in_sentence(target),
            )
        )
    order.status = target.value
