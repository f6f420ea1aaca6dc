"""What stock counts as work on the home page: products below their minimum, lots expired or near
expiry with stock left, counts still open (see `domain.work`). Each is one counting query over
indexed columns, whatever the size of the catalogue."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bodesk.domain.access.actor import Actor
from bodesk.domain.stock.alerts import NEAR_EXPIRY_DAYS, below_minimum
from bodesk.domain.stock.models import ZERO, Lot, Product, StockCount, StockQuant
from bodesk.domain.stock.states import CountStatus


def products_below_minimum(session: Session, actor: Actor) -> int:
    stmt = select(func.count()).select_from(Product).where(Product.active.is_(True), below_minimum())
    return int(session.execute(stmt).scalar_one())


def _count_lots(session: Session, until: date, since: date | None) -> int:
    """Lots with stock whose expiry falls before `until` (and on or after `since`)."""
    held = select(StockQuant.lot_id).where(StockQuant.quantity > ZERO, StockQuant.lot_id.is_not(None))
    stmt = select(func.count()).select_from(Lot).where(Lot.id.in_(held), Lot.expiry < until)
    if since is not None:
        stmt = stmt.where(Lot.expiry >= since)
    return int(session.execute(stmt).scalar_one())


def lots_expired(session: Session, actor: Actor) -> int:
    return _count_lots(session, date.today(), None)


def lots_expiring(session: Session, actor: Actor) -> int:
    today = date.today()
    return _count_lots(session, today + timedelta(days=NEAR_EXPIRY_DAYS + 1), today)


def counts_open(session: Session, actor: Actor) -> int:
    stmt = select(func.count()).select_from(StockCount).where(StockCount.status == CountStatus.OPEN)
    return int(session.execute(stmt).scalar_one())
