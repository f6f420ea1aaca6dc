"""Read side of deliveries: the lists of trips, a trip's stops, vehicles, drivers and helpers, routes
and container balances, paged, sorted and filtered in SQL.

Filters (ListRequest.filters):
- TripsQuery: "status" a trip status, or "open" (planned or on the road); "vehicle", "route" ids;
  "from"/"to" days.
- StopsQuery: "trip" id (required).
- RoutesQuery, VehiclesQuery, PeopleQuery: "active" True/False.
- ContainerBalancesQuery: "route" id; "container" type id; "over" True (above the allowance).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import and_, false, func, or_, select, type_coerce
from sqlalchemy.orm import aliased

from bodesk.domain.common.listing import AnySelect, ListColumn, ListQuery, ListRequest, contains, has_words
from bodesk.domain.common.models import Money
from bodesk.domain.common.numbering import typed_number
from bodesk.domain.deliveries.container_models import ContainerAllowance, ContainerBalance, ContainerType
from bodesk.domain.deliveries.fleet_models import DeliveryPerson, Route, RouteStop, Vehicle
from bodesk.domain.deliveries.permissions import DELIVERIES_VIEW
from bodesk.domain.deliveries.states import ACTIVE_TRIP_STATES, PERSON_ROLES, STOP_RESULTS, TRIP_LIFECYCLE
from bodesk.domain.deliveries.trip_models import StopCollection, Trip, TripOrder, TripStop
from bodesk.domain.sales.models import Customer
from bodesk.i18n import N_, _


def _label(labels: dict[Any, str]) -> Any:
    return lambda value: _(labels[value]) if value in labels else (value or "")


def _weekdays(value: str | None) -> str:
    names = (N_("Mon"), N_("Tue"), N_("Wed"), N_("Thu"), N_("Fri"), N_("Sat"), N_("Sun"))
    return " ".join(_(names[int(day) - 1]) for day in (value or "") if day in "1234567")


class _Joined(ListQuery):
    """A list whose filters read joined tables: counted over its whole select."""

    def count(self, db: Any, actor: Any, request: ListRequest) -> int:
        with db.read() as session:
            self.readable(session, actor, request)
            stmt = self.where(self.base(), request).subquery()
            return int(session.execute(select(func.count()).select_from(stmt)).scalar_one())


class TripsQuery(_Joined):
    action = DELIVERIES_VIEW
    entity = Trip
    columns = (
        ListColumn("number", N_("Number"), Trip.number, kind="ref"),
        ListColumn("day", N_("Day"), Trip.day, kind="date"),
        ListColumn("status", N_("Status"), Trip.status, label=TRIP_LIFECYCLE.label, tone=TRIP_LIFECYCLE.tone),
        ListColumn("vehicle", N_("Vehicle"), Vehicle.plate, kind="code"),
        ListColumn("driver", N_("Driver"), DeliveryPerson.name),
        ListColumn("route", N_("Route"), Route.name),
        ListColumn("stops", N_("Stops"), Trip.stops, kind="number", total=True),
        ListColumn("weight", N_("Weight (kg)"), Trip.weight, kind="quantity"),
        ListColumn("cases", N_("Cases"), Trip.cases, kind="quantity"),
        ListColumn("value", N_("Value"), Trip.value, kind="money", total=True),
    )
    default_sort = "number"
    default_descending = True

    def base(self) -> AnySelect:
        return (
            super()
            .base()
            .join(Vehicle, Vehicle.id == Trip.vehicle_id)
            .join(DeliveryPerson, DeliveryPerson.id == Trip.driver_id)
            .outerjoin(Route, Route.id == Trip.route_id)
        )

    def where(self, stmt: AnySelect, request: ListRequest) -> AnySelect:
        if request.search:
            number = typed_number(request.search)
            found = or_(contains(Vehicle.plate, request.search), contains(DeliveryPerson.name, request.search),
                        contains(Route.name, request.search))  # fmt: skip
            stmt = stmt.where(or_(found, Trip.number == number) if number is not None else found)
        status = request.filter("status")
        if status == "open":
            stmt = stmt.where(Trip.status.in_([s.value for s in ACTIVE_TRIP_STATES]))
        elif status:
            stmt = stmt.where(Trip.status == status)
        for key, column in (("vehicle", Trip.vehicle_id), ("route", Trip.route_id)):
            if request.filter(key):
                stmt = stmt.where(column == request.filter(key))
        if request.filter("from"):
            stmt = stmt.where(Trip.day >= request.filter("from"))
        if request.filter("to"):
            stmt = stmt.where(Trip.day <= request.filter("to"))
        return stmt


class StopsQuery(ListQuery):
    action = DELIVERIES_VIEW
    entity = TripStop
    collected = (
        select(type_coerce(func.coalesce(func.sum(StopCollection.amount), 0), Money()))
        .where(StopCollection.stop_id == TripStop.id)
        .correlate(TripStop)
        .scalar_subquery()
    )
    stop_value = (
        select(type_coerce(func.coalesce(func.sum(TripOrder.value), 0), Money()))
        .where(TripOrder.stop_id == TripStop.id)
        .correlate(TripStop)
        .scalar_subquery()
    )
    columns = (
        ListColumn("position", N_("#"), TripStop.position, kind="number"),
        ListColumn("customer", N_("Customer"), Customer.name),
        ListColumn("city", N_("District"), Customer.delivery_district),
        ListColumn("value", N_("Value"), stop_value, kind="money", total=True),
        ListColumn("result", N_("Result"), TripStop.result, label=_label(STOP_RESULTS)),
        ListColumn("received_by", N_("Received by"), TripStop.received_by),
        ListColumn("collected", N_("Collected"), collected, kind="money", total=True),
    )
    default_sort = "position"

    def base(self) -> AnySelect:
        return super().base().join(Customer, Customer.id == TripStop.customer_id)

    def where(self, stmt: AnySelect, request: ListRequest) -> AnySelect:
        trip = request.filter("trip")
        if not trip:
            return stmt.where(false())
        stmt = stmt.where(TripStop.trip_id == trip)
        if request.search:
            stmt = stmt.where(
                TripStop.customer_id.in_(
                    select(Customer.id).where(has_words(Customer.search_text, request.search))
                )
            )
        return stmt


class VehiclesQuery(ListQuery):
    action = DELIVERIES_VIEW
    entity = Vehicle
    columns = (
        ListColumn("plate", N_("Plate"), Vehicle.plate, kind="code"),
        ListColumn("name", N_("Name"), Vehicle.name),
        ListColumn("capacity_kg", N_("Capacity (kg)"), Vehicle.capacity_kg, kind="quantity"),
        ListColumn("capacity_cases", N_("Capacity (cases)"), Vehicle.capacity_cases, kind="quantity"),
        ListColumn("active", N_("In use"), Vehicle.active, kind="bool"),
    )
    default_sort = "plate"

    def where(self, stmt: AnySelect, request: ListRequest) -> AnySelect:
        if request.search:
            stmt = stmt.where(
                or_(contains(Vehicle.plate, request.search), contains(Vehicle.name, request.search))
            )
        if request.filter("active") is not None:
            stmt = stmt.where(Vehicle.active.is_(bool(request.filter("active"))))
        return stmt


class PeopleQuery(ListQuery):
    action = DELIVERIES_VIEW
    entity = DeliveryPerson
    columns = (
        ListColumn("name", N_("Name"), DeliveryPerson.name),
        ListColumn("role", N_("Role"), DeliveryPerson.role, label=_label(PERSON_ROLES)),
        ListColumn("phone", N_("Phone"), DeliveryPerson.phone, sortable=False),
        ListColumn("active", N_("Active"), DeliveryPerson.active, kind="bool"),
    )
    default_sort = "name"

    def where(self, stmt: AnySelect, request: ListRequest) -> AnySelect:
        if request.search:
            stmt = stmt.where(contains(DeliveryPerson.name, request.search))
        if request.filter("role"):
            stmt = stmt.where(DeliveryPerson.role == request.filter("role"))
        return stmt


class RoutesQuery(ListQuery):
    action = DELIVERIES_VIEW
    entity = Route
    stops = select(func.count()).where(RouteStop.route_id == Route.id).correlate(Route).scalar_subquery()
    columns = (
        ListColumn("name", N_("Route"), Route.name),
        ListColumn("weekdays", N_("Weekdays"), Route.weekdays, label=_weekdays),
        ListColumn("stops", N_("Customers"), stops, kind="number", total=True),
        ListColumn("active", N_("Active"), Route.active, kind="bool"),
    )
    default_sort = "name"

    def where(self, stmt: AnySelect, request: ListRequest) -> AnySelect:
        if request.search:
            stmt = stmt.where(contains(Route.name, request.search))
        return stmt


class RouteStopsQuery(ListQuery):
    action = DELIVERIES_VIEW
    entity = RouteStop
    columns = (
        ListColumn("position", N_("#"), RouteStop.position, kind="number"),
        ListColumn("customer", N_("Customer"), Customer.name),
        ListColumn("district", N_("District"), Customer.delivery_district),
        ListColumn("city", N_("City"), Customer.city),
    )
    default_sort = "position"

    def base(self) -> AnySelect:
        return super().base().join(Customer, Customer.id == RouteStop.customer_id)

    def where(self, stmt: AnySelect, request: ListRequest) -> AnySelect:
        route = request.filter("route")
        return stmt.where(RouteStop.route_id == route) if route else stmt.where(false())


_allowed = aliased(ContainerAllowance)
ALLOWED = func.coalesce(_allowed.allowed, ContainerType.allowance)


class ContainerBalancesQuery(_Joined):
    """Who holds our containers: one row per customer and container type with a balance."""

    action = DELIVERIES_VIEW
    entity = ContainerBalance
    deposit_value = type_coerce(ContainerBalance.quantity * ContainerType.deposit, Money())
    columns = (
        ListColumn("customer", N_("Customer"), Customer.name),
        ListColumn("route", N_("Route"), Route.name),
        ListColumn("container", N_("Container"), ContainerType.name),
        ListColumn("quantity", N_("Held"), ContainerBalance.quantity, kind="number", total=True),
        ListColumn("allowed", N_("Allowed"), ALLOWED, kind="number"),
        ListColumn("value", N_("Deposit value"), deposit_value, kind="money", total=True),
    )
    default_sort = "quantity"
    default_descending = True

    def base(self) -> AnySelect:
        return (
            super()
            .base()
            .join(Customer, Customer.id == ContainerBalance.customer_id)
            .join(ContainerType, ContainerType.id == ContainerBalance.container_type_id)
            .outerjoin(RouteStop, RouteStop.customer_id == ContainerBalance.customer_id)
            .outerjoin(Route, Route.id == RouteStop.route_id)
            .outerjoin(_allowed, and_(_allowed.customer_id == ContainerBalance.customer_id,
                                      _allowed.container_type_id == ContainerBalance.container_type_id))
        )  # fmt: skip

    def where(self, stmt: AnySelect, request: ListRequest) -> AnySelect:
        stmt = stmt.where(ContainerBalance.quantity != 0)
        if request.search:
            stmt = stmt.where(
                ContainerBalance.customer_id.in_(
                    select(Customer.id).where(has_words(Customer.search_text, request.search))
                )
            )
        if request.filter("route"):
            stmt = stmt.where(
                ContainerBalance.customer_id.in_(
                    select(RouteStop.customer_id).where(RouteStop.route_id == request.filter("route"))
                )
            )
        if request.filter("container"):
            stmt = stmt.where(ContainerBalance.container_type_id == request.filter("container"))
        if request.filter("over"):
            stmt = stmt.where(ContainerBalance.quantity > ALLOWED)
        return stmt
