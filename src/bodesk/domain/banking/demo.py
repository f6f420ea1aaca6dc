"""Demo data: the bank and cash accounts and the bank's statements of the history.

The chart's bank account becomes "Banco do Brasil" (bank 001) and its cash account the office's cash
box; a truck gets a cash box of its own. Every movement of the bank account gets its bank line, a day
or two later as banks do, one statement import a month: the older ones matched (a few left for
"Match all sure ones"), the last days' not yet; the last two months' bank fees and a few PIX nobody
recognises stay unmatched, so the Reconcile screen and the accuracy figure have something to show.
Bulk written, with the rows the services write, so `bodesk check` holds.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import select, text, update

from bodesk.domain.banking.accounts import BankAccountData, add_bank_account_in
from bodesk.domain.banking.models import BankAccount, BankLine
from bodesk.domain.common.money import MONEY_PLACES
from bodesk.domain.demo import DemoContext
from bodesk.domain.finance.chart import AccountRole, account_of
from bodesk.store.bulk import bulk_insert, scaled, stored_instant
from bodesk.store.types import utcnow

ZERO = Decimal(0)
RECENT_DAYS = 10
FEE = Decimal("89.90")
UNKNOWN_PIX = (Decimal("350.00"), Decimal("1280.50"), Decimal("96.00"))


def _day(value: Any) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])


def demo_banking(context: DemoContext) -> None:
    rng = context.rng
    today = utcnow().astimezone().date()
    now = stored_instant(utcnow())
    with context.db.write() as session:
        bank_ledger = account_of(session, AccountRole.BANK)
        cash_ledger = account_of(session, AccountRole.CASH)
        session.execute(
            update(BankAccount)
            .where(BankAccount.account_id == bank_ledger)
            .values(name="Banco do Brasil", bank_code="001", branch="1234-5", number="12345-6")
        )
        session.execute(
            update(BankAccount)
            .where(BankAccount.account_id == cash_ledger)
            .values(name="Caixa do escritório")
        )
        add_bank_account_in(
            session, context.owner, BankAccountData("cash", "Caixa caminhão", note="ABC-1D23")
        )
        bank = session.execute(
            select(BankAccount.id).where(BankAccount.account_id == bank_ledger)
        ).scalar_one()
        rows = session.execute(
            text(
                "SELECT e.id, e.day, e.doc_kind, e.memo, COALESCE(c.name, s.name, ''), "
                "SUM(l.debit) - SUM(l.credit) FROM journal_lines l JOIN journal_entries e ON e.id = l.entry_id "
                "LEFT JOIN payments p ON e.doc_kind = 'payment' AND p.id = e.doc_id "
                "LEFT JOIN customers c ON c.id = p.customer_id LEFT JOIN suppliers s ON s.id = p.supplier_id "
                "WHERE l.account_id = :account GROUP BY e.id, e.day, e.doc_kind, e.memo, c.name, s.name "
                "ORDER BY e.day, e.id"
            ),
            {"account": bank_ledger},
        ).all()
        context.progress("banking", 0.3)
        lines: list[dict[str, Any]] = []
        matched: list[tuple[str, int, int]] = []  # (fitid, entry, cents)
        for entry_id, day_value, kind, memo, partner, cents in rows:
            day = _day(day_value)
            if kind is None or not cents:
                continue  # the owner's capital came before the statements
            recent = (today - day).days <= RECENT_DAYS
            if recent and rng.random() < 0.4:
                continue  # the bank has not shown it yet
            shown = min(today, day + timedelta(days=rng.choice((0, 0, 1, 1, 2))))
            money_in = cents > 0
            label = ("PIX RECEBIDO " if money_in else "PAGTO ") + (partner or memo or "")
            fitid = f"BB{entry_id:09d}"
            lines.append(_line(bank, fitid, shown, int(cents), label[:100], memo or "", "unmatched"))
            # reconciled as the weeks go by: most of the older lines, half of the last days' (not today's)
            if rng.random() < (0.5 if recent else 0.95) and shown < today:
                matched.append((fitid, entry_id, int(cents)))
        month = today.replace(day=1)
        for back in (1, 0):
            first = (month - timedelta(days=1)).replace(day=1) if back else month
            fee_day = min(today, first + timedelta(days=4))
            lines.append(
                _line(bank, f"TAR{fee_day:%Y%m}", fee_day, -scaled(FEE, MONEY_PLACES), "TARIFA PACOTE SERVICOS", "", "unmatched")
            )  # fmt: skip
        for n, amount in enumerate(UNKNOWN_PIX):
            day = today - timedelta(days=2 + 3 * n)
            lines.append(
                _line(bank, f"PIXDESC{n}{day:%Y%m%d}", day, scaled(amount, MONEY_PLACES), "PIX RECEBIDO", "CPF ***.456.789-**", "unmatched")
            )  # fmt: skip
        _write(session, bank, lines, matched, now)
    context.progress("banking", 1.0)


def _line(bank: int, fitid: str, day: date, cents: int, name: str, memo: str, state: str) -> dict[str, Any]:
    return {
        "bank_account_id": bank, "import_id": None, "fitid": fitid, "day": day, "amount": cents, "name": name,
        "memo": memo[:200], "check_number": "", "state": state, "matched": 0,
    }  # fmt: skip


def _write(
    session: Any, bank: int, lines: list[dict[str, Any]], matched: list[tuple[str, int, int]], now: str
) -> None:
    by_month: dict[tuple[int, int], list[dict[str, Any]]] = defaultdict(list)
    for line in lines:
        by_month[(line["day"].year, line["day"].month)].append(line)
    for (year, month), found in sorted(by_month.items()):
        days = [line["day"] for line in found]
        import_id = session.execute(
            text(
                "INSERT INTO statement_imports (bank_account_id, file_name, start, \"end\", read, written, known, "
                "errors, at, user_id) VALUES (:bank, :file, :start, :end, :n, :n, 0, 0, :at, NULL) RETURNING id"
            ),
            {"bank": bank, "file": f"extrato-bb-{year}-{month:02d}.ofx", "start": min(days), "end": max(days),
             "n": len(found), "at": now},
        ).scalar_one()  # fmt: skip
        for line in found:
            line["import_id"] = import_id
    bulk_insert(session, "bank_lines", lines)
    ids: dict[str, int] = {
        fitid: line_id
        for fitid, line_id in session.execute(
            select(BankLine.fitid, BankLine.id).where(BankLine.bank_account_id == bank)
        )
    }
    matches = [
        {"group_id": ids[fitid], "line_id": ids[fitid], "entry_id": entry, "amount": cents, "at": now, "user_id": None}
        for fitid, entry, cents in matched
    ]  # fmt: skip
    bulk_insert(session, "bank_matches", matches)
    done = [ids[fitid] for fitid, _entry, _cents in matched]
    for start in range(0, len(done), 900):
        session.execute(
            text(f"UPDATE bank_lines SET state = 'matched', matched = amount WHERE id IN ({','.join(map(str, done[start:start + 900]))})")
        )  # fmt: skip
