"""What a bank line may be matched to, ranked: the book's movements of the bank account's ledger account
not yet reconciled (a payment's, a transfer's, a fee's entry) of the same amount within N days, and the
open installments of the same amount (a customer's for money in, a supplier's for money out) whose
document number or partner name the bank's text shows.

Everything is found for a batch of lines at once: the movements of the period and the open items are
read in two queries and joined to the lines by amount in a dictionary, never line by line.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import and_, func, literal_column, select, type_coerce
from sqlalchemy.orm import Session

from bodesk.domain.banking.models import BankMatch
from bodesk.domain.common.models import Money
from bodesk.domain.finance.document_models import OpenItem, Payment
from bodesk.domain.finance.models import JournalEntry, JournalLine
from bodesk.domain.finance.states import Direction
from bodesk.domain.purchasing.models import Supplier
from bodesk.domain.sales.models import Customer
from bodesk.i18n import N_, _

ZERO = Decimal(0)
DAYS = 3  # how far apart the bank's day and the book's may be
_WORD = re.compile(r"[a-z0-9]+")


@dataclass(frozen=True)
class LineView:
    id: int
    day: date
    amount: Decimal
    text: str  # name and memo


@dataclass(frozen=True)
class Candidate:
    kind: str  # "entry": a movement of the books; "item": an open installment to settle
    id: int  # the journal entry's or the open item's
    day: date  # the movement's day, or the installment's due day
    amount: Decimal  # signed as the bank line
    label: str  # what it is: "Payment 12 — Bar do Zé"
    text_match: bool
    distance: int  # days between the line and the movement (due day for an item)

    @property
    def rank(self) -> tuple[int, int, int]:
        return (0 if self.kind == "entry" else 1, 0 if self.text_match else 1, self.distance)


def words(text: str) -> str:
    """Lower case, accents off, one space between words: "Bar do Zé LTDA." → "bar do ze ltda"."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return " ".join(_WORD.findall(plain))


def _shows(text: str, number: int, name: str) -> bool:
    tokens = set(text.split())
    if str(number) in tokens:
        return True
    wanted = words(name)
    return bool(wanted) and len(wanted) >= 4 and f" {wanted} " in f" {text} "


def open_movements(
    session: Session, account_id: int, first: date, last: date, amounts: set[Decimal] | None = None
) -> list[tuple[int, date, Decimal]]:
    """(entry id, day, amount not yet matched) of the ledger account's movements between two days
    (of those amounts only, when given: the database filters them, so a long period stays cheap)."""
    matched = (
        select(BankMatch.entry_id, func.sum(BankMatch.amount).label("done"))
        .group_by(BankMatch.entry_id)
        .subquery()
    )
    moved = (
        select(
            JournalLine.entry_id.label("entry_id"),
            func.min(JournalLine.day).label("day"),
            func.sum(JournalLine.debit - JournalLine.credit).label("amount"),
        )
        .where(JournalLine.account_id == account_id, JournalLine.day >= first, JournalLine.day <= last)
        .group_by(JournalLine.entry_id)
        .subquery()
    )
    done = func.coalesce(matched.c.done, literal_column("0"))
    query = (
        select(
            moved.c.entry_id, moved.c.day, type_coerce(moved.c.amount, Money()), type_coerce(done, Money())
        )
        .select_from(moved.outerjoin(matched, matched.c.entry_id == moved.c.entry_id))
        .where(moved.c.amount != done)
    )
    if amounts is None:
        rows = session.execute(query).all()
    else:
        # a movement partly matched is wanted for what is left of it, whatever its whole amount
        wanted = sorted(amounts)
        rows = []
        for start in range(0, len(wanted), 5000):
            chunk = wanted[start : start + 5000]
            rows += session.execute(
                query.where((type_coerce(moved.c.amount, Money()).in_(chunk)) | (matched.c.done.is_not(None)))
            ).all()
        rows = list({row[0]: row for row in rows}.values())
    return [(entry_id, day, amount - done_) for entry_id, day, amount, done_ in rows]


def entry_labels(session: Session, ids: Sequence[int]) -> dict[int, tuple[str, str]]:
    """Each entry's label and the words of its partner's name."""
    if not ids:
        return {}
    partner = func.coalesce(Customer.name, Supplier.name, "")
    rows = session.execute(
        select(
            JournalEntry.id,
            JournalEntry.doc_kind,
            JournalEntry.doc_number,
            JournalEntry.memo,
            partner,
            JournalEntry.number,
        )
        .outerjoin(Payment, and_(JournalEntry.doc_kind == "payment", Payment.id == JournalEntry.doc_id))
        .outerjoin(Customer, Customer.id == Payment.customer_id)
        .outerjoin(Supplier, Supplier.id == Payment.supplier_id)
        .where(JournalEntry.id.in_(list(ids)))
    ).all()
    return {
        entry_id: (
            " — ".join(part for part in (_document(kind, number or own), memo, name) if part),
            name or "",
        )
        for entry_id, kind, number, memo, name, own in rows
    }


def _document(kind: str | None, number: int) -> str:
    """What posted an entry, as the person knows it: "Payment 12", "Transfer 3"."""
    names = {"payment": N_("Payment {n}"), "bank_transfer": N_("Transfer {n}"), "bank_line": N_("Bank entry")}
    if kind in names:
        return _(names[kind]).format(n=number)
    return _("Journal entry {n}").format(n=number)


def _open_items(session: Session, amounts: set[Decimal]) -> dict[tuple[str, Decimal], list[tuple]]:
    """Open installments by (direction, what is left), with their document, due day and partner."""
    left = OpenItem.amount - OpenItem.paid - OpenItem.written_off
    rows = session.execute(
        select(
            OpenItem.id,
            OpenItem.direction,
            OpenItem.doc_kind,
            OpenItem.doc_number,
            OpenItem.installment,
            OpenItem.installments,
            OpenItem.due_on,
            type_coerce(left, Money()),
            func.coalesce(Customer.name, Supplier.name, ""),
        )
        .outerjoin(Customer, Customer.id == OpenItem.customer_id)
        .outerjoin(Supplier, Supplier.id == OpenItem.supplier_id)
        .where(OpenItem.settled.is_(False), OpenItem.amount > 0)
    ).all()
    found: dict[tuple[str, Decimal], list[tuple]] = defaultdict(list)
    for row in rows:
        if row[7] in amounts:
            found[(row[1], row[7])].append(row)
    return found


def candidates_for(
    session: Session, account_id: int, lines: Sequence[LineView], days: int = DAYS, items: bool = True
) -> dict[int, list[Candidate]]:
    """Every line's candidates, best first (a movement before an item, a text match before none, the
    nearest day first)."""
    if not lines:
        return {}
    first = min(line.day for line in lines) - timedelta(days=days)
    last = max(line.day for line in lines) + timedelta(days=days)
    by_amount: dict[Decimal, list[tuple[int, date, Decimal]]] = defaultdict(list)
    for movement in open_movements(session, account_id, first, last, {line.amount for line in lines}):
        by_amount[movement[2]].append(movement)
    found: dict[int, list[tuple[int, date, Decimal, int]]] = {}
    wanted: set[int] = set()
    for line in lines:
        near = [
            (entry_id, day, amount, abs((day - line.day).days))
            for entry_id, day, amount in by_amount.get(line.amount, ())
            if abs((day - line.day).days) <= days
        ]
        found[line.id] = near
        wanted.update(entry_id for entry_id, *_rest in near)
    labels = entry_labels(session, sorted(wanted))
    open_items = _open_items(session, {abs(line.amount) for line in lines}) if items else {}
    result: dict[int, list[Candidate]] = {}
    for line in lines:
        text = words(line.text)
        ranked = [
            Candidate(
                "entry",
                entry_id,
                day,
                amount,
                labels.get(entry_id, ("", ""))[0],
                _shows(text, -1, labels.get(entry_id, ("", ""))[1]),
                distance,
            )
            for entry_id, day, amount, distance in found[line.id]
        ]
        direction = Direction.RECEIVABLE if line.amount > 0 else Direction.PAYABLE
        for row in open_items.get((direction.value, abs(line.amount)), ()):
            item_id, _d, kind, number, k, n, due, _left, name = row
            if _shows(text, number, name):
                label = f"{kind} {number}" + (f" ({k}/{n})" if n > 1 else "") + f" — {name}"
                ranked.append(
                    Candidate("item", item_id, due, line.amount, label, True, abs((due - line.day).days))
                )
        ranked.sort(key=lambda candidate: (candidate.rank, candidate.id))
        result[line.id] = ranked
    return result


def sure_pairs(ranked: dict[int, list[Candidate]]) -> list[tuple[int, Candidate]]:
    """The (line, candidate) pairs to match without asking: the line's best candidate is strictly better
    than its second (for an installment: the only one whose text shows), and it is no other line's best
    (nor tied best)."""
    best: dict[int, Candidate] = {}
    claimed: dict[tuple[str, int], int] = defaultdict(int)
    for line_id, candidates in ranked.items():
        if not candidates:
            continue
        top = candidates[0]
        for candidate in candidates:
            if candidate.rank == top.rank:
                claimed[(candidate.kind, candidate.id)] += 1
        second = candidates[1] if len(candidates) > 1 else None
        if second is not None and (second.rank == top.rank or (top.kind == "item" and second.kind == "item")):
            continue
        best[line_id] = top
    return [(line_id, top) for line_id, top in best.items() if claimed[(top.kind, top.id)] == 1]
