"""The command line tried as a newcomer would: a mistyped --db creates nothing and is refused with its
path, only init and demo create a database (and leave none when they fail), --db and --user work after
the command too, an unknown BODESK_LANG gives English, and what goes wrong around the database (a busy,
full or damaged one, a bug) is one line that says what to do: never "unexpected error" without the log."""

from __future__ import annotations

import os
import resource
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from bodesk.cli import main
from bodesk.commands import admin
from bodesk.commands import database as database_commands
from bodesk.settings import log_file
from bodesk.store import engine as engine_module
from bodesk.store.opening import open_database
from tests.helpers.busy import IMPATIENT_MS
from tests.helpers.files import damage_table

PW = "segredo-forte-1"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def init(capsys: pytest.CaptureFixture[str], path: Path, *extra: str) -> tuple[int, str, str]:
    return run(
        capsys, "--db", str(path), *extra, "init", "--company", "Bebidas Sul", "--tax-id", "11.222.333/0001-81",
        "--admin", "dono",
    )  # fmt: skip


@pytest.fixture
def dbfile(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Path:
    path = tmp_path / "cli.sqlite"
    monkeypatch.setenv("BODESK_PASSWORD", PW)
    assert init(capsys, path)[0] == 0
    return path


@pytest.mark.parametrize(
    "command",
    [
        ["check"],
        ["db", "upgrade"],
        ["--user", "dono", "user", "list"],
        ["--user", "dono", "backup", "-o", "x.sqlite"],
    ],
    ids=["check", "db-upgrade", "user-list", "backup"],
)
def test_a_mistyped_db_is_refused_with_its_path_and_creates_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    monkeypatch.setenv("BODESK_PASSWORD", PW)
    monkeypatch.chdir(tmp_path)
    typo = tmp_path / "Documetos" / "bodesk.sqlite"
    code, out, err = run(capsys, "--db", str(typo), *command)
    assert code == 1, err
    assert err.startswith(f"bodesk: There is no bodesk database at {typo}.") and "bodesk init" in err
    assert not out
    assert list(tmp_path.iterdir()) == []


def test_an_empty_file_is_refused_untouched(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    empty = tmp_path / "empty.sqlite"
    empty.touch()
    code, _out, err = run(capsys, "--db", str(empty), "check")
    assert code == 1 and "There is no bodesk database" in err
    assert empty.read_bytes() == b"" and sorted(p.name for p in tmp_path.iterdir()) == ["empty.sqlite"]


def test_a_database_without_a_company_is_explained_and_fails_its_check(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "bare.sqlite"
    open_database(f"sqlite:///{path}").dispose()  # what an abandoned first run of an older bodesk left
    monkeypatch.setenv("BODESK_PASSWORD", PW)
    code, _out, err = run(capsys, "--db", str(path), "--user", "dono", "user", "list")
    assert code == 1 and "holds no company yet" in err and "bodesk init" in err
    code, out, _err = run(capsys, "--db", str(path), "check")
    assert code == 1
    assert "2 of" in out and "holds no company yet" in out and "holds no user yet" in out


def test_a_failed_demo_leaves_no_file_and_an_interrupted_init_neither(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def interrupted(*_args: Any, **_kwargs: Any) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(admin, "load_demo", interrupted)
    code, _out, _err = run(capsys, "--db", str(tmp_path / "a" / "demo.sqlite"), "demo")
    assert code == 130
    monkeypatch.setattr(admin, "set_up_company", interrupted)
    monkeypatch.setenv("BODESK_PASSWORD", PW)
    assert init(capsys, tmp_path / "b" / "new.sqlite")[0] == 130
    assert list(tmp_path.iterdir()) == []


def test_the_shared_options_are_taken_after_the_command_too(
    dbfile: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    copy = tmp_path / "copy.sqlite"
    code, out, err = run(capsys, "backup", "--db", str(dbfile), "--user", "dono", "-o", str(copy))
    assert code == 0, err
    assert copy.is_file()
    monkeypatch.setenv("BODESK_NEW_PASSWORD", "senha-da-ana-1")
    code, _out, err = run(
        capsys, "--db", str(dbfile), "user", "add", "ana", "--role", "sales", "--user", "dono"
    )
    assert code == 0, err
    code, out, _err = run(capsys, "--db", "/nowhere/x.sqlite", "--user", "nobody", "user", "list", "--db", str(dbfile), "--user", "dono")  # fmt: skip
    assert code == 0 and "ana" in out  # given after the command, they win


@pytest.mark.parametrize(("setting", "expected"), [("fr", "en"), ("klingon", "en"), ("pt-BR", "pt_BR")])
def test_an_unknown_language_gives_english(
    dbfile: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    setting: str,
    expected: str,
) -> None:
    monkeypatch.setenv("BODESK_LANG", setting)
    monkeypatch.setenv("BODESK_PASSWORD", "errada-errada")
    _code, _out, err = run(capsys, "--db", str(dbfile), "--user", "dono", "user", "list")
    wanted = {"en": "Wrong login or password.", "pt_BR": "Login ou senha incorretos."}[expected]
    assert err.strip() == f"bodesk: {wanted}"


def test_a_bug_names_the_log_file(
    dbfile: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def broken(*_args: Any) -> list[Any]:
        raise RuntimeError("a bug")

    monkeypatch.setattr(database_commands, "run_checks", broken)
    code, _out, err = run(capsys, "--db", str(dbfile), "check")
    assert code == 70
    assert str(log_file()) in err
    assert "RuntimeError: a bug" in log_file().read_text(encoding="utf-8")


def test_a_write_kept_waiting_by_another_desk_is_one_line(
    dbfile: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(engine_module, "BUSY_TIMEOUT_MS", IMPATIENT_MS)
    monkeypatch.setenv("BODESK_NEW_PASSWORD", "senha-da-ana-1")
    other_desk = sqlite3.connect(dbfile, isolation_level=None)
    try:
        other_desk.execute("BEGIN IMMEDIATE")
        code, _out, err = run(
            capsys, "--db", str(dbfile), "--user", "dono", "user", "add", "ana", "--role", "sales"
        )
    finally:
        other_desk.rollback()
        other_desk.close()
    assert code == 1
    assert err.startswith("bodesk: Another desk is saving a large change") and "Try again in a moment" in err
    assert "ana" not in run(capsys, "--db", str(dbfile), "--user", "dono", "user", "list")[1]


def test_a_full_disk_during_demo_says_so_and_leaves_no_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """SQLite's own "database or disk is full", reached with a page limit on every connection."""
    plain = engine_module._on_sqlite_connect

    def small_disk(dbapi_connection: Any, record: Any) -> None:
        plain(dbapi_connection, record)
        dbapi_connection.execute("PRAGMA max_page_count = 400")

    monkeypatch.setattr(engine_module, "_on_sqlite_connect", small_disk)
    path = tmp_path / "demo" / "demo.sqlite"
    code, _out, err = run(capsys, "--db", str(path), "demo", "--size", "small")
    assert code == 1
    assert err.startswith(f"bodesk: The disk holding {path} is full: nothing was saved."), err
    assert list(tmp_path.iterdir()) == []


def _write_limit(limit: int) -> None:
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, resource.getrlimit(resource.RLIMIT_FSIZE)[1]))


def test_a_really_full_disk_during_demo_is_a_message(tmp_path: Path) -> None:
    """A child process that may not write past 2 MiB (RLIMIT_FSIZE, SIGXFSZ ignored: writes fail)."""
    path = tmp_path / "demo.sqlite"
    result = subprocess.run(
        [sys.executable, "-m", "bodesk", "--db", str(path), "demo", "--size", "small"],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
        env={**os.environ, "BODESK_LANG": "en"},
        preexec_fn=lambda: _write_limit(2 * 1024 * 1024),
    )
    assert result.returncode == 1, result.stderr
    assert "nothing was saved" in result.stderr.lower() and "unexpected" not in result.stderr
    assert not path.exists()


def test_check_reports_a_damaged_page_instead_of_failing(
    dbfile: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    damage_table(dbfile, "users")
    code, out, err = run(capsys, "--db", str(dbfile), "check")
    assert code == 1, err
    assert "[FAILED] Database file integrity" in out
    assert "damaged" in out and "checks failed" in out


def test_restore_refuses_an_empty_database_and_says_what_it_restores(
    dbfile: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = tmp_path / "vazio.sqlite"
    open_database(f"sqlite:///{empty}").dispose()
    code, _out, err = run(capsys, "--db", str(dbfile), "--user", "dono", "restore", str(empty))
    assert code == 1 and "holds no company" in err
    copy = tmp_path / "copy.sqlite"
    assert run(capsys, "--db", str(dbfile), "--user", "dono", "backup", "-o", str(copy))[0] == 0
    code, out, err = run(capsys, "--db", str(dbfile), "--user", "dono", "restore", str(copy))
    assert code == 0, err
    assert "company “Bebidas Sul”, 1 user, last activity " in out
    assert len(out.strip().splitlines()) == 1
