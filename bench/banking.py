"""Banking on the large demo: importing an OFX statement of 5,000 transactions (target ≤ 1 s) and
matching 5,000 bank lines automatically against the books' movements and the ~20,000 open installments
(target ≤ 2 s). Prints medians. Asserts nothing.

Data: a copy of a large demo database (`bodesk demo --size large`, made before banking: 3 years,
~1.8M journal lines, ~324,000 of them on the bank account, ~22,000 open installments), upgraded to
banking's schema. The statement is built here: 5,000 transactions of the last month, fresh ids each
run, deleted again after each run (untimed). The matching's 5,000 lines are 4,500 of the bank
account's last movements (the bank's day 0–2 days later) and 500 lines of open installments' amounts
whose memo names the invoice; each run starts from all of them unmatched.

    .venv/bin/python bench/banking.py --source /tmp/large.db            # copies it to --db once
    .venv/bin/python bench/banking.py --db /tmp/bodesk-bench/banking.sqlite --runs 5
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from sqlalchemy import delete, func, select, text, update

from bodesk.domain.access.actor import Actor
from bodesk.domain.access.models import User
from bodesk.domain.banking.candidates import LineView, candidates_for, sure_pairs
from bodesk.domain.banking.models import BankAccount, BankLine, BankMatch, StatementImport
from bodesk.domain.banking.reconcile import auto_match
from bodesk.domain.banking.statements import import_statement
from bodesk.domain.finance.chart import AccountRole, account_of
from bodesk.domain.finance.document_models import OpenItem
from bodesk.domain.registry import load_modules
from bodesk.store.engine import Database
from bodesk.store.opening import open_database

DEFAULT_DB = Path(tempfile.gettempdir()) / "bodesk-bench" / "banking.sqlite"
TRANSACTIONS, MOVEMENTS, ITEMS = 5_000, 4_500, 500


def timed(work: Callable[[], object], runs: int, after: Callable[[], object] = lambda: None) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
        after()
    return times


def show(label: str, times: list[float], target: str) -> None:
    print(f"{label:<62} median {statistics.median(times):6.3f} s  max {max(times):6.3f} s  (target {target})")


def ofx(run: int, day: date, rng: random.Random) -> bytes:
    parts = [
        "OFXHEADER:100\nDATA:OFXSGML\nVERSION:102\nCHARSET:1252\n\n<OFX>\n<BANKMSGSRSV1>\n<STMTTRNRS>\n<STMTRS>\n",
        "<CURDEF>BRL\n<BANKACCTFROM>\n<BANKID>001\n<BRANCHID>1234\n<ACCTID>12345-6\n<ACCTTYPE>CHECKING\n",
        "</BANKACCTFROM>\n<BANKTRANLIST>\n",
    ]
    for n in range(TRANSACTIONS):
        cents = rng.randint(-500_000, 900_000) or 1
        posted = day - timedelta(days=n % 30)
        parts.append(
            f"<STMTTRN>\n<TRNTYPE>{'CREDIT' if cents > 0 else 'DEBIT'}\n<DTPOSTED>{posted:%Y%m%d}120000[-3:BRT]\n"
            f"<TRNAMT>{Decimal(cents).scaleb(-2)}\n<FITID>R{run}N{n:06d}\n<NAME>PIX CLIENTE {n}\n"
            f"<MEMO>Transferencia recebida {n}\n</STMTTRN>\n"
        )
    parts.append("</BANKTRANLIST>\n</STMTRS>\n</STMTTRNRS>\n</BANKMSGSRSV1>\n</OFX>\n")
    return "".join(parts).encode("cp1252")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--source", type=Path, default=Path("/tmp/large.db"), help="a large demo database")
    parser.add_argument("--db", type=Path, default=DEFAULT_DB)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    load_modules()
    if not args.db.exists():
        args.db.parent.mkdir(parents=True, exist_ok=True)
        print(f"copying {args.source} to {args.db} …")
        shutil.copyfile(args.source, args.db)
    backups = Path(tempfile.mkdtemp(prefix="bodesk-bench-backups-"))
    db = open_database(f"sqlite:///{args.db}", backup_dir=backups)
    shutil.rmtree(backups, ignore_errors=True)
    try:
        run(db, args.runs)
    finally:
        db.dispose()


def run(db: Database, runs: int) -> None:
    rng = random.Random(1)
    with db.write() as session:
        user = session.execute(select(User).where(User.role == "owner").order_by(User.id)).scalars().first()
        assert user is not None
        owner = Actor(user.id, user.login, user.full_name, user.role)
        bank_ledger = account_of(session, AccountRole.BANK)
        session.execute(
            update(BankAccount)
            .where(BankAccount.account_id == bank_ledger)
            .values(bank_code="001", number="12345-6")
        )
        bank = session.execute(
            select(BankAccount.id).where(BankAccount.account_id == bank_ledger)
        ).scalar_one()
        session.execute(delete(BankMatch))
        session.execute(delete(BankLine))
        session.execute(delete(StatementImport))
        last = session.execute(text("SELECT MAX(day) FROM journal_lines")).scalar()
        open_items = session.execute(select(func.count()).where(OpenItem.settled.is_(False))).scalar_one()
    end = date.fromisoformat(str(last)[:10])
    print(f"bank account {bank}; books up to {end}; {open_items:,} open installments")

    counter = iter(range(1, 1000))
    files = {}

    def one_import() -> None:
        number = next(counter)
        files[number] = ofx(number, end, rng)
        start = time.perf_counter()
        outcome = import_statement(db, owner, files[number], f"bench-{number}.ofx")
        assert outcome.written == TRANSACTIONS, outcome.refusal
        times.append(time.perf_counter() - start)

    def clean() -> None:
        with db.write() as session:
            session.execute(delete(BankLine))
            session.execute(delete(StatementImport))

    times: list[float] = []
    for _ in range(runs):
        one_import()
        clean()
    show(f"import an OFX of {TRANSACTIONS:,} transactions (read + write)", times, "≤ 1 s")
    data = ofx(999, end, rng)
    start = time.perf_counter()
    import_statement(db, owner, data, "again.ofx")
    first = time.perf_counter() - start
    start = time.perf_counter()
    again = import_statement(db, owner, data, "again.ofx")
    print(
        f"{'the same file again (writes nothing: ' + str(again.written) + ' lines)':<62} {time.perf_counter() - start:6.3f} s  (first: {first:.3f} s)"
    )
    clean()

    _matching_lines(db, bank, bank_ledger, end, rng)
    with db.read() as session:
        views = [
            LineView(row.id, row.day, row.amount, f"{row.name} {row.memo}")
            for row in session.execute(select(BankLine).where(BankLine.state == "unmatched")).scalars()
        ]

    def find() -> None:
        with db.read() as session:
            ranked = candidates_for(session, bank_ledger, views)
            found.append(len(sure_pairs(ranked)))

    found: list[int] = []
    show(f"find and rank candidates of {len(views):,} lines (read only)", timed(find, runs), "≤ 2 s")
    print(f"  sure pairs found: {found[-1]:,}")

    def reset() -> None:
        with db.write() as session:
            session.execute(delete(BankMatch))
            session.execute(update(BankLine).values(state="unmatched", matched=0))

    matched: list[int] = []
    show(
        f"auto-match {len(views):,} lines, movements only (read + write)",
        timed(lambda: matched.append(auto_match(db, owner, bank, items=False)), runs, reset),
        "≤ 2 s",
    )
    print(f"  lines matched: {matched[-1]:,}")
    start = time.perf_counter()
    total = auto_match(db, owner, bank)
    print(
        f"{'auto-match with the sure installments settled (payments made)':<62} {time.perf_counter() - start:6.3f} s  "
        f"({total:,} lines, once)"
    )


def _matching_lines(db: Database, bank: int, ledger: int, end: date, rng: random.Random) -> None:
    with db.write() as session:
        movements = session.execute(
            text(
                "SELECT entry_id, MIN(day), SUM(debit) - SUM(credit) FROM journal_lines WHERE account_id = :a "
                "GROUP BY entry_id ORDER BY entry_id DESC LIMIT :n"
            ),
            {"a": ledger, "n": MOVEMENTS},
        ).all()
        rows = []
        for entry_id, day, amount in movements:
            when = date.fromisoformat(str(day)[:10]) + timedelta(days=rng.choice((0, 1, 2)))
            rows.append({"bank_account_id": bank, "fitid": f"M{entry_id}", "day": when, "amount": int(amount),
                         "name": "PIX", "memo": "", "check_number": "", "state": "unmatched", "matched": 0})  # fmt: skip
        items = session.execute(
            text(
                "SELECT i.id, i.doc_number, i.amount - i.paid - i.written_off, i.due_on FROM open_items i "
                "WHERE i.settled = 0 AND i.direction = 'receivable' AND i.amount > 0 ORDER BY i.id LIMIT :n"
            ),
            {"n": ITEMS},
        ).all()
        for item_id, number, left, _due in items:
            rows.append({"bank_account_id": bank, "fitid": f"I{item_id}", "day": end - timedelta(days=rng.randint(0, 5)),
                         "amount": int(left), "name": "PIX RECEBIDO", "memo": f"NF {number}", "check_number": "",
                         "state": "unmatched", "matched": 0})  # fmt: skip
        session.execute(BankLine.__table__.insert(), [  # type: ignore[attr-defined]
            {**row, "amount": Decimal(str(row["amount"])).scaleb(-2)} for row in rows
        ])  # fmt: skip


if __name__ == "__main__":
    main()
