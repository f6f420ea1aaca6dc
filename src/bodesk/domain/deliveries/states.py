"""A trip's states, a stop's results, the kinds of money collected at the door and the container moves'
reasons: each as data, with its label, in one place.

A trip (romaneio) is planned (numbered from series "trip"; its orders and stops may change), departs
(the goods move onto the truck), and closes once every stop has a result and the settlement adds up;
a planned trip may be cancelled. A closed or cancelled trip is frozen.
"""

from __future__ import annotations

from enum import StrEnum

from bodesk.domain.common.lifecycle import Lifecycle
from bodesk.domain.common.tones import Tone
from bodesk.i18n import N_


class TripStatus(StrEnum):
    PLANNED = "planned"
    ON_ROAD = "on_road"
    CLOSED = "closed"
    CANCELLED = "cancelled"


TRIP_LIFECYCLE = Lifecycle(
    kind="trip",
    noun=N_("Trip"),
    states=TripStatus,
    labels={
        TripStatus.PLANNED: N_("Planned"),
        TripStatus.ON_ROAD: N_("On the road"),
        TripStatus.CLOSED: N_("Closed"),
        TripStatus.CANCELLED: N_("Cancelled"),
    },
    transitions={
        TripStatus.PLANNED: frozenset({TripStatus.ON_ROAD, TripStatus.CANCELLED}),
        TripStatus.ON_ROAD: frozenset({TripStatus.CLOSED}),
        TripStatus.CLOSED: frozenset(),
        TripStatus.CANCELLED: frozenset(),
    },
    finished=frozenset({TripStatus.CLOSED, TripStatus.CANCELLED}),
    series="trip",
    numbered_in=TripStatus.PLANNED,
    editable=frozenset({TripStatus.PLANNED}),
    tones={TripStatus.ON_ROAD: Tone.INFO, TripStatus.CLOSED: Tone.GOOD, TripStatus.CANCELLED: Tone.MUTED},
)
ACTIVE_TRIP_STATES = (TripStatus.PLANNED, TripStatus.ON_ROAD)


class StopResult(StrEnum):
    DELIVERED = "delivered"
    PARTIAL = "partial"
    REFUSED = "refused"
    NOT_VISITED = "not_visited"


STOP_RESULTS: dict[str, str] = {
    StopResult.DELIVERED: N_("Delivered in full"),
    StopResult.PARTIAL: N_("Partly delivered"),
    StopResult.REFUSED: N_("Refused"),
    StopResult.NOT_VISITED: N_("Not visited"),
}


class RefusalReason(StrEnum):
    CLOSED = "closed"
    NO_MONEY = "no_money"
    DAMAGED = "damaged"
    NOT_ORDERED = "not_ordered"
    LATE = "late"
    OTHER = "other"


REFUSAL_REASONS: dict[str, str] = {
    RefusalReason.CLOSED: N_("Shop closed"),
    RefusalReason.NO_MONEY: N_("No money to pay"),
    RefusalReason.DAMAGED: N_("Damaged goods"),
    RefusalReason.NOT_ORDERED: N_("Not what was ordered"),
    RefusalReason.LATE: N_("Arrived too late"),
    RefusalReason.OTHER: N_("Other reason"),
}


class PayKind(StrEnum):
    CASH = "cash"
    PIX = "pix"
    CHEQUE = "cheque"
    CARD = "card"
    ON_ACCOUNT = "on_account"


PAY_KINDS: dict[str, str] = {
    PayKind.CASH: N_("Cash"),
    PayKind.PIX: N_("PIX"),
    PayKind.CHEQUE: N_("Cheque"),
    PayKind.CARD: N_("Card"),
    PayKind.ON_ACCOUNT: N_("On account"),
}
HANDED_IN = (PayKind.CASH, PayKind.PIX, PayKind.CHEQUE, PayKind.CARD)  # what the settlement counts


class SettleKind(StrEnum):
    MONEY = "money"
    GOODS = "goods"
    EMPTIES = "empties"


class ContainerReason(StrEnum):
    DELIVERY = "delivery"  # full out and empties in at a stop: one row per container type
    RETURN = "return"  # empties brought back outside a trip
    CHARGE = "charge"  # lost or broken, charged to the customer at its deposit value
    CORRECTION = "correction"  # a recorded correction of a customer's balance
    SUPPLIER = "supplier"  # full received from / empties returned to a supplier
    SHORTAGE = "shortage"  # empties the settlement found missing (or over) on the truck


CONTAINER_REASONS: dict[str, str] = {
    ContainerReason.DELIVERY: N_("Delivery"),
    ContainerReason.RETURN: N_("Empties returned"),
    ContainerReason.CHARGE: N_("Charged as lost or broken"),
    ContainerReason.CORRECTION: N_("Correction"),
    ContainerReason.SUPPLIER: N_("Supplier exchange"),
    ContainerReason.SHORTAGE: N_("Settlement difference"),
}


class PersonRole(StrEnum):
    DRIVER = "driver"
    HELPER = "helper"


PERSON_ROLES: dict[str, str] = {PersonRole.DRIVER: N_("Driver"), PersonRole.HELPER: N_("Helper")}
WEEKDAYS = (N_("Mon"), N_("Tue"), N_("Wed"), N_("Thu"), N_("Fri"), N_("Sat"), N_("Sun"))  # "1".."7"
