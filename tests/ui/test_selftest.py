"""`bodesk --self-test` passes on a working installation and says so."""

from __future__ import annotations

import os

import pytest

from bodesk.ui.selftest import OK_LINE, self_test


def test_the_self_test_passes(qapp: object, capsys: pytest.CaptureFixture[str]) -> None:
    home = os.environ["BODESK_HOME"]
    steps: list[str] = []
    assert self_test(steps.append) == 0
    assert capsys.readouterr().out.strip().endswith(OK_LINE)
    assert "view admin/audit rendered" in steps
    assert os.environ["BODESK_HOME"] == home


def test_the_self_test_reports_a_failure(
    qapp: object, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("bodesk.ui.selftest._translations_present", lambda _language: False)
    assert self_test() == 1
    assert "FAILED: the Portuguese translations are missing" in capsys.readouterr().err
