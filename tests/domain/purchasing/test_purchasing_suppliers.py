"""Suppliers: tax ids, e-mail, days, archiving, and the prices of what they sell us."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import pytest
from sqlalchemy import select

from bodesk.domain.access.actor import Actor
from bodesk.domain.common.errors import ConfirmableWarning, PermissionDenied, ValidationError
from bodesk.domain.purchasing.models import Supplier, SupplierProduct
from bodesk.domain.purchasing.suppliers import (
    ARCHIVE_WITH_OPEN_ORDERS,
    SupplierData,
    create_supplier,
    remove_supplier_price,
    set_supplier_active,
    set_supplier_price,
    supplier_data,
    update_supplier,
)
from bodesk.store.engine import Database
from tests.builders.purchasing import make_order, make_product_in_cases, make_supplier, price, tax_id
from tests.builders.readings import count_rows, snapshot
from tests.builders.stock import make_warehouse
from tests.helpers.refusals import invalid

D = Decimal


def suppliers(db: Database) -> list[Supplier]:
    with db.read() as session:
        return list(session.execute(select(Supplier).order_by(Supplier.id)).scalars())


def prices(db: Database) -> list[tuple[int, int, Decimal, bool]]:
    with db.read() as session:
        rows = session.execute(
            select(
                SupplierProduct.supplier_id,
                SupplierProduct.product_id,
                SupplierProduct.package_price,
                SupplierProduct.preferred,
            ).order_by(SupplierProduct.supplier_id, SupplierProduct.product_id)
        )
        return [tuple(row) for row in rows]  # type: ignore[misc]


def test_a_supplier_with_a_cnpj_is_created_clean(db: Database, owner: Actor) -> None:
    data = SupplierData(
        name="  Bebidas   Sul Ltda. ",
        tax_id="20.000.001/0001-" + tax_id(1)[-2:],
        email="compras@bebidassul.com.br",
        city="Porto Alegre",
        state="rs",
        payment_terms_days=30,
        lead_time_days=0,
    )
    supplier_id = create_supplier(db, owner, data)
    stored = supplier_data(db, owner, supplier_id)
    assert stored.name == "Bebidas Sul Ltda."
    assert stored.tax_id == tax_id(1)
    assert stored.state == "RS"
    assert suppliers(db)[0].search_text == f"bebidas sul ltda. {tax_id(1)} porto alegre"


def test_an_alphanumeric_cnpj_and_a_cpf_are_accepted(db: Database, owner: Actor) -> None:
    create_supplier(db, owner, SupplierData(name="Nova Era", tax_id="12.ABC.345/01DE-35"))
    create_supplier(db, owner, SupplierData(name="João Produtor", tax_id="529.982.247-25"))
    assert [s.tax_id for s in suppliers(db)] == ["12ABC34501DE35", "52998224725"]


def test_every_wrong_field_is_reported_and_nothing_is_saved(db: Database, owner: Actor) -> None:
    bad = SupplierData(
        name=" ",
        tax_id="11.222.333/0001-82",
        email="compras@",
        state="XX",
        payment_terms_days=-1,
        lead_time_days=400,
    )
    with pytest.raises(ValidationError) as caught:
        create_supplier(db, owner, bad)
    assert {error.field for error in caught.value.errors} == {
        "name",
        "tax_id",
        "email",
        "state",
        "payment_terms_days",
        "lead_time_days",
    }
    assert suppliers(db) == []


def test_a_tax_id_belongs_to_one_supplier(db: Database, owner: Actor) -> None:
    first = make_supplier(db, owner, 1)
    second = make_supplier(db, owner, 2)
    with invalid("tax_id"):  # the first supplier's
        create_supplier(db, owner, SupplierData(name="Outro", tax_id=tax_id(1)))
    with invalid("tax_id"):
        update_supplier(db, owner, second, SupplierData(name="Outro", tax_id=tax_id(1)))
    update_supplier(db, owner, first, SupplierData(name="Primeiro", tax_id=tax_id(1), lead_time_days=3))
    assert [(s.name, s.tax_id) for s in suppliers(db)] == [
        ("Primeiro", tax_id(1)),
        ("Fornecedor 2 Ltda.", tax_id(2)),
    ]


def test_only_who_may_edit_suppliers_does(
    db: Database, owner: Actor, make_user: Callable[..., Actor]
) -> None:
    clerk = make_user("warehouse")
    with pytest.raises(PermissionDenied):
        create_supplier(db, clerk, SupplierData(name="X", tax_id=tax_id(3)))
    assert suppliers(db) == []


def test_archiving_a_supplier_with_open_orders_asks_first(db: Database, owner: Actor) -> None:
    supplier = make_supplier(db, owner)
    warehouse = make_warehouse(db, owner).warehouse_id
    item = make_product_in_cases(db, owner, "A1")
    make_order(db, owner, supplier, warehouse, (item, 2, "10.00"))
    with pytest.raises(ConfirmableWarning) as caught:
        set_supplier_active(db, owner, supplier, False)
    assert caught.value.key == ARCHIVE_WITH_OPEN_ORDERS and "(1)" in caught.value.message
    assert suppliers(db)[0].active
    set_supplier_active(db, owner, supplier, False, frozenset({ARCHIVE_WITH_OPEN_ORDERS}))
    assert not suppliers(db)[0].active
    set_supplier_active(db, owner, supplier, True)
    assert suppliers(db)[0].active


def test_a_price_is_set_then_changed_in_place(db: Database, owner: Actor) -> None:
    supplier = make_supplier(db, owner)
    item = make_product_in_cases(db, owner, "A1")
    first = price(db, owner, supplier, item, "52.5")
    second = set_supplier_price(db, owner, supplier, item.id, item.case_id, D("54.1235"), "xyz-1")
    assert first == second
    assert prices(db) == [(supplier, item.id, D("54.1235"), False)]


def test_one_preferred_supplier_per_product(db: Database, owner: Actor) -> None:
    a, b = make_supplier(db, owner, 1), make_supplier(db, owner, 2)
    item = make_product_in_cases(db, owner, "A1")
    other = make_product_in_cases(db, owner, "B2")
    price(db, owner, a, item, "50", preferred=True)
    price(db, owner, a, other, "20", preferred=True)
    price(db, owner, b, item, "49", preferred=True)
    assert prices(db) == [
        (a, item.id, D("50.0000"), False),
        (a, other.id, D("20.0000"), True),
        (b, item.id, D("49.0000"), True),
    ]


def test_a_price_must_be_positive_for_a_packaging_of_the_product(db: Database, owner: Actor) -> None:
    supplier = make_supplier(db, owner)
    item = make_product_in_cases(db, owner, "A1")
    other = make_product_in_cases(db, owner, "B2")
    before = snapshot(db)
    with pytest.raises(ValidationError) as caught:
        set_supplier_price(db, owner, supplier, item.id, other.case_id, D(0), "x" * 41)
    assert {error.field for error in caught.value.errors} == {"packaging", "package_price", "supplier_sku"}
    assert count_rows(db, SupplierProduct) == 0 and snapshot(db) == before


def test_a_price_can_be_removed(db: Database, owner: Actor) -> None:
    supplier = make_supplier(db, owner)
    item = make_product_in_cases(db, owner, "A1")
    row = price(db, owner, supplier, item, "10")
    remove_supplier_price(db, owner, row)
    assert prices(db) == []
