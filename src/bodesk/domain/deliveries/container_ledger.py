"""The one path by which returnable containers move: `post_containers`, inside a document's unit of work.

Decisions:
- Each row names its document (`DocRef`: a trip or a container document), the container type, the
  partner (a customer with its route, a supplier, or none for a settlement difference) and whole,
  non-negative counts; the signed `balance` (what the partner holds; for a supplier, what we owe it)
  and `empties` (empties in our warehouse) are computed here, never given.
- A customer's balance cannot go below zero (more empties back than they hold) unless the row is a
  recorded correction; every such refusal lists each customer and type, and nothing is written.
- The cached balance per (customer, type) is locked, then updated in the same transaction.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import ROUND_CEILING, Decimal
from typing import cast

from sqlalchemy import Table, bindparam, func, insert, select, update
from sqlalchemy.orm import Session

from bodesk.domain.access.actor import Actor
from bodesk.domain.common.errors import ValidationError
from bodesk.domain.common.postings import DocRef
from bodesk.domain.deliveries.container_models import (
    ContainerAllowance,
    ContainerBalance,
    ContainerMove,
    ContainerType,
    ProductContainer,
)
from bodesk.domain.deliveries.errors import ContainersRefused
from bodesk.domain.deliveries.states import ContainerReason
from bodesk.domain.sales.models import Customer
from bodesk.i18n import _
from bodesk.store.types import utcnow

MAX_COUNT = 1_000_000


@dataclass(frozen=True)
class ContainerRow:
    container_type_id: int
    reason: str
    customer_id: int | None = None
    supplier_id: int | None = None
    route_id: int | None = None
    full: int = 0  # out to the customer, or in from the supplier
    empty: int = 0  # back from the customer, or out to the supplier (a shortage: signed, found − expected)
    charged: int = 0  # lost or broken, charged to the customer
    correction: bool = False  # may take a customer's balance below zero
    note: str = ""

    @property
    def balance(self) -> int:
        if self.customer_id is not None:
            return self.full - self.empty - self.charged
        if self.supplier_id is not None:
            return self.full - self.empty
        return 0

    @property
    def empties(self) -> int:
        if self.supplier_id is not None:
            return -self.empty
        return self.empty


def containers_for(session: Session, quantities: Mapping[int, Decimal]) -> dict[int, int]:
    """The full containers that `quantities` (base units by product) travel in, by container type: a
    started container counts whole."""
    if not quantities:
        return {}
    found: dict[int, int] = defaultdict(int)
    for product_id, type_id, units in session.execute(
        select(ProductContainer.product_id, ProductContainer.container_type_id, ProductContainer.units).where(
            ProductContainer.product_id.in_(list(quantities))
        )
    ):
        quantity = quantities[product_id]
        if quantity > 0 and units > 0:
            found[type_id] += int((quantity / units).to_integral_value(rounding=ROUND_CEILING))
    return dict(found)


def _check_counts(rows: Sequence[ContainerRow]) -> None:
    problems = []
    for row in rows:
        signed_ok = row.reason == ContainerReason.SHORTAGE
        counts = (row.full, row.charged) if signed_ok else (row.full, row.empty, row.charged)
        if any(not isinstance(n, int) or n < 0 or n > MAX_COUNT for n in counts):
            problems.append(row)
    if problems:
        raise ValidationError.single("containers", _("Enter whole numbers of containers, zero or more."))


def balances_of(
    session: Session, keys: Collection[tuple[int, int]], lock: bool = False
) -> dict[tuple[int, int], int]:
    """The cached balance of each (customer, container type)."""
    if not keys:
        return {}
    customers = sorted({customer for customer, _type in keys})
    stmt = (
        select(ContainerBalance.customer_id, ContainerBalance.container_type_id, ContainerBalance.quantity)
        .where(ContainerBalance.customer_id.in_(customers))
        .order_by(ContainerBalance.id)
    )
    if lock:
        stmt = stmt.with_for_update(key_share=True)
    return {(c, t): q for c, t, q in session.execute(stmt) if (c, t) in keys}


def post_containers(
    session: Session, actor: Actor, rows: Sequence[ContainerRow], document: DocRef, at: datetime | None = None
) -> int:
    """Write `rows` as container moves of `document` and update the cached balances (all or nothing)."""
    rows = [row for row in rows if row.full or row.empty or row.charged]
    if not rows:
        return 0
    _check_counts(rows)
    deltas: dict[tuple[int, int], int] = defaultdict(int)
    corrected: set[tuple[int, int]] = set()
    for row in rows:
        if row.customer_id is not None:
            key = (row.customer_id, row.container_type_id)
            deltas[key] += row.balance
            if row.correction:
                corrected.add(key)
    held = balances_of(session, set(deltas), lock=True)
    short = [key for key, delta in deltas.items() if held.get(key, 0) + delta < 0 and key not in corrected]
    if short:
        raise ContainersRefused(_short_message(session, short, held, deltas))
    now = at or utcnow()
    session.execute(
        insert(ContainerMove),
        [
            {
                **document.columns(),
                "container_type_id": row.container_type_id,
                "customer_id": row.customer_id,
                "supplier_id": row.supplier_id,
                "route_id": row.route_id,
                "reason": row.reason,
                "full_out": row.full,
                "empty_back": row.empty,
                "charged": row.charged,
                "balance": row.balance,
                "empties": row.empties,
                "at": now,
                "user_id": actor.user_id,
                "note": row.note,
            }
            for row in rows
        ],
    )
    _apply(session, {key: delta for key, delta in deltas.items() if delta}, held)
    charged = [row for row in rows if row.charged and row.customer_id is not None]
    if charged and _CHARGE_LISTENERS:
        deposits = dict(session.execute(select(ContainerType.id, ContainerType.deposit)).all())
        values: dict[int, Decimal] = defaultdict(Decimal)
        for row in charged:
            values[cast(int, row.customer_id)] += (
                deposits.get(row.container_type_id, Decimal(0)) * row.charged
            )
        for listener in _CHARGE_LISTENERS:
            listener(session, actor, document, now, {c: v for c, v in values.items() if v})
    return len(rows)


ChargeListener = Callable[[Session, Actor, DocRef, datetime, dict[int, Decimal]], None]
_CHARGE_LISTENERS: list[ChargeListener] = []


def on_containers_charged(listener: ChargeListener) -> ChargeListener:
    """Call `listener` in the same transaction with what each customer is charged (containers lost or
    broken at their deposit value) whenever a document charges containers (finance makes it owed)."""
    if listener not in _CHARGE_LISTENERS:
        _CHARGE_LISTENERS.append(listener)
    return listener


def _apply(
    session: Session, deltas: Mapping[tuple[int, int], int], held: Mapping[tuple[int, int], int]
) -> None:
    new = [
        {"customer_id": c, "container_type_id": t, "quantity": d}
        for (c, t), d in deltas.items()
        if (c, t) not in held
    ]
    old = [{"c": c, "t": t, "d": d} for (c, t), d in deltas.items() if (c, t) in held]
    if new:
        session.execute(insert(ContainerBalance), new)
    if old:
        table = cast(Table, ContainerBalance.__table__)
        session.execute(
            update(table)
            .where(table.c.customer_id == bindparam("c"), table.c.container_type_id == bindparam("t"))
            .values(quantity=table.c.quantity + bindparam("d")),
            old,
        )


def _short_message(
    session: Session,
    short: list[tuple[int, int]],
    held: Mapping[tuple[int, int], int],
    deltas: Mapping[tuple[int, int], int],
) -> str:
    names = dict(
        session.execute(
            select(Customer.id, Customer.name).where(Customer.id.in_([c for c, _t in short]))
        ).all()
    )
    types = dict(
        session.execute(
            select(ContainerType.id, ContainerType.name).where(ContainerType.id.in_([t for _c, t in short]))
        ).all()
    )
    lines = [
        _("{customer} holds {held} × {container}; {back} would come back.").format(
            customer=names.get(c, f"#{c}"),
            held=held.get((c, t), 0),
            container=types.get(t, f"#{t}"),
            back=held.get((c, t), 0) - deltas[(c, t)],
        )
        for c, t in sorted(short)
    ]
    return "\n".join(
        [
            _("More empties back than the customer holds: record them as a correction, or check the count."),
            *lines,
        ]
    )


def allowance_of(session: Session, customer_ids: Collection[int]) -> dict[tuple[int, int], int]:
    """The allowed balance of each (customer, container type): the customer's own, else the type's."""
    defaults = dict(
        session.execute(
            select(ContainerType.id, ContainerType.allowance).where(ContainerType.allowance.is_not(None))
        ).all()
    )
    found = {(c, t): int(a) for c in customer_ids for t, a in defaults.items() if a is not None}
    if customer_ids:
        for c, t, allowed in session.execute(
            select(
                ContainerAllowance.customer_id,
                ContainerAllowance.container_type_id,
                ContainerAllowance.allowed,
            ).where(ContainerAllowance.customer_id.in_(list(customer_ids)))
        ):
            found[(c, t)] = allowed
    return found


def warehouse_empties(session: Session) -> dict[int, int]:
    """Empties in our warehouse by container type (the ledger's sum)."""
    return {
        t: int(n)
        for t, n in session.execute(
            select(ContainerMove.container_type_id, func.sum(ContainerMove.empties)).group_by(
                ContainerMove.container_type_id
            )
        )
    }
