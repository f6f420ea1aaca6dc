"""Trips in the Ctrl+K search (by number, or a vehicle's plate), for those who see deliveries."""

from __future__ import annotations

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from bodesk.domain.access.actor import Actor
from bodesk.domain.access.guard import may
from bodesk.domain.common.numbering import typed_number
from bodesk.domain.deliveries.fleet_models import Vehicle
from bodesk.domain.deliveries.permissions import DELIVERIES_VIEW
from bodesk.domain.deliveries.states import TRIP_LIFECYCLE
from bodesk.domain.deliveries.trip_models import Trip
from bodesk.domain.search import SearchHit
from bodesk.i18n import _, format_date


def trip_hits(session: Session, actor: Actor, text: str, limit: int) -> list[SearchHit]:
    if not may(session, actor, DELIVERIES_VIEW):
        return []
    number = typed_number(text)
    plate = text.strip().upper().replace(" ", "")
    condition = Vehicle.plate == plate
    if number is not None:
        condition = or_(condition, Trip.number == number)
    rows = session.execute(
        select(Trip.id, Trip.number, Trip.day, Trip.status, Vehicle.plate)
        .join(Vehicle, Vehicle.id == Trip.vehicle_id)
        .where(condition)
        .order_by(Trip.number.desc())
        .limit(limit)
    )
    return [
        SearchHit(
            "trip",
            trip_id,
            _("Trip {number}").format(number=number_),
            f"{format_date(day)} · {plate_} · {TRIP_LIFECYCLE.label(status)}",
            str(number_),
        )
        for trip_id, number_, day, status, plate_ in rows
    ]
