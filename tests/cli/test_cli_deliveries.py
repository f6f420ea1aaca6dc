"""`bodesk report load-manifest|container-statement|deliveries` as a script uses them on a small depot:
the PDFs they write, and the refusals they say."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from bodesk.cli import main
from bodesk.domain.company.services import set_up_company
from bodesk.domain.deliveries.trip_models import Trip
from bodesk.domain.registry import load_modules
from bodesk.domain.sales.models import Customer
from bodesk.store.opening import open_database
from tests.builders.access import PASSWORD
from tests.builders.company import COMPANY
from tests.builders.deliveries import build_depot, order_for, plan, run_trip
from tests.helpers.pdf import pdf_pages


@pytest.fixture
def depot(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, int, int, str]:
    path = tmp_path / "entregas.sqlite"
    monkeypatch.setenv("BODESK_PASSWORD", PASSWORD)
    load_modules()
    db = open_database(f"sqlite:///{path}", backup_dir=tmp_path / "backups")
    try:
        owner = set_up_company(db, COMPANY, "dono", "Dona Maria", PASSWORD)
        made = build_depot(db, owner)
        closed = run_trip(db, owner, made, [order_for(db, owner, made, c) for c in made.customers])
        planned = plan(db, owner, made, [order_for(db, owner, made, c) for c in made.customers])
        with db.read() as session:
            numbers = dict(session.execute(select(Trip.id, Trip.number)).all())
            code = session.execute(select(Customer.code).where(Customer.id == made.customers[0])).scalar_one()
    finally:
        db.dispose()
    return path, numbers[closed], numbers[planned], code


def bodesk(capsys: pytest.CaptureFixture[str], path: Path, *argv: str) -> tuple[int, str, str]:
    code = main(["--db", str(path), "--user", "dono", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_delivery_reports_are_written(
    depot: tuple[Path, int, int, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path, closed, planned, customer = depot
    for argv, name in (
        (("load-manifest", "--trip", str(planned)), "planned.pdf"),
        (("load-manifest", "--trip", str(closed)), "closed.pdf"),
        (("container-statement", "--customer", customer), "statement.pdf"),
        (("deliveries",), "deliveries.pdf"),
    ):
        code, _out, err = bodesk(capsys, path, "report", *argv, "-o", str(tmp_path / name))
        assert code == 0, err
        assert pdf_pages(tmp_path / name)
    planned_pages = pdf_pages(tmp_path / "planned.pdf")
    assert "What to load" in planned_pages[0] and "Lines follow the bins" in planned_pages[-1]
    assert "Deliveries per day" in pdf_pages(tmp_path / "deliveries.pdf")[0]


def test_delivery_reports_refuse_what_they_cannot_find(
    depot: tuple[Path, int, int, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path, _closed, _planned, _customer = depot
    for argv in (
        ("load-manifest",),
        ("load-manifest", "--trip", "999"),
        ("load-manifest", "--trip", "9" * 30),
        ("container-statement", "--customer", "NOPE"),
    ):
        code, _out, err = bodesk(capsys, path, "report", *argv, "-o", str(tmp_path / "x.pdf"))
        assert code == 1 and err.strip() and len(err) < 200  # a sentence, the value shortened
        assert not (tmp_path / "x.pdf").exists()
