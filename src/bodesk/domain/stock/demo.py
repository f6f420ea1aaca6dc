"""Demo stock: warehouses with bins and a beverage catalogue (products, packagings, returnables).

Stock itself arrives through the purchasing demo (receipts over two years), so the ledger always
explains every quantity.
"""

from __future__ import annotations

import itertools
from decimal import Decimal

from sqlalchemy import select

from bodesk.domain.common.money import (
    MONEY_PLACES,
    QUANTITY_PLACES,
    UNIT_PRICE_PLACES,
    round_money,
    round_unit_price,
)
from bodesk.domain.common.sorting import keyed
from bodesk.domain.common.text import fold
from bodesk.domain.demo import DemoContext
from bodesk.domain.stock.demo_catalogue import LINES, RETURNABLES, gtin13, gtin14
from bodesk.domain.stock.models import Category, Location, LocationKind, Product, Warehouse
from bodesk.store.bulk import bulk_insert, scaled, stored_instant
from bodesk.store.types import utcnow

WAREHOUSES = (
    ("CD1", "Centro de Distribuição São Paulo", "Av. dos Bandeirantes, 1500 — São Paulo/SP"),
    ("CD2", "Depósito Campinas", "Rod. Anhanguera, km 98 — Campinas/SP"),
    ("CD3", "Depósito Santos", "Av. Portuária, 220 — Santos/SP"),
    ("CD4", "Depósito Sorocaba", "Rua Industrial, 45 — Sorocaba/SP"),
    ("CD5", "Depósito São José dos Campos", "Av. Cidade Jardim, 3100 — São José dos Campos/SP"),
)
EDITIONS = (
    "",
    "Pack Promocional",
    "Embalagem Econômica",
    "Edição Limitada",
    "Multipack",
    "Festa",
    "Verão",
    "Inverno",
    "Sleek",
    "Exportação",
    "Clássica",
)


def demo_stock(context: DemoContext) -> None:
    rng = context.rng
    now = utcnow()
    stamp = stored_instant(now)
    warehouses = context.pick(1, 2, 5)
    aisles = context.pick(2, 4, 8)
    with context.db.write() as session:
        for code, name, address in WAREHOUSES[:warehouses]:
            session.add(Warehouse(code=code, name=name, address=address, active=True))
        session.flush()
        locations = []
        for warehouse in session.execute(select(Warehouse).order_by(Warehouse.id)).scalars():
            locations.append(
                {
                    "warehouse_id": warehouse.id,
                    "code": warehouse.code,
                    "name": warehouse.name,
                    "kind": LocationKind.INTERNAL.value,
                    "is_bin": False,
                    "active": True,
                }
            )
            for aisle, level in itertools.product(range(1, aisles + 1), range(1, 4)):
                bin_code = f"{warehouse.code}/{chr(64 + aisle)}-{level:02d}"
                locations.append(
                    {
                        "warehouse_id": warehouse.id,
                        "code": bin_code,
                        "name": f"Corredor {chr(64 + aisle)}, nível {level}",
                        "kind": LocationKind.INTERNAL.value,
                        "is_bin": True,
                        "active": True,
                    }
                )
        bulk_insert(session, Location.__tablename__, locations)
        for line in LINES:
            session.add(Category(name=line.category))
        session.add(Category(name="Vasilhames"))
        session.flush()
        categories = {name: cid for cid, name in session.execute(select(Category.id, Category.name))}

    total = context.pick(300, 3000, 20_000)
    combos = [
        (line, brand, variant, size, edition)
        for edition in EDITIONS
        for line in LINES
        for brand, variant, size in itertools.product(line.brands, line.variants, line.sizes)
    ]
    base = [combo for combo in combos if combo[4] == ""]
    rng.shuffle(base)
    rest = [combo for combo in combos if combo[4] != ""]
    rng.shuffle(rest)
    chosen = (base + rest)[: total - len(RETURNABLES)]
    products, packagings = [], []
    for index, (line, brand, variant, (size, pack_name, units), edition) in enumerate(chosen, start=1):
        name = " ".join(part for part in (brand, variant, size, edition) if part)
        sku = f"{fold(line.category)[:3].upper()}{index:05d}"  # "AGU00002": a code has no accents
        gtin = gtin13(index)
        cost = round_unit_price(
            round_money(Decimal(rng.uniform(float(line.unit_cost[0]), float(line.unit_cost[1]))))
        )
        price = round_money(cost * Decimal(rng.choice(("1.25", "1.32", "1.38", "1.45"))))
        tracked = line.shelf_life_days is not None and rng.random() < 0.8
        products.append(
            {
                "sku": sku,
                "gtin": gtin,
                "name": name,
                "brand": brand,
                "category_id": categories[line.category],
                "base_unit": "un",
                "ncm": line.ncm,
                "cost": scaled(cost, UNIT_PRICE_PLACES),
                "sale_price": scaled(price, MONEY_PLACES),
                "min_stock": 0,
                "max_stock": 0,
                "lot_tracked": tracked,
                "shelf_life_days": line.shelf_life_days if tracked else None,
                "returnable": False,
                "active": True,
                "on_hand": 0,
                "search_text": fold(f"{sku} {name} {brand} {gtin}"),
                "created_at": stamp,
                "updated_at": stamp,
            }
        )
        packagings.append((sku, pack_name, units, gtin14(1, gtin)))
    for offset, (name, unit, cost) in enumerate(RETURNABLES, start=1):
        sku = f"VAS{offset:05d}"
        products.append(
            {
                "sku": sku,
                "gtin": None,
                "name": name,
                "brand": "",
                "category_id": categories["Vasilhames"],
                "base_unit": unit,
                "ncm": "39231090",
                "cost": scaled(cost, UNIT_PRICE_PLACES),
                "sale_price": scaled(cost, MONEY_PLACES),
                "min_stock": 0,
                "max_stock": 0,
                "lot_tracked": False,
                "shelf_life_days": None,
                "returnable": True,
                "active": True,
                "on_hand": 0,
                "search_text": fold(f"{sku} {name}"),
                "created_at": stamp,
                "updated_at": stamp,
            }
        )
    with context.db.write() as session:
        bulk_insert(session, Product.__tablename__, keyed(Product, products))
        ids = dict(session.execute(select(Product.sku, Product.id)).all())
        bulk_insert(
            session,
            "packagings",
            [
                {
                    "product_id": ids[sku],
                    "name": name,
                    "units": scaled(units, QUANTITY_PLACES),
                    "gtin": code,
                    "for_purchase": True,
                    "for_sale": True,
                }
                for sku, name, units, code in packagings
                if units != 1
            ],
        )
    context.progress("stock", 1.0)
