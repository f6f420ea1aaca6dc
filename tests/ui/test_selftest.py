"""`bodesk --self-test` passes on a working installation and says so."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from bodesk.ui.platform_check import display_plugin_problem
from bodesk.ui.selftest import OK_LINE, self_test


def test_the_self_test_passes(qapp: object, capsys: pytest.CaptureFixture[str]) -> None:
    home = os.environ["BODESK_HOME"]
    steps: list[str] = []
    assert self_test(steps.append) == 0
    assert capsys.readouterr().out.strip().endswith(OK_LINE)
    assert "view admin/audit rendered" in steps
    assert "report written and drawn" in steps
    assert os.environ["BODESK_HOME"] == home


def test_the_self_test_reports_a_failure(
    qapp: object, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("bodesk.ui.selftest._translations_present", lambda _language: False)
    assert self_test() == 1
    assert "FAILED: the Portuguese translations are missing" in capsys.readouterr().err


def test_the_self_test_fails_when_the_display_plugin_cannot_load(
    qapp: object, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    broken = tmp_path / "libqxcb.so"
    broken.write_bytes(b"not a shared library")
    monkeypatch.setattr("bodesk.ui.platform_check.display_plugin", lambda: broken)
    assert self_test() == 1
    err = capsys.readouterr().err
    assert "FAILED: Qt's display plugin libqxcb.so cannot load" in err
    assert "scripts/run.sh installs the libraries it needs" in err


def test_the_real_display_plugin_loads_here() -> None:
    assert display_plugin_problem() is None
    assert display_plugin_problem(Path("/nonexistent/libqxcb.so")) == (
        "Qt's display plugin libqxcb.so is missing from this installation."
    )
