"""Demo data: the finance of the generated history — invoices of the orders shipped before the last
days, customers paying them (on time, late with interest, early with a discount, a few not yet), bills
of the receipts, paid to the suppliers, the owner's capital in the bank, and the books closed up to the
end of the month before last. Bulk written, with the same rows, entries and open items the services
write, so that every check of `bodesk check` holds; recent orders are left to invoice, recent
installments open, some overdue.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import select, text, update
from sqlalchemy.orm import Session

from bodesk.domain.common.money import MONEY_PLACES, round_money
from bodesk.domain.common.numbering import next_numbers
from bodesk.domain.demo import DemoContext
from bodesk.domain.finance.chart import AccountRole, role_accounts
from bodesk.domain.finance.items import installment_plan
from bodesk.domain.finance.journal import SERIES as JOURNAL
from bodesk.domain.finance.models import FinanceSettings, JournalEntry
from bodesk.domain.sales.references import installment_days
from bodesk.store.bulk import bulk_insert, scaled, stored_instant
from bodesk.store.types import utcnow

ZERO = Decimal(0)
INVOICE_AFTER_DAYS = 3  # orders shipped in the last days are left for the person to invoice
BILL_AFTER_DAYS = 5


def _cents(value: Any) -> Decimal:
    return Decimal(value).scaleb(-MONEY_PLACES)


def _day(value: Any) -> date:
    instant = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    return instant.replace(tzinfo=instant.tzinfo or UTC).astimezone().date()


class _Books:
    """Entries and their lines gathered in memory, numbered and written at the end in bulk."""

    def __init__(self, session: Session, now: datetime) -> None:
        self.session, self.now = session, stored_instant(now)
        self.roles = role_accounts(session)
        self.entries: list[tuple[dict[str, Any], list[tuple[int, Decimal, int | None, int | None]]]] = []

    def add(
        self,
        day: date,
        kind: str,
        doc_id: int,
        number: int,
        lines: Sequence[tuple[str, Decimal, int | None, int | None]],
    ) -> None:
        """`lines`: (role, signed amount: debit positive, customer id, supplier id)."""
        kept = [
            (self.roles[role], amount, customer, supplier)
            for role, amount, customer, supplier in lines
            if amount
        ]
        total = sum((amount for _a, amount, _c, _s in kept if amount > ZERO), ZERO)
        head = {
            "day": day,
            "memo": "",
            "doc_kind": kind,
            "doc_id": doc_id,
            "doc_number": number,
            "total": total,
        }
        self.entries.append((head, kept))

    def write(self, progress: Any) -> None:
        self.entries.sort(key=lambda entry: entry[0]["day"])
        numbers = next_numbers(self.session, JOURNAL, len(self.entries))
        chunk = 20_000
        for start in range(0, len(self.entries), chunk):
            part = self.entries[start : start + chunk]
            bulk_insert(self.session, JournalEntry.__tablename__, [
                {**head, "total": scaled(head["total"], MONEY_PLACES), "number": numbers[start + n],
                 "reverses_id": None, "manual": False, "at": self.now, "user_id": None}
                for n, (head, _lines) in enumerate(part)
            ])  # fmt: skip
            ids: dict[int, int] = dict(
                self.session.execute(
                    select(JournalEntry.number, JournalEntry.id).where(
                        JournalEntry.number.between(numbers[start], numbers[start + len(part) - 1])
                    )
                ).all()
            )
            bulk_insert(self.session, "journal_lines", [
                {"entry_id": ids[numbers[start + n]], "account_id": account, "day": head["day"],
                 "debit": scaled(amount, MONEY_PLACES) if amount > ZERO else 0,
                 "credit": scaled(-amount, MONEY_PLACES) if amount < ZERO else 0,
                 "customer_id": customer, "supplier_id": supplier, "memo": ""}
                for n, (head, lines) in enumerate(part)
                for account, amount, customer, supplier in lines
            ])  # fmt: skip
            progress(min(1.0, (start + chunk) / max(1, len(self.entries))))


ORDERS_TO_INVOICE = text(
    "SELECT o.id, o.number, o.customer_id, o.payment_term_id, o.shipped_at, o.created_at, "
    "SUM(l.total), SUM(ROUND(l.packages * l.list_price / 1000.0)) "  # packages (3 places) x list price
    "FROM sales_orders o JOIN sales_order_lines l ON l.order_id = o.id "
    "WHERE o.status IN ('shipped', 'delivered') AND o.shipped_at < :cutoff "
    "GROUP BY o.id, o.number, o.customer_id, o.payment_term_id, o.shipped_at, o.created_at "
    "HAVING SUM(CASE WHEN l.shipped <> l.quantity THEN 1 ELSE 0 END) = 0 ORDER BY o.shipped_at"
)


def _invoices(context: DemoContext, session: Session, books: _Books, today: date) -> list[dict[str, Any]]:
    """Invoice the history's shipped orders; returns their open items (as rows, before payment)."""
    terms = {
        tid: installment_days(days)
        for tid, days in session.execute(text("SELECT id, days FROM payment_terms"))
    }
    cutoff = stored_instant(
        datetime.combine(today - timedelta(days=INVOICE_AFTER_DAYS), datetime.min.time(), UTC)
    )
    orders = session.execute(ORDERS_TO_INVOICE, {"cutoff": cutoff}).all()
    if not orders:
        return []
    numbers = next_numbers(session, "invoice", len(orders))
    user = session.execute(text("SELECT MIN(id) FROM users")).scalar_one()
    rows, plans = [], []
    for number, (order_id, _number, customer, term, shipped_at, _created, stored_total, stored_goods) in zip(
        numbers, orders, strict=True
    ):
        day = _day(shipped_at)
        total = _cents(stored_total)
        goods = max(_cents(stored_goods), total)
        rows.append({
            "kind": "invoice", "number": number, "series": "1", "status": "posted", "customer_id": customer,
            "issued_on": day, "payment_term_id": term, "credits_id": None, "return_id": None,
            "goods": scaled(goods, MONEY_PLACES), "discount": scaled(goods - total, MONEY_PLACES),
            "total": scaled(total, MONEY_PLACES), "notes": "", "nfe_number": str(number), "nfe_series": "1",
            "nfe_key": "", "created_at": stored_instant(datetime.combine(day, datetime.min.time(), UTC)),
            "created_by": user, "posted_at": stored_instant(datetime.combine(day, datetime.min.time(), UTC) + timedelta(hours=18)),
            "credited": 0,
        })  # fmt: skip
        plans.append(
            (order_id, customer, day, total, goods, installment_plan(total, day, terms.get(term, [28])))
        )
    bulk_insert(session, "invoices", rows)
    ids: dict[int, int] = dict(
        session.execute(
            text("SELECT number, id FROM invoices WHERE kind = 'invoice' AND number >= :n"), {"n": numbers[0]}
        ).all()
    )
    session.execute(
        text("CREATE TEMPORARY TABLE demo_invoiced (order_id INTEGER PRIMARY KEY, invoice_id INTEGER)")
    )
    bulk_insert(
        session,
        "demo_invoiced",
        [{"order_id": plan[0], "invoice_id": ids[n]} for n, plan in zip(numbers, plans, strict=True)],
    )
    session.execute(text(
        "INSERT INTO invoice_lines (invoice_id, position, order_id, order_line_id, return_line_id, product_id, unit, "
        "units_per_package, quantity, list_price, discount, price, total) "
        "SELECT d.invoice_id, l.position, l.order_id, l.id, NULL, l.product_id, "
        "SUBSTR(COALESCE(k.name, p.base_unit, ''), 1, 20), l.units_per_package, l.packages, "
        "l.list_price, l.discount, l.price, l.total FROM sales_order_lines l JOIN demo_invoiced d ON d.order_id = l.order_id "
        "JOIN products p ON p.id = l.product_id LEFT JOIN packagings k ON k.id = l.packaging_id"
    ))  # fmt: skip
    moments = {
        plan[0]: datetime.combine(plan[2], datetime.min.time(), UTC) + timedelta(hours=18) for plan in plans
    }
    session.execute(
        text("UPDATE sales_orders SET status = 'invoiced', invoiced_at = :at WHERE id = :id"),
        [{"id": oid, "at": stored_instant(at)} for oid, at in moments.items()],
    )
    bulk_insert(session, "sales_order_events", [
        {"order_id": oid, "status": "invoiced", "at": stored_instant(at), "user_id": user} for oid, at in moments.items()
    ])  # fmt: skip
    session.execute(text("DROP TABLE demo_invoiced"))
    items = []
    for number, (_oid, customer, day, total, goods, plan) in zip(numbers, plans, strict=True):
        books.add(day, "invoice", ids[number], number, [
            (AccountRole.RECEIVABLES, total, customer, None), (AccountRole.DISCOUNTS_GIVEN, goods - total, None, None),
            (AccountRole.SALES, -goods, None, None),
        ])  # fmt: skip
        for k, installment in enumerate(plan, start=1):
            items.append({
                "direction": "receivable", "customer_id": customer, "supplier_id": None, "doc_kind": "invoice",
                "doc_id": ids[number], "doc_number": number, "installment": k, "installments": len(plan),
                "issued_on": day, "due_on": installment.due_on, "amount": installment.amount, "boleto": "",
            })  # fmt: skip
    context.progress("finance", 0.3)
    return items


def _bills(session: Session, books: _Books, today: date, rng: random.Random) -> list[dict[str, Any]]:
    """One bill per receipt of the history (the purchasing demo marks old receipts billed: this writes
    their bills), a few with a price difference approved; their open items."""
    grni = books.roles[AccountRole.GRNI]
    cutoff = stored_instant(
        datetime.combine(today - timedelta(days=BILL_AFTER_DAYS), datetime.min.time(), UTC)
    )
    receipts = session.execute(text(
        "SELECT r.id, r.supplier_id, r.received_at, r.supplier_invoice, s.payment_terms_days, SUM(l.credit) "
        "FROM receipts r JOIN suppliers s ON s.id = r.supplier_id "
        "JOIN journal_entries e ON e.doc_kind = 'receipt' AND e.doc_id = r.id "
        "JOIN journal_lines l ON l.entry_id = e.id AND l.account_id = :grni "
        "WHERE r.received_at < :cutoff AND NOT EXISTS (SELECT 1 FROM bill_lines b WHERE b.receipt_id = r.id) "
        "GROUP BY r.id, r.supplier_id, r.received_at, r.supplier_invoice, s.payment_terms_days ORDER BY r.received_at"
    ), {"grni": grni, "cutoff": cutoff}).all()  # fmt: skip
    if not receipts:
        return []
    numbers = next_numbers(session, "bill", len(receipts))
    user = session.execute(text("SELECT MIN(id) FROM users")).scalar_one()
    rows, made = [], []
    for number, (receipt_id, supplier, received_at, reference, term_days, credit) in zip(
        numbers, receipts, strict=True
    ):
        day = _day(received_at)
        value = _cents(credit)
        total = round_money(value * Decimal("1.015")) if rng.random() < 0.06 else value
        at = stored_instant(datetime.combine(day, datetime.min.time(), UTC) + timedelta(hours=15))
        rows.append({
            "number": number, "status": "posted", "supplier_id": supplier, "reference": reference or f"NF {number}",
            "nfe_key": "", "issued_on": day, "received_value": scaled(value, MONEY_PLACES),
            "total": scaled(total, MONEY_PLACES), "difference": scaled(total - value, MONEY_PLACES),
            "differences": "Preço 1,5% acima do pedido" if total != value else "",
            "approved_by": user if total != value else None, "approval_note": "Reajuste do fornecedor" if total != value else "",
            "notes": "", "created_at": at, "created_by": user, "posted_at": at,
        })  # fmt: skip
        made.append((receipt_id, supplier, day, value, total, term_days))
    bulk_insert(session, "bills", rows)
    ids: dict[int, int] = dict(
        session.execute(text("SELECT number, id FROM bills WHERE number >= :n"), {"n": numbers[0]}).all()
    )
    session.execute(
        text("CREATE TEMPORARY TABLE demo_billed (receipt_id INTEGER PRIMARY KEY, bill_id INTEGER)")
    )
    bulk_insert(
        session,
        "demo_billed",
        [{"receipt_id": m[0], "bill_id": ids[n]} for n, m in zip(numbers, made, strict=True)],
    )
    session.execute(text(
        "INSERT INTO bill_lines (bill_id, receipt_id, receipt_line_id, product_id, quantity, billed_quantity, "
        "received_cost, billed_cost, total) SELECT d.bill_id, l.receipt_id, l.id, l.product_id, l.quantity, l.quantity, "
        "l.unit_cost, l.unit_cost, ROUND(l.quantity * l.unit_cost / 100000.0) "
        "FROM receipt_lines l JOIN demo_billed d ON d.receipt_id = l.receipt_id"
    ))  # fmt: skip
    session.execute(
        text("UPDATE receipts SET billed = :yes WHERE id IN (SELECT receipt_id FROM demo_billed)"),
        {"yes": True},
    )
    session.execute(text("DROP TABLE demo_billed"))
    items = []
    for number, (_receipt, supplier, day, value, total, term_days) in zip(numbers, made, strict=True):
        books.add(day, "bill", ids[number], number, [
            (AccountRole.GRNI, value, None, None), (AccountRole.PRICE_DIFFERENCES, total - value, None, None),
            (AccountRole.PAYABLES, -total, None, supplier),
        ])  # fmt: skip
        items.append({
            "direction": "payable", "customer_id": None, "supplier_id": supplier, "doc_kind": "bill",
            "doc_id": ids[number], "doc_number": number, "installment": 1, "installments": 1, "issued_on": day,
            "due_on": day + timedelta(days=term_days or 28), "amount": total, "boleto": "",
        })  # fmt: skip
    return items


METHODS = (("pix", AccountRole.BANK, 40), ("boleto", AccountRole.BANK, 35), ("transfer", AccountRole.BANK, 10),
           ("cash", AccountRole.CASH, 10), ("cheque", AccountRole.CASH, 5))  # fmt: skip


def _settle(
    context: DemoContext, session: Session, books: _Books, items: list[dict[str, Any]], today: date
) -> None:
    """Write the open items, and the payments of those due long enough ago (most of them)."""
    rng = context.rng
    paid: list[tuple[int, dict[str, Any], date, Decimal, Decimal, str, AccountRole]] = []
    for n, item in enumerate(items):
        item["paid"], item["settled"] = ZERO, False
        late = (today - item["due_on"]).days
        roll = rng.random()
        if late < -2 or (late < 20 and roll < 0.25) or roll < 0.03:
            continue  # not due yet, just due, or overdue and unpaid
        day = min(today, item["due_on"] + timedelta(days=rng.choice((-2, 0, 0, 0, 1, 3, 9))))
        interest = (
            round_money(item["amount"] * Decimal("0.02"))
            if day > item["due_on"] + timedelta(days=5)
            else ZERO
        )
        discount = (
            round_money(item["amount"] * Decimal("0.01")) if day < item["due_on"] and roll > 0.9 else ZERO
        )
        method, account = rng.choices([(m, a) for m, a, _w in METHODS], weights=[w for *_x, w in METHODS])[0]
        paid.append((n, item, day, interest, discount, method, account))
        item["paid"], item["settled"] = item["amount"], True
    bulk_insert(session, "open_items", [
        {**item, "amount": scaled(item["amount"], MONEY_PLACES), "paid": scaled(item["paid"], MONEY_PLACES),
         "written_off": 0} for item in items
    ])  # fmt: skip
    if not paid:
        return
    last = int(session.execute(text("SELECT MAX(id) FROM open_items")).scalar_one())
    first_id = last - len(items) + 1  # one bulk insert by one writer: consecutive ids
    numbers = next_numbers(session, "payment", len(paid))
    now = books.now
    user = session.execute(text("SELECT MIN(id) FROM users")).scalar_one()
    rows = []
    for number, (_n, item, day, interest, discount, method, account) in zip(numbers, paid, strict=True):
        receivable = item["direction"] == "receivable"
        amount = item["amount"] + interest - discount
        rows.append({
            "number": number, "direction": item["direction"], "customer_id": item["customer_id"],
            "supplier_id": item["supplier_id"], "day": day, "method": method if receivable else "boleto",
            "account_id": books.roles[account if receivable else AccountRole.BANK],
            "amount": scaled(amount, MONEY_PLACES), "discount": scaled(discount, MONEY_PLACES),
            "interest": scaled(interest, MONEY_PLACES), "fees": 0, "credit": 0, "cheque_bank": "Banco do Brasil" if method == "cheque" else "",
            "cheque_number": str(100000 + number) if method == "cheque" else "", "cheque_date": day if method == "cheque" else None,
            "memo": "", "reversed": False, "at": now, "user_id": user,
        })  # fmt: skip
    bulk_insert(session, "payments", rows)
    ids: dict[int, int] = dict(
        session.execute(text("SELECT number, id FROM payments WHERE number >= :n"), {"n": numbers[0]}).all()
    )
    bulk_insert(session, "allocations", [
        {"payment_id": ids[number], "item_id": first_id + n, "amount": scaled(item["amount"], MONEY_PLACES)}
        for number, (n, item, *_rest) in zip(numbers, paid, strict=True)
    ])  # fmt: skip
    for number, (_n, item, day, interest, discount, _method, account) in zip(numbers, paid, strict=True):
        amount = item["amount"] + interest - discount
        if item["direction"] == "receivable":
            lines = [(account, amount, None, None), (AccountRole.DISCOUNTS_GIVEN, discount, None, None),
                     (AccountRole.RECEIVABLES, -item["amount"], item["customer_id"], None),
                     (AccountRole.INTEREST_EARNED, -interest, None, None)]  # fmt: skip
        else:
            lines = [(AccountRole.PAYABLES, item["amount"], None, item["supplier_id"]),
                     (AccountRole.INTEREST_PAID, interest, None, None), (AccountRole.DISCOUNTS_TAKEN, -discount, None, None),
                     (AccountRole.BANK, -amount, None, None)]  # fmt: skip
        books.add(day, "payment", ids[number], number, lines)


def demo_finance_history(context: DemoContext) -> None:
    today = utcnow().astimezone().date()
    with context.db.write() as session:
        books = _Books(session, utcnow())
        first = session.execute(text("SELECT MIN(day) FROM journal_entries")).scalar()
        start = first if isinstance(first, date) else (date.fromisoformat(str(first)) if first else today)
        capital = Decimal(
            context.pick(800_000, 6_000_000, 60_000_000)
        )  # the bank never runs dry in the history
        lines = [(AccountRole.BANK, capital, None, None), (AccountRole.OPENING, -capital, None, None)]
        books.add(start, "journal", 0, 0, lines)
        books.entries[-1][0].update(doc_kind=None, doc_id=None, doc_number=None, memo="Capital integralizado")
        items = _invoices(context, session, books, today) + _bills(session, books, today, context.rng)
        _settle(context, session, books, items, today)
        books.write(lambda fraction: context.progress("finance", 0.5 + fraction / 2))
        month_start = today.replace(day=1)
        lock = (month_start - timedelta(days=1)).replace(day=1) - timedelta(days=1)
        session.execute(
            update(FinanceSettings).values(
                lock_date=lock, state_registration="110.042.490.114", pix_key="12ABC34501DE35"
            )
        )
    context.progress("finance", 1.0)
