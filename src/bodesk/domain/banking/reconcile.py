"""Reconciling bank lines with the books: matching, automatically or by hand, and what a line may
create (a payment settling open installments, an entry for a fee or interest).

Decisions:
- A match links bank lines to journal entries that moved the bank account's ledger account, one line
  to several entries or several lines to one, and never changes an amount: the lines' sum must equal
  exactly what is left unmatched of the entries, and every line and entry of a group moves money the
  same way (in or out). Each entry is matched at most up to its own movement.
- A group is undone as a whole (`unmatch`); an ignored line (a deposit the bank took back, a line of
  no concern to the books) leaves the accuracy figure's count.
- Automatic matching takes only the sure pairs (candidates.sure_pairs) and writes them in bulk; an open
  installment it is sure of is settled by a payment made through `register_payment_in`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal
from typing import cast

from sqlalchemy import Table, delete, insert, select, update
from sqlalchemy.orm import Session

from bodesk.domain.access import audit
from bodesk.domain.access.actor import Actor
from bodesk.domain.access.guard import require
from bodesk.domain.banking.accounts import bank_account
from bodesk.domain.banking.candidates import (
    DAYS,
    Candidate,
    LineView,
    candidates_for,
    entry_labels,
    open_movements,
    sure_pairs,
)
from bodesk.domain.banking.models import BankLine, BankMatch
from bodesk.domain.common.errors import NotFound, UserError, ValidationError
from bodesk.domain.common.figures import money_text
from bodesk.domain.common.postings import DocRef
from bodesk.domain.finance.document_models import OpenItem, Payment
from bodesk.domain.finance.journal import LineDraft, entries_of, lock_date, post_entry
from bodesk.domain.finance.models import JournalLine
from bodesk.domain.finance.payments import PaymentInput, register_payment_in
from bodesk.domain.finance.permissions import FINANCE_VIEW, PAYMENT
from bodesk.domain.finance.states import Direction, PaymentMethod
from bodesk.i18n import _
from bodesk.store.engine import Database
from bodesk.store.locking import LOCK
from bodesk.store.types import utcnow

ZERO = Decimal(0)
MATCHES = cast(Table, BankMatch.__table__)
LINES = cast(Table, BankLine.__table__)
UNMATCHED, MATCHED, IGNORED = "unmatched", "matched", "ignored"
BANK_LINE = "bank_line"  # the document kind of an entry made from a bank line


class MatchRefused(UserError):
    code = "bank_match.refused"


def _lines(session: Session, line_ids: Sequence[int]) -> list[BankLine]:
    rows = list(
        session.execute(
            select(BankLine)
            .where(BankLine.id.in_(sorted(set(line_ids))))
            .order_by(BankLine.id)
            .with_for_update(**LOCK)
        ).scalars()
    )
    if len(rows) != len(set(line_ids)):
        raise NotFound(
            _("A bank line chosen no longer exists: refresh the list."), code="bank_line.not_found"
        )
    return rows


def entry_left(session: Session, account_id: int, entry_ids: Sequence[int]) -> dict[int, Decimal]:
    """What each entry moved on the ledger account and is not matched yet."""
    moved: dict[int, Decimal] = {entry_id: ZERO for entry_id in entry_ids}
    for entry_id, debit, credit in session.execute(
        select(JournalLine.entry_id, JournalLine.debit, JournalLine.credit).where(
            JournalLine.entry_id.in_(list(entry_ids)), JournalLine.account_id == account_id
        )
    ):
        moved[entry_id] += debit - credit
    for entry_id, amount in session.execute(
        select(BankMatch.entry_id, BankMatch.amount).where(BankMatch.entry_id.in_(list(entry_ids)))
    ):
        moved[entry_id] -= amount
    return moved


def _pairs(lines: list[BankLine], entries: list[tuple[int, Decimal]]) -> list[tuple[int, int, Decimal]]:
    """(line, entry, amount) covering every line and entry exactly, all of one sign, in order."""
    pairs = []
    ids = [entry_id for entry_id, _left in entries]
    left = [amount for _id, amount in entries]
    index = 0
    for line in lines:
        need = line.amount
        while need != ZERO:
            take = need if abs(need) <= abs(left[index]) else left[index]
            pairs.append((line.id, ids[index], take))
            need -= take
            left[index] -= take
            if left[index] == ZERO:
                index += 1
    return pairs


def match_in(session: Session, actor: Actor, line_ids: Sequence[int], entry_ids: Sequence[int]) -> int:
    """Match the lines with the entries (see the module notes); returns the group's number."""
    require(session, actor, PAYMENT)
    if not line_ids or not entry_ids:
        raise ValidationError.single(
            "lines", _("Choose at least one bank line and one movement of the books.")
        )
    lines = _lines(session, line_ids)
    accounts = {line.bank_account_id for line in lines}
    if len(accounts) != 1:
        raise MatchRefused(_("Choose lines of one bank account."))
    bank = bank_account(session, accounts.pop())
    taken = [line for line in lines if line.state != UNMATCHED]
    if taken:
        raise MatchRefused(
            _("The bank line of {day} ({amount}) is already matched or ignored: undo that first.").format(
                day=taken[0].day.strftime("%d/%m/%Y"), amount=money_text(taken[0].amount)
            )
        )
    left = entry_left(session, bank.account_id, sorted(set(entry_ids)))
    if any(amount == ZERO for amount in left.values()):
        raise MatchRefused(
            _("A movement chosen is already matched in full, or does not move this account: leave it out.")
        )
    signs = {line.amount > ZERO for line in lines} | {amount > ZERO for amount in left.values()}
    if len(signs) != 1:
        raise MatchRefused(
            _("Choose lines and movements that all move money the same way (all in, or all out).")
        )
    total_lines = sum((line.amount for line in lines), ZERO)
    total_entries = sum(left.values(), ZERO)
    if total_lines != total_entries:
        raise MatchRefused(
            _(
                "The bank lines sum to {lines} and the movements to {entries}: choose ones that sum to the same."
            ).format(lines=money_text(total_lines), entries=money_text(total_entries))
        )
    group = lines[0].id
    now = utcnow()
    rows = [
        {"group_id": group, "line_id": line_id, "entry_id": entry_id, "amount": amount, "at": now,
         "user_id": actor.user_id}
        for line_id, entry_id, amount in _pairs(lines, sorted(left.items()))
    ]  # fmt: skip
    session.execute(insert(MATCHES), rows)
    for line in lines:
        line.state, line.matched = MATCHED, line.amount
    audit.record(
        session, actor, "bank_line.match", "bank_line", group,
        new={"lines": len(lines), "entries": len(left), "amount": total_lines},
    )  # fmt: skip
    return group


def match(db: Database, actor: Actor, line_ids: Sequence[int], entry_ids: Sequence[int]) -> int:
    with db.write() as session:
        return match_in(session, actor, line_ids, entry_ids)


def unmatch(db: Database, actor: Actor, line_id: int) -> None:
    """Undo the match of the line's group (every line of it back to unmatched)."""
    with db.write() as session:
        require(session, actor, PAYMENT)
        group = session.execute(
            select(BankMatch.group_id).where(BankMatch.line_id == line_id).limit(1)
        ).scalar()
        if group is None:
            raise MatchRefused(_("That bank line is not matched."))
        ids = list(
            session.execute(select(BankMatch.line_id).where(BankMatch.group_id == group).distinct()).scalars()
        )
        session.execute(delete(MATCHES).where(MATCHES.c.group_id == group))
        session.execute(update(LINES).where(LINES.c.id.in_(ids)).values(state=UNMATCHED, matched=ZERO))
        audit.record(session, actor, "bank_line.unmatch", "bank_line", group, old={"lines": len(ids)})


def ignore(db: Database, actor: Actor, line_id: int, reason: str, undo: bool = False) -> None:
    """Leave an unmatched line out of the reconciliation (or, with `undo`, bring it back)."""
    with db.write() as session:
        require(session, actor, PAYMENT)
        (line,) = _lines(session, [line_id])
        if not undo and not reason.strip():
            raise ValidationError.single("reason", _("Say why this line needs no movement of the books."))
        if line.state != (IGNORED if undo else UNMATCHED):
            raise MatchRefused(
                _("Only an unmatched line can be ignored, and only an ignored one brought back.")
            )
        line.state = UNMATCHED if undo else IGNORED
        audit.record(
            session, actor, "bank_line.restore" if undo else "bank_line.ignore", "bank_line", line.id,
            reason=reason.strip()[:200] or None,
        )  # fmt: skip


def settle_from_line(
    db: Database,
    actor: Actor,
    line_id: int,
    partner_id: int,
    allocations: Sequence[tuple[int, Decimal]] = (),
    method: PaymentMethod = PaymentMethod.PIX,
    excess: str | None = None,
) -> int:
    """Make the payment a bank line shows (a PIX received for several invoices, a boleto paid) through
    `register_payment_in`, in the bank account's ledger account, and match the line with it; returns the
    payment's id."""
    with db.write() as session:
        return settle_from_line_in(session, actor, line_id, partner_id, allocations, method, excess)


def settle_from_line_in(
    session: Session,
    actor: Actor,
    line_id: int,
    partner_id: int,
    allocations: Sequence[tuple[int, Decimal]] = (),
    method: PaymentMethod = PaymentMethod.PIX,
    excess: str | None = None,
) -> int:
    data = PaymentInput(
        Direction.RECEIVABLE, partner_id, date.today(), method, ZERO, allocations=allocations, excess=excess
    )
    return pay_line_in(session, actor, line_id, data)


def pay_line(db: Database, actor: Actor, line_id: int, data: PaymentInput) -> int:
    """`settle_from_line` with everything a payment dialog asks (discount, interest, memo…)."""
    with db.write() as session:
        return pay_line_in(session, actor, line_id, data)


def pay_line_in(session: Session, actor: Actor, line_id: int, data: PaymentInput) -> int:
    """The payment `data` describes, with the bank line's own day, money, direction and account (so the
    line's amount is what the payment moves), matched with the line; returns the payment's id."""
    (line,) = _lines(session, [line_id])
    if line.state != UNMATCHED:
        raise MatchRefused(_("This bank line is already matched or ignored: undo that first."))
    bank = bank_account(session, line.bank_account_id)
    fixed = replace(
        data,
        direction=Direction.RECEIVABLE if line.amount > ZERO else Direction.PAYABLE,
        day=line.day,
        # the bank shows the money net of its fee: a receipt's money is the line plus the fee, a payment's minus it
        amount=abs(line.amount) + (data.fees if line.amount > ZERO else -data.fees),
        account_id=bank.account_id,
        memo=(data.memo or line.memo or line.name)[:200],
    )
    payment_id = register_payment_in(session, actor, fixed)
    number = session.execute(select(Payment.number).where(Payment.id == payment_id)).scalar_one()
    entries = entries_of(session, DocRef("payment", payment_id, number))
    match_in(session, actor, [line.id], entries)
    return payment_id


def book_line(db: Database, actor: Actor, line_id: int, account_id: int, memo: str = "") -> int:
    """Post what the bank did on its own (a fee: the expense Dr / the bank Cr; interest earned: the bank
    Dr / the income Cr) against `account_id`, and match the line with it; returns the entry's id."""
    with db.write() as session:
        require(session, actor, PAYMENT)
        (line,) = _lines(session, [line_id])
        if line.state != UNMATCHED:
            raise MatchRefused(_("This bank line is already matched or ignored: undo that first."))
        bank = bank_account(session, line.bank_account_id)
        if account_id == bank.account_id:
            raise ValidationError.single(
                "account", _("Choose the account on the other side, not the bank's own.")
            )
        amount = abs(line.amount)
        if line.amount > ZERO:
            drafts = [LineDraft(bank.account_id, debit=amount), LineDraft(account_id, credit=amount)]
        else:
            drafts = [LineDraft(account_id, debit=amount), LineDraft(bank.account_id, credit=amount)]
        text = (memo.strip() or line.memo or line.name or _("Bank line of {day}").format(day=line.day))[:200]
        entry_id = post_entry(session, actor, line.day, drafts, text, DocRef(BANK_LINE, line.id, line.id))
        match_in(session, actor, [line.id], [entry_id])
        return entry_id


def _views(session: Session, bank_account_id: int, line_ids: Sequence[int] | None = None) -> list[LineView]:
    query = select(BankLine.id, BankLine.day, BankLine.amount, BankLine.name, BankLine.memo).where(
        BankLine.bank_account_id == bank_account_id, BankLine.state == UNMATCHED
    )
    if line_ids is not None:
        query = query.where(BankLine.id.in_(list(line_ids)))
    return [LineView(row.id, row.day, row.amount, f"{row.name} {row.memo}") for row in session.execute(query)]


def suggestions(
    db: Database, actor: Actor, bank_account_id: int, line_id: int, days: int = DAYS
) -> list[Candidate]:
    """The ranked candidates of one unmatched line."""
    with db.read() as session:
        require(session, actor, FINANCE_VIEW)
        bank = bank_account(session, bank_account_id)
        views = _views(session, bank.id, [line_id])
        return candidates_for(session, bank.account_id, views, days).get(line_id, [])


def nearby(
    db: Database, actor: Actor, bank_account_id: int, line_ids: Sequence[int], days: int = 7
) -> list[Candidate]:
    """What the chosen lines may be matched to: the first line's ranked candidates (installments
    included), then every movement of the books not yet matched within `days` of the lines, the nearest
    to the lines' sum first — for one line against several movements, or several lines against one."""
    with db.read() as session:
        require(session, actor, FINANCE_VIEW)
        bank = bank_account(session, bank_account_id)
        views = _views(session, bank.id, line_ids)
        if not views:
            return []
        first = min(views, key=lambda view: view.id)
        ranked = candidates_for(session, bank.account_id, [first], DAYS).get(first.id, [])
        shown = {(candidate.kind, candidate.id) for candidate in ranked}
        total = sum((view.amount for view in views), ZERO)
        start = min(view.day for view in views) - timedelta(days=days)
        end = max(view.day for view in views) + timedelta(days=days)
        others = [
            (entry_id, day, amount)
            for entry_id, day, amount in open_movements(session, bank.account_id, start, end)
            if ("entry", entry_id) not in shown and (amount > ZERO) == (total > ZERO)
        ]
        labels = entry_labels(session, [entry_id for entry_id, _day, _amount in others])
        more = [
            Candidate(
                "entry",
                entry_id,
                day,
                amount,
                labels.get(entry_id, ("", ""))[0],
                False,
                abs((day - first.day).days),
            )
            for entry_id, day, amount in others
        ]
        more.sort(key=lambda candidate: (abs(candidate.amount - total), candidate.distance, candidate.id))
        return ranked + more[:200]


def auto_match(db: Database, actor: Actor, bank_account_id: int, days: int = DAYS, items: bool = True) -> int:
    """Match every unmatched line of the account whose best candidate is sure; returns how many lines."""
    with db.write() as session:
        require(session, actor, PAYMENT)
        bank = bank_account(session, bank_account_id)
        views = _views(session, bank.id)
        pairs = sure_pairs(candidates_for(session, bank.account_id, views, days, items))
        by_id = {view.id: view for view in views}
        entry_pairs = [(line_id, found) for line_id, found in pairs if found.kind == "entry"]
        now = utcnow()
        rows = [
            {"group_id": line_id, "line_id": line_id, "entry_id": found.id, "amount": found.amount, "at": now,
             "user_id": actor.user_id}
            for line_id, found in entry_pairs
        ]  # fmt: skip
        for batch in range(0, len(rows), 1000):
            session.execute(insert(MATCHES), rows[batch : batch + 1000])
        ids = [line_id for line_id, _found in entry_pairs]
        for batch in range(0, len(ids), 900):
            chunk = ids[batch : batch + 900]
            session.execute(
                update(LINES).where(LINES.c.id.in_(chunk)).values(state=MATCHED, matched=LINES.c.amount)
            )
        settled = 0
        locked = lock_date(session)
        for line_id, found in pairs:
            if found.kind != "item" or (locked is not None and by_id[line_id].day <= locked):
                continue  # a closed period's line stays a suggestion: its payment could not be posted
            item = session.get(OpenItem, found.id)
            assert item is not None
            partner = item.customer_id if item.direction == Direction.RECEIVABLE else item.supplier_id
            assert partner is not None
            settle_from_line_in(session, actor, line_id, partner, [(item.id, abs(by_id[line_id].amount))])
            settled += 1
        if ids or settled:
            audit.record(
                session, actor, "bank_line.auto_match", "bank_account", bank.id,
                new={"lines": len(ids) + settled},
            )  # fmt: skip
        return len(ids) + settled
