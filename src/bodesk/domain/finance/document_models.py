"""Finance's documents: customer invoices and credit notes, supplier bills, open items (the installments
a customer or a supplier owes or is owed) and payments with what they settled.

An open item is one installment of a posted invoice or bill (or a credit a partner holds: a negative
amount); `paid` and `written_off` are cached sums of its allocations, kept by the payment services in
the same transaction and proven by `bodesk check`. What is still open is amount − paid − written_off.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import Date, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

import bodesk.domain.finance.models  # noqa: F401 - accounts and journal entries referred to
from bodesk.domain.common.lifecycle import LineOf, Posted
from bodesk.domain.common.models import Money, Quantity, UnitPrice
from bodesk.domain.finance.states import BILL_LIFECYCLE, INVOICE_LIFECYCLE
from bodesk.i18n import N_
from bodesk.store.types import Base, UTCDateTime

ZERO = Decimal(0)


class Invoice(Base):
    """A customer invoice or, with `kind` "credit_note", the credit note that takes (part of) one back."""

    __tablename__ = "invoices"
    __frozen__ = INVOICE_LIFECYCLE
    __table_args__ = (UniqueConstraint("kind", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(12), index=True)  # InvoiceKind
    number: Mapped[int | None] = mapped_column(index=True)  # drawn at posting
    series: Mapped[str] = mapped_column(String(3), default="1")
    status: Mapped[str] = mapped_column(String(12), index=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"), index=True)
    issued_on: Mapped[date] = mapped_column(Date(), index=True)
    payment_term_id: Mapped[int | None] = mapped_column(ForeignKey("payment_terms.id"), index=True)
    credits_id: Mapped[int | None] = mapped_column(
        ForeignKey("invoices.id"), index=True
    )  # a credit note's invoice
    return_id: Mapped[int | None] = mapped_column(ForeignKey("sales_returns.id"), index=True)
    goods: Mapped[Decimal] = mapped_column(Money(), default=ZERO)  # lines at list price
    discount: Mapped[Decimal] = mapped_column(Money(), default=ZERO)
    total: Mapped[Decimal] = mapped_column(Money(), default=ZERO, index=True)
    notes: Mapped[str] = mapped_column(Text, default="")
    nfe_number: Mapped[str] = mapped_column(String(9), default="")
    nfe_series: Mapped[str] = mapped_column(String(3), default="")
    nfe_key: Mapped[str] = mapped_column(String(44), default="", index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    created_by: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    posted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    credited: Mapped[Decimal] = mapped_column(Money(), default=ZERO)  # taken back by credit notes


class InvoiceLine(Base):
    __tablename__ = "invoice_lines"
    __frozen__ = LineOf(Invoice, "invoice_id")

    id: Mapped[int] = mapped_column(primary_key=True)
    invoice_id: Mapped[int] = mapped_column(ForeignKey("invoices.id"), index=True)
    position: Mapped[int] = mapped_column()
    order_id: Mapped[int | None] = mapped_column(ForeignKey("sales_orders.id"), index=True)
    order_line_id: Mapped[int | None] = mapped_column(ForeignKey("sales_order_lines.id"), index=True)
    return_line_id: Mapped[int | None] = mapped_column(ForeignKey("sales_return_lines.id"), index=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"), index=True)
    unit: Mapped[str] = mapped_column(String(20), default="")  # the packaging's name, or the product's unit
    units_per_package: Mapped[Decimal] = mapped_column(Quantity())
    quantity: Mapped[Decimal] = mapped_column(Quantity())  # packages
    list_price: Mapped[Decimal] = mapped_column(Money())  # of a package
    discount: Mapped[Decimal] = mapped_column(Money(), default=ZERO)  # percent
    price: Mapped[Decimal] = mapped_column(Money())  # net, of a package
    total: Mapped[Decimal] = mapped_column(Money())


class Bill(Base):
    """A supplier's bill for goods received: matched to its receipts (and their orders), with the
    difference between what the supplier charges and what was ordered and received."""

    __tablename__ = "bills"
    __frozen__ = BILL_LIFECYCLE

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[int | None] = mapped_column(unique=True, index=True)  # drawn at posting
    status: Mapped[str] = mapped_column(String(12), index=True)
    supplier_id: Mapped[int] = mapped_column(ForeignKey("suppliers.id"), index=True)
    reference: Mapped[str] = mapped_column(
        String(40), default="", index=True
    )  # the supplier's invoice number
    nfe_key: Mapped[str] = mapped_column(String(44), default="")
    issued_on: Mapped[date] = mapped_column(Date(), index=True)
    received_value: Mapped[Decimal] = mapped_column(Money(), default=ZERO)  # the receipts at their cost
    total: Mapped[Decimal] = mapped_column(Money(), default=ZERO, index=True)  # what the supplier charges
    difference: Mapped[Decimal] = mapped_column(Money(), default=ZERO)  # total − received value
    differences: Mapped[str] = mapped_column(Text, default="")  # what differs, line by line, for approval
    approved_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    approval_note: Mapped[str] = mapped_column(String(300), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    created_by: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    posted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class BillLine(Base):
    __tablename__ = "bill_lines"
    __frozen__ = LineOf(Bill, "bill_id")

    id: Mapped[int] = mapped_column(primary_key=True)
    bill_id: Mapped[int] = mapped_column(ForeignKey("bills.id"), index=True)
    receipt_id: Mapped[int] = mapped_column(ForeignKey("receipts.id"), index=True)
    receipt_line_id: Mapped[int] = mapped_column(ForeignKey("receipt_lines.id"), index=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"), index=True)
    quantity: Mapped[Decimal] = mapped_column(Quantity())  # base units received
    billed_quantity: Mapped[Decimal] = mapped_column(Quantity())  # base units the supplier charges
    received_cost: Mapped[Decimal] = mapped_column(UnitPrice())  # per base unit, as received
    billed_cost: Mapped[Decimal] = mapped_column(UnitPrice())  # per base unit, as charged
    total: Mapped[Decimal] = mapped_column(Money())  # billed quantity × billed cost, to cents


class OpenItem(Base):
    __tablename__ = "open_items"
    __frozen__ = Posted(N_("Installment"), frozenset({"paid", "written_off", "settled"}))
    __table_args__ = (
        Index("ix_open_items_open_due", "direction", "settled", "due_on"),
        Index("ix_open_items_doc", "doc_kind", "doc_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    direction: Mapped[str] = mapped_column(String(10))  # Direction
    customer_id: Mapped[int | None] = mapped_column(ForeignKey("customers.id"), index=True)
    supplier_id: Mapped[int | None] = mapped_column(ForeignKey("suppliers.id"), index=True)
    doc_kind: Mapped[str] = mapped_column(String(20))
    doc_id: Mapped[int] = mapped_column()
    doc_number: Mapped[int] = mapped_column()
    installment: Mapped[int] = mapped_column(default=1)
    installments: Mapped[int] = mapped_column(default=1)
    issued_on: Mapped[date] = mapped_column(Date(), index=True)
    due_on: Mapped[date] = mapped_column(Date(), index=True)
    amount: Mapped[Decimal] = mapped_column(Money())  # negative: a credit the partner holds
    paid: Mapped[Decimal] = mapped_column(Money(), default=ZERO)
    written_off: Mapped[Decimal] = mapped_column(Money(), default=ZERO)
    settled: Mapped[bool] = mapped_column(default=False)
    boleto: Mapped[str] = mapped_column(String(47), default="")  # the supplier's boleto line, digits only


class Payment(Base):
    """Money received from a customer or paid to a supplier (or a write-off), and what it settled."""

    __tablename__ = "payments"
    __frozen__ = Posted(N_("Payment"), frozenset({"reversed"}))

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[int] = mapped_column(unique=True, index=True)
    direction: Mapped[str] = mapped_column(String(10), index=True)  # Direction
    customer_id: Mapped[int | None] = mapped_column(ForeignKey("customers.id"), index=True)
    supplier_id: Mapped[int | None] = mapped_column(ForeignKey("suppliers.id"), index=True)
    day: Mapped[date] = mapped_column(Date(), index=True)
    method: Mapped[str] = mapped_column(String(10), index=True)  # PaymentMethod
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"), index=True)  # cash, bank or loss
    amount: Mapped[Decimal] = mapped_column(Money(), index=True)  # the money that moved
    discount: Mapped[Decimal] = mapped_column(Money(), default=ZERO)
    interest: Mapped[Decimal] = mapped_column(Money(), default=ZERO)  # interest and late fees
    fees: Mapped[Decimal] = mapped_column(Money(), default=ZERO)  # bank fees
    credit: Mapped[Decimal] = mapped_column(Money(), default=ZERO)  # left with the partner as a credit
    cheque_bank: Mapped[str] = mapped_column(String(40), default="")
    cheque_number: Mapped[str] = mapped_column(String(20), default="")
    cheque_date: Mapped[date | None] = mapped_column(Date())
    memo: Mapped[str] = mapped_column(String(200), default="")
    reversed: Mapped[bool] = mapped_column(default=False, index=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)


class Allocation(Base):
    """What part of a payment settled which open item (a reversal writes the same with the sign turned)."""

    __tablename__ = "allocations"
    __frozen__ = Posted(N_("Allocation"))

    id: Mapped[int] = mapped_column(primary_key=True)
    payment_id: Mapped[int] = mapped_column(ForeignKey("payments.id"), index=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("open_items.id"), index=True)
    amount: Mapped[Decimal] = mapped_column(Money())
