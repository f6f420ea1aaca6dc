"""Stock counts: start one, count it (count_entries, count_import), review and post it (count_posting),
or cancel it.

How a count works, and the choices made:

- **Scope.** A count covers one warehouse, all its INTERNAL locations (the main area and every bin),
  optionally narrowed to one category. "The whole stock" is one count per active warehouse, started
  together in one transaction (`start_counts_everywhere`): every warehouse then has its own sheet,
  its own team and its own posting, which is how a count is done on the floor.
- **One at a time.** A warehouse may hold several open counts only if their scopes cannot meet: two
  counts of different categories may run side by side; a whole-warehouse count excludes any other
  open count of that warehouse, and a category cannot be counted twice at once. A category count
  refuses products of other categories, so the scopes stay apart.
- **Snapshot.** Starting a count writes one line per stock quant (product, location, lot) of its
  scope, for active products, zero quants included (a product known to be kept there) except lots
  that ran out and closed bins, with
  `expected` = the quantity on hand at that moment. Products found that were not expected get a line
  with expected 0 when they are counted.
- **Posting** (`post_count`) adjusts each counted line to exactly the counted quantity: the move is
  counted − the quantity on hand NOW, not − the snapshot, because stock may have moved since the
  count started (a delivery went out while the team counted another aisle) and the counted quantity
  is the truth about the shelf at the moment it was counted. Gains come from the @adjustment location
  and losses go to it, at the product's average cost, all in ONE `post_moves` call and one
  transaction; the net value (the sum of each line's rounded value) is stored on the count. Lines
  nobody counted stay as they are unless the person chooses to set them to zero; either way posting
  with uncounted lines is a `ConfirmableWarning` first.
- **Frozen.** A posted or cancelled count refuses every change; a wrong posting is corrected by a
  new count or an adjustment, never by editing the old one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from sqlalchemy import and_, func, insert, literal, or_, select
from sqlalchemy.orm import Session

from bodesk.domain.access import audit
from bodesk.domain.access.actor import Actor
from bodesk.domain.access.guard import require
from bodesk.domain.access.models import User
from bodesk.domain.common.codes import code_key
from bodesk.domain.common.errors import NotFound, UserError, ValidationError
from bodesk.domain.common.lengths import fitting
from bodesk.domain.stock.models import (
    ZERO,
    Category,
    Location,
    LocationKind,
    Product,
    StockCount,
    StockCountLine,
    StockQuant,
    Warehouse,
)
from bodesk.domain.stock.permissions import STOCK_COUNT, STOCK_VIEW
from bodesk.domain.stock.states import COUNT_LIFECYCLE, CountStatus
from bodesk.i18n import _
from bodesk.store.engine import Database
from bodesk.store.types import utcnow

POST_WITH_UNCOUNTED = "post_with_uncounted"
NO_MONEY = Decimal("0.00")


@dataclass(frozen=True)
class CountInfo:
    id: int
    number: int
    warehouse_id: int
    warehouse_code: str
    warehouse_name: str
    category_id: int | None
    category: str  # "" for every category
    status: str
    started_at: datetime
    started_by: str
    posted_at: datetime | None
    posted_by: str
    adjustment_value: Decimal
    note: str
    lines: int
    counted: int

    @property
    def is_open(self) -> bool:
        return COUNT_LIFECYCLE.can_edit(self.status)

    @property
    def scope(self) -> str:
        """ "CD1 Central" or "CD1 Central – Cervejas"."""
        where = f"{self.warehouse_code} {self.warehouse_name}"
        return f"{where} – {self.category}" if self.category else where


@dataclass(frozen=True)
class CountChoices:
    """What a count may be started on: (id, code, name) of active warehouses, (id, name) of categories."""

    warehouses: list[tuple[int, str, str]]
    categories: list[tuple[int, str]]


# --- guards ------------------------------------------------------------------------------------


def get_count(session: Session, count_id: int) -> StockCount:
    count = session.get(StockCount, count_id)
    if count is None:
        raise NotFound(_("That stock count no longer exists."), code="stock_count.not_found")
    return count


def open_count(session: Session, count_id: int, lock: bool = False) -> StockCount:
    """The count, if it can still change; a posted or cancelled count is frozen."""
    if lock:  # PostgreSQL: two desks posting or cancelling the same count wait for each other
        session.execute(
            select(StockCount.id).where(StockCount.id == count_id).with_for_update(key_share=True)
        )
    count = get_count(session, count_id)
    COUNT_LIFECYCLE.refuse_unless(count, CountStatus.OPEN, doing=_("it can no longer change."))
    return count


def _scope_name(session: Session, warehouse: Warehouse, category_id: int | None) -> str:
    category = session.get(Category, category_id) if category_id else None
    return f"{warehouse.code} – {category.name}" if category else warehouse.code


def _overlapping(session: Session, warehouse_id: int, category_id: int | None) -> list[StockCount]:
    stmt = select(StockCount).where(
        StockCount.warehouse_id == warehouse_id, StockCount.status == CountStatus.OPEN
    )
    if category_id is not None:
        stmt = stmt.where(or_(StockCount.category_id.is_(None), StockCount.category_id == category_id))
    return list(session.execute(stmt.order_by(StockCount.number)).scalars())


# --- starting ----------------------------------------------------------------------------------


def count_choices(db: Database, actor: Actor) -> CountChoices:
    with db.read() as session:
        require(session, actor, STOCK_VIEW)
        warehouses = session.execute(
            select(Warehouse.id, Warehouse.code, Warehouse.name)
            .where(Warehouse.active.is_(True))
            .order_by(Warehouse.code)
        ).all()
        categories = session.execute(
            select(Category.id, Category.name).order_by(Category.name_key, Category.id)
        ).all()
        return CountChoices(
            [(wid, code, name) for wid, code, name in warehouses], [(cid, name) for cid, name in categories]
        )


def _start_in(
    session: Session, actor: Actor, warehouse: Warehouse, category_id: int | None, note: str
) -> StockCount:
    count = StockCount(
        warehouse_id=warehouse.id,
        category_id=category_id,
        started_at=utcnow(),
        started_by=actor.user_id,
        adjustment_value=ZERO,
        note=fitting("note", note, StockCount.note),
    )
    COUNT_LIFECYCLE.begin(session, count, CountStatus.OPEN)
    session.add(count)
    session.flush()
    snapshot = (
        select(
            literal(count.id),
            StockQuant.product_id,
            StockQuant.location_id,
            StockQuant.lot_id,
            StockQuant.lot_key,
            StockQuant.quantity,
        )
        .join(Location, Location.id == StockQuant.location_id)
        .join(Product, Product.id == StockQuant.product_id)
        .where(
            Location.warehouse_id == warehouse.id,
            Location.kind == LocationKind.INTERNAL,
            # Zero quants stay on the sheet (a product known to be kept there), except emptied lots
            # and closed bins: a lot that ran out is gone for good.
            or_(StockQuant.quantity != 0, and_(StockQuant.lot_key == 0, Location.active.is_(True))),
            Product.active.is_(True),
        )
        .order_by(Location.code, Product.name_key, Product.id, StockQuant.lot_key)
    )
    if category_id is not None:
        snapshot = snapshot.where(Product.category_id == category_id)
    columns = ["count_id", "product_id", "location_id", "lot_id", "lot_key", "expected"]
    session.execute(insert(StockCountLine).from_select(columns, snapshot))
    lines = session.execute(
        select(func.count()).select_from(StockCountLine).where(StockCountLine.count_id == count.id)
    ).scalar_one()
    audit.record(
        session,
        actor,
        "stock_count.start",
        "stock_count",
        count.number,
        new={
            "warehouse": warehouse.code,
            "category": _category_name(session, category_id),
            "lines": lines,
            "note": note,
        },
    )
    return count


def _category_name(session: Session, category_id: int | None) -> str | None:
    category = session.get(Category, category_id) if category_id is not None else None
    return category.name if category is not None else None


def _check_can_start(session: Session, warehouses: list[Warehouse], category_id: int | None) -> None:
    problems = []
    for warehouse in warehouses:
        for other in _overlapping(session, warehouse.id, category_id):
            problems.append(
                _("Count {number} ({scope}) is still open: post or cancel it first.").format(
                    number=other.number, scope=_scope_name(session, warehouse, other.category_id)
                )
            )
    if problems:
        raise ValidationError.single("warehouse", "\n".join(problems))


def _category(session: Session, category_id: int | None) -> int | None:
    if category_id is not None and session.get(Category, category_id) is None:
        raise NotFound(_("That category no longer exists."), code="category.not_found")
    return category_id


def start_count(
    db: Database, actor: Actor, warehouse_id: int, category_id: int | None = None, note: str = ""
) -> int:
    """Open a count of `warehouse_id` (and `category_id`) with its snapshot; returns the count id."""
    with db.write() as session:
        require(session, actor, STOCK_COUNT)
        warehouse = session.get(Warehouse, warehouse_id)
        if warehouse is None:
            raise NotFound(_("That warehouse no longer exists."), code="warehouse.not_found")
        if not warehouse.active:
            raise ValidationError.single(
                "warehouse", _("The warehouse {code} is closed.").format(code=warehouse.code)
            )
        _check_can_start(session, [warehouse], _category(session, category_id))
        return _start_in(session, actor, warehouse, category_id, note.strip()).id


def start_counts_everywhere(
    db: Database, actor: Actor, category_id: int | None = None, note: str = ""
) -> list[int]:
    """Count the whole stock: one count per active warehouse, all started or none."""
    with db.write() as session:
        require(session, actor, STOCK_COUNT)
        warehouses = list(
            session.execute(
                select(Warehouse).where(Warehouse.active.is_(True)).order_by(Warehouse.code)
            ).scalars()
        )
        if not warehouses:
            raise UserError(_("There is no warehouse to count yet."), code="stock_count.no_warehouse")
        _check_can_start(session, warehouses, _category(session, category_id))
        return [
            _start_in(session, actor, warehouse, category_id, note.strip()).id for warehouse in warehouses
        ]


def cancel_count(db: Database, actor: Actor, count_id: int, reason: str) -> None:
    """Throw an open count away: nothing in stock changes, and it can no longer be posted."""
    reason = fitting("reason", reason.strip(), StockCount.note)
    if not reason:
        raise ValidationError.single("reason", _("Say why the count is cancelled."))
    with db.write() as session:
        require(session, actor, STOCK_COUNT)
        count = open_count(session, count_id, lock=True)
        COUNT_LIFECYCLE.move(count, CountStatus.CANCELLED)
        audit.record(
            session,
            actor,
            "stock_count.cancel",
            "stock_count",
            count.number,
            old={"status": CountStatus.OPEN},
            new={"status": CountStatus.CANCELLED},
            reason=reason,
        )


# --- reading -----------------------------------------------------------------------------------


def count_info_in(session: Session, count: StockCount) -> CountInfo:
    warehouse = session.get(Warehouse, count.warehouse_id)
    category = session.get(Category, count.category_id) if count.category_id else None
    starter = session.get(User, count.started_by)
    poster = session.get(User, count.posted_by) if count.posted_by else None
    lines, counted = session.execute(
        select(func.count(), func.count(StockCountLine.counted)).where(StockCountLine.count_id == count.id)
    ).one()
    return CountInfo(
        id=count.id,
        number=count.number,
        warehouse_id=count.warehouse_id,
        warehouse_code=warehouse.code if warehouse else "",
        warehouse_name=warehouse.name if warehouse else "",
        category_id=count.category_id,
        category=category.name if category else "",
        status=count.status,
        started_at=count.started_at,
        started_by=(starter.full_name or starter.login) if starter else "",
        posted_at=count.posted_at,
        posted_by=(poster.full_name or poster.login) if poster else "",
        adjustment_value=count.adjustment_value,
        note=count.note,
        lines=int(lines),
        counted=int(counted),
    )


def count_info(db: Database, actor: Actor, count_id: int) -> CountInfo:
    with db.read() as session:
        require(session, actor, STOCK_VIEW)
        return count_info_in(session, get_count(session, count_id))


def find_open_count(db: Database, actor: Actor, warehouse_code: str | None = None) -> int:
    """The one open count (of the warehouse `warehouse_code`, if given), for the command line."""
    with db.read() as session:
        require(session, actor, STOCK_VIEW)
        stmt = (
            select(StockCount.id, StockCount.number, Warehouse.code)
            .join(Warehouse, Warehouse.id == StockCount.warehouse_id)
            .where(StockCount.status == CountStatus.OPEN)
            .order_by(StockCount.number)
        )
        if warehouse_code:
            code = code_key(warehouse_code)
            if session.execute(select(Warehouse.id).where(Warehouse.code == code)).first() is None:
                raise NotFound(
                    _("There is no warehouse {code}.").format(code=code), code="warehouse.unknown_code"
                )
            stmt = stmt.where(Warehouse.code == code)
        found = session.execute(stmt).all()
    if not found:
        raise NotFound(_("There is no open stock count: start one first."), code="stock_count.none_open")
    if len(found) > 1:
        listed = ", ".join(
            _("{number} ({warehouse})").format(number=number, warehouse=code) for _id, number, code in found
        )
        raise UserError(
            _("Several stock counts are open: {counts}. Name the warehouse or the count.").format(
                counts=listed
            ),
            code="stock_count.several_open",
        )
    return int(found[0][0])
