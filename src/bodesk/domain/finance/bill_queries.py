"""Read side of supplier bills: the bills list, a bill's lines, the receipts still to bill, and what the
"Bill receipts…" dialog needs (suppliers with receipts to bill, their receipts' lines, a bill's figures).

Filters (ListRequest.filters):
- BillsQuery: "status" a status code or "open" (draft or to approve); "supplier" id; "from"/"to" days
  of issue.
- BillLinesQuery: "bill" id (required).
- ReceiptsToBillQuery: "supplier" id (required): receipts not billed and on no open bill.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import and_, false, func, or_, select
from sqlalchemy.orm import Session

from bodesk.domain.access.actor import Actor
from bodesk.domain.access.guard import require
from bodesk.domain.common.listing import (
    AnySelect,
    Choice,
    ListColumn,
    ListQuery,
    ListRequest,
    ListRow,
    contains,
)
from bodesk.domain.common.numbering import typed_number
from bodesk.domain.common.text import fold
from bodesk.domain.common.tones import Tone
from bodesk.domain.finance.bill_matching import receipt_lines
from bodesk.domain.finance.bills import OPEN, get_bill
from bodesk.domain.finance.document_models import Bill, BillLine, OpenItem
from bodesk.domain.finance.permissions import FINANCE_VIEW
from bodesk.domain.finance.states import BILL_LIFECYCLE
from bodesk.domain.purchasing.models import PurchaseOrder, Receipt, Supplier
from bodesk.domain.stock.models import Product
from bodesk.i18n import N_
from bodesk.store.engine import Database

# the first open installment's due date of a posted bill
NEXT_DUE = (
    select(func.min(OpenItem.due_on))
    .where(OpenItem.doc_kind == BILL_LIFECYCLE.kind, OpenItem.doc_id == Bill.id, OpenItem.settled.is_(False))
    .correlate(Bill)
    .scalar_subquery()
)
ON_OPEN_BILL = (
    select(BillLine.id)
    .join(Bill, Bill.id == BillLine.bill_id)
    .where(BillLine.receipt_id == Receipt.id, Bill.status.in_(OPEN))
    .correlate(Receipt)
    .exists()
)


class BillsQuery(ListQuery):
    action = FINANCE_VIEW
    entity = Bill
    columns = (
        ListColumn("number", N_("Number"), Bill.number, kind="ref"),
        ListColumn("supplier", N_("Supplier"), Supplier.name),
        ListColumn("reference", N_("Supplier invoice"), Bill.reference),
        ListColumn("issued_on", N_("Issued on"), Bill.issued_on, kind="date"),
        ListColumn("total", N_("Total"), Bill.total, kind="money", total=True),
        ListColumn("difference", N_("Difference"), Bill.difference, kind="money", total=True),
        ListColumn("status", N_("Status"), Bill.status, label=BILL_LIFECYCLE.label, tone=BILL_LIFECYCLE.tone),
        ListColumn("due_on", N_("Next due"), NEXT_DUE, kind="date"),
    )
    default_sort = "issued_on"
    default_descending = True

    def where(self, stmt: AnySelect, request: ListRequest) -> AnySelect:
        stmt = stmt.join(Supplier, Supplier.id == Bill.supplier_id)
        if request.search:
            number = typed_number(request.search)
            by_text = or_(
                contains(Bill.reference, request.search),
                contains(Supplier.search_text, fold(request.search)),
            )
            stmt = stmt.where(or_(Bill.number == number, by_text) if number is not None else by_text)
        status = request.filter("status")
        if status == "open":
            stmt = stmt.where(Bill.status.in_(OPEN))
        elif status:
            stmt = stmt.where(Bill.status == status)
        supplier = request.filter("supplier")
        if supplier:
            stmt = stmt.where(Bill.supplier_id == supplier)
        start, end = request.filter("from"), request.filter("to")
        if isinstance(start, date):
            stmt = stmt.where(Bill.issued_on >= start)
        if isinstance(end, date):
            stmt = stmt.where(Bill.issued_on <= end)
        return stmt


def _line_tone(quantity: Decimal, billed: Decimal, cost: Decimal, billed_cost: Decimal) -> Tone | None:
    return Tone.WARNING if quantity != billed or cost != billed_cost else None


class BillLinesQuery(ListQuery):
    """A bill's lines: what was received and what the supplier charges; a line that differs stands out."""

    action = FINANCE_VIEW
    entity = BillLine
    columns = (
        ListColumn("receipt", N_("Receipt"), Receipt.number, kind="ref"),
        ListColumn("sku", N_("SKU"), Product.sku, kind="code"),
        ListColumn("product", N_("Product"), Product.name),
        ListColumn("quantity", N_("Received"), BillLine.quantity, kind="quantity"),
        ListColumn("billed_quantity", N_("Billed"), BillLine.billed_quantity, kind="quantity"),
        ListColumn("unit", N_("Unit"), Product.base_unit),
        ListColumn("received_cost", N_("Received cost"), BillLine.received_cost, kind="price"),
        ListColumn("billed_cost", N_("Billed cost"), BillLine.billed_cost, kind="price"),
        ListColumn("total", N_("Total"), BillLine.total, kind="money", total=True),
    )
    default_sort = "receipt"

    def row_tone(self, row: ListRow) -> Tone | None:
        return _line_tone(
            self.value(row, "quantity"),
            self.value(row, "billed_quantity"),
            self.value(row, "received_cost"),
            self.value(row, "billed_cost"),
        )

    def where(self, stmt: AnySelect, request: ListRequest) -> AnySelect:
        stmt = stmt.join(Product, Product.id == BillLine.product_id).join(
            Receipt, Receipt.id == BillLine.receipt_id
        )
        bill = request.filter("bill")
        return stmt.where(BillLine.bill_id == bill) if bill else stmt.where(false())


class ReceiptsToBillQuery(ListQuery):
    """One supplier's receipts that wait for their bill: not billed and on no open bill."""

    action = FINANCE_VIEW
    entity = Receipt
    columns = (
        ListColumn("number", N_("Receipt"), Receipt.number, kind="ref"),
        ListColumn("received_at", N_("Received"), Receipt.received_at, kind="datetime"),
        ListColumn("order", N_("Order"), PurchaseOrder.number, kind="ref"),
        ListColumn("supplier_invoice", N_("Supplier invoice"), Receipt.supplier_invoice),
        ListColumn("total", N_("Value"), Receipt.total, kind="money", total=True),
    )
    default_sort = "number"

    def where(self, stmt: AnySelect, request: ListRequest) -> AnySelect:
        stmt = stmt.outerjoin(PurchaseOrder, PurchaseOrder.id == Receipt.order_id)
        supplier = request.filter("supplier")
        if not supplier:
            return stmt.where(false())
        return stmt.where(and_(Receipt.supplier_id == supplier, Receipt.billed.is_(False), ~ON_OPEN_BILL))


def suppliers_to_bill(db: Database, actor: Actor) -> list[Choice]:
    """Suppliers with receipts waiting for their bill, by name."""
    with db.read() as session:
        require(session, actor, FINANCE_VIEW)
        waiting = select(Receipt.supplier_id).where(Receipt.billed.is_(False), ~ON_OPEN_BILL)
        stmt = (
            select(Supplier.id, Supplier.tax_id, Supplier.name)
            .where(Supplier.id.in_(waiting))
            .order_by(Supplier.name_key, Supplier.id)
        )
        return [Choice(row.id, row.tax_id, row.name) for row in session.execute(stmt)]


@dataclass(frozen=True)
class LineToBill:
    receipt_line_id: int
    receipt: int  # number
    sku: str
    product: str
    unit: str
    quantity: Decimal  # received
    received_cost: Decimal
    ordered_cost: Decimal | None
    billed_quantity: Decimal
    billed_cost: Decimal


def lines_to_bill(
    db: Database, actor: Actor, receipt_ids: list[int], bill_id: int | None = None
) -> list[LineToBill]:
    """The receipts' lines as the dialog shows them: received, and billed (as received, or as the bill
    `bill_id` already says)."""
    with db.read() as session:
        require(session, actor, FINANCE_VIEW)
        return _lines(session, receipt_ids, bill_id)


def _lines(session: Session, receipt_ids: list[int], bill_id: int | None) -> list[LineToBill]:
    billed: dict[int, tuple[Decimal, Decimal]] = {}
    if bill_id is not None:
        billed = {
            row.receipt_line_id: (row.billed_quantity, row.billed_cost)
            for row in session.execute(
                select(BillLine.receipt_line_id, BillLine.billed_quantity, BillLine.billed_cost).where(
                    BillLine.bill_id == bill_id
                )
            )
        }
    numbers: dict[int, int] = {
        row.id: row.number
        for row in session.execute(select(Receipt.id, Receipt.number).where(Receipt.id.in_(receipt_ids)))
    }
    found = []
    for line, ordered in receipt_lines(session, receipt_ids):
        product = session.get(Product, line.product_id)
        assert product is not None
        quantity, cost = billed.get(line.id, (line.quantity, line.unit_cost))
        found.append(
            LineToBill(
                line.id, numbers[line.receipt_id], product.sku, product.name, product.base_unit,
                line.quantity, line.unit_cost, ordered, quantity, cost,
            )
        )  # fmt: skip
    return found


@dataclass(frozen=True)
class BillFigures:
    id: int
    number: int | None
    status: str
    supplier_id: int
    supplier: str
    payment_terms_days: int
    reference: str
    nfe_key: str
    issued_on: date
    received_value: Decimal
    total: Decimal
    difference: Decimal
    differences: str
    approval_note: str
    receipt_ids: list[int]
    posted_at: datetime | None


def bill_figures(db: Database, actor: Actor, bill_id: int) -> BillFigures:
    """One bill's header and figures, for the post and approve dialogs."""
    with db.read() as session:
        require(session, actor, FINANCE_VIEW)
        bill = get_bill(session, bill_id)
        supplier = session.get(Supplier, bill.supplier_id)
        assert supplier is not None
        receipts = sorted(
            set(session.execute(select(BillLine.receipt_id).where(BillLine.bill_id == bill.id)).scalars())
        )
        return BillFigures(
            bill.id, bill.number, bill.status, supplier.id, supplier.name, supplier.payment_terms_days,
            bill.reference, bill.nfe_key, bill.issued_on, bill.received_value, bill.total, bill.difference,
            bill.differences, bill.approval_note, receipts, bill.posted_at,
        )  # fmt: skip


def supplier_terms(db: Database, actor: Actor, supplier_id: int) -> int:
    """The days a supplier gives to pay (the default installment's due date)."""
    with db.read() as session:
        require(session, actor, FINANCE_VIEW)
        days = session.execute(select(Supplier.payment_terms_days).where(Supplier.id == supplier_id)).scalar()
        return int(days or 0)
