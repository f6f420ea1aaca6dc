"""`bodesk db copy --to postgresql://…`: a whole SQLite database (the small demo: stock, counts,
purchases, the audit log) copied into an empty PostgreSQL database, every table's rows counted on both
sides and every check run on the copy; a target that is not empty, or not a server, is refused with
nothing written."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, inspect, select

from bodesk.cli import main
from bodesk.domain.access.models import AuditEntry
from bodesk.store.engine import Database
from tests.helpers.server import TEST_DATABASE_URL, empty_server_database

PW = "segredo-forte-1"
on_a_server = pytest.mark.skipif(not TEST_DATABASE_URL, reason="needs a PostgreSQL server")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def demo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Path:
    path = tmp_path / "demo.sqlite"
    monkeypatch.setenv("BODESK_PASSWORD", PW)
    code, _out, err = run(capsys, "--db", str(path), "demo", "--size", "small")
    assert code == 0, err
    return path


def test_a_target_that_is_not_a_server_is_refused(
    demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "other.sqlite"
    code, _out, err = run(
        capsys, "--db", str(demo), "--user", "dono", "db", "copy", "--to", f"sqlite:///{target}"
    )
    assert code == 1
    assert "Copy into a PostgreSQL database" in err
    assert not target.exists()


@on_a_server
def test_the_demo_is_copied_whole_and_checked(demo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = empty_server_database(TEST_DATABASE_URL, "copy")
    code, out, err = run(capsys, "--db", str(demo), "--user", "dono", "db", "copy", "--to", target)
    assert code == 0, err + out
    assert "every table has as many rows as here" in out
    assert "checks passed" in out
    source, copy = Database(f"sqlite:///{demo}"), Database(target)
    try:
        with source.read() as here, copy.read() as there:
            assert here.execute(select(func.count()).select_from(AuditEntry)).scalar_one() > 0
            for table in inspect(here.connection()).get_table_names():
                count = f"SELECT count(*) FROM {table}"
                assert here.connection().exec_driver_sql(count).scalar() == (
                    there.connection().exec_driver_sql(count).scalar()
                ), table
            audit_rows = there.execute(select(func.max(AuditEntry.id))).scalar_one()
        # the copy goes on numbering where the original stopped: logging in writes a new audit row
        code, _out, err = run(capsys, "--db", target, "--user", "dono", "user", "list")
        assert code == 0, err
        with copy.read() as there:
            assert there.execute(select(func.max(AuditEntry.id))).scalar_one() == audit_rows + 1
    finally:
        source.dispose()
        copy.dispose()

    code, _out, err = run(capsys, "--db", str(demo), "--user", "dono", "db", "copy", "--to", target)
    assert code == 1
    assert "is not empty" in err
