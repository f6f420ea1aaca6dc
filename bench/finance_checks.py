"""The ledger's checks of `bodesk check` on an existing database (the large demo: `bodesk demo --size
large`, about 1,800,000 journal lines), each timed: every entry balances, the stock account equals the
valuation, the customers, suppliers and goods-received accounts equal their subledgers, installments
equal their allocations. Prints each check's time (median of --runs) and their sum (goal <= 5 s).

    .venv/bin/python bench/finance_checks.py /path/to/large.sqlite [--runs 3]
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from bodesk.domain.finance import checks
from bodesk.domain.registry import load_modules
from bodesk.store.opening import open_database

CHECKS = (
    "entries_balance",
    "stock_account_equals_valuation",
    "receivables_equal_items",
    "payables_equal_items",
    "grni_equals_unbilled_receipts",
    "items_equal_allocations",
)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("database", type=Path)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    load_modules()
    db = open_database(f"sqlite:///{args.database}")
    total = 0.0
    for name in CHECKS:
        times, problems = [], []
        for _run in range(args.runs):
            with db.read() as session:
                start = time.perf_counter()
                problems = getattr(checks, name)(session)
                times.append(time.perf_counter() - start)
        median = statistics.median(times)
        total += median
        print(f"{name:34} median {median * 1000:8.0f} ms  problems: {len(problems)}")
    print(f"{'the ledger checks together':34} {total:8.2f} s   (goal <= 5 s)")


if __name__ == "__main__":
    main()
