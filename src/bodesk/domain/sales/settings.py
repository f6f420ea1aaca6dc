"""The company's sales settings: the discount a role may give without the permission, the overdue
tolerance, whether reps see only their own customers, and the warehouses' order for reservations."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from bodesk.domain.access import audit
from bodesk.domain.access.actor import Actor
from bodesk.domain.access.guard import require
from bodesk.domain.common.errors import Validator
from bodesk.domain.common.money import round_money
from bodesk.domain.sales.models import SalesSettings
from bodesk.domain.sales.permissions import SALES_SETTINGS, SALES_VIEW
from bodesk.domain.stock.models import Warehouse
from bodesk.i18n import _
from bodesk.store.engine import Database

MAX_TOLERANCE_DAYS = 365


@dataclass(frozen=True)
class SalesRules:
    max_discount: Decimal
    overdue_tolerance_days: int
    reps_see_own: bool
    warehouse_order: tuple[int, ...]  # warehouse ids, first reserved from first


def rules_in(session: Session) -> SalesRules:
    """The settings as they stand (the defaults before anyone changed them)."""
    row = session.get(SalesSettings, 1)
    if row is None:
        row = SalesSettings(
            id=1,
            max_discount=Decimal("5.00"),
            overdue_tolerance_days=5,
            reps_see_own=False,
            warehouse_order="",
        )
    listed = tuple(int(part) for part in row.warehouse_order.split(",") if part.strip().isdigit())
    return SalesRules(row.max_discount, row.overdue_tolerance_days, row.reps_see_own, listed)


def reservation_order(session: Session, rules: SalesRules, warehouse_id: int | None) -> list[int]:
    """The warehouses an order reserves from, in order: the order's own, else the company's order, the
    active warehouses it leaves out after it by code."""
    if warehouse_id is not None:
        return [warehouse_id]
    active = list(
        session.execute(
            select(Warehouse.id).where(Warehouse.active.is_(True)).order_by(Warehouse.code)
        ).scalars()
    )
    first = [warehouse for warehouse in rules.warehouse_order if warehouse in active]
    return first + [warehouse for warehouse in active if warehouse not in first]


def sales_rules(db: Database, actor: Actor) -> SalesRules:
    with db.read() as session:
        require(session, actor, SALES_VIEW)
        return rules_in(session)


def save_rules(db: Database, actor: Actor, rules: SalesRules) -> None:
    check = Validator()
    check.check(
        Decimal(0) <= rules.max_discount <= Decimal(100)
        and round_money(rules.max_discount) == rules.max_discount,
        "max_discount",
        _("The discount limit is a percentage from 0 to 100, with at most 2 decimal places."),
    )
    check.check(
        0 <= rules.overdue_tolerance_days <= MAX_TOLERANCE_DAYS,
        "overdue_tolerance_days",
        _("The overdue tolerance is from 0 to {n} days.").format(n=MAX_TOLERANCE_DAYS),
    )
    check.raise_if_any()
    with db.write() as session:
        require(session, actor, SALES_SETTINGS)
        known = set(session.execute(select(Warehouse.id)).scalars())
        order = [warehouse for warehouse in rules.warehouse_order if warehouse in known]
        row = session.get(SalesSettings, 1) or SalesSettings(id=1)
        before = rules_in(session)
        row.max_discount = rules.max_discount
        row.overdue_tolerance_days = rules.overdue_tolerance_days
        row.reps_see_own = rules.reps_see_own
        row.warehouse_order = ",".join(str(warehouse) for warehouse in order)
        session.add(row)
        old, new = audit.changes(before.__dict__, {**rules.__dict__, "warehouse_order": tuple(order)})
        audit.record(session, actor, "sales.settings", "sales_settings", 1, old=old, new=new)
