"""Exporting customers and orders: the customers' file imports back unchanged into a fresh database,
and the orders are written as their list shows them."""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from bodesk import i18n
from bodesk.domain.access.actor import Actor
from bodesk.domain.common.export import ExportFormat
from bodesk.domain.company.services import set_up_company
from bodesk.domain.sales.customers import block_customer, set_customer_active
from bodesk.domain.sales.exports import export_customers, export_orders
from bodesk.domain.sales.imports import import_customers_file
from bodesk.domain.sales.models import Customer, CustomerContact, PaymentTerm, SalesRep, Segment
from bodesk.domain.sales.price_models import PriceTable
from bodesk.domain.sales.price_tables import add_price_table
from bodesk.domain.sales.references import add_payment_term, add_rep, add_segment
from bodesk.store.engine import Database
from bodesk.store.opening import open_database
from tests.builders.access import PASSWORD
from tests.builders.company import COMPANY
from tests.builders.sales import make_customer
from tests.builders.sales_desk import build_sales_desk

SKIPPED = {"id", "created_at", "updated_at", "segment_id", "rep_id", "price_table_id", "payment_term_id"}


def customers(db: Database) -> dict[str, dict[str, Any]]:
    """Every customer by code: its columns, references by name, and its contacts."""
    with db.read() as session:
        names = {
            model: dict(session.execute(select(model.id, model.name)).all())  # type: ignore[attr-defined]
            for model in (Segment, SalesRep, PriceTable, PaymentTerm)
        }
        found = {}
        for customer in session.execute(select(Customer)).scalars():
            row = {
                column.key: getattr(customer, column.key)
                for column in Customer.__table__.columns
                if column.key not in SKIPPED
            }
            for model, key in ((Segment, "segment_id"), (SalesRep, "rep_id"), (PriceTable, "price_table_id"),
                               (PaymentTerm, "payment_term_id")):  # fmt: skip
                row[key] = names[model].get(getattr(customer, key))
            row["contacts"] = sorted(
                tuple(contact)
                for contact in session.execute(
                    select(
                        CustomerContact.name,
                        CustomerContact.role,
                        CustomerContact.phone,
                        CustomerContact.email,
                    ).where(CustomerContact.customer_id == customer.id)
                )
            )
            found[customer.code] = row
        return found


@pytest.mark.parametrize(
    ("fmt", "language"), [(ExportFormat.CSV, "en"), (ExportFormat.XLSX, "en"), (ExportFormat.CSV, "pt_BR")]
)
def test_the_customers_file_imports_back_unchanged_into_a_fresh_database(
    db: Database, owner: Actor, tmp_path: Path, fmt: ExportFormat, language: str
) -> None:
    i18n.set_language(language)
    desk = build_sales_desk(db, owner)
    table = add_price_table(db, owner, "Atacado")
    block_customer(db, owner, desk.customers["bar"], "Cheque devolvido; ligar antes")
    set_customer_active(db, owner, desk.customers["market"], False)
    odd = make_customer(
        db, owner, 9, "=Fórmula & Cia; \"aspas\"", code="X-9/1.A", credit_limit=Decimal("2500.50"),
        credit_policy="block", phone="+55 19 3232-0000", notes="Linha 1\nLinha 2", price_table_id=table,
        delivery_weekdays="7",
    )  # fmt: skip
    with db.read() as session:
        assert session.get(Customer, odd) is not None
    path = tmp_path / f"clientes.{fmt.value}"

    assert export_customers(db, owner, path, fmt) == 3

    fresh = open_database(f"sqlite:///{tmp_path / 'fresh.sqlite'}", backup_dir=tmp_path / "backups2")
    try:
        other = set_up_company(fresh, COMPANY, "dono", "Dona Maria", PASSWORD)
        add_segment(fresh, other, "Bares")
        add_rep(fresh, other, "Ana Souza")
        add_payment_term(fresh, other, "28/35 dias", "28/35")
        add_price_table(fresh, other, "Atacado")
        result = import_customers_file(fresh, other, path)
        assert (result.errors, result.written) == ([], 3)
        imported, exported = customers(fresh), customers(db)
        assert sorted(imported) == sorted(exported)
        for code, row in exported.items():
            assert {
                key: (value, imported[code][key])
                for key, value in row.items()
                if imported[code][key] != value
            } == {}
    finally:
        fresh.dispose()


def test_orders_are_written_as_their_list_shows_them(db: Database, owner: Actor, tmp_path: Path) -> None:
    build_sales_desk(db, owner)
    path = tmp_path / "pedidos.csv"

    assert export_orders(db, owner, path, ExportFormat.CSV) == 5

    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle, delimiter=";"))
    assert rows[0] == ["Number", "Customer", "Status", "Taken", "Wanted on", "Sales rep", "Units", "Total"]
    assert [(row[0], row[2], row[-1]) for row in rows[1:]] == [
        ("5", "Cancelled", "49.50"),
        ("4", "Delivered", "85.20"),
        ("3", "Confirmed", "346.80"),
        ("2", "Confirmed", "147.60"),
        ("1", "Quote", "115.74"),
    ]
