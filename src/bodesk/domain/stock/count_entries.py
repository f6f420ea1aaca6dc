"""Entering counted quantities: one scan at a time (`record_count`) or a whole file (`record_counts`).

What an entry names and how it is read:

- **The product** by a code a scanner or a person types (its barcode, its SKU, or a packaging's
  barcode) or by its id. A packaging barcode counts its units: scanning a case of 12 and typing 2
  counts 24 units. Quantities are in the scanned unit and end up in base units with at most 3 places.
- **The location** by id or code ("CD1/A-01", or just "A-01" inside warehouse CD1). Left out, it is
  the one place of the count where the product (and lot) is expected; the warehouse's main area when
  it is expected nowhere; and the entry is refused, naming the places, when it is expected in several.
- **The lot**, for lot-tracked products only: an existing lot code of the product, or a new one (with
  its expiry date when the product has a shelf life). Left out, it is the product's only lot in the
  count at that place; with several, the entry is refused naming them.
- A product found that was not expected gets a new line (expected 0). A category count refuses
  products of other categories.

`record_count` adds (`mode="add"`, the scanner's way; a negative quantity corrects a mistake) or
replaces (`mode="set"`) the line's counted quantity and returns the new total; `record_scan` does the
same and returns what it recorded, which `undo_scan` takes back exactly (a mis-scanned line becomes
uncounted again rather than "counted 0", which posting would turn into a loss). `record_counts`
validates every entry first and raises ONE ValidationError listing every bad one by its line,
writing nothing if any is bad; the entries of one line are added up and, with `replace=True` (an
import), their total replaces what was counted before.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import insert, select, update

from bodesk.domain.access import audit
from bodesk.domain.access.actor import Actor
from bodesk.domain.access.guard import require
from bodesk.domain.common.errors import FieldError, NotFound, ValidationError, line_field
from bodesk.domain.stock.count_resolver import CountEntry, CountResolver, EntryTarget, LineKey
from bodesk.domain.stock.counts import open_count
from bodesk.domain.stock.counts_queries import LotOption, lot_options
from bodesk.domain.stock.lots import lot_for
from bodesk.domain.stock.models import (
    ZERO,
    Location,
    LocationKind,
    Lot,
    StockCount,
    StockCountLine,
)
from bodesk.domain.stock.permissions import STOCK_COUNT, STOCK_VIEW
from bodesk.i18n import _, format_decimal
from bodesk.store.engine import Database
from bodesk.store.types import utcnow


@dataclass(frozen=True)
class ScannedItem:
    """What a scanned code is, for the entry screen: the product, the unit a scan counts, its lots."""

    product_id: int
    sku: str
    name: str
    base_unit: str
    units: Decimal  # base units per scanned unit
    packaging: str  # "" for the base unit
    lot_tracked: bool
    needs_expiry: bool  # a new lot of it needs an expiry date
    lots: list[str]  # the product's lot codes in this count
    counted: Decimal | None  # counted so far, over every line of the product in this count
    lot_choices: list[LotOption]  # its lots where it is counted (everywhere: no location chosen)


def _write(
    resolver: CountResolver, targets: dict[LineKey, EntryTarget], totals: dict[LineKey, Decimal]
) -> None:
    """Store the new totals: existing lines updated in bulk, new lines (and new lots) inserted."""
    session, now = resolver.session, utcnow()
    changed, added = [], []
    for key, total in totals.items():
        line = resolver.lines.get(key)
        if line is not None and line.id is not None:
            changed.append({"id": line.id, "counted": total, "counted_at": now})
            continue
        target = targets[key]
        lot = target.lot
        if target.lot_code and lot is None:
            lot = lot_for(session, target.product, target.lot_code, target.expiry)
            resolver.lots[(target.product.id, target.lot_code)] = lot
        added.append(
            {
                "count_id": resolver.count.id,
                "product_id": target.product.id,
                "location_id": target.location.id,
                "lot_id": lot.id if lot else None,
                "lot_key": lot.id if lot else 0,
                "expected": ZERO,
                "counted": total,
                "counted_at": now,
            }
        )
    if changed:
        session.execute(update(StockCountLine), changed)
    if added:
        session.execute(insert(StockCountLine), added)


def identify(
    db: Database, actor: Actor, count_id: int, code: str, location_id: int | None = None
) -> ScannedItem:
    """What `code` is in this count (before its quantity is typed), with its lots in `location_id`
    (None: wherever the count expects them) to pick from; ValidationError on field "code"."""
    with db.read() as session:
        require(session, actor, STOCK_COUNT)
        resolver = CountResolver(session, open_count(session, count_id))
        check: list[FieldError] = []
        found = resolver.product_of(CountEntry(code, Decimal(1)), check)
        if found is None:
            raise ValidationError(check)
        product, units, packaging = found
        keys = resolver.keys_of(product.id)
        counted = [resolver.lines[key].counted for key in keys]
        known = [value for value in counted if value is not None]
        return ScannedItem(
            product.id,
            product.sku,
            product.name,
            product.base_unit,
            units,
            packaging,
            product.lot_tracked,
            bool(product.lot_tracked and product.shelf_life_days),
            sorted({key[2] for key in keys} - {""}),
            sum(known, ZERO) if known else None,
            lot_options(session, count_id, product.id, location_id) if product.lot_tracked else [],
        )


@dataclass(frozen=True)
class RecordedCount:
    """One scan as recorded: enough to show it in a list of last entries and to undo it exactly."""

    product_id: int
    sku: str
    name: str
    base_unit: str
    location_id: int
    location: str
    lot: str
    mode: str
    quantity: Decimal  # base units added (mode add) or set (mode set)
    before: Decimal | None  # the line's counted quantity before; None: it was not counted
    total: Decimal


def record_scan(
    db: Database,
    actor: Actor,
    count_id: int,
    code_or_product: str | int,
    quantity: Decimal,
    location_id: int | None = None,
    lot_code: str | None = None,
    mode: str = "add",
    expiry: date | None = None,
) -> RecordedCount:
    """Count `quantity` of a scanned code (or product id): see the module notes."""
    if mode not in ("add", "set"):
        raise ValueError(f"unknown mode {mode!r}")
    with db.write() as session:
        require(session, actor, STOCK_COUNT)
        resolver = CountResolver(session, open_count(session, count_id))
        target = resolver.resolve(CountEntry(code_or_product, quantity, location_id, lot_code, expiry))
        line = resolver.lines.get(target.key)
        before = line.counted if line is not None else None
        total = target.quantity if mode == "set" else (before or ZERO) + target.quantity
        if total < ZERO:
            message = (
                _("A counted quantity cannot be negative.")
                if mode == "set"
                else _("{product}: the count would go below zero (counted so far: {counted}).").format(
                    product=target.product.name, counted=format_decimal(before or ZERO)
                )
            )
            raise ValidationError.single("quantity", message)
        _write(resolver, {target.key: target}, {target.key: total})
        product, location = target.product, target.location
        recorded = RecordedCount(
            product.id, product.sku, product.name, product.base_unit, location.id, location.code,
            target.lot_code, mode, target.quantity, before, total,
        )  # fmt: skip
        audit.record(
            session,
            actor,
            "stock_count.record",
            "stock_count",
            resolver.count.number,
            new={
                "product": product.sku,
                "location": location.code,
                "lot": target.lot_code,
                "mode": mode,
                "quantity": target.quantity,
                "counted": total,
            },
        )
        return recorded


def record_count(
    db: Database,
    actor: Actor,
    count_id: int,
    code_or_product: str | int,
    quantity: Decimal,
    location_id: int | None = None,
    lot_code: str | None = None,
    mode: str = "add",
    expiry: date | None = None,
) -> Decimal:
    """Count `quantity` of a scanned code (or product id); returns the line's counted total."""
    return record_scan(
        db, actor, count_id, code_or_product, quantity, location_id, lot_code, mode, expiry
    ).total


def undo_scan(db: Database, actor: Actor, count_id: int, recorded: RecordedCount) -> Decimal | None:
    """Take a recorded scan back; returns the line's counted quantity after (None: not counted).

    If nothing changed the line since, it returns to exactly what it was (uncounted again if it was);
    if it was counted again meanwhile, an added quantity is taken off and a replaced one is refused.
    """
    with db.write() as session:
        require(session, actor, STOCK_COUNT)
        count = open_count(session, count_id)
        line = session.execute(
            select(StockCountLine)
            .outerjoin(Lot, Lot.id == StockCountLine.lot_id)
            .where(
                StockCountLine.count_id == count_id,
                StockCountLine.product_id == recorded.product_id,
                StockCountLine.location_id == recorded.location_id,
                (Lot.code == recorded.lot) if recorded.lot else StockCountLine.lot_id.is_(None),
            )
        ).scalar_one_or_none()
        if line is None:
            raise NotFound(_("That count line no longer exists."), code="stock_count_line.not_found")
        if line.counted == recorded.total:
            after = recorded.before
        elif recorded.mode == "add" and line.counted is not None and line.counted >= recorded.quantity:
            after = line.counted - recorded.quantity
        else:
            raise ValidationError.single(
                "quantity",
                _("{product} was counted again since: correct its quantity instead.").format(
                    product=recorded.name
                ),
            )
        old = line.counted
        line.counted = after
        line.counted_at = utcnow() if after is not None else None
        audit.record(
            session,
            actor,
            "stock_count.undo",
            "stock_count",
            count.number,
            old={"product": recorded.sku, "location": recorded.location, "lot": recorded.lot, "counted": old},
            new={"counted": after},
        )
        return after


def record_counts(
    db: Database,
    actor: Actor,
    count_id: int,
    entries: Sequence[CountEntry],
    replace: bool = True,
    source: str = "",
) -> int:
    """Record many entries at once (all or none); returns how many count lines were written.

    A refused entry is named `line_field(n, part)`: n the entry's `line` (its line in the file) or else
    its position (1-based), the part the entry's field ("code", "location", "lot", "expiry", "quantity").
    """
    with db.write() as session:
        require(session, actor, STOCK_COUNT)
        resolver = CountResolver(session, open_count(session, count_id))
        resolver.load_all_lines()
        resolver.prefetch_codes(entry.code for entry in entries if isinstance(entry.code, str))
        resolver.prefetch_lots(entry.lot for entry in entries)
        problems: list[FieldError] = []
        targets: dict[LineKey, EntryTarget] = {}
        sums: dict[LineKey, Decimal] = defaultdict(lambda: ZERO)
        for index, entry in enumerate(entries, start=1):
            number = entry.line or index
            if entry.quantity < ZERO:
                problems.append(
                    FieldError(
                        line_field(number, "quantity"),
                        _("Line {n}: a counted quantity cannot be negative.").format(n=number),
                    )
                )
                continue
            try:
                target = resolver.resolve(entry)
            except ValidationError as exc:
                problems.extend(
                    FieldError(
                        line_field(number, error.field),
                        _("Line {n}: {problem}").format(n=number, problem=error.message),
                    )
                    for error in exc.errors
                )
                continue
            targets.setdefault(target.key, target)
            sums[target.key] += target.quantity
        if problems:
            raise ValidationError(problems)
        totals = dict(sums)
        if not replace:
            for key, line in resolver.lines.items():
                if key in totals and line.counted is not None:
                    totals[key] += line.counted
        _write(resolver, targets, totals)
        audit.record(
            session,
            actor,
            "stock_count.import",
            "stock_count",
            resolver.count.number,
            new={"entries": len(entries), "lines": len(totals), "replace": replace, "source": source},
        )
        return len(totals)


def count_locations(db: Database, actor: Actor, count_id: int) -> list[tuple[int, str, str]]:
    """(id, code, name) of the places a count covers: the main area first, then the open bins."""
    with db.read() as session:
        require(session, actor, STOCK_VIEW)
        count = session.get(StockCount, count_id)
        if count is None:
            raise NotFound(_("That stock count no longer exists."), code="stock_count.not_found")
        rows = session.execute(
            select(Location.id, Location.code, Location.name)
            .where(
                Location.warehouse_id == count.warehouse_id,
                Location.kind == LocationKind.INTERNAL,
                Location.active.is_(True),
            )
            .order_by(Location.is_bin, Location.code)
        ).all()
        return [(location_id, code, name) for location_id, code, name in rows]
