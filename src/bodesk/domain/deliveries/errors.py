"""Why a delivery action was refused, beyond a field's validation."""

from __future__ import annotations

from bodesk.domain.common.errors import UserError


class TripRefused(UserError):
    """A trip cannot take an order, leave or close as asked (the message says what to do)."""

    code = "trip.refused"


class OverCapacity(UserError):
    """The load is over the vehicle's capacity and the company blocks it."""

    code = "trip.over_capacity"


class SettlementRefused(UserError):
    """The settlement does not add up without a recorded difference, or is missing or stale."""

    code = "trip.settlement"


class ContainersRefused(UserError):
    """More empties back than the customer holds, outside a recorded correction."""

    code = "containers.refused"
