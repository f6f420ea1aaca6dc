"""Lots and expiry: a lot code and expiry date per receipt, first-expired-first-out picking."""

from __future__ import annotations

import string
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from bodesk.domain.access.actor import Actor
from bodesk.domain.access.guard import require
from bodesk.domain.common.codes import ALL_MARKS, CodeRule
from bodesk.domain.common.errors import ValidationError
from bodesk.domain.common.figures import date_text
from bodesk.domain.common.lengths import max_length
from bodesk.domain.stock.models import ZERO, Location, LocationKind, Lot, Product, StockQuant
from bodesk.domain.stock.permissions import STOCK_VIEW
from bodesk.i18n import N_, _
from bodesk.store.engine import Database
from bodesk.store.types import utcnow

LOT_CODE_RULE = CodeRule(
    max_length(Lot.code),
    ALL_MARKS,
    N_("A lot code has 1 to {length} letters without accents, digits, spaces or punctuation."),
    first=string.ascii_uppercase + string.digits + string.punctuation,
)
"""A lot code as the maker prints it ("L2305-A", "23/117"): a code like any other (in capitals)."""


def lot_code_problem(product: Product, code: str) -> str | None:
    """What is wrong with a (clean) lot code of `product`; None when it is good."""
    if not code:
        return _("{product}: enter the lot code.").format(product=product.name)
    problem = LOT_CODE_RULE.problem(code)
    return None if problem is None else f"{product.name}: {problem}"


def lot_for(session: Session, product: Product, code: str, expiry: date | None, field: str = "lot") -> Lot:
    """The product's lot `code`, created with `expiry` if new; an existing lot must agree on its expiry."""
    code = LOT_CODE_RULE.clean(code)
    problem = lot_code_problem(product, code)
    if problem is not None:
        raise ValidationError.single(field, problem)
    lot = session.execute(
        select(Lot).where(Lot.product_id == product.id, Lot.code == code)
    ).scalar_one_or_none()
    if lot is None and product.shelf_life_days and expiry is None:
        raise ValidationError.single(
            field, _("{product}: enter the lot's expiry date.").format(product=product.name)
        )
    if lot is not None:
        if expiry is not None and lot.expiry is not None and lot.expiry != expiry:
            raise ValidationError.single(
                field,
                _("{product}: lot {lot} is already recorded with expiry {expiry}.").format(
                    product=product.name, lot=code, expiry=date_text(lot.expiry)
                ),
            )
        if lot.expiry is None and expiry is not None:
            lot.expiry = expiry
        return lot
    lot = Lot(product_id=product.id, code=code, expiry=expiry, created_at=utcnow())
    session.add(lot)
    session.flush()
    return lot


def default_expiry(product: Product, received_on: date) -> date | None:
    """The expiry a receipt suggests from the product's shelf life."""
    if not product.shelf_life_days:
        return None
    return received_on + timedelta(days=product.shelf_life_days)


@dataclass(frozen=True)
class PickSuggestion:
    location_id: int
    location: str
    lot_id: int | None
    lot: str
    expiry: date | None
    quantity: Decimal


def suggest_picking(
    db: Database, actor: Actor, product_id: int, warehouse_id: int, quantity: Decimal
) -> list[PickSuggestion]:
    """Where to take `quantity` from, first-expired-first-out (no expiry last, then by location)."""
    with db.read() as session:
        require(session, actor, STOCK_VIEW)
        rows = session.execute(
            select(
                StockQuant.location_id,
                Location.code,
                StockQuant.lot_id,
                Lot.code,
                Lot.expiry,
                StockQuant.quantity,
            )
            .join(Location, Location.id == StockQuant.location_id)
            .outerjoin(Lot, Lot.id == StockQuant.lot_id)
            .where(
                StockQuant.product_id == product_id,
                StockQuant.quantity > ZERO,
                Location.warehouse_id == warehouse_id,
                Location.kind == LocationKind.INTERNAL,
            )
            .order_by(Lot.expiry.is_(None), Lot.expiry, Location.code)
        ).all()
    picks: list[PickSuggestion] = []
    left = quantity
    for location_id, location, lot_id, lot, expiry, available in rows:
        if left <= ZERO:
            break
        take = min(left, available)
        picks.append(PickSuggestion(location_id, location, lot_id, lot or "", expiry, take))
        left -= take
    return picks
