"""Stock invariants that `bodesk check` proves: the caches equal the ledger, nothing real is negative,
every move points at its document and each document's value equals its moves (which is also how the
demo's bulk-written history is proven equal to what the posting services write)."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from typing import Any

from sqlalchemy import BigInteger, and_, exists, func, select, type_coerce
from sqlalchemy.orm import Session

from bodesk.domain.common.models import Quantity
from bodesk.domain.common.money import round_money
from bodesk.domain.common.postings import describe, document_kinds
from bodesk.domain.stock.models import (
    ZERO,
    Location,
    LocationKind,
    Product,
    StockCount,
    StockMove,
    StockOperation,
    StockQuant,
    StockReservation,
)
from bodesk.domain.stock.states import COUNT_LIFECYCLE, CountStatus
from bodesk.i18n import _, format_decimal


def ledger_sums(session: Session) -> dict[tuple[int, int, int], Decimal]:
    """On hand per (product, internal location, lot_key) as the moves add it up."""
    sums: dict[tuple[int, int, int], Decimal] = defaultdict(lambda: ZERO)
    internal = select(Location.id).where(Location.kind == LocationKind.INTERNAL)
    qty = type_coerce(func.sum(StockMove.quantity), Quantity())
    lot = func.coalesce(StockMove.lot_id, 0)
    for product_id, location_id, lot_key, total in session.execute(
        select(StockMove.product_id, StockMove.to_location_id, lot, qty)
        .where(StockMove.to_location_id.in_(internal))
        .group_by(StockMove.product_id, StockMove.to_location_id, lot)
    ):
        sums[(product_id, location_id, lot_key)] += total
    for product_id, location_id, lot_key, total in session.execute(
        select(StockMove.product_id, StockMove.from_location_id, lot, qty)
        .where(StockMove.from_location_id.in_(internal))
        .group_by(StockMove.product_id, StockMove.from_location_id, lot)
    ):
        sums[(product_id, location_id, lot_key)] -= total
    return sums


def quants_equal_moves(session: Session) -> list[str]:
    ledger = ledger_sums(session)
    cached = {
        (q.product_id, q.location_id, q.lot_key): q.quantity
        for q in session.execute(select(StockQuant)).scalars()
    }
    problems = []
    for key in sorted(set(ledger) | set(cached)):
        moved, held = ledger.get(key, ZERO), cached.get(key, ZERO)
        if moved != held:
            problems.append(
                _("Product #{p}, location #{l}, lot #{lot}: moves give {moved}, stock says {held}.").format(
                    p=key[0], l=key[1], lot=key[2], moved=format_decimal(moved), held=format_decimal(held)
                )
            )
    return problems[:50]


def product_totals(session: Session) -> list[str]:
    totals: dict[int, Decimal] = defaultdict(lambda: ZERO)
    for q in session.execute(select(StockQuant)).scalars():
        totals[q.product_id] += q.quantity
    problems = []
    for product_id, sku, on_hand in session.execute(select(Product.id, Product.sku, Product.on_hand)):
        if totals.get(product_id, ZERO) != on_hand:
            problems.append(
                _("{sku}: total {total}, locations add up to {sum}.").format(
                    sku=sku, total=format_decimal(on_hand), sum=format_decimal(totals.get(product_id, ZERO))
                )
            )
    return problems[:50]


def nothing_negative(session: Session) -> list[str]:
    rows = session.execute(
        select(Product.sku, Location.code, StockQuant.quantity)
        .join(Product, Product.id == StockQuant.product_id)
        .join(Location, Location.id == StockQuant.location_id)
        .where(StockQuant.quantity < ZERO)
    )
    return [
        _("{sku} in {location}: {qty}.").format(sku=sku, location=code, qty=format_decimal(qty))
        for sku, code, qty in rows
    ][:50]


def moves_refer_to_documents(session: Session) -> list[str]:
    """Every move points at a document of a declared kind that exists, with its number."""
    kinds = document_kinds()
    problems = [
        _("{n} stock moves refer to documents of an unknown kind “{kind}”.").format(n=count, kind=kind)
        for kind, count in session.execute(
            select(StockMove.doc_kind, func.count())
            .where(StockMove.doc_kind.not_in(list(kinds)))
            .group_by(StockMove.doc_kind)
        )
    ]
    for kind in kinds.values():
        model: Any = kind.model
        same = and_(model.id == StockMove.doc_id, model.number == StockMove.doc_number)
        if kind.kind_column is not None:
            same = and_(same, getattr(model, kind.kind_column) == kind.kind)
        orphans = session.execute(
            select(StockMove.id, StockMove.doc_number)
            .where(StockMove.doc_kind == kind.kind, ~exists().where(same))
            .order_by(StockMove.id)
            .limit(20)
        )
        problems.extend(
            _("Stock move #{id} refers to {document}, which does not exist.").format(
                id=move_id, document=describe(kind.kind, number)
            )
            for move_id, number in orphans
        )
    return problems[:50]


def _raw_value() -> Any:
    """quantity x unit cost of a move, exact, as an integer count of 10^-7 (3 + 4 places)."""
    return func.sum(
        type_coerce(StockMove.quantity, BigInteger) * type_coerce(StockMove.unit_cost, BigInteger)
    )


def _money(raw: int | None) -> Decimal:
    return round_money(Decimal(int(raw or 0)).scaleb(-7))


def operations_equal_moves(session: Session) -> list[str]:
    """Each stock operation's value is what its moves moved, rounded once to cents."""
    kinds = [kind.kind for kind in document_kinds().values() if kind.model is StockOperation]
    moved: dict[int, int] = dict(
        session.execute(
            select(StockMove.doc_id, _raw_value())
            .where(StockMove.doc_kind.in_(kinds))
            .group_by(StockMove.doc_id)
        ).all()
    )
    problems = []
    for operation_id, number, kind, value in session.execute(
        select(StockOperation.id, StockOperation.number, StockOperation.kind, StockOperation.value)
    ):
        if operation_id not in moved:
            problems.append(_("{document} moved nothing.").format(document=describe(kind, number)))
        elif _money(moved[operation_id]) != value:
            problems.append(
                _("{document} is worth {value}, its moves {moved}.").format(
                    document=describe(kind, number),
                    value=format_decimal(value, 2),
                    moved=format_decimal(_money(moved[operation_id]), 2),
                )
            )
    return problems[:50]


def posted_counts_equal_moves(session: Session) -> list[str]:
    """Each posted count's adjustment value is the sum of its moves' values, each rounded to cents."""
    internal = select(Location.id).where(Location.kind == LocationKind.INTERNAL)
    net: dict[int, Decimal] = defaultdict(lambda: ZERO)
    for count_id, gain, quantity, cost in session.execute(
        select(
            StockMove.doc_id, StockMove.to_location_id.in_(internal), StockMove.quantity, StockMove.unit_cost
        ).where(StockMove.doc_kind == COUNT_LIFECYCLE.kind)
    ):
        value = round_money(quantity * cost)
        net[count_id] += value if gain else -value
    problems = []
    for count_id, number, value in session.execute(
        select(StockCount.id, StockCount.number, StockCount.adjustment_value).where(
            StockCount.status == CountStatus.POSTED
        )
    ):
        if net.get(count_id, ZERO) != value:
            problems.append(
                _("Count {number} adjusted {value}, its moves {moved}.").format(
                    number=number,
                    value=format_decimal(value, 2),
                    moved=format_decimal(net.get(count_id, ZERO), 2),
                )
            )
    return problems[:50]


def reservations_are_held(session: Session) -> list[str]:
    """The reserved caches equal the reservations, nothing reserved is more than on hand, and every
    reservation belongs to a document of a declared kind."""
    held: dict[tuple[int, int, int], Decimal] = defaultdict(lambda: ZERO)
    qty = type_coerce(func.sum(StockReservation.quantity), Quantity())
    for product_id, location_id, lot_key, total in session.execute(
        select(
            StockReservation.product_id, StockReservation.location_id, StockReservation.lot_key, qty
        ).group_by(StockReservation.product_id, StockReservation.location_id, StockReservation.lot_key)
    ):
        held[(product_id, location_id, lot_key)] = total
    problems = []
    by_product: dict[int, Decimal] = defaultdict(lambda: ZERO)
    for product_id, location_id, lot_key, quantity, reserved in session.execute(
        select(
            StockQuant.product_id,
            StockQuant.location_id,
            StockQuant.lot_key,
            StockQuant.quantity,
            StockQuant.reserved,
        )
    ):
        key = (product_id, location_id, lot_key)
        by_product[product_id] += reserved
        if reserved != held.pop(key, ZERO):
            problems.append(
                _(
                    "Product #{p}, location #{l}: the reservations add up to another quantity than the stock says."
                ).format(p=product_id, l=location_id)
            )
        if reserved > quantity:
            problems.append(
                _("Product #{p}, location #{l}: {reserved} reserved but {quantity} on hand.").format(
                    p=product_id,
                    l=location_id,
                    reserved=format_decimal(reserved),
                    quantity=format_decimal(quantity),
                )
            )
    problems.extend(
        _("Product #{p}, location #{l}: reserved where there is no stock.").format(p=key[0], l=key[1])
        for key in held
    )
    for product_id, sku, reserved in session.execute(select(Product.id, Product.sku, Product.reserved)):
        if reserved != by_product.get(product_id, ZERO):
            problems.append(_("{sku}: the reserved total differs from its places.").format(sku=sku))
    kinds = list(document_kinds())
    for kind, count in session.execute(
        select(StockReservation.doc_kind, func.count())
        .where(StockReservation.doc_kind.not_in(kinds))
        .group_by(StockReservation.doc_kind)
    ):
        problems.append(
            _("{n} reservations belong to documents of an unknown kind “{kind}”.").format(n=count, kind=kind)
        )
    return problems[:50]
