"""The stock reports on `demo --size large` data (20,000 products): how long each PDF takes and how
much memory the process needs, and the whole application with the valuation built and previewed.
Prints medians; asserts nothing.

    .venv/bin/python bench/reports.py                     # builds /tmp/bodesk-bench/large.sqlite once
    .venv/bin/python bench/reports.py --db FILE --runs 5  # on an existing large demo database

Each run is a fresh process (`--child NAME`), so that its peak memory is its own: a report alone
(its figures, its layout and the PDF written), and `app`, the main window on the same data with the
valuation report built in the background as the Stock tab builds it, then previewed and scrolled
from the first page to the last (targets: each report < 3 s, the whole application < 250 MB).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from stock import DEFAULT_DB, PASSWORD, prepare

REPORTS = ("valuation", "availability", "expiry")


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def build_report(name: str, url: str, folder: Path) -> dict[str, float]:
    from bodesk.domain.access.login import authenticate
    from bodesk.domain.registry import load_modules
    from bodesk.reports.expiry import write_expiry
    from bodesk.reports.stock_availability import write_stock_availability
    from bodesk.reports.stock_valuation import write_stock_valuation
    from bodesk.store.opening import open_database

    load_modules()
    db = open_database(url)
    actor = authenticate(db, "dono", PASSWORD)
    writers = {
        "valuation": lambda path: write_stock_valuation(db, actor, path),
        "availability": lambda path: write_stock_availability(db, actor, path),
        "expiry": lambda path: write_expiry(db, actor, path, days=30),
    }
    started, cpu = time.perf_counter(), time.process_time()
    path = writers[name](folder / f"{name}.pdf")
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    import pypdfium2 as pdfium  # type: ignore[import-untyped]

    document = pdfium.PdfDocument(path)
    pages = len(document)
    document.close()
    return {"seconds": seconds, "cpu": cpu, "pages": pages, "mb": path.stat().st_size / 1e6}


def run_app(url: str) -> dict[str, float]:
    """The main window, the valuation built through the Stock tab's path, previewed and scrolled."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from bodesk.domain.access.login import authenticate
    from bodesk.domain.registry import load_modules
    from bodesk.settings import load_preferences
    from bodesk.store.opening import open_database
    from bodesk.ui.app import make_application
    from bodesk.ui.mainwindow import MainWindow
    from bodesk.ui.stock.reports import valuation_report
    from bodesk.ui.widgets import pdf_preview

    app = make_application()
    load_modules()
    db = open_database(url)
    actor = authenticate(db, "dono", PASSWORD)
    window = MainWindow(db, actor, load_preferences())
    window.show()
    window.show_view("stock", "on_hand")
    app.processEvents()
    window_mb = peak_mb()
    previews: list[pdf_preview.PdfPreviewDialog] = []
    show = pdf_preview.show_pdf
    pdf_preview.show_pdf = lambda parent, path: previews.append(show(parent, path))  # type: ignore[arg-type]
    started = time.perf_counter()
    task = valuation_report(window, db, actor)
    while not task.done:
        app.processEvents()
        time.sleep(0.005)
    seconds = time.perf_counter() - started
    preview = previews[0]
    bar = preview.view.verticalScrollBar()
    for value in range(0, bar.maximum() + 1, max(1, bar.maximum() // 100)):
        bar.setValue(value)
        app.processEvents()
    preview.close()
    window.close()
    return {"seconds": seconds, "window_mb": window_mb, "pages": preview.page_count()}


def child(name: str, url: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        figures = run_app(url) if name == "app" else build_report(name, url, Path(folder))
    print(json.dumps({**figures, "peak_mb": peak_mb()}), flush=True)


def measured(name: str, db: Path, runs: int) -> list[dict[str, float]]:
    samples = []
    for _ in range(runs):
        command = [sys.executable, __file__, "--child", name, "--db", str(db)]
        done = subprocess.run(command, capture_output=True, text=True, timeout=600, check=False)
        lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
        if done.returncode != 0 or not lines:
            raise SystemExit(f"{name} failed ({done.returncode}):\n{done.stdout}\n{done.stderr[-3000:]}")
        samples.append(json.loads(lines[-1]))
    return samples


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--db", type=Path, default=DEFAULT_DB)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--child", choices=(*REPORTS, "app"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    os.environ.setdefault("BODESK_HOME", str(args.db.parent / "home"))
    url = f"sqlite:///{args.db}"
    if args.child:
        child(args.child, url)
        return
    from bodesk.domain.registry import load_modules

    load_modules()
    prepare(args.db, with_demo_timing=False)
    print(f"database {args.db}, {args.runs} runs, each a fresh process")
    for name in REPORTS:
        samples = measured(name, args.db, args.runs)
        seconds = statistics.median(sample["seconds"] for sample in samples)
        cpu = statistics.median(sample["cpu"] for sample in samples)
        peak = max(sample["peak_mb"] for sample in samples)
        pages, size = samples[0]["pages"], samples[0]["mb"]
        print(
            f"{name + ' PDF':<22} median {seconds:6.2f} s (CPU {cpu:5.2f} s)  peak {peak:5.0f} MB  "
            f"{pages:.0f} pages, {size:.1f} MB  (target < 3 s)"
        )
    samples = measured("app", args.db, args.runs)
    seconds = statistics.median(sample["seconds"] for sample in samples)
    window = max(sample["window_mb"] for sample in samples)
    peak = max(sample["peak_mb"] for sample in samples)
    print(
        f"{'whole app + preview':<22} median {seconds:6.2f} s to the preview; peak {peak:.0f} MB "
        f"(main window alone {window:.0f} MB)  (target < 250 MB)"
    )


if __name__ == "__main__":
    main()
