"""Finance reports on the large demo (three years, ~1.8 million journal lines): times the receivables and
payables aging, the cash flow (actual, a year; projected, six months), the DRE (a year beside the one
before), the trial balance (a year) and the balance sheet, and prints each median beside the target
(≤ 300 ms). Asserts nothing. The months wholly before the lock date are read from their stored sums
(built once when the books are closed; --rebuild-sums times that). Runs on a COPY of the demo (it never writes, but opening may migrate):

    cp /tmp/large.db /tmp/me-large.db
    .venv/bin/python bench/finance_reports.py --db /tmp/me-large.db [--runs 7] [--rebuild-sums]
"""

from __future__ import annotations

import argparse
import statistics
import time
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import delete, func, select

from bodesk.domain.access.guard import actor_of
from bodesk.domain.access.models import User
from bodesk.domain.finance.models import JournalLine
from bodesk.domain.finance.month_sum_models import CashMonth, MonthSum, MonthSumsState
from bodesk.domain.finance.reports.catalogue import finance_report
from bodesk.domain.finance.reports.month_sums import refresh_month_sums
from bodesk.domain.finance.reports.table import Period
from bodesk.domain.registry import load_modules
from bodesk.store.opening import open_database

TARGET_MS = 300
REPORTS = (
    "aging-receivables",
    "aging-payables",
    "cash-flow",
    "projected-cash-flow",
    "income-statement",
    "trial-balance",
    "balance-sheet",
    "dso",
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument(
        "--rebuild-sums", action="store_true", help="drop the closed months' sums and time building them"
    )
    args = parser.parse_args()
    load_modules()
    db = open_database(f"sqlite:///{args.db}")
    with db.read() as session:
        # the owner, read from the file: the demo's password may have come from BODESK_PASSWORD
        actor = actor_of(session.execute(select(User).where(User.login == "dono")).scalar_one())
        lines = session.execute(select(func.count()).select_from(JournalLine)).scalar_one()
        last = session.execute(select(func.max(JournalLine.day))).scalar_one() or date.today()
    year = Period(date(last.year, 1, 1), last, last)
    if args.rebuild_sums:
        with db.write() as session:
            session.execute(delete(MonthSum))
            session.execute(delete(CashMonth))
            session.execute(delete(MonthSumsState))
        start = time.perf_counter()
        with db.write() as session:
            refresh_month_sums(session)
        print(f"closed months' sums built in {(time.perf_counter() - start) * 1000:.0f} ms (once per close)")
    print(f"{lines:,} journal lines; period {year.start} to {year.end}")
    for key in REPORTS:
        period = year
        if key == "projected-cash-flow":
            period = Period(last, last + timedelta(days=180), last)
        times = []
        for _run in range(args.runs):
            start = time.perf_counter()
            finance_report(db, actor, key, period)
            times.append((time.perf_counter() - start) * 1000)
        median = statistics.median(times)
        flag = "ok" if median <= TARGET_MS else "OVER"
        print(f"{key:22} median {median:8.1f} ms  (min {min(times):7.1f})  target ≤{TARGET_MS} ms  {flag}")


if __name__ == "__main__":
    main()
