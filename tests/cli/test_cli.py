"""The command line as a script or a person uses it: exit codes, one-line messages, nothing changed on refusal."""

from __future__ import annotations

import hashlib
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from bodesk.cli import main
from bodesk.store.schema_versions import HEAD

PW = "segredo-forte-1"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def business_data(path: Path) -> list[tuple[object, ...]]:
    """Everything but the log of who logged in (logging in to run the command is recorded)."""
    connection = sqlite3.connect(path)
    try:
        rows = connection.execute("SELECT name, tax_id FROM company").fetchall()
        rows += connection.execute(
            "SELECT login, role, password_hash, is_locked FROM users ORDER BY id"
        ).fetchall()
        rows += connection.execute("SELECT * FROM audit_log WHERE action != 'login' ORDER BY id").fetchall()
        return rows
    finally:
        connection.close()


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def dbfile(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Path:
    path = tmp_path / "cli.sqlite"
    monkeypatch.setenv("BODESK_PASSWORD", PW)
    code, _out, err = run(
        capsys,
        "--db",
        str(path),
        "init",
        "--company",
        "Bebidas Sul",
        "--tax-id",
        "11.222.333/0001-81",
        "--admin",
        "dono",
    )
    assert code == 0, err
    return path


def test_init_sets_up_company_and_refuses_a_second_time(
    dbfile: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = digest(dbfile)
    code, _out, err = run(
        capsys,
        "--db",
        str(dbfile),
        "init",
        "--company",
        "Outra",
        "--tax-id",
        "11.222.333/0001-81",
        "--admin",
        "outro",
    )
    assert code == 1
    assert err.strip() == "bodesk: This database already belongs to a company."
    assert digest(dbfile) == before


def test_init_refuses_a_bad_cnpj_and_leaves_no_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("BODESK_PASSWORD", PW)
    path = tmp_path / "new-folder" / "bad.sqlite"
    code, _out, err = run(
        capsys,
        "--db",
        str(path),
        "init",
        "--company",
        "X",
        "--tax-id",
        "11.111.111/1111-11",
        "--admin",
        "dono",
    )
    assert code == 1
    assert "not a valid CNPJ" in err
    assert list(tmp_path.iterdir()) == []  # neither the file nor the folder made for it
    code, _out, err = run(capsys, "--db", str(path), "--user", "dono", "user", "list")
    assert code == 1
    assert f"There is no bodesk database at {path}" in err


def test_user_add_list_lock_unlock(
    dbfile: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("BODESK_NEW_PASSWORD", "senha-da-ana-1")
    code, out, err = run(
        capsys,
        "--db",
        str(dbfile),
        "--user",
        "dono",
        "user",
        "add",
        "ana",
        "--name",
        "Ana Lima",
        "--role",
        "sales",
    )
    assert code == 0, err
    assert "ana" in out
    code, out, _err = run(capsys, "--db", str(dbfile), "--user", "dono", "user", "list")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split()[:2] == ["Login", "Name"]
    assert any(line.startswith("ana ") and "Sales" in line for line in lines)
    assert (
        run(capsys, "--db", str(dbfile), "--user", "dono", "user", "lock", "ana", "--reason", "left")[0] == 0
    )
    monkeypatch.setenv("BODESK_PASSWORD", "senha-da-ana-1")
    code, _out, err = run(capsys, "--db", str(dbfile), "--user", "ana", "user", "list")
    assert code == 1
    assert "locked" in err
    monkeypatch.setenv("BODESK_PASSWORD", PW)
    assert run(capsys, "--db", str(dbfile), "--user", "dono", "user", "unlock", "ana")[0] == 0


def test_a_sales_user_may_not_add_users(
    dbfile: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("BODESK_NEW_PASSWORD", "senha-da-ana-1")
    run(capsys, "--db", str(dbfile), "--user", "dono", "user", "add", "ana", "--role", "sales")
    monkeypatch.setenv("BODESK_PASSWORD", "senha-da-ana-1")
    monkeypatch.setenv("BODESK_NEW_PASSWORD", "outra-senha-12")
    code, _out, err = run(
        capsys, "--db", str(dbfile), "--user", "ana", "user", "add", "beto", "--role", "owner"
    )
    assert code == 1
    assert err.startswith("bodesk: Your role (Sales) may not manage users")
    monkeypatch.setenv("BODESK_PASSWORD", PW)
    _code, out, _err = run(capsys, "--db", str(dbfile), "--user", "dono", "user", "list")
    assert "beto" not in out


def test_commands_that_act_need_a_user(dbfile: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _out, err = run(capsys, "--db", str(dbfile), "user", "list")
    assert code == 1
    assert "--user LOGIN" in err


def test_own_password_change_needs_the_current_one(
    dbfile: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("BODESK_NEW_PASSWORD", "uma-nova-senha-9")
    assert run(capsys, "--db", str(dbfile), "--user", "dono", "user", "passwd", "dono")[0] == 0
    monkeypatch.setenv("BODESK_PASSWORD", "uma-nova-senha-9")
    assert run(capsys, "--db", str(dbfile), "--user", "dono", "user", "list")[0] == 0


def test_backup_check_restore_round_trip(
    dbfile: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    copy = tmp_path / "copia.sqlite"
    code, out, err = run(capsys, "--db", str(dbfile), "--user", "dono", "backup", "-o", str(copy))
    assert code == 0, err
    assert copy.exists()
    monkeypatch.setenv("BODESK_NEW_PASSWORD", "senha-da-ana-1")
    run(capsys, "--db", str(dbfile), "--user", "dono", "user", "add", "ana", "--role", "sales")
    code, out, err = run(capsys, "--db", str(dbfile), "--user", "dono", "restore", str(copy))
    assert code == 0, err
    _code, out, _err = run(capsys, "--db", str(dbfile), "--user", "dono", "user", "list")
    assert "ana" not in out
    code, out, _err = run(capsys, "--db", str(dbfile), "check")
    assert code == 0
    assert "checks passed" in out


def test_restore_refuses_a_file_that_is_not_a_backup(
    dbfile: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    junk = tmp_path / "planilha.csv"
    junk.write_text("a;b\n1;2\n", encoding="utf-8")
    before = business_data(dbfile)
    code, _out, err = run(capsys, "--db", str(dbfile), "--user", "dono", "restore", str(junk))
    assert code == 1
    assert "not a bodesk backup" in err
    assert business_data(dbfile) == before
    assert junk.read_text(encoding="utf-8") == "a;b\n1;2\n"


def test_a_text_file_is_not_opened(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = tmp_path / "notes.txt"
    text.write_text("hello", encoding="utf-8")
    code, _out, err = run(capsys, "--db", str(text), "check")
    assert code == 1
    assert "is not a bodesk database" in err
    assert text.read_text(encoding="utf-8") == "hello"


def test_demo_fills_an_empty_database_once(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "demo.sqlite"
    code, out, err = run(capsys, "--db", str(path), "demo", "--size", "small", "--seed", "3")
    assert code == 0, err
    assert "dono" in out
    code, _out, err = run(capsys, "--db", str(path), "demo", "--size", "small")
    assert code == 1
    assert "empty database only" in err


def test_db_upgrade_reports_the_schema(dbfile: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _err = run(capsys, "--db", str(dbfile), "db", "upgrade")
    assert code == 0
    assert f"schema already at {HEAD}" in out


def test_messages_follow_the_language(
    dbfile: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("BODESK_LANG", "pt_BR")
    monkeypatch.setenv("BODESK_PASSWORD", "errada-errada")
    code, _out, err = run(capsys, "--db", str(dbfile), "--user", "dono", "user", "list")
    assert code == 1
    assert err.strip() == "bodesk: Login ou senha incorretos."


def test_the_console_entry_runs() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "bodesk", "--version"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0
    assert result.stdout.startswith("bodesk ")
