"""What purchasing counts as work on the home page: orders sent and waiting for their goods, and drafts
not sent yet (see `domain.work`)."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bodesk.domain.access.actor import Actor
from bodesk.domain.purchasing.models import PurchaseOrder
from bodesk.domain.purchasing.states import OrderStatus


def _orders(session: Session, *statuses: OrderStatus) -> int:
    stmt = select(func.count()).select_from(PurchaseOrder).where(PurchaseOrder.status.in_(statuses))
    return int(session.execute(stmt).scalar_one())


def orders_to_receive(session: Session, actor: Actor) -> int:
    return _orders(session, OrderStatus.SENT, OrderStatus.PARTLY_RECEIVED)


def drafts_to_send(session: Session, actor: Actor) -> int:
    return _orders(session, OrderStatus.DRAFT)
