"""Vehicles, drivers and helpers, and the delivery settings.

Decisions:
- A plate is in the Mercosul format (ABC1D23) or the old one (ABC-1234, also typed ABC1234); it is
  kept in capitals, the old one with its hyphen, and is unique.
- Each vehicle gets its own INTERNAL stock location ("TRUCK-<plate>"), belonging to no warehouse so
  no order reserves or picks from it: goods are there only while a trip is on the road.
- Capacities are in kg and in cases (packages); zero means not stated (no warning).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from bodesk.domain.access import audit
from bodesk.domain.access.actor import Actor
from bodesk.domain.access.guard import require
from bodesk.domain.common.errors import NotFound, ValidationError, Validator
from bodesk.domain.common.lengths import check_lengths
from bodesk.domain.common.money import round_quantity
from bodesk.domain.deliveries.fleet_models import DeliveryPerson, DeliverySettings, Vehicle
from bodesk.domain.deliveries.permissions import DELIVERY_SETTINGS, FLEET_EDIT
from bodesk.domain.deliveries.states import PersonRole
from bodesk.domain.stock.models import Location, LocationKind, Warehouse
from bodesk.i18n import _
from bodesk.store.engine import Database

MERCOSUL = re.compile(r"^[A-Z]{3}[0-9][A-Z][0-9]{2}$")
OLD_PLATE = re.compile(r"^([A-Z]{3})-?([0-9]{4})$")
MAX_CAPACITY = Decimal("1000000")


@dataclass(frozen=True)
class VehicleData:
    plate: str
    name: str = ""
    capacity_kg: Decimal = Decimal(0)
    capacity_cases: Decimal = Decimal(0)
    warehouse_id: int | None = None
    active: bool = True


def clean_plate(text: str) -> str | None:
    """The plate as kept (ABC1D23 or ABC-1234), or None when it is in neither format."""
    plate = text.strip().upper().replace(" ", "")
    if MERCOSUL.match(plate):
        return plate
    old = OLD_PLATE.match(plate)
    return f"{old.group(1)}-{old.group(2)}" if old else None


def _clean(session: Session, data: VehicleData, vehicle_id: int | None) -> VehicleData:
    check = Validator()
    plate = clean_plate(data.plate)
    if plate is None:
        check.add("plate", _("Enter the plate as ABC1D23 (Mercosul) or ABC-1234."))
    else:
        taken = session.execute(
            select(Vehicle.id).where(Vehicle.plate == plate, Vehicle.id != (vehicle_id or 0))
        ).scalar_one_or_none()
        check.check(taken is None, "plate", _("Another vehicle has the plate {plate}.").format(plate=plate))
    for field, value in (("capacity_kg", data.capacity_kg), ("capacity_cases", data.capacity_cases)):
        if value < 0 or value > MAX_CAPACITY or round_quantity(value) != value:
            check.add(field, _("Enter a capacity of zero or more (zero: not stated)."))
    warehouse = session.get(Warehouse, data.warehouse_id) if data.warehouse_id else None
    check.check(warehouse is not None, "warehouse", _("Choose the warehouse the vehicle leaves from."))
    check_lengths(check, {"name": (data.name.strip(), Vehicle.name)})
    check.raise_if_any()
    return VehicleData(
        plate or "", data.name.strip(), data.capacity_kg, data.capacity_cases, data.warehouse_id, data.active
    )


def create_vehicle_in(session: Session, actor: Actor, data: VehicleData) -> Vehicle:
    clean = _clean(session, data, None)
    location = Location(
        warehouse_id=None,
        code=f"TRUCK-{clean.plate}",
        name=_("Truck {plate}").format(plate=clean.plate),
        kind=LocationKind.INTERNAL,
        is_bin=False,
        active=True,
    )
    session.add(location)
    session.flush()
    vehicle = Vehicle(
        plate=clean.plate,
        name=clean.name,
        capacity_kg=clean.capacity_kg,
        capacity_cases=clean.capacity_cases,
        warehouse_id=clean.warehouse_id,
        location_id=location.id,
        active=clean.active,
    )
    session.add(vehicle)
    session.flush()
    audit.record(
        session, actor, "vehicle.add", "vehicle", clean.plate,
        new={"capacity_kg": clean.capacity_kg, "capacity_cases": clean.capacity_cases},
    )  # fmt: skip
    return vehicle


def create_vehicle(db: Database, actor: Actor, data: VehicleData) -> int:
    with db.write() as session:
        require(session, actor, FLEET_EDIT)
        return create_vehicle_in(session, actor, data).id


def update_vehicle(db: Database, actor: Actor, vehicle_id: int, data: VehicleData) -> None:
    """Change a vehicle's name, capacities, warehouse or whether it is in use (its plate too: its truck
    location keeps its code)."""
    with db.write() as session:
        require(session, actor, FLEET_EDIT)
        vehicle = get_vehicle(session, vehicle_id)
        clean = _clean(session, data, vehicle_id)
        old = {
            "plate": vehicle.plate,
            "capacity_kg": vehicle.capacity_kg,
            "capacity_cases": vehicle.capacity_cases,
        }
        vehicle.plate, vehicle.name = clean.plate, clean.name
        vehicle.capacity_kg, vehicle.capacity_cases = clean.capacity_kg, clean.capacity_cases
        vehicle.warehouse_id = clean.warehouse_id or vehicle.warehouse_id
        vehicle.active = clean.active
        new = {
            "plate": vehicle.plate,
            "capacity_kg": vehicle.capacity_kg,
            "capacity_cases": vehicle.capacity_cases,
        }
        before, after = audit.changes(old, new)
        audit.record(session, actor, "vehicle.update", "vehicle", vehicle.plate, old=before, new=after)


def get_vehicle(session: Session, vehicle_id: int) -> Vehicle:
    vehicle = session.get(Vehicle, vehicle_id)
    if vehicle is None:
        raise NotFound(_("This vehicle no longer exists."), code="vehicle.not_found")
    return vehicle


def create_person_in(session: Session, actor: Actor, name: str, role: str, phone: str = "") -> DeliveryPerson:
    check = Validator()
    text = " ".join(name.split())
    check.check(bool(text), "name", _("Enter the person's name."))
    check.check(role in set(PersonRole), "role", _("Choose whether the person drives or helps."))
    check_lengths(
        check, {"name": (text, DeliveryPerson.name), "phone": (phone.strip(), DeliveryPerson.phone)}
    )
    check.raise_if_any()
    person = DeliveryPerson(name=text, role=role, phone=phone.strip(), active=True)
    session.add(person)
    session.flush()
    audit.record(session, actor, "delivery_person.add", "delivery_person", text, new={"role": role})
    return person


def create_person(db: Database, actor: Actor, name: str, role: str, phone: str = "") -> int:
    """A driver or a helper."""
    with db.write() as session:
        require(session, actor, FLEET_EDIT)
        return create_person_in(session, actor, name, role, phone).id


def get_person(
    session: Session, person_id: int | None, field: str, role: str | None = None
) -> DeliveryPerson:
    person = session.get(DeliveryPerson, person_id) if person_id else None
    if person is None or not person.active or (role is not None and person.role != role):
        message = _("Choose a driver.") if role == PersonRole.DRIVER else _("Choose a person of the list.")
        raise ValidationError.single(field, message)
    return person


def settings_in(session: Session) -> DeliverySettings:
    found = session.execute(
        select(DeliverySettings).order_by(DeliverySettings.id).limit(1)
    ).scalar_one_or_none()
    if found is None:
        found = DeliverySettings(block_over_capacity=False)
        session.add(found)
        session.flush()
    return found


def block_over_capacity(session: Session) -> bool:
    value = session.execute(
        select(DeliverySettings.block_over_capacity).order_by(DeliverySettings.id).limit(1)
    ).scalar_one_or_none()
    return bool(value)


def set_block_over_capacity(db: Database, actor: Actor, block: bool) -> None:
    """Whether a trip over its vehicle's capacity is refused (True) or only warned (False)."""
    with db.write() as session:
        require(session, actor, DELIVERY_SETTINGS)
        settings = settings_in(session)
        old = settings.block_over_capacity
        settings.block_over_capacity = block
        audit.record(
            session, actor, "deliveries.settings", "delivery_settings", 1,
            old={"block_over_capacity": old}, new={"block_over_capacity": block},
        )  # fmt: skip
