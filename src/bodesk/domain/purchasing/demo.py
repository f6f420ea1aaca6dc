"""Demo purchasing history: suppliers, their prices, and purchase orders received over time, with the
stock moves they made (lots and expiry dates included), goods sold to customers (shipped sales orders
when the sales demo left its writer, else goods issues; a few gifts and samples stay issues), some
breakage, and a few orders still open. Generated in memory and
bulk inserted, with documents, quants, on-hand totals and moving average costs computed exactly as the
posting services would; `bodesk check` proves the result equal to what they write (every move points at
its document, each document's value equals its moves, the caches equal the ledger)."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime, timedelta
from decimal import Decimal

from sqlalchemy import select
from stdnum.br import cnpj

from bodesk.domain.access.models import User
from bodesk.domain.common.money import QUANTITY_PLACES, UNIT_PRICE_PLACES, round_money, round_unit_price
from bodesk.domain.common.sorting import keyed
from bodesk.domain.common.text import fold
from bodesk.domain.demo import DemoContext
from bodesk.domain.purchasing.demo_documents import (
    SALES_WRITER,
    Book,
    LotStock,
    Operation,
    Outflow,
    Pair,
    write_history,
)
from bodesk.domain.purchasing.models import Supplier
from bodesk.domain.stock.models import Category, Location, LocationKind, Packaging, Product
from bodesk.store.bulk import bulk_insert, scaled, stored_instant
from bodesk.store.types import utcnow

ZERO = Decimal(0)
PREFIXES = (
    "Distribuidora",
    "Comercial",
    "Atacadão",
    "Indústria de Bebidas",
    "Engarrafadora",
    "Importadora",
    "Cervejaria",
    "Vinícola",
    "Águas Minerais",
    "Alimentos e Bebidas",
)
NAMES = (
    "Paulista",
    "Bandeirantes",
    "Tietê",
    "Mantiqueira",
    "Serra Azul",
    "Vale do Paraíba",
    "Litoral",
    "Horizonte",
    "Cristal",
    "Boa Vista",
    "Santa Luzia",
    "Três Rios",
    "Ipiranga",
    "Guarani",
    "Itatiaia",
    "Rio Claro",
    "Jundiaí",
    "Piracicaba",
    "Aurora",
    "Nova Era",
)
SALE = "Venda balcão"
ISSUE_REASONS = (SALE, SALE, SALE, "Bonificação a cliente", "Amostra para cliente")
BREAKAGE_REASONS = ("Garrafa quebrada no manuseio", "Avaria no transporte", "Embalagem danificada")
CITIES = (
    ("São Paulo", "SP"),
    ("Campinas", "SP"),
    ("Jundiaí", "SP"),
    ("Ribeirão Preto", "SP"),
    ("Curitiba", "PR"),
    ("Belo Horizonte", "MG"),
    ("Rio de Janeiro", "RJ"),
    ("Bento Gonçalves", "RS"),
    ("Jacareí", "SP"),
    ("Goiânia", "GO"),
)


def _cnpj(serial: int) -> str:
    body = f"{10_000_000 + serial * 7919 % 89_999_999:08d}0001"
    return body + cnpj.calc_check_digits(body)


def demo_purchasing(context: DemoContext) -> None:
    rng = context.rng
    now = utcnow()
    selling = SALES_WRITER in context.shared  # sales write what is sold; issues are gifts and samples
    days = context.pick(120, 365, 1095 if selling else 730)  # sales: three years of orders when large
    start = now - timedelta(days=days)
    supplier_count = context.pick(12, 60, 300)
    db = context.db
    with db.read() as session:
        products = session.execute(
            select(
                Product.id,
                Product.sku,
                Product.name,
                Product.brand,
                Product.cost,
                Product.lot_tracked,
                Product.shelf_life_days,
                Category.name,
            )
            .join(Category, Category.id == Product.category_id)
            .order_by(Product.id)
        ).all()
        packs = {
            pid: (pack_id, units)
            for pack_id, pid, units in session.execute(
                select(Packaging.id, Packaging.product_id, Packaging.units).order_by(Packaging.id)
            )
        }
        internal = session.execute(
            select(Location.id, Location.warehouse_id, Location.is_bin)
            .where(Location.kind == LocationKind.INTERNAL)
            .order_by(Location.id)
        ).all()
        virtual = dict(
            session.execute(select(Location.kind, Location.id).where(Location.warehouse_id.is_(None))).all()
        )
        clerk = session.execute(select(User.id).where(User.login == "estoque")).scalar_one_or_none()
    warehouses = sorted({row.warehouse_id for row in internal})
    main_of = {row.warehouse_id: row.id for row in internal if not row.is_bin}
    bins_of: dict[int, list[int]] = defaultdict(list)
    for row in internal:
        if row.is_bin:
            bins_of[row.warehouse_id].append(row.id)

    suppliers = []
    for serial in range(1, supplier_count + 1):
        city, state = rng.choice(CITIES)
        name = f"{rng.choice(PREFIXES)} {rng.choice(NAMES)} {serial:03d} Ltda."
        suppliers.append(
            {
                "name": name,
                "trade_name": name.split(" Ltda.", maxsplit=1)[0],
                "tax_id": _cnpj(serial),
                "contact_name": rng.choice(("Ana", "Bruno", "Carla", "Diego", "Elaine", "Fábio"))
                + " "
                + rng.choice(("Souza", "Lima", "Prado", "Rocha", "Teixeira")),
                "email": f"pedidos{serial:03d}@fornecedor.com.br",
                "phone": f"(11) 4{serial:03d}-{1000 + serial:04d}",
                "city": city,
                "state": state,
                "payment_terms_days": rng.choice((14, 21, 28, 30, 45)),
                "lead_time_days": rng.choice((2, 3, 5, 7, 10)),
                "notes": "",
                "active": True,
                "search_text": fold(f"{name} {_cnpj(serial)}"),
            }
        )
    with db.write() as session:
        bulk_insert(session, "suppliers", keyed(Supplier, suppliers))
        supplier_ids = list(session.execute(select(Supplier.id).order_by(Supplier.id)).scalars())
    by_brand: dict[str, list[int]] = defaultdict(list)
    prices = []
    preferred: dict[int, tuple[int, Decimal]] = {}
    for product in products:
        brand = product.brand or product[7]
        if brand not in by_brand:
            by_brand[brand] = rng.sample(supplier_ids, k=min(2, len(supplier_ids)))
        pack_id, units = packs.get(product.id, (None, Decimal(1)))
        for rank, supplier_id in enumerate(by_brand[brand]):
            factor = Decimal(1) if rank == 0 else Decimal(rng.choice(("1.02", "1.05", "0.98")))
            price = round_money(product.cost * units * factor)  # a supplier quotes a package in cents
            prices.append(
                {
                    "supplier_id": supplier_id,
                    "product_id": product.id,
                    "supplier_sku": f"F{product.sku}",
                    "packaging_id": pack_id,
                    "package_price": scaled(price, UNIT_PRICE_PLACES),
                    "preferred": rank == 0,
                }
            )
            if rank == 0:
                preferred[product.id] = (supplier_id, price)
    with db.write() as session:
        bulk_insert(session, "supplier_products", prices)

    book = Book()
    restocks = context.pick(3, 4, 5 if selling else 3)
    open_after = days - context.pick(20, 12, 12)  # a small history has few receipts in its last days
    finals: dict[int, tuple[Decimal, Decimal, Decimal]] = {}
    for product in products:
        supplier_id, package_price = preferred[product.id]
        pack_id, units = packs.get(product.id, (None, Decimal(1)))
        stocked = [warehouses[0]] + [w for w in warehouses[1:] if rng.random() < 0.25]
        events: list[tuple[float, int, str, int, float]] = []
        for warehouse in stocked:
            interval = days / restocks
            t = rng.uniform(0, interval * 0.5)
            while t < days - 1:
                week_day = (t // 7) * 7 + supplier_id % 5
                events.append((week_day, 0, "in", warehouse, float(rng.randint(2, 20))))
                events.append((week_day + interval * 0.45, 1, "out", warehouse, rng.uniform(0.3, 0.6)))
                events.append((week_day + interval * 0.9, 1, "out", warehouse, rng.uniform(0.4, 0.95)))
                t += interval * rng.uniform(0.85, 1.15)
        events.sort()
        pairs = {
            w: Pair(rng.choice(bins_of[w]) if bins_of[w] and rng.random() < 0.7 else main_of[w])
            for w in stocked
        }
        held, cost, restocked = ZERO, product.cost, ZERO
        serial = 0
        for t, _order, kind, warehouse, amount in events:
            if t >= days:
                continue
            when = start + timedelta(days=t, hours=rng.randint(8, 17), minutes=rng.randint(0, 59))
            pair = pairs[warehouse]
            if kind == "in":
                quantity = Decimal(int(amount)) * units
                unit_cost = round_unit_price(package_price / units * Decimal(1 + 0.06 * t / 365))
                key = (supplier_id, warehouse, int(t))
                if t >= open_after and rng.random() < 0.35:
                    book.open_lines.append((key, product.id, quantity, unit_cost))
                    continue
                lot_key: int | None = None
                if product.lot_tracked:
                    serial += 1
                    expiry = (when + timedelta(days=product.shelf_life_days or 180)).date()
                    book.lots.append(
                        {
                            "product_id": product.id,
                            "code": f"L{when:%y%m%d}{warehouse}{serial:02d}",
                            "expiry": expiry,
                            "created_at": stored_instant(when),
                        }
                    )
                    lot_key = len(book.lots)
                    pair.lots.append(LotStock(lot_key, quantity, expiry))
                else:
                    if not pair.lots:
                        pair.lots.append(LotStock(None, ZERO, None))
                    pair.lots[0].quantity += quantity
                total = held + quantity
                cost = round_unit_price((held * cost + quantity * unit_cost) / total)
                held = total
                restocked += quantity
                book.lines.append((key, product.id, quantity, unit_cost, lot_key, len(book.moves)))
                book.moves.append(
                    _move(
                        product.id,
                        lot_key,
                        virtual["supplier"],
                        pair.location_id,
                        quantity,
                        unit_cost,
                        when,
                        clerk,
                    )
                )
                book.quants[(product.id, pair.location_id, lot_key or 0)] += quantity
                continue
            stock = sum((lot.quantity for lot in pair.lots), ZERO)
            wanted = Decimal(int(stock * Decimal(str(round(amount, 3)))))
            target = virtual["loss"] if rng.random() < 0.015 else virtual["customer"]
            if target == virtual["loss"]:
                wanted = min(wanted, Decimal(rng.randint(1, 6)))
            pair.lots.sort(key=lambda lot: (lot.expiry is None, lot.expiry or when.date()))
            breakage = target == virtual["loss"]
            operation = Operation(
                "breakage" if breakage else "issue",
                when,
                clerk,
                rng.choice(BREAKAGE_REASONS if breakage else ISSUE_REASONS),
            )
            sale = Outflow(product.id, pair.location_id, when, cost) if selling and not breakage else None
            if sale is not None and operation.reason != SALE and rng.random() < 0.2:
                wanted = min(wanted, Decimal(rng.randint(1, 6)))  # a gift or a sample, now and then
                sale = None
            for lot in pair.lots:
                if wanted <= ZERO:
                    break
                take = min(wanted, lot.quantity)
                if take <= ZERO:
                    continue
                lot.quantity -= take
                wanted -= take
                held -= take
                book.quants[(product.id, pair.location_id, lot.key or 0)] -= take
                if sale is not None:
                    sale.takes.append((lot.key, take))
                    continue
                operation.moves.append(len(book.moves))
                operation.value += take * cost
                book.moves.append(
                    _move(
                        product.id,
                        lot.key,
                        pair.location_id,
                        target,
                        take,
                        cost,
                        when,
                        clerk,
                        operation.reason,
                    )
                )
            if sale is not None and sale.takes:
                book.outflows.append(sale)
            if operation.moves:
                book.operations.append(operation)
            pair.lots = [lot for lot in pair.lots if lot.quantity > ZERO or lot.key is None]
        finals[product.id] = (held, cost, restocked / max(1, restocks * len(stocked)))
        if len(finals) % 500 == 0:
            context.progress("purchasing", len(finals) / len(products) * 0.8)
    write_history(context, book, finals, start)


def _move(
    product_id: int,
    lot_key: int | None,
    origin: int,
    target: int,
    quantity: Decimal,
    unit_cost: Decimal,
    when: datetime,
    user_id: int | None,
    reason: str | None = None,
) -> dict[str, object]:
    """A stock move as stored; its document reference is filled in once the documents are numbered."""
    return {
        "product_id": product_id,
        "lot_id": lot_key,
        "from_location_id": origin,
        "to_location_id": target,
        "quantity": scaled(quantity, QUANTITY_PLACES),
        "unit_cost": scaled(unit_cost, UNIT_PRICE_PLACES),
        "at": stored_instant(when),
        "doc_kind": "",
        "doc_id": 0,
        "doc_number": 0,
        "user_id": user_id,
        "reason": reason,
    }
