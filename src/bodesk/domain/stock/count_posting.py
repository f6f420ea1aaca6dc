"""Reviewing a stock count's discrepancies and posting its adjustments (see bodesk.domain.stock.counts
for how a count works: posting adjusts each counted line to exactly its counted quantity, the move
being counted − on hand NOW, in one transaction and one `post_moves` call).

The review of an open count compares each counted line with the quantity on hand now; once posted,
it reads what the posting moved (the count's stock moves), so the figures never drift afterwards.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import and_, func, select, update
from sqlalchemy.orm import Session, aliased

from bodesk.domain.access import audit
from bodesk.domain.access.actor import Actor
from bodesk.domain.access.guard import require
from bodesk.domain.common.errors import ConfirmableWarning, UserError
from bodesk.domain.common.money import round_money
from bodesk.domain.common.postings import DocRef
from bodesk.domain.stock.counts import (
    NO_MONEY,
    POST_WITH_UNCOUNTED,
    CountInfo,
    count_info_in,
    get_count,
    open_count,
)
from bodesk.domain.stock.ledger import MoveRequest, post_moves, virtual_location
from bodesk.domain.stock.models import (
    ZERO,
    Location,
    LocationKind,
    Lot,
    Product,
    StockCount,
    StockCountLine,
    StockMove,
    StockQuant,
)
from bodesk.domain.stock.permissions import STOCK_COUNT_POST, STOCK_VIEW
from bodesk.domain.stock.reservations import trim_in
from bodesk.domain.stock.states import COUNT_LIFECYCLE, CountStatus
from bodesk.i18n import _, format_decimal, ngettext
from bodesk.store.engine import Database
from bodesk.store.types import utcnow


@dataclass(frozen=True)
class LineReview:
    """One line as posting sees it. `on_hand` is the quantity before posting (now, for an open count);
    `difference` = counted − on_hand, None when the line was not counted; `value` is rounded money."""

    line_id: int
    product_id: int
    sku: str
    product: str
    unit: str
    location: str
    lot: str
    expected: Decimal
    on_hand: Decimal
    counted: Decimal | None
    difference: Decimal | None
    value: Decimal | None


@dataclass(frozen=True)
class CountReview:
    count: CountInfo
    discrepancies: list[LineReview]  # counted lines whose quantity changes, biggest value first
    uncounted: list[LineReview]
    lines: int
    counted: int
    gain: Decimal  # value of the stock found, positive
    loss: Decimal  # value of the stock missing, positive
    uncounted_value: Decimal  # what setting the uncounted lines to zero would take out, positive

    @property
    def net(self) -> Decimal:
        return self.gain - self.loss


def _posted_moves(session: Session, count: StockCount) -> dict[tuple[int, int, int], tuple[Decimal, Decimal]]:
    """(product, location, lot_key) -> (signed quantity, signed value) the count's posting moved."""
    moved: dict[tuple[int, int, int], tuple[Decimal, Decimal]] = defaultdict(lambda: (ZERO, ZERO))
    rows = session.execute(
        select(
            StockMove.product_id,
            StockMove.from_location_id,
            StockMove.to_location_id,
            StockMove.lot_id,
            StockMove.quantity,
            StockMove.unit_cost,
        ).where(StockMove.doc_kind == COUNT_LIFECYCLE.kind, StockMove.doc_id == count.id)
    )
    internal = {
        loc
        for loc in session.execute(
            select(Location.id).where(Location.warehouse_id == count.warehouse_id)
        ).scalars()
    }
    for product_id, source, target, lot_id, quantity, cost in rows:
        place, sign = (target, 1) if target in internal else (source, -1)
        key = (product_id, place, lot_id or 0)
        qty, value = moved[key]
        moved[key] = (qty + sign * quantity, value + sign * round_money(quantity * cost))
    return moved


def discrepancies(db: Database, actor: Actor, count_id: int) -> CountReview:
    """What posting the count changes (or, once posted, changed), line by line, with totals."""
    with db.read() as session:
        require(session, actor, STOCK_VIEW)
        count = get_count(session, count_id)
        info = count_info_in(session, count)
        quant = aliased(StockQuant)
        rows = session.execute(
            select(
                StockCountLine,
                Product.sku,
                Product.name,
                Product.base_unit,
                Product.cost,
                Location.code,
                Lot.code,
                quant.quantity,
            )
            .join(Product, Product.id == StockCountLine.product_id)
            .join(Location, Location.id == StockCountLine.location_id)
            .outerjoin(Lot, Lot.id == StockCountLine.lot_id)
            .outerjoin(
                quant,
                and_(
                    quant.product_id == StockCountLine.product_id,
                    quant.location_id == StockCountLine.location_id,
                    quant.lot_key == StockCountLine.lot_key,
                ),
            )
            .where(StockCountLine.count_id == count_id)
            .order_by(Location.code, Product.name_key, StockCountLine.id)
        ).all()
        posted = _posted_moves(session, count) if count.status == CountStatus.POSTED else None
    found: list[LineReview] = []
    uncounted: list[LineReview] = []
    gain = loss = uncounted_value = NO_MONEY
    for line, sku, name, unit, cost, location, lot, held in rows:
        on_hand = held if held is not None else ZERO
        difference = value = None
        if line.counted is not None:
            if posted is not None:
                moved, value = posted.get((line.product_id, line.location_id, line.lot_key), (ZERO, ZERO))
                difference, on_hand = moved, line.counted - moved
            else:
                difference = line.counted - on_hand
                value = round_money(difference * cost)
        review = LineReview(
            line.id, line.product_id, sku, name, unit, location, lot or "", line.expected, on_hand,
            line.counted, difference, value,
        )  # fmt: skip
        if line.counted is None:
            uncounted.append(review)
            uncounted_value += round_money(on_hand * cost)
        elif difference:
            found.append(review)
            if value is not None and value > ZERO:
                gain += value
            elif value is not None:
                loss -= value
    found.sort(key=lambda item: -abs(item.value or ZERO))
    return CountReview(
        info, found, uncounted, len(rows), len(rows) - len(uncounted), gain, loss, uncounted_value
    )


# --- posting -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class PostedCount:
    moves: int
    gain: Decimal
    loss: Decimal
    zeroed: int  # uncounted lines set to zero

    @property
    def net(self) -> Decimal:
        return self.gain - self.loss


def _adjustments(
    session: Session, count: StockCount, uncounted_as_zero: bool
) -> tuple[list[MoveRequest], Decimal, Decimal]:
    """The moves that bring each line to its counted quantity, and their gain and loss values.
    Plain rows, not ORM objects: a count may have tens of thousands of lines."""
    in_count = StockCountLine.count_id == count.id
    chosen = in_count if uncounted_as_zero else in_count & StockCountLine.counted.is_not(None)
    lines = select(StockCountLine.product_id).where(chosen)
    places = select(Location.id).where(Location.warehouse_id == count.warehouse_id)
    # The lock order of every posting path (ARCHITECTURE.md): the document, then products, then quants,
    # each by id. Locking quants first here deadlocked against adjustments on PostgreSQL.
    costs: dict[int, Decimal] = {
        product_id: cost
        for product_id, cost in session.execute(
            select(Product.id, Product.cost)
            .where(Product.id.in_(lines))
            .order_by(Product.id)
            .with_for_update(key_share=True)
        )
    }
    held = {
        (product_id, location_id, lot_key): quantity
        for product_id, location_id, lot_key, quantity in session.execute(
            select(StockQuant.product_id, StockQuant.location_id, StockQuant.lot_key, StockQuant.quantity)
            .where(StockQuant.product_id.in_(lines), StockQuant.location_id.in_(places))
            .order_by(StockQuant.id)
            .with_for_update(key_share=True)
        )
    }
    adjustment = virtual_location(session, LocationKind.ADJUSTMENT).id
    reason = _("Stock count {number}").format(number=count.number)
    requests: list[MoveRequest] = []
    gain = loss = NO_MONEY
    rows = session.execute(
        select(
            StockCountLine.product_id,
            StockCountLine.location_id,
            StockCountLine.lot_id,
            StockCountLine.lot_key,
            StockCountLine.counted,
        )
        .where(chosen)
        .order_by(StockCountLine.id)
    )
    for product_id, location_id, lot_id, lot_key, counted in rows:
        if counted is None and not uncounted_as_zero:
            continue
        delta = (counted or ZERO) - held.get((product_id, location_id, lot_key), ZERO)
        if not delta:
            continue
        value = round_money(delta * costs[product_id])
        if delta > ZERO:
            gain += value
            requests.append(MoveRequest(product_id, adjustment, location_id, delta, lot_id, reason=reason))
        else:
            loss -= value
            requests.append(MoveRequest(product_id, location_id, adjustment, -delta, lot_id, reason=reason))
    return requests, gain, loss


def _lowered_to(session: Session, requests: list[MoveRequest]) -> dict[tuple[int, int, int], Decimal]:
    """The quantity each place the count lowers, and that holds reserved stock, will hold once posted
    (a gain comes from the adjustment location, which holds no reservation)."""
    taking = {
        (request.product_id, request.from_location_id, request.lot_id or 0): request.quantity
        for request in requests
    }
    held = {
        (product_id, location_id, lot_key): quantity
        for product_id, location_id, lot_key, quantity in session.execute(
            select(
                StockQuant.product_id, StockQuant.location_id, StockQuant.lot_key, StockQuant.quantity
            ).where(
                StockQuant.product_id.in_(sorted({key[0] for key in taking})),
                StockQuant.reserved > 0,
            )
        )
    }
    return {key: held[key] - amount for key, amount in taking.items() if key in held}


def post_count(
    db: Database,
    actor: Actor,
    count_id: int,
    uncounted_as_zero: bool = False,
    confirmed: frozenset[str] = frozenset(),
) -> PostedCount:
    """Adjust the stock to the counted quantities in one transaction (see the module notes)."""
    with db.write() as session:
        require(session, actor, STOCK_COUNT_POST)
        count = open_count(session, count_id, lock=True)
        lines, counted = session.execute(
            select(func.count(), func.count(StockCountLine.counted)).where(
                StockCountLine.count_id == count_id
            )
        ).one()
        uncounted = lines - counted
        if not counted and not (uncounted_as_zero and lines):
            raise UserError(
                _("Nothing was counted in count {number} yet: there is nothing to post.").format(
                    number=count.number
                ),
                code="stock_count.nothing_counted",
            )
        if uncounted and POST_WITH_UNCOUNTED not in confirmed:
            message = (
                ngettext(
                    "{n} line was not counted: its stock will be set to zero. Post anyway?",
                    "{n} lines were not counted: their stock will be set to zero. Post anyway?",
                    uncounted,
                )
                if uncounted_as_zero
                else ngettext(
                    "{n} line was not counted: its stock stays as it is. Post anyway?",
                    "{n} lines were not counted: their stock stays as it is. Post anyway?",
                    uncounted,
                )
            )
            raise ConfirmableWarning(POST_WITH_UNCOUNTED, message.format(n=format_decimal(uncounted)))
        requests, gain, loss = _adjustments(session, count, uncounted_as_zero)
        now = utcnow()
        # The shelf holds what was counted: reservations above that give way, the newest first.
        lowered = _lowered_to(session, requests)
        trimmed = trim_in(session, lowered)
        posted = post_moves(
            session, actor, requests, DocRef(COUNT_LIFECYCLE.kind, count.id, count.number), at=now
        )
        if uncounted_as_zero and uncounted:
            session.execute(
                update(StockCountLine)
                .where(StockCountLine.count_id == count_id, StockCountLine.counted.is_(None))
                .values(counted=ZERO, counted_at=now)
            )
        COUNT_LIFECYCLE.move(count, CountStatus.POSTED)
        count.posted_at, count.posted_by = now, actor.user_id
        count.adjustment_value = gain - loss
        audit.record(
            session,
            actor,
            "stock_count.post",
            "stock_count",
            count.number,
            old={"status": CountStatus.OPEN},
            new={
                "status": CountStatus.POSTED,
                "moves": posted.count,
                "gain": gain,
                "loss": loss,
                "value": gain - loss,
                "uncounted": uncounted,
                "uncounted_as_zero": uncounted_as_zero,
                "reservations_trimmed": [f"{kind} {doc_id}" for kind, doc_id in trimmed],
            },
            at=now,
        )
        return PostedCount(posted.count, gain, loss, uncounted if uncounted_as_zero else 0)
