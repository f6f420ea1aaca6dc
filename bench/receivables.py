"""The receivables list with 1,000,000 journal lines behind it: 2,000 customers, 300,000 invoices
(customers Dr / sales Cr, one to three installments each) and 200,000 receipts that settled the older
ones (bank Dr / customers Cr, with their allocations), bulk-inserted into a temporary SQLite file, so
about 100,000 invoices are still open. Times the receivables list's first page (the row count and the
first 100 rows, as the screen asks them), by due date, overdue only, one customer's search, and sorted
by customer; prints medians beside the target (≤ 100 ms). Asserts nothing.

    .venv/bin/python bench/receivables.py             # builds /tmp/bodesk-bench/receivables.sqlite once
    .venv/bin/python bench/receivables.py --runs 15 --rebuild
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any, cast

from sqlalchemy import Table, func, insert, select
from stdnum.br import cnpj

from bodesk.domain.access.actor import Actor
from bodesk.domain.access.login import authenticate
from bodesk.domain.common.listing import ListRequest
from bodesk.domain.company.services import CompanyDetails, set_up_company
from bodesk.domain.finance.chart import role_accounts
from bodesk.domain.finance.document_models import Allocation, Invoice, OpenItem, Payment
from bodesk.domain.finance.items import installment_plan
from bodesk.domain.finance.models import JournalEntry, JournalLine
from bodesk.domain.finance.payment_queries import ReceivablesQuery
from bodesk.domain.registry import load_modules
from bodesk.domain.sales.customers import CustomerData, create_customer
from bodesk.domain.sales.models import Customer
from bodesk.store.engine import Database
from bodesk.store.opening import open_database
from bodesk.store.types import utcnow

PASSWORD = "bench-senha-2026"
DEFAULT_DB = Path(tempfile.gettempdir()) / "bodesk-bench" / "receivables.sqlite"
CUSTOMERS, INVOICES, PAID = 2_000, 300_000, 200_000  # 2 lines each: 1,000,000 journal lines
TODAY = date(2026, 6, 30)
CHUNK = 20_000


def table(model: type) -> Table:
    return cast(Table, model.__table__)  # type: ignore[attr-defined]


def timed(work: Callable[[], object], runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append((time.perf_counter() - start) * 1000)
    return times


def show(label: str, times: list[float], target: str = "(target <= 100 ms)") -> None:
    print(f"{label:<58} median {statistics.median(times):8.1f} ms  max {max(times):8.1f} ms  {target}")


def _customers(db: Database, actor: Actor) -> list[int]:
    """The first customer through the service, the others copied from it in bulk."""
    first = create_customer(db, actor, CustomerData(name="Cliente 00001 Ltda.", tax_id=_tax_id(1)))
    with db.write() as session:
        template = {
            key: value
            for key, value in session.execute(select(table(Customer)).where(table(Customer).c.id == first))
            .mappings()
            .one()
            .items()
            if key != "id"
        }
        rows = []
        for n in range(2, CUSTOMERS + 1):
            name = f"Cliente {n:05d} Ltda."
            rows.append(
                {
                    **template,
                    "code": f"B{n:05d}",
                    "name": name,
                    "name_key": name.lower(),
                    "tax_id": _tax_id(n),
                    "search_text": f"cliente {n:05d} ltda. b{n:05d} {_tax_id(n)}",
                }
            )
        session.execute(insert(table(Customer)), rows)
        return list(session.execute(select(Customer.id).order_by(Customer.id)).scalars())


def _tax_id(serial: int) -> str:
    base = f"{50_000_000 + serial:08d}0001"
    return base + cnpj.calc_check_digits(base)


def _chunks(rows: Iterator[dict[str, Any]]) -> Iterator[list[dict[str, Any]]]:
    batch: list[dict[str, Any]] = []
    for row in rows:
        batch.append(row)
        if len(batch) == CHUNK:
            yield batch
            batch = []
    if batch:
        yield batch


def build(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.unlink(missing_ok=True)
    db = open_database(f"sqlite:///{path}")
    owner = set_up_company(
        db,
        CompanyDetails(
            name="Distribuidora Bench Ltda.", tax_id="11.222.333/0001-81", city="Campinas", state="SP"
        ),
        "dono",
        "Dona Maria",
        PASSWORD,
    )
    start = time.perf_counter()
    customers = _customers(db, owner)
    rng = random.Random(1)
    with db.write() as session:
        roles = role_accounts(session)
    receivables, sales, bank = roles["receivables"], roles["sales"], roles["bank"]
    now = utcnow()
    invoices, entries, lines, items, payments, allocations = [], [], [], [], [], []
    item_id = entry_id = 0
    first_day = TODAY - timedelta(days=3 * 365)
    for number in range(1, INVOICES + 1):
        customer = rng.choice(customers)
        day = first_day + timedelta(days=(number * 3 * 365) // INVOICES)
        total = Decimal(rng.randint(2_000, 500_000)) / 100
        invoices.append(
            {
                "id": number, "kind": "invoice", "number": number, "series": "1", "status": "posted",
                "customer_id": customer, "issued_on": day, "goods": total, "discount": Decimal(0),
                "total": total, "notes": "", "nfe_number": "", "nfe_series": "", "nfe_key": "",
                "created_at": now, "created_by": owner.user_id, "posted_at": now, "credited": Decimal(0),
            }
        )  # fmt: skip
        entry_id += 1
        entries.append(_entry(entry_id, day, "invoice", number, total, now))
        lines += [
            _line(entry_id, receivables, day, total, Decimal(0), customer),
            _line(entry_id, sales, day, Decimal(0), total, None),
        ]
        paid = number <= PAID  # the oldest invoices were paid, whole
        plan = installment_plan(total, day, rng.choice([(28,), (28, 35), (28, 35, 42)]))
        for k, installment in enumerate(plan, start=1):
            item_id += 1
            items.append(
                {
                    "id": item_id, "direction": "receivable", "customer_id": customer, "supplier_id": None,
                    "doc_kind": "invoice", "doc_id": number, "doc_number": number, "installment": k,
                    "installments": len(plan), "issued_on": day, "due_on": installment.due_on,
                    "amount": installment.amount, "paid": installment.amount if paid else Decimal(0),
                    "written_off": Decimal(0), "settled": paid, "boleto": "",
                }
            )  # fmt: skip
            if paid:
                allocations.append({"payment_id": number, "item_id": item_id, "amount": installment.amount})
        if paid:
            paid_on = day + timedelta(days=30)
            payments.append(
                {
                    "id": number, "number": number, "direction": "receivable", "customer_id": customer,
                    "supplier_id": None, "day": paid_on, "method": "pix", "account_id": bank,
                    "amount": total, "discount": Decimal(0), "interest": Decimal(0), "fees": Decimal(0),
                    "credit": Decimal(0), "cheque_bank": "", "cheque_number": "", "cheque_date": None,
                    "memo": "", "reversed": False, "at": now, "user_id": owner.user_id,
                }
            )  # fmt: skip
            entry_id += 1
            entries.append(_entry(entry_id, paid_on, "payment", number, total, now))
            lines += [
                _line(entry_id, bank, paid_on, total, Decimal(0), None),
                _line(entry_id, receivables, paid_on, Decimal(0), total, customer),
            ]
    with db.write_connection() as connection:
        for model, rows in (
            (Invoice, invoices),
            (JournalEntry, entries),
            (JournalLine, lines),
            (OpenItem, items),
            (Payment, payments),
            (Allocation, allocations),
        ):
            for batch in _chunks(iter(rows)):
                connection.execute(insert(table(model)), batch)
        connection.exec_driver_sql("ANALYZE")
    print(
        f"{'generating ' + f'{len(lines):,} journal lines, {len(items):,} installments':<58} "
        f"{time.perf_counter() - start:8.1f} s"
    )
    db.dispose()


def _entry(entry_id: int, day: date, kind: str, number: int, total: Decimal, now: Any) -> dict[str, Any]:
    return {
        "id": entry_id, "number": entry_id, "day": day, "memo": "", "doc_kind": kind, "doc_id": number,
        "doc_number": number, "reverses_id": None, "manual": False, "total": total, "at": now, "user_id": None,
    }  # fmt: skip


def _line(
    entry_id: int, account: int, day: date, debit: Decimal, credit: Decimal, customer: int | None
) -> dict[str, Any]:
    return {
        "entry_id": entry_id, "account_id": account, "day": day, "debit": debit, "credit": credit,
        "customer_id": customer, "supplier_id": None, "memo": "",
    }  # fmt: skip


def first_page(db: Database, actor: Actor, request: ListRequest) -> None:
    query = ReceivablesQuery()
    query.count(db, actor, request)
    query.page(db, actor, request, 0, 100)


def main() -> None:
    parser = argparse.ArgumentParser(description="The receivables list on 1,000,000 journal lines")
    parser.add_argument("--db", type=Path, default=DEFAULT_DB)
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--rebuild", action="store_true")
    args = parser.parse_args()
    load_modules()
    if args.rebuild or not args.db.exists():
        build(args.db)
    db = open_database(f"sqlite:///{args.db}")
    actor = authenticate(db, "dono", PASSWORD)
    with db.read() as session:
        lines = session.execute(select(func.count()).select_from(JournalLine)).scalar_one()
        open_items = session.execute(
            select(func.count()).select_from(OpenItem).where(OpenItem.settled.is_(False))
        ).scalar_one()
    print(f"database {args.db}: {lines:,} journal lines, {open_items:,} open installments; {args.runs} runs")
    today = {"today": TODAY}
    for label, request in (
        ("receivables: count + first 100 by due date", ListRequest(filters=today)),
        ("receivables: overdue only", ListRequest(filters={**today, "overdue": True})),
        ("receivables: one customer searched", ListRequest(search="cliente 01234", filters=today)),
        ("receivables: sorted by customer", ListRequest(sort="partner", filters=today)),
        ("receivables: sorted by open, descending", ListRequest(sort="open", descending=True, filters=today)),
    ):
        show(label, timed(lambda r=request: first_page(db, actor, r), args.runs))  # type: ignore[misc]
    query = ReceivablesQuery()
    show(
        "receivables: totals (amount, open)", timed(lambda: query.totals(db, actor, ListRequest()), args.runs)
    )
    db.dispose()


if __name__ == "__main__":
    main()
