"""`bodesk check`: every stored product, warehouse, bin and lot follows the rules a person's entry is
held to — the same functions the forms and the imports call — so that whatever the demo's bulk inserts,
an old version or a hand-edited database stored can be saved again unchanged, and exported then imported
back."""

from __future__ import annotations

import itertools
from collections.abc import Iterator

from sqlalchemy import select
from sqlalchemy.orm import Session

from bodesk.domain.common.codes import CodeRule
from bodesk.domain.stock.imports import product_import_fields
from bodesk.domain.stock.lots import LOT_CODE_RULE
from bodesk.domain.stock.models import Category, Location, LocationKind, Lot, Product, Warehouse
from bodesk.domain.stock.product_rules import ProductData, cleaned, product_problems
from bodesk.domain.stock.warehouses import BIN_CODE_RULE, WAREHOUSE_CODE_RULE
from bodesk.i18n import _

SHOWN = 50  # problems listed at most


def _products(session: Session) -> Iterator[str]:
    labels = {field.key: field.label for field in product_import_fields()}
    rows = session.execute(
        select(Product, Category.name).outerjoin(Category, Category.id == Product.category_id)
    )
    for product, category in rows:
        data = ProductData(
            sku=product.sku, name=product.name, gtin=product.gtin or "", brand=product.brand,
            category=category or "", base_unit=product.base_unit, ncm=product.ncm,
            sale_price=product.sale_price, min_stock=product.min_stock, max_stock=product.max_stock,
            lot_tracked=product.lot_tracked, shelf_life_days=product.shelf_life_days,
            returnable=product.returnable, cost=product.cost,
        )  # fmt: skip
        if cleaned(data) != data:
            yield _(
                "Product {sku}: it is not stored as a save would store it (its SKU in capitals, its texts on one line)."
            ).format(sku=product.sku)
        for problem in product_problems(cleaned(data)):
            yield _("Product {sku}: {field}: {problem}").format(
                sku=product.sku, field=_(labels.get(problem.field, problem.field)), problem=problem.message
            )


def _code_problem(rule: CodeRule, code: str) -> str | None:
    if rule.clean(code) != code:
        return _("a code is kept as “{clean}”.").format(clean=rule.clean(code))
    return rule.problem(code)


def _codes(session: Session) -> Iterator[str]:
    for code in session.execute(select(Warehouse.code)).scalars():
        if (problem := _code_problem(WAREHOUSE_CODE_RULE, code)) is not None:
            yield _("Warehouse {code}: {problem}").format(code=code, problem=problem)
    bins = (
        select(Location.code, Warehouse.code)
        .join(Warehouse, Warehouse.id == Location.warehouse_id)
        .where(Location.is_bin.is_(True), Location.kind == LocationKind.INTERNAL)
    )
    for code, warehouse in session.execute(bins):
        if (problem := _code_problem(BIN_CODE_RULE, code.removeprefix(f"{warehouse}/"))) is not None:
            yield _("Bin {code}: {problem}").format(code=code, problem=problem)
    for code, sku in session.execute(
        select(Lot.code, Product.sku).join(Product, Product.id == Lot.product_id)
    ):
        if (problem := _code_problem(LOT_CODE_RULE, code)) is not None:
            yield _("Lot {lot} of {sku}: {problem}").format(lot=code, sku=sku, problem=problem)


def records_follow_the_rules(session: Session) -> list[str]:
    return list(itertools.islice(itertools.chain(_products(session), _codes(session)), SHOWN))
