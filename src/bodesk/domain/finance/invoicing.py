"""Customer invoices: drafted from shipped or delivered orders, posted in one transaction, and the
fiscal note (NF-e) recorded on them when the company's fiscal software issues it.

Decisions:
- A draft is made from orders that shipped (shipped or delivered), are not invoiced and are on no other
  draft: one invoice per order, or, grouped, one per customer and payment term with all its orders
  chosen (the person chooses the period by the orders they pick). Its lines are each order line's
  shipped quantity, in packages (shipped ÷ units per package), at the line's net price, to cents as
  the order's shipped value is; `goods` is the lines at list price and `discount` what the discounts
  took from it (never below zero: a price above the list counts as the list). The payment term is the
  order's, else the customer's; none is cash on the day.
- A draft is discarded (status "cancelled", read "Discarded"); it never had a number.
- Posting draws the number (series "invoice", gapless: the lifecycle's `move` draws it in the posting's
  transaction, so a posting that fails returns it), books customers Dr the total (with the customer),
  discounts given Dr the discount and sales Cr the goods (revenue at list price, the discount in its
  deduction account), writes the installments of the payment term as open items, and moves each order
  to invoiced through the sales lifecycle (with its event, `invoiced_at` and `seconds_to_invoice`). The
  stock's cost was booked when the goods shipped. `post_invoices` posts many in one transaction.
- Lock order: the invoice, its orders, then the number series (invoice, journal).
- A posted invoice is final: only its NF-e (number, series, access key) may still be recorded, and
  credit notes take it back (`credit_notes.py`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import cast

from sqlalchemy import Table, insert, select, update
from sqlalchemy.orm import Session

from bodesk.domain.access import audit
from bodesk.domain.access.actor import Actor
from bodesk.domain.access.guard import require
from bodesk.domain.common.errors import NotFound, UserError, ValidationError, Validator
from bodesk.domain.common.money import round_money, round_quantity
from bodesk.domain.common.postings import DocRef
from bodesk.domain.finance.chart import AccountRole, account_of
from bodesk.domain.finance.credits import apply_credits_in
from bodesk.domain.finance.document_models import Invoice, InvoiceLine
from bodesk.domain.finance.items import installment_plan, write_items
from bodesk.domain.finance.journal import LineDraft, post_entry
from bodesk.domain.finance.models import FinanceSettings
from bodesk.domain.finance.nfe_key import nfe_key_parts
from bodesk.domain.finance.permissions import INVOICE
from bodesk.domain.finance.states import INVOICE_LIFECYCLE, Direction, InvoiceKind, InvoiceStatus
from bodesk.domain.sales.models import Customer, PaymentTerm
from bodesk.domain.sales.order_models import SalesOrder, SalesOrderEvent, SalesOrderLine
from bodesk.domain.sales.orders import seconds_since
from bodesk.domain.sales.references import installment_days
from bodesk.domain.sales.states import ORDER_LIFECYCLE, OrderStatus
from bodesk.domain.stock.models import Packaging, Product
from bodesk.i18n import _
from bodesk.store.engine import Database
from bodesk.store.locking import LOCK
from bodesk.store.types import utcnow

ZERO = Decimal(0)
LINES = cast(Table, InvoiceLine.__table__)
MAX_ORDERS = 500  # orders on one call: a month of a customer's orders, well within one transaction
INVOICEABLE = (OrderStatus.SHIPPED.value, OrderStatus.DELIVERED.value)


@dataclass(frozen=True)
class PostedInvoice:
    id: int
    number: int
    total: Decimal


def invoice_ref(invoice: Invoice) -> DocRef:
    return DocRef(invoice.kind, invoice.id, int(invoice.number or 0))


def get_invoice(session: Session, invoice_id: int, lock: bool = False) -> Invoice:
    invoice = session.get(Invoice, invoice_id, with_for_update=LOCK if lock else None)
    if invoice is None:
        raise NotFound(_("That invoice no longer exists."), code="invoice.not_found")
    return invoice


def _numbers(orders: Sequence[SalesOrder]) -> str:
    return ", ".join(str(order.number) for order in sorted(orders, key=lambda order: order.number))


def _invoiceable_orders(session: Session, order_ids: Sequence[int]) -> list[SalesOrder]:
    """The orders, locked, if every one may be invoiced now; refused naming the ones that may not."""
    wanted = sorted(set(order_ids))
    if not wanted:
        raise ValidationError.single("orders", _("Choose at least one shipped order to invoice."))
    if len(wanted) > MAX_ORDERS:
        raise ValidationError.single("orders", _("Invoice at most {n} orders at once.").format(n=MAX_ORDERS))
    orders = list(
        session.execute(
            select(SalesOrder)
            .where(SalesOrder.id.in_(wanted))
            .order_by(SalesOrder.id)
            .with_for_update(**LOCK)
        ).scalars()
    )
    if len(orders) != len(wanted):
        raise NotFound(_("One of the orders no longer exists."), code="sales_order.not_found")
    invoiced = [order for order in orders if order.status == OrderStatus.INVOICED]
    if invoiced:
        raise UserError(
            _("Already invoiced: order {numbers}. Choose orders not invoiced yet.").format(
                numbers=_numbers(invoiced)
            ),
            code="invoice.order_invoiced",
        )
    unshipped = [order for order in orders if order.status not in INVOICEABLE]
    if unshipped:
        raise UserError(
            _("Not shipped yet: order {numbers}. Only shipped or delivered orders can be invoiced.").format(
                numbers=_numbers(unshipped)
            ),
            code="invoice.order_not_shipped",
        )
    drafted = set(
        session.execute(
            select(InvoiceLine.order_id)
            .join(Invoice, Invoice.id == InvoiceLine.invoice_id)
            .where(InvoiceLine.order_id.in_(wanted), Invoice.status == InvoiceStatus.DRAFT.value)
        ).scalars()
    )
    if drafted:
        raise UserError(
            _("Already on a draft invoice: order {numbers}. Post or discard that draft first.").format(
                numbers=_numbers([order for order in orders if order.id in drafted])
            ),
            code="invoice.order_on_draft",
        )
    return orders


def _line_rows(session: Session, orders: Sequence[SalesOrder]) -> dict[int, list[dict[str, object]]]:
    """Per order, its shipped lines as invoice lines (without the invoice id and position)."""
    rows: dict[int, list[dict[str, object]]] = defaultdict(list)
    found = session.execute(
        select(SalesOrderLine, Packaging.name, Product.base_unit)
        .join(Product, Product.id == SalesOrderLine.product_id)
        .outerjoin(Packaging, Packaging.id == SalesOrderLine.packaging_id)
        .where(SalesOrderLine.order_id.in_([order.id for order in orders]), SalesOrderLine.shipped > 0)
        .order_by(SalesOrderLine.order_id, SalesOrderLine.position)
    )
    for line, packaging, base_unit in found:
        packages = line.shipped / line.units_per_package
        total = round_money(packages * line.price)
        rows[line.order_id].append(
            {
                "order_id": line.order_id,
                "order_line_id": line.id,
                "product_id": line.product_id,
                "unit": (packaging or base_unit or "")[:20],
                "units_per_package": line.units_per_package,
                "quantity": round_quantity(packages),
                "list_price": line.list_price,
                "discount": line.discount,
                "price": line.price,
                "total": total,
                "goods": max(round_money(packages * line.list_price), total),
            }
        )
    return rows


def _term_of(session: Session, orders: Sequence[SalesOrder]) -> dict[int, int | None]:
    """Each order's payment term: its own, else its customer's."""
    customers = dict(
        session.execute(
            select(Customer.id, Customer.payment_term_id).where(
                Customer.id.in_({order.customer_id for order in orders})
            )
        ).all()
    )
    return {order.id: order.payment_term_id or customers.get(order.customer_id) for order in orders}


def draft_invoices_in(
    session: Session, actor: Actor, order_ids: Sequence[int], group_by_customer: bool, issued_on: date
) -> list[int]:
    orders = _invoiceable_orders(session, order_ids)
    lines = _line_rows(session, orders)
    terms = _term_of(session, orders)
    empty = [order for order in orders if not lines.get(order.id)]
    if empty:
        raise UserError(
            _("Nothing shipped to invoice on order {numbers}.").format(numbers=_numbers(empty)),
            code="invoice.nothing_shipped",
        )
    groups: dict[tuple[object, ...], list[SalesOrder]] = defaultdict(list)
    for order in orders:
        key = (order.customer_id, terms[order.id]) if group_by_customer else (order.id,)
        groups[key].append(order)
    series = session.execute(select(FinanceSettings.invoice_series).limit(1)).scalar() or "1"
    now = utcnow()
    made: list[int] = []
    rows: list[dict[str, object]] = []
    for group in groups.values():
        group.sort(key=lambda order: order.number)
        group_lines = [row for order in group for row in lines[order.id]]
        goods = sum((cast(Decimal, row.pop("goods")) for row in group_lines), ZERO)
        total = sum((cast(Decimal, row["total"]) for row in group_lines), ZERO)
        invoice = Invoice(
            kind=InvoiceKind.INVOICE.value,
            series=series,
            customer_id=group[0].customer_id,
            issued_on=issued_on,
            payment_term_id=terms[group[0].id],
            goods=goods,
            discount=goods - total,
            total=total,
            created_at=now,
            created_by=actor.user_id,
        )
        INVOICE_LIFECYCLE.begin(session, invoice, InvoiceStatus.DRAFT)
        session.add(invoice)
        session.flush()
        rows += [
            {**row, "invoice_id": invoice.id, "position": position}
            for position, row in enumerate(group_lines, start=1)
        ]
        audit.record(
            session,
            actor,
            "invoice.add",
            "invoice",
            invoice.id,
            new={"orders": [order.number for order in group], "total": total},
            at=now,
        )
        made.append(invoice.id)
    session.execute(insert(LINES), rows)
    return made


def draft_invoices(
    db: Database,
    actor: Actor,
    order_ids: Sequence[int],
    group_by_customer: bool = False,
    issued_on: date | None = None,
) -> list[int]:
    """Draft the invoices of shipped or delivered orders: one per order, or one per customer (and
    payment term) grouping them. Returns the drafts' ids; all or none."""
    with db.write() as session:
        require(session, actor, INVOICE)
        return draft_invoices_in(session, actor, order_ids, group_by_customer, issued_on or date.today())


def discard_invoice(db: Database, actor: Actor, invoice_id: int) -> None:
    """A draft set aside: its orders may be invoiced again; it never had a number."""
    with db.write() as session:
        require(session, actor, INVOICE)
        invoice = get_invoice(session, invoice_id, lock=True)
        if invoice.status != InvoiceStatus.DRAFT:
            INVOICE_LIFECYCLE.refuse(
                invoice, doing=_("only a draft can be discarded; take a posted one back with a credit note.")
            )
        INVOICE_LIFECYCLE.move(invoice, InvoiceStatus.CANCELLED)
        audit.record(session, actor, "invoice.discard", "invoice", invoice.id, old={"total": invoice.total})


def _term_days(session: Session, term_id: int | None) -> list[int]:
    if term_id is None:
        return [0]
    days = session.execute(select(PaymentTerm.days).where(PaymentTerm.id == term_id)).scalar()
    return installment_days(days) if days else [0]


def _invoice_orders(session: Session, actor: Actor, invoice: Invoice, now: datetime) -> list[int]:
    """Move the invoice's orders to invoiced, as the sales lifecycle allows (each refused unless shipped
    or delivered), with their event and processing time, in two bulk statements; their numbers."""
    order_ids = select(InvoiceLine.order_id).where(InvoiceLine.invoice_id == invoice.id).distinct()
    orders = session.execute(
        select(SalesOrder.id, SalesOrder.number, SalesOrder.status, SalesOrder.created_at)
        .where(SalesOrder.id.in_(order_ids))
        .order_by(SalesOrder.id)
        .with_for_update(**LOCK)
    ).all()
    for order in orders:
        if not ORDER_LIFECYCLE.can(order.status, OrderStatus.INVOICED):
            ORDER_LIFECYCLE.refuse(order, doing=_("only a shipped or delivered order can be invoiced."))
    status = OrderStatus.INVOICED.value
    session.execute(
        update(SalesOrder),
        [
            {
                "id": o.id,
                "status": status,
                "invoiced_at": now,
                "seconds_to_invoice": seconds_since(o.created_at, now),
            }
            for o in orders
        ],
    )
    session.execute(
        insert(SalesOrderEvent),
        [{"order_id": o.id, "status": status, "at": now, "user_id": actor.user_id} for o in orders],
    )
    return [order.number for order in orders]


def post_invoice_in(session: Session, actor: Actor, invoice_id: int, now: datetime) -> PostedInvoice:
    invoice = get_invoice(session, invoice_id, lock=True)
    if invoice.kind != InvoiceKind.INVOICE or invoice.status != InvoiceStatus.DRAFT:
        INVOICE_LIFECYCLE.refuse(invoice, doing=_("only a draft invoice can be posted."))
    orders = _invoice_orders(session, actor, invoice, now)
    INVOICE_LIFECYCLE.move(invoice, InvoiceStatus.POSTED, session)  # draws the number
    invoice.posted_at = now
    ref = invoice_ref(invoice)
    lines = [
        LineDraft(
            account_of(session, AccountRole.RECEIVABLES), debit=invoice.total, customer_id=invoice.customer_id
        ),
        LineDraft(account_of(session, AccountRole.DISCOUNTS_GIVEN), debit=invoice.discount),
        LineDraft(account_of(session, AccountRole.SALES), credit=invoice.goods),
    ]
    lines = [line for line in lines if line.debit or line.credit]
    memo = _("Invoice {n}").format(n=invoice.number)
    if lines:
        post_entry(session, actor, invoice.issued_on, lines, memo, ref)
    plan = installment_plan(invoice.total, invoice.issued_on, _term_days(session, invoice.payment_term_id))
    write_items(session, Direction.RECEIVABLE, ref, invoice.issued_on, plan, customer_id=invoice.customer_id)
    apply_credits_in(session, actor, invoice.customer_id, ref)  # money received before the invoice
    audit.record(
        session,
        actor,
        "invoice.post",
        "invoice",
        invoice.number,
        new={"total": invoice.total, "orders": orders, "installments": len(plan)},
        at=now,
    )
    return PostedInvoice(invoice.id, int(invoice.number or 0), invoice.total)


def post_invoice(db: Database, actor: Actor, invoice_id: int) -> PostedInvoice:
    """Post a draft: numbered, booked, its installments written and its orders invoiced, all at once."""
    with db.write() as session:
        require(session, actor, INVOICE)
        return post_invoice_in(session, actor, invoice_id, utcnow())


def post_invoices(db: Database, actor: Actor, invoice_ids: Sequence[int]) -> list[PostedInvoice]:
    """Post several drafts in one transaction (numbered in the order given): all or none."""
    with db.write() as session:
        require(session, actor, INVOICE)
        now = utcnow()
        return [post_invoice_in(session, actor, invoice_id, now) for invoice_id in invoice_ids]


def invoice_orders(
    db: Database,
    actor: Actor,
    order_ids: Sequence[int],
    group_by_customer: bool = False,
    issued_on: date | None = None,
) -> list[PostedInvoice]:
    """Draft and post the invoices of orders in one transaction (what a busy desk does at day's end)."""
    with db.write() as session:
        require(session, actor, INVOICE)
        now = utcnow()
        drafts = draft_invoices_in(session, actor, order_ids, group_by_customer, issued_on or date.today())
        return [post_invoice_in(session, actor, invoice_id, now) for invoice_id in drafts]


def record_nfe(db: Database, actor: Actor, invoice_id: int, number: str, series: str, key: str) -> None:
    """Record the NF-e the fiscal software issued for a posted invoice (or credit note): its access key
    (check digit validated) and its number and series, which must agree with the key (blank: read from it)."""
    parts = nfe_key_parts(key)
    check = Validator()
    typed_number, typed_series = number.strip().lstrip("0"), series.strip().lstrip("0")
    key_number, key_series = parts.number.lstrip("0"), parts.series.lstrip("0")
    check.check(
        not typed_number or typed_number == key_number,
        "nfe_number",
        _("The access key is of NF-e number {n}: type that number or leave it blank.").format(n=key_number),
    )
    check.check(
        not typed_series or typed_series == key_series,
        "nfe_series",
        _("The access key is of series {s}: type that series or leave it blank.").format(s=key_series or "0"),
    )
    check.raise_if_any()
    with db.write() as session:
        require(session, actor, INVOICE)
        invoice = get_invoice(session, invoice_id, lock=True)
        if invoice.status != InvoiceStatus.POSTED:
            INVOICE_LIFECYCLE.refuse(invoice, doing=_("record the NF-e once the invoice is posted."))
        old = {"nfe_number": invoice.nfe_number, "nfe_key": invoice.nfe_key}
        invoice.nfe_number, invoice.nfe_series, invoice.nfe_key = key_number, key_series or "0", parts.key
        audit.record(
            session,
            actor,
            "invoice.nfe",
            invoice.kind,
            invoice.number,
            old=old,
            new={"nfe_number": key_number, "nfe_key": parts.key},
        )
