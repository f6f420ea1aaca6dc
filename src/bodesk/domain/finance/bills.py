"""Supplier bills: receipts billed, matched to their orders and receipts, approved when they differ,
and posted with their installments and the supplier's boletos.

Decisions:
- A bill covers whole receipts of one supplier, none already billed or on another open bill (draft or
  to approve). Each receipt line is one bill line; the person may change what the supplier charges
  (billed quantity and billed cost per base unit, as the supplier's invoice says).
- A bill that differs (quantities or prices, `bill_matching`) waits for approval (to approve): someone
  with the approval permission approves it with a note, which sends it back to draft, approved; any
  later change of its lines asks for approval again.
- Posting (draft only): the number (series "bill") and, in one transaction, the journal entry on the
  bill's day — goods received not billed debited by what the receipts credited there, purchase price
  differences by the difference (debit or credit), the supplier's account credited by the total —, the
  installments as payable open items with their boletos, and the receipts marked billed.
- Installments default to one, due the supplier's payment terms after the bill's day. Each boleto line
  typed or scanned is read and checked (`read_boleto`); its amount, when it has one, must be the
  installment's. The installments must add up to the total.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import cast

from sqlalchemy import Table, delete, func, insert, select
from sqlalchemy.orm import Session

from bodesk.domain.access import audit
from bodesk.domain.access.actor import Actor
from bodesk.domain.access.guard import require
from bodesk.domain.common.errors import NotFound, UserError, ValidationError, Validator, line_field
from bodesk.domain.common.figures import money_text
from bodesk.domain.common.lengths import fitting
from bodesk.domain.common.money import AMOUNT_RULE, round_money
from bodesk.domain.common.postings import DocRef
from bodesk.domain.finance.bill_matching import BillLineInput, Match, match
from bodesk.domain.finance.boleto import read_boleto
from bodesk.domain.finance.chart import AccountRole, account_of
from bodesk.domain.finance.document_models import Bill, BillLine
from bodesk.domain.finance.items import Installment, installment_plan, write_items
from bodesk.domain.finance.journal import LineDraft, post_entry
from bodesk.domain.finance.nfe_key import validate_nfe_key
from bodesk.domain.finance.permissions import BILL, BILL_APPROVE
from bodesk.domain.finance.states import BILL_LIFECYCLE, BillStatus, Direction
from bodesk.domain.purchasing.models import Receipt, Supplier
from bodesk.domain.purchasing.suppliers import get_supplier
from bodesk.i18n import _, format_date
from bodesk.store.engine import Database
from bodesk.store.locking import LOCK
from bodesk.store.types import utcnow

__all__ = ["BillLineInput", "InstallmentInput", "approve_bill", "discard_bill", "draft_bill", "post_bill"]

ZERO = Decimal(0)
KIND = BILL_LIFECYCLE.kind
BILL_LINES = cast(Table, BillLine.__table__)
OPEN = (BillStatus.DRAFT.value, BillStatus.TO_APPROVE.value)
MAX_INSTALLMENTS = 60


@dataclass(frozen=True)
class InstallmentInput:
    due_on: date
    amount: Decimal
    boleto: str = ""  # the line typed or the barcode scanned; "" for none


def get_bill(session: Session, bill_id: int, lock: bool = False) -> Bill:
    bill = session.get(Bill, bill_id, with_for_update=LOCK if lock else None)
    if bill is None:
        raise NotFound(_("That supplier bill no longer exists."), code="bill.not_found")
    return bill


def describe(bill: Bill) -> str:
    """How the audit log names a bill: its number once posted, its draft id before."""
    return str(bill.number) if bill.number is not None else f"#{bill.id}"


def _receipts(
    session: Session, supplier: Supplier, receipt_ids: Sequence[int], bill_id: int | None
) -> list[Receipt]:
    """The receipts, locked, after refusing any of another supplier, billed or on another open bill."""
    if not receipt_ids:
        raise ValidationError.single("receipts", _("Tick at least one receipt to bill."))
    receipts = list(
        session.execute(
            select(Receipt)
            .where(Receipt.id.in_(set(receipt_ids)))
            .order_by(Receipt.id)
            .with_for_update(**LOCK)
        ).scalars()
    )
    if len(receipts) != len(set(receipt_ids)):
        raise NotFound(
            _("A receipt chosen no longer exists; choose the receipts again."), code="receipt.not_found"
        )
    numbers = ", ".join(str(receipt.number) for receipt in receipts if receipt.supplier_id != supplier.id)
    if numbers:
        raise UserError(
            _(
                "Receipts {numbers} came from another supplier: a bill covers the receipts of {supplier} only."
            ).format(numbers=numbers, supplier=supplier.name),
            code="bill.other_supplier",
        )
    numbers = ", ".join(str(receipt.number) for receipt in receipts if receipt.billed)
    if numbers:
        raise UserError(
            _("Receipts {numbers} are already billed; untick them.").format(numbers=numbers),
            code="bill.receipt_billed",
        )
    stmt = (
        select(Receipt.number, Bill.id)
        .join(BillLine, BillLine.receipt_id == Receipt.id)
        .join(Bill, Bill.id == BillLine.bill_id)
        .where(Receipt.id.in_([r.id for r in receipts]), Bill.status.in_(OPEN))
    )
    if bill_id is not None:
        stmt = stmt.where(Bill.id != bill_id)
    taken = sorted({number for number, _bill in session.execute(stmt)})
    if taken:
        raise UserError(
            _(
                "Receipts {numbers} are on another bill not yet posted; post or discard that bill first."
            ).format(numbers=", ".join(map(str, taken))),
            code="bill.receipt_on_bill",
        )
    return receipts


def _header(reference: str, nfe_key: str) -> tuple[str, str]:
    check = Validator()
    reference = reference.strip()
    check.check(bool(reference), "reference", _("Type the number of the supplier's invoice."))
    check.raise_if_any()
    reference = fitting("reference", reference, Bill.reference)
    key = validate_nfe_key(nfe_key) if nfe_key.strip() else ""
    return reference, key


def _refuse_duplicate(session: Session, supplier_id: int, reference: str, bill_id: int | None) -> None:
    stmt = select(Bill.id).where(
        Bill.supplier_id == supplier_id,
        func.upper(Bill.reference) == reference.upper(),
        Bill.status != BillStatus.CANCELLED.value,
    )
    if bill_id is not None:
        stmt = stmt.where(Bill.id != bill_id)
    if session.execute(stmt.limit(1)).scalar() is not None:
        raise ValidationError.single(
            "reference",
            _("This supplier's invoice {reference} is already on another bill; check the number.").format(
                reference=reference
            ),
        )


def _apply(session: Session, bill: Bill, found: Match) -> None:
    """Write the match's lines and figures on the bill and put it where it belongs: to approve when it
    differs (any earlier approval withdrawn), draft when it matches."""
    session.execute(delete(BILL_LINES).where(BILL_LINES.c.bill_id == bill.id))
    session.execute(
        insert(BILL_LINES),
        [
            {
                "bill_id": bill.id, "receipt_id": line.receipt_id, "receipt_line_id": line.receipt_line_id,
                "product_id": line.product_id, "quantity": line.quantity, "billed_quantity": line.billed_quantity,
                "received_cost": line.received_cost, "billed_cost": line.billed_cost, "total": line.total,
            }
            for line in found.lines
        ],
    )  # fmt: skip
    bill.received_value, bill.total = found.received_value, found.total
    bill.difference, bill.differences = found.difference, found.differences
    bill.approved_by, bill.approval_note = None, ""
    target = BillStatus.TO_APPROVE if found.differences else BillStatus.DRAFT
    if bill.status != target.value:
        BILL_LIFECYCLE.move(bill, target, session)


def draft_bill(
    db: Database,
    actor: Actor,
    supplier_id: int,
    receipt_ids: Sequence[int],
    reference: str,
    issued_on: date,
    nfe_key: str = "",
    lines: Sequence[BillLineInput] | None = None,
) -> int:
    """Enter the supplier's bill for `receipt_ids`; returns its id. It waits for approval when it differs."""
    reference, key = _header(reference, nfe_key)
    with db.write() as session:
        require(session, actor, BILL)
        supplier = get_supplier(session, supplier_id)
        receipts = _receipts(session, supplier, receipt_ids, None)
        _refuse_duplicate(session, supplier.id, reference, None)
        found = match(session, receipts, lines)
        bill = Bill(
            number=None, status=BillStatus.DRAFT.value, supplier_id=supplier.id, reference=reference, nfe_key=key,
            issued_on=issued_on, created_at=utcnow(), created_by=actor.user_id,
        )  # fmt: skip
        session.add(bill)
        session.flush()
        _apply(session, bill, found)
        audit.record(
            session, actor, "bill.add", KIND, describe(bill),
            new={"supplier": supplier.name, "reference": reference, "receipts": len(receipts),
                 "total": found.total, "difference": found.difference},
        )  # fmt: skip
        return bill.id


def _open_bill(session: Session, bill_id: int, doing: str) -> Bill:
    bill = get_bill(session, bill_id, lock=True)
    if not BILL_LIFECYCLE.can_edit(bill.status):
        BILL_LIFECYCLE.refuse(bill, doing=doing)
    return bill


def update_bill_lines(
    db: Database,
    actor: Actor,
    bill_id: int,
    lines: Sequence[BillLineInput],
    reference: str | None = None,
    issued_on: date | None = None,
    nfe_key: str | None = None,
) -> None:
    """Change what the supplier charges per line (and the header, when given); matched again."""
    with db.write() as session:
        require(session, actor, BILL)
        bill = _open_bill(session, bill_id, _("its lines can no longer change."))
        if reference is not None or nfe_key is not None:
            ref, key = _header(bill.reference if reference is None else reference, nfe_key or "")
            _refuse_duplicate(session, bill.supplier_id, ref, bill.id)
            bill.reference = ref
            if nfe_key is not None:
                bill.nfe_key = key
        if issued_on is not None:
            bill.issued_on = issued_on
        supplier = get_supplier(session, bill.supplier_id)
        ids = sorted(
            set(session.execute(select(BillLine.receipt_id).where(BillLine.bill_id == bill.id)).scalars())
        )
        receipts = _receipts(session, supplier, ids, bill.id)
        old = {"total": bill.total, "difference": bill.difference}
        found = match(session, receipts, lines)
        _apply(session, bill, found)
        audit.record(
            session, actor, "bill.update", KIND, describe(bill), old=old,
            new={"total": found.total, "difference": found.difference},
        )  # fmt: skip


def approve_bill(db: Database, actor: Actor, bill_id: int, note: str) -> None:
    """Accept a bill's differences (with a note saying why); it goes back to draft, ready to post."""
    text = note.strip()
    if not text:
        raise ValidationError.single("note", _("Say why the differences are accepted."))
    text = fitting("note", text, Bill.approval_note)
    with db.write() as session:
        require(session, actor, BILL_APPROVE)
        bill = get_bill(session, bill_id, lock=True)
        BILL_LIFECYCLE.refuse_unless(
            bill, BillStatus.TO_APPROVE, doing=_("only a bill waiting for approval can be approved.")
        )
        BILL_LIFECYCLE.move(bill, BillStatus.DRAFT, session)
        bill.approved_by, bill.approval_note = actor.user_id, text
        audit.record(
            session, actor, "bill.approve", KIND, describe(bill),
            new={"difference": bill.difference, "differences": bill.differences}, reason=text,
        )  # fmt: skip


def discard_bill(db: Database, actor: Actor, bill_id: int) -> None:
    """Discard a bill not yet posted; its receipts may be billed again."""
    with db.write() as session:
        require(session, actor, BILL)
        bill = get_bill(session, bill_id, lock=True)
        BILL_LIFECYCLE.move(bill, BillStatus.CANCELLED, session)
        audit.record(session, actor, "bill.discard", KIND, describe(bill), old={"total": bill.total})


def _plan(
    bill: Bill, supplier: Supplier, given: Sequence[InstallmentInput] | None, today: date
) -> tuple[list[Installment], list[str]]:
    """The installments and their boletos (47 digits each, or ""), checked against the bill's total."""
    if given is None:
        return installment_plan(bill.total, bill.issued_on, [supplier.payment_terms_days]), []
    check = Validator()
    check.check(bool(given), "installments", _("Enter at least one installment."))
    check.check(
        len(given) <= MAX_INSTALLMENTS,
        "installments",
        _("A bill has at most {n} installments.").format(n=MAX_INSTALLMENTS),
    )
    check.raise_if_any()
    plan, boletos = [], []
    for n, item in enumerate(given, start=1):
        if AMOUNT_RULE.problem(item.amount) is not None:
            check.add(line_field(n, "amount"), str(AMOUNT_RULE.problem(item.amount)))
        elif item.amount <= ZERO or round_money(item.amount) != item.amount:
            check.add(
                line_field(n, "amount"),
                _("Installment {n}: enter an amount above zero, with at most 2 decimals.").format(n=n),
            )
        if item.due_on < bill.issued_on:
            check.add(
                line_field(n, "due_on"),
                _("Installment {n}: the due date cannot come before the bill's day, {day}.").format(
                    n=n, day=format_date(bill.issued_on)
                ),
            )
        digits = ""
        if item.boleto.strip():
            try:
                boleto = read_boleto(item.boleto, today)
            except ValidationError as exc:
                check.add(
                    line_field(n, "boleto"), _("Installment {n}: {problem}").format(n=n, problem=exc.message)
                )
            else:
                digits = "".join(ch for ch in boleto.line if ch.isdigit())
                if boleto.amount is not None and boleto.amount != item.amount:
                    check.add(
                        line_field(n, "boleto"),
                        _("Installment {n}: the boleto is for {boleto}, the installment for {amount}; "
                          "make them equal or check the line.").format(
                            n=n, boleto=money_text(boleto.amount), amount=money_text(item.amount)
                        ),
                    )  # fmt: skip
        plan.append(Installment(item.due_on, item.amount))
        boletos.append(digits)
    check.raise_if_any()
    added = sum((item.amount for item in plan), ZERO)
    if added != bill.total:
        text = (
            _(
                "The installments add up to {added}, the bill to {total}: {gap} is missing. Correct the amounts."
            )
            if added < bill.total
            else _(
                "The installments add up to {added}, the bill to {total}: {gap} too much. Correct the amounts."
            )
        )
        raise UserError(
            text.format(
                added=money_text(added), total=money_text(bill.total), gap=money_text(abs(bill.total - added))
            ),
            code="bill.installments",
        )
    return plan, boletos


def post_bill(
    db: Database,
    actor: Actor,
    bill_id: int,
    installments: Sequence[InstallmentInput] | None = None,
    today: date | None = None,
) -> int:
    """Post a draft bill: its number, journal entry, open items, receipts billed. Returns its number."""
    today = today or date.today()
    with db.write() as session:
        require(session, actor, BILL)
        bill = get_bill(session, bill_id, lock=True)
        if bill.status == BillStatus.TO_APPROVE.value:
            BILL_LIFECYCLE.refuse(bill, doing=_("its differences must be approved before it is posted."))
        BILL_LIFECYCLE.refuse_unless(bill, BillStatus.DRAFT, doing=_("only a draft can be posted."))
        if bill.total <= ZERO:
            raise UserError(
                _("This bill charges nothing; discard it, or enter what the supplier charges."),
                code="bill.empty",
            )
        supplier = get_supplier(session, bill.supplier_id)
        ids = sorted(
            set(session.execute(select(BillLine.receipt_id).where(BillLine.bill_id == bill.id)).scalars())
        )
        receipts = _receipts(session, supplier, ids, bill.id)
        plan, boletos = _plan(bill, supplier, installments, today)
        bill.posted_at = utcnow()
        BILL_LIFECYCLE.move(bill, BillStatus.POSTED, session)  # draws the number
        number = cast(int, bill.number)
        document = DocRef(KIND, bill.id, number)
        lines = [
            LineDraft(account_of(session, AccountRole.PAYABLES), credit=bill.total, supplier_id=supplier.id)
        ]
        if bill.received_value:
            grni = account_of(session, AccountRole.GRNI)
            value = bill.received_value
            lines.append(LineDraft(grni, debit=value) if value > ZERO else LineDraft(grni, credit=-value))
        if bill.difference:
            prices = account_of(session, AccountRole.PRICE_DIFFERENCES)
            gap = bill.difference
            lines.append(LineDraft(prices, debit=gap) if gap > ZERO else LineDraft(prices, credit=-gap))
        memo = _("Supplier bill {n}, invoice {reference} of {supplier}").format(
            n=number, reference=bill.reference, supplier=supplier.name
        )
        post_entry(session, actor, bill.issued_on, lines, memo[:200], document)
        write_items(
            session,
            Direction.PAYABLE,
            document,
            bill.issued_on,
            plan,
            supplier_id=supplier.id,
            boletos=boletos,
        )
        for receipt in receipts:
            receipt.billed = True
        audit.record(
            session, actor, "bill.post", KIND, number,
            new={"supplier": supplier.name, "reference": bill.reference, "total": bill.total,
                 "difference": bill.difference, "installments": len(plan)},
        )  # fmt: skip
        return number
