"""Demo data: the books of the stock history that earlier demo steps wrote in bulk.

The generated history (receipts, shipments, counts of past years) is written straight into the stock
tables for speed, without the ledger's listeners; this step posts, for each of those documents, the
entry the ledger would have posted (its flows at their unit costs, to cents), in bulk, and one last
entry for what the average cost's rounding left, so that the stock account equals the valuation from
here on, as every later service keeps it.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any, cast

from sqlalchemy import Table, insert, select, text
from sqlalchemy.orm import Session

from bodesk.domain.common.money import round_money
from bodesk.domain.common.numbering import next_numbers
from bodesk.domain.demo import DemoContext
from bodesk.domain.finance.chart import AccountRole, account_of
from bodesk.domain.finance.checks import balance_of, stock_valuation
from bodesk.domain.finance.journal import SERIES, LineDraft, post_entry
from bodesk.domain.finance.models import JournalEntry, JournalLine
from bodesk.domain.finance.stock_postings import counterpart
from bodesk.domain.stock.models import LocationKind
from bodesk.store.types import utcnow

ZERO = Decimal(0)
ENTRIES = cast(Table, JournalEntry.__table__)
LINES = cast(Table, JournalLine.__table__)
_CHUNK = 5000

FLOWS = text(
    "SELECT m.doc_kind, m.doc_id, m.doc_number, MIN(m.at), f.kind, t.kind, SUM(m.quantity * m.unit_cost) "
    "FROM stock_moves m JOIN locations f ON f.id = m.from_location_id JOIN locations t ON t.id = m.to_location_id "
    "WHERE (f.kind = 'internal') <> (t.kind = 'internal') "
    "GROUP BY m.doc_kind, m.doc_id, m.doc_number, f.kind, t.kind"
)


def _day(value: Any) -> date:
    instant = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    return instant.replace(tzinfo=instant.tzinfo or UTC).astimezone().date()


def unposted_documents(session: Session) -> dict[tuple[str, int, int], tuple[date, dict[int, Decimal]]]:
    """Per document with stock moves and no entry: its day and signed amounts per account (debit +)."""
    posted = set(session.execute(select(JournalEntry.doc_kind, JournalEntry.doc_id).distinct()).tuples())
    found: dict[tuple[str, int, int], tuple[date, dict[int, Decimal]]] = {}
    signed: dict[tuple[str, int, int], dict[int, Decimal]] = defaultdict(lambda: defaultdict(lambda: ZERO))
    days: dict[tuple[str, int, int], date] = {}
    stock = account_of(session, AccountRole.STOCK)
    for kind, doc_id, number, first, origin, target, scaled in session.execute(FLOWS):
        if (kind, doc_id) in posted:
            continue
        key = (kind, doc_id, number)
        value = Decimal(scaled).scaleb(-7)  # quantity (3 places) x unit cost (4 places)
        entering = target == LocationKind.INTERNAL
        outside = LocationKind(origin if entering else target)
        other = account_of(session, counterpart(kind, outside))
        signed[key][other] += -value if entering else value
        days[key] = min(days.get(key, _day(first)), _day(first))
    for key, amounts in signed.items():
        rounded = {account: round_money(value) for account, value in amounts.items()}
        rounded[stock] = -sum(rounded.values(), ZERO)
        found[key] = (days[key], {account: value for account, value in rounded.items() if value})
    return found


def demo_books(context: DemoContext) -> None:
    with context.db.write() as session:
        documents = {key: value for key, value in unposted_documents(session).items() if value[1]}
        numbers = iter(next_numbers(session, SERIES, len(documents)))
        now = utcnow()
        entries: list[dict[str, Any]] = []
        for (kind, doc_id, doc_number), (day, amounts) in sorted(
            documents.items(), key=lambda item: item[1][0]
        ):
            total = sum((value for value in amounts.values() if value > ZERO), ZERO)
            entries.append(
                {
                    "number": next(numbers), "day": day, "memo": "", "doc_kind": kind, "doc_id": doc_id,
                    "doc_number": doc_number, "reverses_id": None, "manual": False, "total": total, "at": now,
                    "user_id": None, "_amounts": amounts,
                }
            )  # fmt: skip
        for start in range(0, len(entries), _CHUNK):
            chunk = entries[start : start + _CHUNK]
            session.execute(
                insert(ENTRIES), [{k: v for k, v in row.items() if k != "_amounts"} for row in chunk]
            )
            ids = dict(
                session.execute(  # all() first: a result has keys(), which dict() would take for a mapping
                    select(JournalEntry.number, JournalEntry.id).where(
                        JournalEntry.number.between(chunk[0]["number"], chunk[-1]["number"])
                    )
                ).all()
            )
            lines = [
                {
                    "entry_id": ids[int(row["number"])], "account_id": account, "day": row["day"],
                    "debit": value if value > ZERO else ZERO, "credit": -value if value < ZERO else ZERO,
                    "customer_id": None, "supplier_id": None, "memo": "",
                }
                for row in chunk
                for account, value in cast(dict[int, Decimal], row["_amounts"]).items()
            ]  # fmt: skip
            session.execute(insert(LINES), lines)
            context.progress("finance", min(1.0, (start + _CHUNK) / max(1, len(entries))))
        gap = stock_valuation(session) - balance_of(session, AccountRole.STOCK)
        if gap:
            stock, rounding = (
                account_of(session, AccountRole.STOCK),
                account_of(session, AccountRole.PRICE_DIFFERENCES),
            )
            lines_ = [LineDraft(stock, debit=gap), LineDraft(rounding, credit=gap)]
            if gap < ZERO:
                lines_ = [LineDraft(stock, credit=-gap), LineDraft(rounding, debit=-gap)]
            post_entry(
                session, context.owner, now.astimezone().date(), lines_, "Arredondamento do custo médio"
            )
