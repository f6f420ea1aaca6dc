"""What deliveries counts as work on the home page: trips on the road waiting to be settled."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bodesk.domain.access.actor import Actor
from bodesk.domain.deliveries.states import TripStatus
from bodesk.domain.deliveries.trip_models import Trip


def trips_to_settle(session: Session, actor: Actor) -> int:
    return int(
        session.execute(
            select(func.count()).select_from(Trip).where(Trip.status == TripStatus.ON_ROAD)
        ).scalar_one()
    )
