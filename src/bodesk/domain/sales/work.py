"""What sales counts as work on the home page (see `domain.work`): quotes waiting to be confirmed (for
who takes orders), confirmed orders waiting to be picked and orders being picked waiting to ship (for
the warehouse). A rep who sees only their own orders counts only those."""

from __future__ import annotations

from sqlalchemy import false, func, select
from sqlalchemy.orm import Session

from bodesk.domain.access.actor import Actor
from bodesk.domain.access.models import User
from bodesk.domain.sales.models import SalesRep
from bodesk.domain.sales.order_models import SalesOrder
from bodesk.domain.sales.settings import rules_in
from bodesk.domain.sales.states import OrderStatus


def _orders(session: Session, actor: Actor, status: OrderStatus) -> int:
    stmt = select(func.count()).select_from(SalesOrder).where(SalesOrder.status == status)
    role = session.execute(select(User.role).where(User.id == actor.user_id)).scalar_one_or_none()
    if role == "sales" and rules_in(session).reps_see_own:
        rep = session.execute(
            select(SalesRep.id).where(SalesRep.user_id == actor.user_id)
        ).scalar_one_or_none()
        stmt = stmt.where(SalesOrder.rep_id == rep) if rep is not None else stmt.where(false())
    return int(session.execute(stmt).scalar_one())


def quotes_to_confirm(session: Session, actor: Actor) -> int:
    return _orders(session, actor, OrderStatus.DRAFT)


def orders_to_pick(session: Session, actor: Actor) -> int:
    return _orders(session, actor, OrderStatus.CONFIRMED)


def orders_to_ship(session: Session, actor: Actor) -> int:
    return _orders(session, actor, OrderStatus.PICKING)
