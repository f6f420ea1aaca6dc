"""The money a truck brought back, in the books: when a trip closes, each amount collected at a door
becomes a receipt from its customer, in the closing's own transaction.

- The money settles the installments of the order's posted invoice; beyond them it stays as the
  customer's credit. An order not invoiced yet (invoices follow delivery) leaves the money to the
  customer's oldest open installments first, then as credit for the invoice to come.
- Cash goes to the cash account (the settlement counted it in the office), PIX to the bank, cheques
  and card slips to money in transit until they are deposited or the card company pays.
- "On account" is not money: the invoice's installments already say what the customer owes.
"""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from bodesk.domain.access.actor import Actor
from bodesk.domain.deliveries.closing import on_trip_closed
from bodesk.domain.deliveries.settlement import CollectionRow, collections_of_trip
from bodesk.domain.deliveries.states import PayKind
from bodesk.domain.deliveries.trip_models import Trip
from bodesk.domain.finance.chart import AccountRole, account_of
from bodesk.domain.finance.document_models import Invoice, InvoiceLine, OpenItem
from bodesk.domain.finance.items import left_of
from bodesk.domain.finance.payments import PaymentInput, record_payment_in
from bodesk.domain.finance.states import Direction, InvoiceKind, InvoiceStatus, PaymentMethod
from bodesk.i18n import _

ZERO = Decimal(0)
METHODS = {
    PayKind.CASH: (PaymentMethod.CASH, AccountRole.CASH),
    PayKind.PIX: (PaymentMethod.PIX, AccountRole.BANK),
    PayKind.CHEQUE: (PaymentMethod.CHEQUE, AccountRole.CLEARING),
    PayKind.CARD: (PaymentMethod.CARD, AccountRole.CLEARING),
}


def _order_installments(session: Session, order_id: int | None) -> list[OpenItem]:
    if order_id is None:
        return []
    invoices = (
        select(InvoiceLine.invoice_id)
        .join(Invoice, Invoice.id == InvoiceLine.invoice_id)
        .where(
            InvoiceLine.order_id == order_id,
            Invoice.kind == InvoiceKind.INVOICE.value,
            Invoice.status == InvoiceStatus.POSTED.value,
        )
    )
    return list(
        session.execute(
            select(OpenItem)
            .where(
                OpenItem.doc_kind == InvoiceKind.INVOICE.value,
                OpenItem.doc_id.in_(invoices),
                OpenItem.settled.is_(False),
            )
            .order_by(OpenItem.due_on, OpenItem.id)
        ).scalars()
    )


def receipt_of(session: Session, row: CollectionRow, trip: Trip) -> PaymentInput | None:
    if row.kind not in METHODS or row.amount <= ZERO:
        return None
    method, role = METHODS[PayKind(row.kind)]
    allocations, left = [], row.amount
    for item in _order_installments(session, row.order_id):
        share = min(left_of(item), left)
        if share > ZERO:
            allocations.append((item.id, share))
            left -= share
    return PaymentInput(
        Direction.RECEIVABLE,
        row.customer_id,
        trip.closed_at.astimezone().date() if trip.closed_at else row.day,  # the day the money was counted
        method,
        row.amount,
        allocations=allocations,  # none: the customer's oldest installments; the rest stays as credit
        account_id=account_of(session, role),
        cheque_bank=row.bank,
        cheque_number=row.cheque_number,
        cheque_date=row.cheque_date,
        memo=_("Collected on trip {n}").format(n=row.trip_number)[:200],
        excess="credit",
    )


@on_trip_closed
def post_trip_receipts(session: Session, actor: Actor, trip: Trip) -> None:
    for row in collections_of_trip(session, trip.id):
        receipt = receipt_of(session, row, trip)
        if receipt is not None:
            record_payment_in(session, actor, receipt)
