"""Credit notes: the one way a posted invoice is taken back, in part (goods a customer returned) or
whole (the invoice cancelled).

Decisions:
- A credit note is made and posted at once (numbered in the series "credit_note", gapless, by the
  lifecycle's `move`), for at most what is left of its invoice to credit (total − credited); the
  invoice's `credited` rises by it, and an invoice credited in full reads as cancelled.
- `credit_note_for_return`: the value of a sales return (its lines at the order lines' net prices, as
  sales valued it) of goods on a posted invoice; a return of goods not invoiced yet is refused (invoice
  the order first: the invoice bills what shipped, the credit note takes the return back), and a return
  is credited once.
- `cancel_invoice`: a credit note of all that is left, with a reason; its lines are the invoice's, less
  what earlier credit notes took back.
- The books: returns Dr / customers Cr the credit note's total (with the customer). The stock came back
  with the return itself, at its cost.
- The installments: the credit note writes one open item of its own, negative (a credit the customer
  holds), and applies it at once to what is still open of its invoice's installments, the last due
  first, through a payment of method "credit" that moves no money (amount 0; series "payment"): its
  allocations settle the invoice's installments and, with the opposite sign, the credit note's item.
  What the invoice no longer owed (it was paid) stays as the customer's credit, for a receipt or a
  refund to use. So `bodesk check` holds: the customers account equals what is open, and each item's
  settled sum equals its allocations.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import cast

from sqlalchemy import Table, func, insert, select
from sqlalchemy.orm import Session

from bodesk.domain.access import audit
from bodesk.domain.access.actor import Actor
from bodesk.domain.access.guard import require
from bodesk.domain.common.errors import NotFound, UserError, ValidationError
from bodesk.domain.common.figures import money_text
from bodesk.domain.common.money import round_money, round_quantity
from bodesk.domain.finance.chart import AccountRole, account_of
from bodesk.domain.finance.credits import settle_with_credit
from bodesk.domain.finance.document_models import Invoice, InvoiceLine, OpenItem
from bodesk.domain.finance.invoicing import get_invoice, invoice_ref
from bodesk.domain.finance.items import LEFT, Installment, write_items
from bodesk.domain.finance.journal import LineDraft, post_entry
from bodesk.domain.finance.permissions import INVOICE
from bodesk.domain.finance.states import (
    CREDIT_NOTE_LIFECYCLE,
    INVOICE_LIFECYCLE,
    Direction,
    InvoiceKind,
    InvoiceStatus,
)
from bodesk.domain.sales.order_models import SalesOrderLine, SalesReturn, SalesReturnLine
from bodesk.i18n import _
from bodesk.store.engine import Database
from bodesk.store.locking import LOCK
from bodesk.store.types import utcnow

ZERO = Decimal(0)
LINES = cast(Table, InvoiceLine.__table__)
MAX_REASON = 2000


def left_to_credit(invoice: Invoice) -> Decimal:
    return invoice.total - invoice.credited


def _refuse_over(invoice: Invoice, value: Decimal) -> None:
    left = left_to_credit(invoice)
    if value > left:
        raise UserError(
            _(
                "Invoice {n} has {left} left to credit; a credit note of {value} is more than that. "
                "Credit at most what is left."
            ).format(n=invoice.number, left=money_text(left), value=money_text(value)),
            code="credit_note.too_much",
        )


def _posted_invoice(session: Session, invoice_id: int) -> Invoice:
    invoice = get_invoice(session, invoice_id, lock=True)
    if invoice.kind != InvoiceKind.INVOICE or invoice.status != InvoiceStatus.POSTED:
        INVOICE_LIFECYCLE.refuse(invoice, doing=_("only a posted invoice can be credited."))
    return invoice


def _apply_credit(session: Session, actor: Actor, invoice: Invoice, note: Invoice) -> Decimal:
    """Settle what is open of the invoice's installments (the last due first) with the credit note's own
    negative item, through a payment that moves no money; returns what was applied."""
    credit_item = session.execute(
        select(OpenItem).where(OpenItem.doc_kind == note.kind, OpenItem.doc_id == note.id)
    ).scalar_one()
    items = session.execute(
        select(OpenItem)
        .where(
            OpenItem.doc_kind == invoice.kind,
            OpenItem.doc_id == invoice.id,
            OpenItem.settled.is_(False),
            LEFT > 0,
        )
        .order_by(OpenItem.due_on.desc(), OpenItem.installment.desc())
        .with_for_update(**LOCK)
    ).scalars()
    remaining = note.total
    parts: list[tuple[OpenItem, Decimal]] = []
    for item in items:
        if remaining <= ZERO:
            break
        share = min(item.amount - item.paid - item.written_off, remaining)
        parts.append((item, share))
        remaining -= share
    applied = note.total - remaining
    if applied <= ZERO:
        return ZERO
    memo = _("Credit note {c} against invoice {n}").format(c=note.number, n=invoice.number)
    moves = [*parts, (credit_item, -applied)]
    settle_with_credit(session, actor, note.customer_id, moves, note.issued_on, memo)
    return applied


def _post_credit_note_in(
    session: Session,
    actor: Actor,
    invoice: Invoice,
    lines: Sequence[dict[str, object]],
    issued_on: date,
    notes: str,
    return_id: int | None = None,
) -> int:
    total = sum((cast(Decimal, line["total"]) for line in lines), ZERO)
    goods = sum((cast(Decimal, line.pop("goods")) for line in lines), ZERO)
    if total <= ZERO:
        raise UserError(_("There is nothing to credit: the value is zero."), code="credit_note.nothing_left")
    _refuse_over(invoice, total)
    now = utcnow()
    note = Invoice(
        kind=InvoiceKind.CREDIT_NOTE.value,
        series=invoice.series,
        customer_id=invoice.customer_id,
        issued_on=issued_on,
        credits_id=invoice.id,
        return_id=return_id,
        goods=goods,
        discount=goods - total,
        total=total,
        notes=notes,
        created_at=now,
        created_by=actor.user_id,
    )
    CREDIT_NOTE_LIFECYCLE.begin(session, note, InvoiceStatus.DRAFT)
    session.add(note)
    session.flush()
    session.execute(
        insert(LINES),
        [{**line, "invoice_id": note.id, "position": n} for n, line in enumerate(lines, start=1)],
    )
    CREDIT_NOTE_LIFECYCLE.move(note, InvoiceStatus.POSTED, session)  # draws the number
    note.posted_at = now
    invoice.credited += total
    ref = invoice_ref(note)
    post_entry(
        session,
        actor,
        issued_on,
        [
            LineDraft(account_of(session, AccountRole.RETURNS), debit=total),
            LineDraft(
                account_of(session, AccountRole.RECEIVABLES), credit=total, customer_id=note.customer_id
            ),
        ],
        _("Credit note {c} of invoice {n}").format(c=note.number, n=invoice.number),
        ref,
    )
    write_items(
        session,
        Direction.RECEIVABLE,
        ref,
        issued_on,
        [Installment(issued_on, -total)],
        customer_id=note.customer_id,
    )
    applied = _apply_credit(session, actor, invoice, note)
    audit.record(
        session,
        actor,
        "credit_note.post",
        "credit_note",
        note.number,
        new={"invoice": invoice.number, "total": total, "applied": applied},
        reason=notes or None,
        at=now,
    )
    return note.id


def _return_lines(session: Session, back: SalesReturn) -> list[dict[str, object]]:
    rows = []
    found = session.execute(
        select(SalesReturnLine, SalesOrderLine)
        .join(SalesOrderLine, SalesOrderLine.id == SalesReturnLine.order_line_id)
        .where(SalesReturnLine.return_id == back.id)
        .order_by(SalesReturnLine.id)
    )
    units = dict(
        session.execute(
            select(InvoiceLine.order_line_id, InvoiceLine.unit).where(
                InvoiceLine.order_id == back.order_id, InvoiceLine.order_line_id.is_not(None)
            )
        ).all()
    )
    for returned, line in found:
        packages = returned.quantity / line.units_per_package
        rows.append(
            {
                "order_id": line.order_id,
                "order_line_id": line.id,
                "return_line_id": returned.id,
                "product_id": line.product_id,
                "unit": units.get(line.id, ""),
                "units_per_package": line.units_per_package,
                "quantity": round_quantity(packages),
                "list_price": line.list_price,
                "discount": line.discount,
                "price": line.price,
                "total": returned.value,
                "goods": max(round_money(packages * line.list_price), returned.value),
            }
        )
    return rows


def credit_note_for_return(db: Database, actor: Actor, return_id: int, issued_on: date | None = None) -> int:
    """The credit note of a sales return of invoiced goods, posted; returns its id."""
    with db.write() as session:
        require(session, actor, INVOICE)
        back = session.get(SalesReturn, return_id)
        if back is None:
            raise NotFound(_("That return no longer exists."), code="sales_return.not_found")
        invoice_id = session.execute(
            select(InvoiceLine.invoice_id)
            .join(Invoice, Invoice.id == InvoiceLine.invoice_id)
            .where(
                InvoiceLine.order_id == back.order_id,
                Invoice.kind == InvoiceKind.INVOICE.value,
                Invoice.status == InvoiceStatus.POSTED.value,
            )
            .limit(1)
        ).scalar()
        if invoice_id is None:
            raise UserError(
                _(
                    "Return {n} is of goods not invoiced yet: invoice its order first, then make the "
                    "credit note of the return."
                ).format(n=back.number),
                code="credit_note.not_invoiced",
            )
        invoice = _posted_invoice(session, invoice_id)
        earlier = session.execute(
            select(Invoice.number).where(
                Invoice.return_id == back.id, Invoice.status == InvoiceStatus.POSTED.value
            )
        ).scalar()
        if earlier is not None:
            raise UserError(
                _("Return {n} is already credited by credit note {c}.").format(n=back.number, c=earlier),
                code="credit_note.return_credited",
            )
        note = _("Goods back: return {n}").format(n=back.number)
        return _post_credit_note_in(
            session, actor, invoice, _return_lines(session, back), issued_on or date.today(), note, back.id
        )


def _remaining_lines(session: Session, invoice: Invoice, value: Decimal) -> list[dict[str, object]]:
    """The invoice's lines less what earlier credit notes took back, the last line's cents evened so
    that they add up to `value`."""
    credited: dict[int | None, Decimal] = defaultdict(lambda: ZERO)
    for order_line_id, quantity in session.execute(
        select(InvoiceLine.order_line_id, func.sum(InvoiceLine.quantity))
        .join(Invoice, Invoice.id == InvoiceLine.invoice_id)
        .where(Invoice.credits_id == invoice.id, Invoice.status == InvoiceStatus.POSTED.value)
        .group_by(InvoiceLine.order_line_id)
    ):
        credited[order_line_id] += Decimal(quantity)
    rows: list[dict[str, object]] = []
    for line in session.execute(
        select(InvoiceLine).where(InvoiceLine.invoice_id == invoice.id).order_by(InvoiceLine.position)
    ).scalars():
        quantity = line.quantity - credited[line.order_line_id]
        if quantity <= ZERO:
            continue
        total = line.total if quantity == line.quantity else round_money(quantity * line.price)
        rows.append(
            {
                "order_id": line.order_id,
                "order_line_id": line.order_line_id,
                "product_id": line.product_id,
                "unit": line.unit,
                "units_per_package": line.units_per_package,
                "quantity": quantity,
                "list_price": line.list_price,
                "discount": line.discount,
                "price": line.price,
                "total": total,
                "goods": max(round_money(quantity * line.list_price), total),
            }
        )
    if rows:
        last = rows[-1]
        gap = value - sum((cast(Decimal, row["total"]) for row in rows), ZERO)
        last["total"] = max(cast(Decimal, last["total"]) + gap, ZERO)
        last["goods"] = max(cast(Decimal, last["goods"]), cast(Decimal, last["total"]))
    return rows


def cancel_invoice(
    db: Database, actor: Actor, invoice_id: int, reason: str, issued_on: date | None = None
) -> int:
    """Take a posted invoice back whole: a credit note of all that is left to credit; returns its id."""
    text = reason.strip()
    if not text:
        raise ValidationError.single("reason", _("Say why the invoice is cancelled."))
    if len(text) > MAX_REASON:
        raise ValidationError.single("reason", _("A reason has at most {n} characters.").format(n=MAX_REASON))
    with db.write() as session:
        require(session, actor, INVOICE)
        invoice = _posted_invoice(session, invoice_id)
        value = left_to_credit(invoice)
        if value <= ZERO:
            raise UserError(
                _("Invoice {n} is already credited in full: nothing is left to cancel.").format(
                    n=invoice.number
                ),
                code="credit_note.nothing_left",
            )
        lines = _remaining_lines(session, invoice, value)
        if sum((cast(Decimal, row["total"]) for row in lines), ZERO) != value:
            lines = []  # the lines no longer say it: one line could not, so none does
        if not lines:
            raise UserError(
                _("Invoice {n} has no line left to credit.").format(n=invoice.number),
                code="credit_note.nothing_left",
            )
        return _post_credit_note_in(session, actor, invoice, lines, issued_on or date.today(), text)
