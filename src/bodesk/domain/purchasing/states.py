"""The purchase order's states as people read them, and the one lifecycle every change of state goes
through (`ORDER_LIFECYCLE.move`), so a refused transition always reads the same way."""

from __future__ import annotations

from enum import StrEnum

from bodesk.domain.common.lifecycle import Lifecycle
from bodesk.domain.common.tones import Tone
from bodesk.i18n import N_


class OrderStatus(StrEnum):
    DRAFT = "draft"
    SENT = "sent"
    PARTLY_RECEIVED = "partly_received"
    RECEIVED = "received"
    CANCELLED = "cancelled"


ORDER_LIFECYCLE = Lifecycle(
    kind="purchase_order",
    noun=N_("Purchase order"),
    states=OrderStatus,
    labels={
        OrderStatus.DRAFT: N_("Draft"),
        OrderStatus.SENT: N_("Sent"),
        OrderStatus.PARTLY_RECEIVED: N_("Partly received"),
        OrderStatus.RECEIVED: N_("Received"),
        OrderStatus.CANCELLED: N_("Cancelled"),
    },
    transitions={
        OrderStatus.DRAFT: frozenset({OrderStatus.SENT, OrderStatus.CANCELLED}),
        OrderStatus.SENT: frozenset(
            {OrderStatus.PARTLY_RECEIVED, OrderStatus.RECEIVED, OrderStatus.CANCELLED}
        ),
        OrderStatus.PARTLY_RECEIVED: frozenset({OrderStatus.PARTLY_RECEIVED, OrderStatus.RECEIVED}),
        OrderStatus.RECEIVED: frozenset(),
        OrderStatus.CANCELLED: frozenset(),
    },
    finished=frozenset({OrderStatus.RECEIVED, OrderStatus.CANCELLED}),
    series="purchase_order",
    numbered_in=OrderStatus.DRAFT,
    editable=frozenset({OrderStatus.DRAFT}),
    tones={
        OrderStatus.SENT: Tone.INFO,
        OrderStatus.PARTLY_RECEIVED: Tone.WARNING,
        OrderStatus.RECEIVED: Tone.GOOD,
        OrderStatus.CANCELLED: Tone.MUTED,
    },
)
OPEN_STATUSES = ORDER_LIFECYCLE.open_states()
