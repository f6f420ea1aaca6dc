"""Importing spreadsheets: time, peak memory and the write lock, on generated files. Prints; asserts nothing.

    .venv/bin/python bench/imports.py                      # every case, default sizes
    .venv/bin/python bench/imports.py --case rows --rows 100000
    .venv/bin/python bench/imports.py --case wide --case bomb --memory-gb 6

Cases (each runs in a child process under a memory ceiling, `--memory-gb`, so that a file that would
take all the machine's memory only ends that child):

- rows: a dry run of a products CSV of `--rows` rows (1,000,000 by default), unique SKUs, every field
  filled; the time, the peak memory, and the last line of the result.
- wide: a 5 KB XLSX whose only value sits in column AAAAAAA.
- bomb: a ~4 MB XLSX whose one cell holds `--bomb-gb` GB of spaces (4 by default).
- lock: a real import of `--lock-rows` new products (10,000 by default) while a second process logs in
  every 0.2 s (a login writes); the longest login and the logins refused while the import ran.
- roundtrip (only when asked, with `--db`, a copy of which is used): every exportable kind exported
  and imported back, as CSV and XLSX — the catalogue into the same database and into a new one, the
  stock on hand of each warehouse into a count of it — with the rows refused, the rows written, the
  products changed and the count lines that differ from what is on hand (all should be 0).

    .venv/bin/bodesk --db /tmp/large.sqlite demo --size large --seed 1
    BODESK_PASSWORD=... .venv/bin/python bench/imports.py --case roundtrip --db /tmp/large.sqlite

Each case reads or imports through the domain, as `bodesk import products FILE [--dry-run]` does.
"""

from __future__ import annotations

import argparse
import csv
import multiprocessing
import os
import resource
import sys
import tempfile
import time
import zipfile
from pathlib import Path
from typing import Any

from bodesk.domain.access.login import authenticate
from bodesk.domain.common.errors import UserError
from bodesk.domain.demo import DemoSize, load_demo
from bodesk.domain.registry import load_modules
from bodesk.domain.stock.imports import import_products_file
from bodesk.store.opening import open_database

PASSWORD = "bench-senha-2026"
CASES = ("rows", "wide", "bomb", "lock", "roundtrip")
HEADER = ["SKU", "Nome", "Marca", "Categoria", "Unidade", "Preço de venda", "Custo", "Estoque mínimo"]


def write_products_csv(path: Path, rows: int, prefix: str = "BEN") -> None:
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out, delimiter=";")
        writer.writerow(HEADER)
        for index in range(1, rows + 1):
            writer.writerow(
                [
                    f"{prefix}{index:07d}",
                    f"Produto de teste número {index} Lata 350 ml",
                    f"Marca {index % 97}",
                    f"Categoria {index % 13}",
                    "un",
                    f"{index % 500},{index % 100:02d}",
                    f"{index % 300},{index % 100:02d}",
                    str(index % 50),
                ]
            )


def _xlsx_parts(sheet_rows: str) -> dict[str, str]:
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    relations = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    package = "http://schemas.openxmlformats.org/package/2006/relationships"
    return {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
            'officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-'
            'officedocument.spreadsheetml.worksheet+xml"/></Types>'
        ),
        "_rels/.rels": (
            f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{package}">'
            f'<Relationship Id="rId1" Type="{relations}/officeDocument" Target="xl/workbook.xml"/>'
            "</Relationships>"
        ),
        "xl/workbook.xml": (
            f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{main}" xmlns:r="{relations}">'
            '<sheets><sheet name="Produtos" sheetId="1" r:id="rId1"/></sheets></workbook>'
        ),
        "xl/_rels/workbook.xml.rels": (
            f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{package}">'
            f'<Relationship Id="rId1" Type="{relations}/worksheet" Target="worksheets/sheet1.xml"/>'
            "</Relationships>"
        ),
        "xl/worksheets/sheet1.xml": (
            f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{main}"><sheetData>'
            f"{sheet_rows}</sheetData></worksheet>"
        ),
    }


def write_wide_xlsx(path: Path) -> None:
    rows = (
        '<row r="1"><c r="A1" t="inlineStr"><is><t>SKU</t></is></c></row>'
        '<row r="2"><c r="AAAAAAA2" t="inlineStr"><is><t>CER00001</t></is></c></row>'
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in _xlsx_parts(rows).items():
            archive.writestr(name, text)


def write_bomb_xlsx(path: Path, gigabytes: float) -> None:
    """One cell of spaces: the sheet is streamed into the archive, a megabyte at a time."""
    head, tail = _xlsx_parts("@").pop("xl/worksheets/sheet1.xml").split("@")
    opening = '<row r="1"><c r="A1" t="inlineStr"><is><t>SKU</t></is></c></row>'
    opening += '<row r="2"><c r="A2" t="inlineStr"><is><t>'
    chunk = b" " * (1 << 20)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, text in _xlsx_parts("").items():
            if name != "xl/worksheets/sheet1.xml":
                archive.writestr(name, text)
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            sheet.write((head + opening).encode())
            for _ in range(int(gigabytes * 1024)):
                sheet.write(chunk)
            sheet.write(("CER00001</t></is></c></row>" + tail).encode())


def fresh_database(folder: Path, name: str) -> str:
    url = f"sqlite:///{folder / name}"
    db = open_database(url)
    load_demo(db, DemoSize.SMALL, 1, PASSWORD)
    db.dispose()
    return url


def _child(case: str, url: str, path: str, dry_run: bool, memory_gb: float, answer: Any) -> None:
    limit = int(memory_gb * (1 << 30))
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    load_modules()
    db = open_database(url)
    actor = authenticate(db, "dono", PASSWORD)
    start = time.perf_counter()
    try:
        result = import_products_file(db, actor, Path(path), dry_run=dry_run)
        outcome = result.summary()
    except UserError as exc:
        outcome = f"refused ({exc.code}): {exc.message}"
    except MemoryError:
        outcome = f"ran out of the {memory_gb:g} GB allowed (MemoryError)"
    seconds = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    answer.put((case, seconds, peak_mb, outcome))


def run_child(case: str, url: str, path: Path, dry_run: bool, memory_gb: float) -> tuple[Any, ...]:
    answers: Any = multiprocessing.Queue()
    process = multiprocessing.Process(target=_child, args=(case, url, str(path), dry_run, memory_gb, answers))
    process.start()
    process.join()
    if process.exitcode != 0:
        return (case, float("nan"), float("nan"), f"the process died (exit code {process.exitcode})")
    result: tuple[Any, ...] = answers.get()
    return result


def show(found: tuple[Any, ...], size: str) -> None:
    case, seconds, peak_mb, outcome = found
    print(f"{case:<5} {size:<28} {seconds:8.1f} s  peak {peak_mb:8.0f} MB  {outcome}")


def _logins(url: str, stop: Any, answer: Any) -> None:
    load_modules()
    db = open_database(url)
    longest, refused, tries = 0.0, 0, 0
    while not stop.is_set():
        start = time.perf_counter()
        try:
            authenticate(db, "gerente", PASSWORD)
        except Exception as exc:  # the figure is how many fail, whatever the error
            refused += 1
            print(f"      a login failed after {time.perf_counter() - start:.1f} s: {exc}", flush=True)
        longest = max(longest, time.perf_counter() - start)
        tries += 1
        time.sleep(0.2)
    answer.put((tries, refused, longest))


def lock_case(folder: Path, rows: int, memory_gb: float) -> None:
    url = fresh_database(folder, "lock.sqlite")
    path = folder / f"lock-{rows}.csv"
    write_products_csv(path, rows, prefix="LCK")
    stop, answers = multiprocessing.Event(), multiprocessing.Queue()
    logins = multiprocessing.Process(target=_logins, args=(url, stop, answers))
    logins.start()
    time.sleep(1.0)
    found = run_child("lock", url, path, False, memory_gb)
    stop.set()
    tries, refused, longest = answers.get()
    logins.join()
    show(found, f"import {rows:,} new products")
    print(f"      meanwhile: {tries} logins, {refused} refused, the longest took {longest:.1f} s")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("--case", action="append", choices=CASES, help="run only this case (repeatable)")
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--lock-rows", type=int, default=10_000)
    parser.add_argument("--bomb-gb", type=float, default=4.0)
    parser.add_argument("--memory-gb", type=float, default=6.0, help="memory ceiling of each child")
    parser.add_argument("--db", type=Path, help="the roundtrip case's database (a demo; it is copied)")
    args = parser.parse_args(argv)
    cases = args.case or [case for case in CASES if case != "roundtrip"]
    load_modules()
    with tempfile.TemporaryDirectory(prefix="bodesk-bench-imports-") as temp:
        folder = Path(temp)
        url = fresh_database(folder, "dry.sqlite") if set(cases) - {"lock"} else ""
        if "rows" in cases:
            path = folder / "rows.csv"
            write_products_csv(path, args.rows)
            size = f"CSV {args.rows:,} rows, {path.stat().st_size / 1e6:.0f} MB"
            show(run_child("rows", url, path, True, args.memory_gb), size)
        if "wide" in cases:
            path = folder / "wide.xlsx"
            write_wide_xlsx(path)
            size = f"XLSX {path.stat().st_size / 1e3:.1f} KB, column AAAAAAA"
            show(run_child("wide", url, path, True, args.memory_gb), size)
        if "bomb" in cases:
            path = folder / "bomb.xlsx"
            write_bomb_xlsx(path, args.bomb_gb)
            size = f"XLSX {path.stat().st_size / 1e6:.1f} MB, {args.bomb_gb:g} GB of spaces"
            show(run_child("bomb", url, path, True, args.memory_gb), size)
        if "lock" in cases:
            lock_case(folder, args.lock_rows, args.memory_gb)
        if "roundtrip" in cases:
            from _roundtrip import roundtrip

            roundtrip(args.db, folder, os.environ.get("BODESK_PASSWORD", PASSWORD))
    return 0


if __name__ == "__main__":
    sys.exit(main())
