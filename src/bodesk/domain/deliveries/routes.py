"""Routes: a name, its weekdays and an ordered list of customer stops; each customer knows its route.

Decisions:
- Weekdays are digits 1 (Monday) to 7 (Sunday), kept sorted without repeats ("135").
- Setting a route's stops replaces them in the order given; a customer already on another route
  moves to this one (a customer is on one route at most).
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from bodesk.domain.access import audit
from bodesk.domain.access.actor import Actor
from bodesk.domain.access.guard import require
from bodesk.domain.common.errors import NotFound, Validator
from bodesk.domain.common.lengths import check_lengths
from bodesk.domain.deliveries.fleet_models import Route, RouteStop
from bodesk.domain.deliveries.permissions import FLEET_EDIT
from bodesk.domain.sales.models import Customer
from bodesk.domain.stock.models import Warehouse
from bodesk.i18n import _
from bodesk.store.engine import Database


def clean_weekdays(text: str) -> str | None:
    """ "531" -> "135"; None when a character is not a weekday digit 1-7."""
    days = text.replace(",", "").replace(" ", "")
    if any(day not in "1234567" for day in days):
        return None
    return "".join(sorted(set(days)))


def create_route_in(session: Session, actor: Actor, name: str, weekdays: str, warehouse_id: int) -> Route:
    check = Validator()
    text = " ".join(name.split())
    check.check(bool(text), "name", _("Enter the route's name."))
    check_lengths(check, {"name": (text, Route.name)})
    if text and session.execute(select(Route.id).where(Route.name == text)).first() is not None:
        check.add("name", _("Another route is called {name}.").format(name=text))
    days = clean_weekdays(weekdays)
    check.check(
        days is not None, "weekdays", _("Enter the weekdays as digits, 1 for Monday to 7 for Sunday.")
    )
    check.check(
        session.get(Warehouse, warehouse_id) is not None,
        "warehouse",
        _("Choose the warehouse the route leaves from."),
    )
    check.raise_if_any()
    route = Route(name=text, weekdays=days or "", warehouse_id=warehouse_id, active=True)
    session.add(route)
    session.flush()
    audit.record(session, actor, "route.add", "route", text, new={"weekdays": days})
    return route


def create_route(db: Database, actor: Actor, name: str, weekdays: str, warehouse_id: int) -> int:
    with db.write() as session:
        require(session, actor, FLEET_EDIT)
        return create_route_in(session, actor, name, weekdays, warehouse_id).id


def get_route(session: Session, route_id: int) -> Route:
    route = session.get(Route, route_id)
    if route is None:
        raise NotFound(_("This route no longer exists."), code="route.not_found")
    return route


def set_route_stops_in(session: Session, actor: Actor, route_id: int, customer_ids: Sequence[int]) -> None:
    route = get_route(session, route_id)
    check = Validator()
    unique = list(dict.fromkeys(customer_ids))
    known = (
        set(session.execute(select(Customer.id).where(Customer.id.in_(unique))).scalars())
        if unique
        else set()
    )
    check.check(len(known) == len(unique), "stops", _("A customer of the route no longer exists: reload it."))
    check.raise_if_any()
    session.execute(delete(RouteStop).where(RouteStop.route_id == route.id))
    if unique:
        session.execute(delete(RouteStop).where(RouteStop.customer_id.in_(unique)))
        session.execute(
            insert(RouteStop),
            [
                {"route_id": route.id, "customer_id": cid, "position": n}
                for n, cid in enumerate(unique, start=1)
            ],
        )
    audit.record(session, actor, "route.stops", "route", route.name, new={"stops": len(unique)})


def set_route_stops(db: Database, actor: Actor, route_id: int, customer_ids: Sequence[int]) -> None:
    """The route's customers, in the order the truck visits them."""
    with db.write() as session:
        require(session, actor, FLEET_EDIT)
        set_route_stops_in(session, actor, route_id, customer_ids)


def route_of(session: Session, customer_ids: Sequence[int]) -> dict[int, tuple[int, int]]:
    """Each customer's (route id, position) for the customers on a route."""
    rows = session.execute(
        select(RouteStop.customer_id, RouteStop.route_id, RouteStop.position).where(
            RouteStop.customer_id.in_(list(customer_ids))
        )
    )
    return {customer: (route, position) for customer, route, position in rows}
