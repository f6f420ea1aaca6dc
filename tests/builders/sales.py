"""Customers, price tables and sales orders, as the tests of sales need them."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from stdnum.br import cnpj

from bodesk.domain.access.actor import Actor
from bodesk.domain.sales.customers import CustomerData, create_customer
from bodesk.domain.sales.order_lines import SalesLineInput
from bodesk.domain.sales.order_models import SalesOrder, SalesOrderLine
from bodesk.domain.sales.orders import create_order
from bodesk.domain.stock.models import StockReservation
from bodesk.store.engine import Database

D = Decimal


def customer_tax_id(serial: int) -> str:
    """A valid CNPJ per serial (the suppliers' builder uses another range)."""
    base = f"{30_000_000 + serial:08d}0001"
    return base + cnpj.calc_check_digits(base)


def make_customer(db: Database, actor: Actor, serial: int = 1, name: str | None = None, **fields: Any) -> int:
    """A customer "Bar N Ltda." with a valid CNPJ; `fields` are CustomerData's."""
    data = CustomerData(name=name or f"Bar {serial} Ltda.", tax_id=customer_tax_id(serial), **fields)
    return create_customer(db, actor, data)


def line(
    product_id: int, packages: Decimal | int | str, packaging_id: int | None = None, **fields: Any
) -> SalesLineInput:
    return SalesLineInput(product_id, packaging_id, D(packages), **fields)


def make_sale(
    db: Database,
    actor: Actor,
    customer_id: int,
    *lines: SalesLineInput,
    confirm: bool = False,
    **options: Any,
) -> int:
    return create_order(db, actor, customer_id, list(lines), confirm=confirm, **options)


@dataclass(frozen=True)
class OrderState:
    status: str
    total: Decimal
    shipped_total: Decimal
    lines: list[tuple[Decimal, Decimal]]  # (quantity, shipped) per line
    reserved: Decimal


def order_state(db: Database, order_id: int) -> OrderState:
    with db.read() as session:
        order = session.get(SalesOrder, order_id)
        assert order is not None
        lines = [
            (row.quantity, row.shipped)
            for row in session.execute(
                select(SalesOrderLine)
                .where(SalesOrderLine.order_id == order_id)
                .order_by(SalesOrderLine.position)
            ).scalars()
        ]
        reserved = sum(
            session.execute(
                select(StockReservation.quantity).where(
                    StockReservation.doc_kind == "sales_order", StockReservation.doc_id == order_id
                )
            ).scalars(),
            D(0),
        )
        return OrderState(order.status, order.total, order.shipped_total, lines, reserved)


def line_ids(db: Database, order_id: int) -> list[int]:
    with db.read() as session:
        return list(
            session.execute(
                select(SalesOrderLine.id)
                .where(SalesOrderLine.order_id == order_id)
                .order_by(SalesOrderLine.position)
            ).scalars()
        )
