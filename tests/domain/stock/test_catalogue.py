"""The catalogue's rules: each with input that passes and input that is refused (and changes nothing)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from decimal import Decimal

import pytest

from bodesk.domain.access.actor import Actor
from bodesk.domain.access.models import AuditEntry
from bodesk.domain.common.errors import ConfirmableWarning, PermissionDenied, ValidationError
from bodesk.domain.stock.catalogue import (
    ARCHIVE_WITH_STOCK,
    ProductData,
    ScannedProduct,
    add_packaging,
    find_by_code,
    product_data,
    remove_packaging,
    set_product_active,
    update_product,
    validate_gtin,
)
from bodesk.domain.stock.lookups import categories, packagings, product_brief
from bodesk.domain.stock.models import Packaging, Product
from bodesk.domain.stock.new_product import PACKAGINGS_FIELD, PackagingData, create_product
from bodesk.store.engine import Database
from tests.builders.catalogue import make_product
from tests.builders.readings import count_rows
from tests.builders.shop import WATER_CASE_GTIN, WATER_GTIN
from tests.builders.stock import make_warehouse, stock_in
from tests.helpers.refusals import invalid

WATER = ProductData(
    sku="AG-500", name="Água Mineral 500ml", brand="Crystal", category="Águas", gtin=WATER_GTIN
)


def lookup_code(db: Database, code: str) -> ScannedProduct | None:
    """What a scanner reading `code` would find."""
    with db.read() as session:
        return find_by_code(session, code)


def refused_on(db: Database, call: Callable[[], object], *fields: str) -> str:
    """Run a call that must be refused on `fields` alone and change nothing; returns the message."""
    before = (count_rows(db, Product), count_rows(db, Packaging), count_rows(db, AuditEntry))
    with invalid(*fields) as caught:
        call()
    assert (count_rows(db, Product), count_rows(db, Packaging), count_rows(db, AuditEntry)) == before
    return caught.value.message


@pytest.mark.parametrize(
    "code", ["7894900011517", "96385074", "036000291452", "17894900011514", " 7894900011517 "]
)
def test_a_gtin_with_a_right_check_digit_is_accepted(code: str) -> None:
    assert validate_gtin(code) == code.strip()


@pytest.mark.parametrize(
    "code", ["7894900011518", "96385075", "789490001151", "78949000115170", "ABC4900011517"]
)
def test_a_gtin_with_a_wrong_check_digit_is_refused(code: str) -> None:
    with invalid("gtin"):
        validate_gtin(code)


def test_a_product_is_created_with_its_fields_cleaned(db: Database, owner: Actor) -> None:
    product_id = create_product(db, owner, replace(WATER, ncm="2201.10.00", sale_price=Decimal("2.5")))
    data = product_data(db, owner, product_id)
    assert (data.sku, data.gtin, data.category, data.ncm, data.sale_price) == (
        "AG-500",
        WATER_GTIN,
        "Águas",
        "22011000",
        Decimal("2.50"),
    )
    assert [choice.name for choice in categories(db, owner)] == ["Águas"]
    with db.read() as session:
        assert (
            session.get(Product, product_id).search_text == "ag-500 agua mineral 500ml crystal 7894900011517"
        )  # type: ignore[union-attr]


def test_a_wrong_check_digit_is_refused_and_nothing_is_created(db: Database, owner: Actor) -> None:
    message = refused_on(db, lambda: create_product(db, owner, replace(WATER, gtin="7894900011518")), "gtin")
    assert "7894900011518" in message


def test_a_sku_is_used_once(db: Database, owner: Actor) -> None:
    create_product(db, owner, WATER)
    refused_on(db, lambda: create_product(db, owner, replace(WATER, gtin="", name="Outra")), "sku")
    create_product(db, owner, replace(WATER, sku="AG-500-B", gtin=""))


def test_a_barcode_belongs_to_one_product_or_packaging(db: Database, owner: Actor) -> None:
    water = create_product(db, owner, WATER)
    add_packaging(db, owner, water, "Caixa 12", Decimal(12), WATER_CASE_GTIN)
    refused_on(db, lambda: create_product(db, owner, replace(WATER, sku="X1")), "gtin")
    refused_on(db, lambda: create_product(db, owner, replace(WATER, sku="X1", gtin=WATER_CASE_GTIN)), "gtin")
    other = make_product(db, owner, "X2")
    refused_on(db, lambda: add_packaging(db, owner, other, "Caixa", Decimal(12), WATER_GTIN), "gtin")


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"sku": "com espaço"}, "sku"),
        ({"sku": ""}, "sku"),
        ({"name": "   "}, "name"),
        ({"ncm": "2201.10"}, "ncm"),
        ({"base_unit": "caixa"}, "base_unit"),
        ({"sale_price": Decimal("-1")}, "sale_price"),
        ({"min_stock": Decimal(10), "max_stock": Decimal(5)}, "max_stock"),
        ({"shelf_life_days": 0}, "shelf_life_days"),
        ({"cost": Decimal("-0.01")}, "cost"),
    ],
)
def test_product_fields_that_are_refused(
    db: Database, owner: Actor, change: dict[str, object], field: str
) -> None:
    refused_on(db, lambda: create_product(db, owner, replace(WATER, **change)), field)  # type: ignore[arg-type]


def test_every_problem_is_reported_at_once(db: Database, owner: Actor) -> None:
    with pytest.raises(ValidationError) as caught:
        create_product(db, owner, ProductData(sku="", name="", gtin="123", ncm="1"))
    assert {error.field for error in caught.value.errors} == {"sku", "name", "gtin", "ncm"}


def test_an_update_keeps_the_cost_and_records_what_changed(db: Database, owner: Actor) -> None:
    product_id = create_product(db, owner, replace(WATER, cost=Decimal("1.25")))
    before = count_rows(db, AuditEntry)
    update_product(db, owner, product_id, replace(WATER, name="Água Crystal 500ml", cost=Decimal(99)))
    brief = product_brief(db, owner, product_id)
    assert (brief.name, brief.cost) == ("Água Crystal 500ml", Decimal("1.2500"))
    assert count_rows(db, AuditEntry) == before + 1
    update_product(db, owner, product_id, replace(WATER, name="Água Crystal 500ml"))
    assert count_rows(db, AuditEntry) == before + 1  # nothing changed, nothing recorded


def test_packaging_rules(db: Database, owner: Actor) -> None:
    water = create_product(db, owner, WATER)
    add_packaging(db, owner, water, "Caixa 12", Decimal(12))
    add_packaging(db, owner, water, "Fardo 6", Decimal(6), for_sale=False)
    assert [(p.name, p.units, p.for_sale) for p in packagings(db, owner, water)] == [
        ("Fardo 6", Decimal("6.000"), False),
        ("Caixa 12", Decimal("12.000"), True),
    ]
    refused_on(db, lambda: add_packaging(db, owner, water, "Caixa 12", Decimal(24)), "name")
    refused_on(db, lambda: add_packaging(db, owner, water, "Caixa 0", Decimal(0)), "units")
    refused_on(db, lambda: add_packaging(db, owner, water, "Meia", Decimal("0.0005")), "units")
    refused_on(db, lambda: add_packaging(db, owner, water, " ", Decimal(2)), "name")
    refused_on(db, lambda: add_packaging(db, owner, water, "Caixa 24", Decimal(24), "17894900011515"), "gtin")


def test_a_packaging_in_use_stays(db: Database, owner: Actor) -> None:
    from bodesk.domain.purchasing.models import Supplier, SupplierProduct

    water = create_product(db, owner, WATER)
    case = add_packaging(db, owner, water, "Caixa 12", Decimal(12))
    loose = add_packaging(db, owner, water, "Fardo 6", Decimal(6))
    with db.write() as session:
        supplier = Supplier(name="Crystal S.A.", tax_id="11222333000181")
        session.add(supplier)
        session.flush()
        session.add(
            SupplierProduct(
                supplier_id=supplier.id, product_id=water, packaging_id=case, package_price=Decimal(10)
            )
        )
    refused_on(db, lambda: remove_packaging(db, owner, case), "packaging")
    remove_packaging(db, owner, loose)
    assert [p.name for p in packagings(db, owner, water)] == ["Caixa 12"]


def test_a_new_product_and_its_packagings_are_saved_together(db: Database, owner: Actor) -> None:
    product_id = create_product(
        db,
        owner,
        WATER,
        [PackagingData("Caixa 12", Decimal(12), WATER_CASE_GTIN), PackagingData("Fardo 6", Decimal(6))],
    )
    assert [p.name for p in packagings(db, owner, product_id)] == ["Fardo 6", "Caixa 12"]
    bad = [PackagingData("Caixa 24", Decimal(24)), PackagingData("Caixa 24", Decimal(0))]
    message = refused_on(
        db,
        lambda: create_product(db, owner, replace(WATER, sku="B", gtin=""), bad),
        PACKAGINGS_FIELD,
        PACKAGINGS_FIELD,
    )
    assert message.startswith("Caixa 24:")


def test_archiving_a_product_with_stock_asks_first(db: Database, owner: Actor) -> None:
    water = create_product(db, owner, WATER)
    place = make_warehouse(db, owner)
    stock_in(db, owner, water, place.location_id, 5, "1")
    before = count_rows(db, AuditEntry)
    with pytest.raises(ConfirmableWarning) as caught:
        set_product_active(db, owner, water, False)
    assert caught.value.key == ARCHIVE_WITH_STOCK and "5 un" in caught.value.message
    assert product_brief(db, owner, water).active and count_rows(db, AuditEntry) == before
    set_product_active(db, owner, water, False, frozenset({ARCHIVE_WITH_STOCK}))
    assert not product_brief(db, owner, water).active
    assert lookup_code(db, WATER_GTIN) is None
    set_product_active(db, owner, water, True)
    assert product_brief(db, owner, water).active


def test_a_scanned_code_finds_the_product_or_its_packaging(db: Database, owner: Actor) -> None:
    water = create_product(db, owner, WATER)
    add_packaging(db, owner, water, "Caixa 12", Decimal(12), WATER_CASE_GTIN)
    unit, case = lookup_code(db, WATER_GTIN), lookup_code(db, WATER_CASE_GTIN)
    assert unit is not None and (unit.product_id, unit.units, unit.packaging) == (water, Decimal(1), "")
    assert case is not None and (case.product_id, case.units, case.packaging) == (
        water,
        Decimal(12),
        "Caixa 12",
    )
    assert lookup_code(db, "AG-500") is not None
    assert lookup_code(db, "7891000100103") is None


def test_only_the_catalogue_editors_change_products(db: Database, make_user: Callable[..., Actor]) -> None:
    warehouse = make_user("warehouse")
    with pytest.raises(PermissionDenied):
        create_product(db, warehouse, WATER)
    assert count_rows(db, Product) == 0
