"""Returnable containers: their types, the products that travel in them, the ledger of their moves
and the balances it caches per customer.

Decisions:
- A container type (a crate of 24 × 600 ml with its bottles, a 20 L jug, a 50 L keg) has a deposit
  value and a default allowance (the balance a customer may hold before a warning; none: no limit);
  a customer may have an allowance of its own per type.
- A product travels in containers: `units` base units per container (24 bottles per crate, 1 jug).
- The ledger (`container_moves`) is posted, never edited: each row has the document that caused it
  (a trip, or a container document: empties returned, a charge, a correction, a supplier exchange),
  the partner (a customer, with its route then, or a supplier), and the counts: `full_out` to the
  customer (or in from the supplier), `empty_back` from the customer (or out to the supplier),
  `charged` (lost or broken, paid at the deposit value). Two signed figures are stored so balances are
  sums: `balance` (what the partner holds of ours; for a supplier, what we owe them) and `empties`
  (empties in our warehouse).
- `container_balances` caches the sum of `balance` per (customer, type), updated in the same
  transaction; `bodesk check` proves them equal.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from bodesk.domain.common.lifecycle import Posted
from bodesk.domain.common.models import Money, Quantity
from bodesk.i18n import N_
from bodesk.store.types import Base, UTCDateTime

ZERO = Decimal(0)


class ContainerType(Base):
    __tablename__ = "container_types"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(10), unique=True, index=True)
    name: Mapped[str] = mapped_column(String(60), index=True)
    deposit: Mapped[Decimal] = mapped_column(Money(), default=ZERO)
    allowance: Mapped[int | None] = mapped_column()
    active: Mapped[bool] = mapped_column(default=True, index=True)


class ProductContainer(Base):
    __tablename__ = "product_containers"
    __table_args__ = (UniqueConstraint("product_id", "container_type_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"), index=True)
    container_type_id: Mapped[int] = mapped_column(ForeignKey("container_types.id"), index=True)
    units: Mapped[Decimal] = mapped_column(Quantity())  # base units per container


class ContainerAllowance(Base):
    """A customer's own allowed balance of one container type."""

    __tablename__ = "container_allowances"
    __table_args__ = (UniqueConstraint("customer_id", "container_type_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"), index=True)
    container_type_id: Mapped[int] = mapped_column(ForeignKey("container_types.id"), index=True)
    allowed: Mapped[int] = mapped_column()


class ContainerDoc(Base):
    """Containers moved outside a trip: empties returned, a charge, a correction, a supplier exchange
    (with the purchase receipt it came with)."""

    __tablename__ = "container_docs"
    __frozen__ = Posted(N_("Container document"))

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[int] = mapped_column(unique=True, index=True)
    reason: Mapped[str] = mapped_column(String(12), index=True)
    customer_id: Mapped[int | None] = mapped_column(ForeignKey("customers.id"), index=True)
    supplier_id: Mapped[int | None] = mapped_column(ForeignKey("suppliers.id"), index=True)
    receipt_id: Mapped[int | None] = mapped_column(ForeignKey("receipts.id"), index=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    value: Mapped[Decimal] = mapped_column(Money(), default=ZERO)  # a charge's deposit value
    note: Mapped[str] = mapped_column(Text, default="")


class ContainerMove(Base):
    __tablename__ = "container_moves"
    __frozen__ = Posted(N_("Container move"))

    id: Mapped[int] = mapped_column(primary_key=True)
    doc_kind: Mapped[str] = mapped_column(String(20))
    doc_id: Mapped[int] = mapped_column(index=True)
    doc_number: Mapped[int] = mapped_column(index=True)
    container_type_id: Mapped[int] = mapped_column(ForeignKey("container_types.id"), index=True)
    customer_id: Mapped[int | None] = mapped_column(ForeignKey("customers.id"), index=True)
    supplier_id: Mapped[int | None] = mapped_column(ForeignKey("suppliers.id"), index=True)
    route_id: Mapped[int | None] = mapped_column(ForeignKey("routes.id"), index=True)
    reason: Mapped[str] = mapped_column(String(12), index=True)
    full_out: Mapped[int] = mapped_column(default=0)  # ("full" is a word PostgreSQL keeps)
    empty_back: Mapped[int] = mapped_column(default=0)
    charged: Mapped[int] = mapped_column(default=0)
    balance: Mapped[int] = mapped_column(default=0)
    empties: Mapped[int] = mapped_column(default=0)
    at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    note: Mapped[str] = mapped_column(Text, default="")


class ContainerBalance(Base):
    __tablename__ = "container_balances"
    __table_args__ = (UniqueConstraint("customer_id", "container_type_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"), index=True)
    container_type_id: Mapped[int] = mapped_column(ForeignKey("container_types.id"), index=True)
    quantity: Mapped[int] = mapped_column(default=0, index=True)
