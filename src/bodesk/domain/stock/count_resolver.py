"""Reading count entries against an open count: which product, unit, location, lot and line an entry
names (the rules are in bodesk.domain.stock.count_entries), with caches so that a file of thousands of
entries costs a few queries."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from bodesk.domain.common.codes import code_key
from bodesk.domain.common.errors import FieldError, ValidationError
from bodesk.domain.common.figures import date_text
from bodesk.domain.common.listing import chunks
from bodesk.domain.common.money import QUANTITY_RULE
from bodesk.domain.stock.catalogue import find_by_code
from bodesk.domain.stock.lots import LOT_CODE_RULE, lot_code_problem
from bodesk.domain.stock.models import (
    ZERO,
    Category,
    Location,
    LocationKind,
    Lot,
    Packaging,
    Product,
    StockCount,
    StockCountLine,
)
from bodesk.domain.stock.warehouses import main_location
from bodesk.i18n import _

_CHUNK = 500
LineKey = tuple[int, int, str]  # product, location, lot code ("" without a lot)


@dataclass(frozen=True)
class CountEntry:
    code: str | int  # a barcode or SKU, or a product id
    quantity: Decimal  # in the scanned unit: cases for a case's barcode
    location: int | str | None = None  # a location id or code; None: see the module notes
    lot: str | None = None
    expiry: date | None = None  # for a new lot
    line: int = 0  # the file's line, for messages


@dataclass
class CountedLine:
    id: int | None
    lot_id: int | None
    counted: Decimal | None


@dataclass
class EntryTarget:
    product: Product
    units: Decimal
    location: Location
    lot_code: str
    lot: Lot | None  # None: no lot, or a new one (lot_code set) created when writing
    expiry: date | None
    quantity: Decimal  # base units

    @property
    def key(self) -> LineKey:
        return (self.product.id, self.location.id, self.lot_code)


@dataclass
class CountResolver:
    """Reads entries against one open count, with caches so that a file of thousands costs few queries."""

    session: Session
    count: StockCount
    locations: dict[int, Location] = field(default_factory=dict)
    by_code: dict[str, Location] = field(default_factory=dict)
    lines: dict[LineKey, CountedLine] = field(default_factory=dict)
    product_keys: dict[int, list[LineKey]] = field(default_factory=dict)
    codes: dict[str, tuple[Product, Decimal, str] | None] = field(default_factory=dict)
    lots: dict[tuple[int, str], Lot | None] = field(default_factory=dict)
    lot_codes: set[str] = field(default_factory=set)  # codes whose lots, of every product, are in `lots`
    all_lines: bool = False

    def __post_init__(self) -> None:
        stmt = select(Location).where(
            Location.warehouse_id == self.count.warehouse_id, Location.kind == LocationKind.INTERNAL
        )
        for location in self.session.execute(stmt).scalars():
            self.locations[location.id] = location
            self.by_code[code_key(location.code)] = location
        self.main = main_location(self.session, self.count.warehouse_id)
        self.category = self.session.get(Category, self.count.category_id) if self.count.category_id else None

    # --- loading ---

    def _load_lines(self, product_ids: Sequence[int] | None) -> None:
        stmt = (
            select(
                StockCountLine.id,
                StockCountLine.product_id,
                StockCountLine.location_id,
                StockCountLine.lot_id,
                Lot.code,
                StockCountLine.counted,
            )
            .outerjoin(Lot, Lot.id == StockCountLine.lot_id)
            .where(StockCountLine.count_id == self.count.id)
            .order_by(StockCountLine.id)
        )
        if product_ids is not None:
            stmt = stmt.where(StockCountLine.product_id.in_(product_ids))
            for product_id in product_ids:
                self.product_keys.setdefault(product_id, [])
        for line_id, product_id, location_id, lot_id, lot_code, counted in self.session.execute(stmt):
            key = (product_id, location_id, lot_code or "")
            self.lines[key] = CountedLine(line_id, lot_id, counted)
            self.product_keys.setdefault(product_id, []).append(key)

    def load_all_lines(self) -> None:
        self._load_lines(None)
        self.all_lines = True

    def keys_of(self, product_id: int) -> list[LineKey]:
        if product_id not in self.product_keys and not self.all_lines:
            self._load_lines([product_id])
        return self.product_keys.get(product_id, [])

    def prefetch_codes(self, codes: Iterable[str]) -> None:
        """Look many codes up at once: product barcodes and SKUs, then packaging barcodes."""
        wanted = sorted({code_key(code) for code in codes if code.strip()} - set(self.codes))
        for start in range(0, len(wanted), _CHUNK):
            chunk = wanted[start : start + _CHUNK]
            for product in self.session.execute(
                select(Product).where(
                    or_(Product.gtin.in_(chunk), func.upper(Product.sku).in_(chunk)), Product.active.is_(True)
                )
            ).scalars():
                for code in (code_key(product.sku), product.gtin):
                    if code and code in chunk and self.codes.get(code) is None:
                        self.codes[code] = (product, Decimal(1), "")
            rest = [code for code in chunk if code not in self.codes]
            for packaging, product in self.session.execute(
                select(Packaging, Product)
                .join(Product, Product.id == Packaging.product_id)
                .where(Packaging.gtin.in_(rest), Product.active.is_(True))
            ).all():
                self.codes[str(packaging.gtin)] = (product, packaging.units, packaging.name)
            for code in chunk:
                self.codes.setdefault(code, None)

    def scan(self, code: str) -> tuple[Product, Decimal, str] | None:
        code = code_key(code)
        if code not in self.codes:
            found = find_by_code(self.session, code)
            product = self.session.get(Product, found.product_id) if found else None
            self.codes[code] = (product, found.units, found.packaging) if found and product else None
        return self.codes[code]

    def prefetch_lots(self, codes: Iterable[str | None]) -> None:
        """Look many lot codes up at once, the lots of every product with each code."""
        wanted = sorted({LOT_CODE_RULE.clean(code) for code in codes if code} - self.lot_codes)
        for chunk in chunks(wanted):
            for lot in self.session.execute(select(Lot).where(Lot.code.in_(chunk))).scalars():
                self.lots[(lot.product_id, lot.code)] = lot
            self.lot_codes.update(chunk)

    def lot(self, product: Product, code: str) -> Lot | None:
        key = (product.id, code)
        if key not in self.lots and code not in self.lot_codes:
            self.lots[key] = self.session.execute(
                select(Lot).where(Lot.product_id == product.id, Lot.code == code)
            ).scalar_one_or_none()
        return self.lots.get(key)

    # --- reading one entry ---

    def product_of(self, entry: CountEntry, check: list[FieldError]) -> tuple[Product, Decimal, str] | None:
        if isinstance(entry.code, int):
            product = self.session.get(Product, entry.code)
            if product is None or (not product.active and not self.keys_of(product.id)):
                check.append(FieldError("code", _("That product no longer exists or is archived.")))
                return None
            return product, Decimal(1), ""
        if not entry.code.strip():
            check.append(FieldError("code", _("Scan or type a product code.")))
            return None
        found = self.scan(entry.code)
        if found is None:
            check.append(
                FieldError("code", _("No product has the code “{code}”.").format(code=entry.code.strip()))
            )
            return None
        product = found[0]
        if (
            self.category is not None
            and product.category_id != self.category.id
            and not self.keys_of(product.id)
        ):
            check.append(
                FieldError(
                    "code",
                    _("{product} is not in {category}: this count covers only that category.").format(
                        product=product.name, category=self.category.name
                    ),
                )
            )
            return None
        return found

    def location_of(self, entry: CountEntry, product: Product, lot_code: str | None) -> Location:
        """The entry's location; raises ValidationError (field "location")."""
        if entry.location is not None and entry.location != "":
            location = self._named_location(entry.location)
            keys = self.keys_of(product.id)
            if not location.active and not any(key[1] == location.id for key in keys):
                raise ValidationError.single(
                    "location", _("The bin {code} is closed.").format(code=location.code)
                )
            return location
        keys = self.keys_of(product.id)
        matching = {key[1] for key in keys if lot_code is None or key[2] == lot_code}
        places = sorted(matching or {key[1] for key in keys}, key=lambda place: self.locations[place].code)
        if len(places) > 1:
            raise ValidationError.single(
                "location",
                _("{product} is expected in several places ({places}): choose the location.").format(
                    product=product.name, places=", ".join(self.locations[place].code for place in places)
                ),
            )
        return self.locations[places[0]] if places else self.main

    def _named_location(self, named: int | str) -> Location:
        if isinstance(named, int):
            location = self.locations.get(named)
        else:
            code = code_key(named)
            location = self.by_code.get(code) or self.by_code.get(f"{self.main.code}/{code}")
        if location is None:
            raise ValidationError.single(
                "location",
                _("“{place}” is not a location of warehouse {warehouse}.").format(
                    place=named, warehouse=self.main.code
                ),
            )
        return location

    def lot_of(self, entry: CountEntry, product: Product) -> tuple[str, Lot | None]:
        """(lot code, existing lot or None); raises ValidationError (fields "lot", "expiry")."""
        code = LOT_CODE_RULE.clean(entry.lot or "")
        if not product.lot_tracked:
            if code:
                raise ValidationError.single(
                    "lot",
                    _("{product} is not tracked by lot: leave the lot empty.").format(product=product.name),
                )
            return "", None
        if not code:
            try:
                place = self._named_location(entry.location) if entry.location not in (None, "") else None
            except ValidationError:
                place = None  # the location's own error is reported by location_of
            codes = sorted(
                {key[2] for key in self.keys_of(product.id) if place is None or key[1] == place.id} - {""}
            )
            if len(codes) != 1:
                known = _(" (in this count: {lots})").format(lots=", ".join(codes)) if codes else ""
                raise ValidationError.single(
                    "lot",
                    _("{product} is tracked by lot: enter the lot{known}.").format(
                        product=product.name, known=known
                    ),
                )
            code = codes[0]
        problem = lot_code_problem(product, code)
        if problem is not None:
            raise ValidationError.single("lot", problem)
        lot = self.lot(product, code)
        if lot is None and product.shelf_life_days and entry.expiry is None:
            raise ValidationError.single(
                "expiry",
                _("{product}: lot {lot} is new: enter its expiry date.").format(
                    product=product.name, lot=code
                ),
            )
        if lot is not None and entry.expiry and lot.expiry and lot.expiry != entry.expiry:
            raise ValidationError.single(
                "expiry",
                _("{product}: lot {lot} is already recorded with expiry {expiry}.").format(
                    product=product.name, lot=code, expiry=date_text(lot.expiry)
                ),
            )
        return code, lot

    def resolve(self, entry: CountEntry) -> EntryTarget:
        """The line an entry counts, or ValidationError with every problem of the entry."""
        check: list[FieldError] = []
        found = self.product_of(entry, check)
        quantity = ZERO
        if found is not None:
            quantity = entry.quantity * found[1]
            problem = QUANTITY_RULE.problem(quantity)
            if problem is not None:
                check.append(FieldError("quantity", problem))
        if check or found is None:
            raise ValidationError(check)
        product, units, _packaging = found
        try:
            lot_code, lot = self.lot_of(entry, product)
        except ValidationError as exc:
            check.extend(exc.errors)
            lot_code, lot = "", None
        try:
            location = self.location_of(
                entry, product, lot_code if product.lot_tracked and lot_code else None
            )
        except ValidationError as exc:
            raise ValidationError([*check, *exc.errors]) from None
        if check:
            raise ValidationError(check)
        return EntryTarget(product, units, location, lot_code, lot, entry.expiry, quantity)
