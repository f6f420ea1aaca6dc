"""Warehouses and their bins. Each warehouse has a main INTERNAL location (its code); bins are
INTERNAL locations inside it (code "CD1/A-01"). Their codes follow the one rule of codes
(domain/common/codes.py): in capitals, unique ignoring case."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bodesk.domain.access import audit
from bodesk.domain.access.actor import Actor
from bodesk.domain.access.guard import require
from bodesk.domain.common.codes import CodeRule
from bodesk.domain.common.errors import NotFound, UserError, Validator
from bodesk.domain.common.lengths import check_lengths, max_length
from bodesk.domain.stock.models import Location, LocationKind, StockQuant, Warehouse
from bodesk.domain.stock.permissions import WAREHOUSES_EDIT
from bodesk.i18n import N_, _
from bodesk.store.engine import Database

WAREHOUSE_CODE_RULE = CodeRule(
    max_length(Warehouse.code),
    "-",
    N_("A warehouse code has 1 to {length} letters without accents, digits or dashes."),
)
BIN_CODE_RULE = CodeRule(
    max_length(Location.code) - max_length(Warehouse.code) - 1,  # the bin's full code is "CD1/A-01"
    ".-",
    N_("A bin code has 1 to {length} letters without accents, digits, dots or dashes."),
)


def _warehouse_texts(check: Validator, name: str, address: str) -> None:
    check.check(bool(name), "name", _("Name the warehouse."))
    check_lengths(check, {"name": (name, Warehouse.name), "address": (address, Warehouse.address)})


def create_warehouse_in(session: Session, actor: Actor, code: str, name: str, address: str = "") -> Warehouse:
    code = WAREHOUSE_CODE_RULE.clean(code)
    name, address = " ".join(name.split()), address.strip()
    check = Validator()
    problem = WAREHOUSE_CODE_RULE.problem(code)
    if problem is not None:
        check.add("code", problem)
    else:
        taken = session.execute(select(Warehouse.id).where(func.upper(Warehouse.code) == code)).first()
        check.check(taken is None, "code", _("The code {code} is already used.").format(code=code))
    _warehouse_texts(check, name, address)
    check.raise_if_any()
    warehouse = Warehouse(code=code, name=name, address=address, active=True)
    session.add(warehouse)
    session.flush()
    session.add(
        Location(
            warehouse_id=warehouse.id,
            code=code,
            name=name,
            kind=LocationKind.INTERNAL,
            is_bin=False,
            active=True,
        )
    )
    audit.record(session, actor, "warehouse.add", "warehouse", code, new={"code": code, "name": name})
    return warehouse


def create_warehouse(db: Database, actor: Actor, code: str, name: str, address: str = "") -> int:
    with db.write() as session:
        require(session, actor, WAREHOUSES_EDIT)
        return create_warehouse_in(session, actor, code, name, address).id


def rename_warehouse(db: Database, actor: Actor, warehouse_id: int, name: str, address: str) -> None:
    with db.write() as session:
        require(session, actor, WAREHOUSES_EDIT)
        warehouse = get_warehouse(session, warehouse_id)
        name, address = " ".join(name.split()), address.strip()
        check = Validator()
        _warehouse_texts(check, name, address)
        check.raise_if_any()
        old = {"name": warehouse.name, "address": warehouse.address}
        warehouse.name, warehouse.address = name, address
        main_location(session, warehouse_id).name = name
        old, new = audit.changes(old, {"name": warehouse.name, "address": warehouse.address})
        if new:
            audit.record(session, actor, "warehouse.update", "warehouse", warehouse.code, old=old, new=new)


def get_warehouse(session: Session, warehouse_id: int) -> Warehouse:
    warehouse = session.get(Warehouse, warehouse_id)
    if warehouse is None:
        raise NotFound(_("That warehouse no longer exists."), code="warehouse.not_found")
    return warehouse


def main_location(session: Session, warehouse_id: int) -> Location:
    location = session.execute(
        select(Location).where(Location.warehouse_id == warehouse_id, Location.is_bin.is_(False))
    ).scalar_one_or_none()
    if location is None:
        raise NotFound(_("The warehouse has no stock location."), code="warehouse.no_location")
    return location


def add_bin_in(session: Session, actor: Actor, warehouse: Warehouse, code: str, name: str = "") -> Location:
    code = BIN_CODE_RULE.clean(code)
    name = " ".join(name.split())
    check = Validator()
    full = f"{warehouse.code}/{code}"
    problem = BIN_CODE_RULE.problem(code)
    if problem is not None:
        check.add("code", problem)
    else:
        taken = session.execute(select(Location.id).where(func.upper(Location.code) == full)).first()
        check.check(taken is None, "code", _("The bin {code} already exists.").format(code=full))
    check_lengths(check, {"name": (name, Location.name)})
    check.raise_if_any()
    location = Location(
        warehouse_id=warehouse.id,
        code=full,
        name=name or full,
        kind=LocationKind.INTERNAL,
        is_bin=True,
        active=True,
    )
    session.add(location)
    session.flush()
    audit.record(session, actor, "bin.add", "location", full, new={"code": full, "name": location.name})
    return location


def add_bin(db: Database, actor: Actor, warehouse_id: int, code: str, name: str = "") -> int:
    with db.write() as session:
        require(session, actor, WAREHOUSES_EDIT)
        return add_bin_in(session, actor, get_warehouse(session, warehouse_id), code, name).id


def set_bin_active(db: Database, actor: Actor, location_id: int, active: bool) -> None:
    """Close a bin (no new stock goes there) or open it again; a bin with stock cannot be closed."""
    with db.write() as session:
        require(session, actor, WAREHOUSES_EDIT)
        location = session.get(Location, location_id)
        if location is None or not location.is_bin:
            raise NotFound(_("That bin no longer exists."), code="bin.not_found")
        if not active:
            held = session.execute(
                select(StockQuant.id)
                .where(StockQuant.location_id == location_id, StockQuant.quantity > 0)
                .limit(1)
            ).first()
            if held is not None:
                raise UserError(
                    _("The bin {code} still holds stock: move it first.").format(code=location.code),
                    code="bin.holds_stock",
                )
        if location.active != active:
            location.active = active
            audit.record(session, actor, "bin.close" if not active else "bin.open", "location", location.code)
