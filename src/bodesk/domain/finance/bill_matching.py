"""Matching a supplier's bill to what was ordered and received (the three-way match).

Each line of a bill is one receipt line: what was received (base units, at the receipt's cost per base
unit) and what the supplier charges for it (billed quantity and billed cost per base unit, what the
supplier's invoice says). A line differs when the billed quantity is not the received one, or the billed
cost is not the order's price per base unit (the receipt's cost when the receipt has no order); the
differences are written line by line for whoever approves the bill.

The received value is what the receipts themselves credited to goods received not billed, read from their
own journal entries (each receipt posted round_money(Σ quantity × unit cost) there), so that the bill
clears exactly that and the account holds only what is still to be billed. The difference (total −
received value) goes to purchase price differences.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import func, select, type_coerce
from sqlalchemy.orm import Session

from bodesk.domain.common.errors import Validator, line_field
from bodesk.domain.common.figures import price_text, quantity_text
from bodesk.domain.common.models import Money
from bodesk.domain.common.money import round_money, round_quantity, round_unit_price
from bodesk.domain.finance.chart import AccountRole, account_of
from bodesk.domain.finance.models import JournalEntry, JournalLine
from bodesk.domain.purchasing.models import PurchaseOrderLine, Receipt, ReceiptLine
from bodesk.i18n import _

ZERO = Decimal(0)
RECEIPT = "receipt"


@dataclass(frozen=True)
class BillLineInput:
    """What the supplier charges for one receipt line: base units and cost per base unit."""

    receipt_line_id: int
    billed_quantity: Decimal
    billed_cost: Decimal


@dataclass(frozen=True)
class MatchedLine:
    receipt_id: int
    receipt_line_id: int
    product_id: int
    quantity: Decimal  # received, base units
    received_cost: Decimal
    ordered_cost: Decimal | None  # the order's price per base unit, when the receipt has an order
    billed_quantity: Decimal
    billed_cost: Decimal

    @property
    def total(self) -> Decimal:
        return round_money(self.billed_quantity * self.billed_cost)

    @property
    def expected_cost(self) -> Decimal:
        return self.ordered_cost if self.ordered_cost is not None else self.received_cost

    def differences(self) -> list[str]:
        found = []
        if self.billed_quantity != self.quantity:
            found.append(
                _("{billed} billed, {received} received").format(
                    billed=quantity_text(self.billed_quantity), received=quantity_text(self.quantity)
                )
            )
        if self.billed_cost != self.expected_cost:
            text = (
                _("{billed} billed, {ordered} ordered")
                if self.ordered_cost is not None
                else _("{billed} billed, {ordered} received")
            )
            found.append(
                text.format(billed=price_text(self.billed_cost), ordered=price_text(self.expected_cost))
            )
        return found


@dataclass(frozen=True)
class Match:
    lines: tuple[MatchedLine, ...]
    received_value: Decimal  # what the receipts credited to goods received not billed
    total: Decimal
    difference: Decimal
    differences: str  # line by line; empty when the bill matches


def grni_posted(session: Session, receipts: Sequence[Receipt]) -> dict[int, Decimal]:
    """Per receipt, what its own journal entries credited (less debited) to goods received not billed."""
    if not receipts:
        return {}
    grni = account_of(session, AccountRole.GRNI)
    net = type_coerce(func.coalesce(func.sum(JournalLine.credit - JournalLine.debit), 0), Money())
    rows = session.execute(
        select(JournalEntry.doc_id, net)
        .join(JournalLine, JournalLine.entry_id == JournalEntry.id)
        .where(
            JournalEntry.doc_kind == RECEIPT,
            JournalEntry.doc_id.in_([receipt.id for receipt in receipts]),
            JournalLine.account_id == grni,
        )
        .group_by(JournalEntry.doc_id)
    ).all()
    found = {int(doc_id or 0): Decimal(value) for doc_id, value in rows}
    return {receipt.id: found.get(receipt.id, ZERO) for receipt in receipts}


def receipt_lines(session: Session, receipt_ids: Sequence[int]) -> list[tuple[ReceiptLine, Decimal | None]]:
    """The receipts' lines in order, each with its order line's price per base unit (None: no order)."""
    rows = session.execute(
        select(ReceiptLine, PurchaseOrderLine.package_price, PurchaseOrderLine.units_per_package)
        .outerjoin(PurchaseOrderLine, PurchaseOrderLine.id == ReceiptLine.order_line_id)
        .where(ReceiptLine.receipt_id.in_(list(receipt_ids)))
        .order_by(ReceiptLine.receipt_id, ReceiptLine.id)
    ).all()
    return [
        (line, round_unit_price(price / units) if price is not None and units else None)
        for line, price, units in rows
    ]


def match(session: Session, receipts: Sequence[Receipt], lines: Sequence[BillLineInput] | None) -> Match:
    """The bill's lines (each receipt line as received, unless `lines` says what the supplier charges),
    checked, with the totals and the differences. A ValidationError names every wrong line."""
    given = {line.receipt_line_id: line for line in lines or ()}
    check = Validator()
    matched: list[MatchedLine] = []
    known: set[int] = set()
    for n, (line, ordered) in enumerate(receipt_lines(session, [r.id for r in receipts]), start=1):
        known.add(line.id)
        typed = given.get(line.id)
        quantity = typed.billed_quantity if typed else line.quantity
        cost = typed.billed_cost if typed else line.unit_cost
        if quantity < ZERO or round_quantity(quantity) != quantity:
            check.add(
                line_field(n, "billed_quantity"),
                _("Line {n}: enter the billed quantity, zero or more, with at most 3 decimals.").format(n=n),
            )
        if cost < ZERO or round_unit_price(cost) != cost:
            check.add(
                line_field(n, "billed_cost"),
                _("Line {n}: enter the billed cost, zero or more, with at most 4 decimals.").format(n=n),
            )
        matched.append(
            MatchedLine(
                line.receipt_id,
                line.id,
                line.product_id,
                line.quantity,
                line.unit_cost,
                ordered,
                quantity,
                cost,
            )
        )
    if set(given) - known:
        check.add("lines", _("A bill line is not a line of the receipts chosen; choose the receipts again."))
    check.raise_if_any()
    received = sum(grni_posted(session, receipts).values(), ZERO)
    total = sum((line.total for line in matched), ZERO)
    texts = [
        _("Line {n}: {differences}").format(n=n, differences="; ".join(found))
        for n, line in enumerate(matched, start=1)
        if (found := line.differences())
    ]
    return Match(tuple(matched), received, total, total - received, "\n".join(texts))
