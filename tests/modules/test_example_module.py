"""A module written outside bodesk's own files registers itself and appears everywhere a module's parts
are used: the permissions, the audit labels, the document kinds, `bodesk check` and the CLI's reports;
its document follows the one lifecycle."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from bodesk.cli import build_parser, main
from bodesk.domain.access.actor import Actor
from bodesk.domain.access.permissions import Role, is_allowed
from bodesk.domain.common.lifecycle import FrozenDocument
from bodesk.domain.common.postings import describe
from bodesk.domain.registry import audit_action_label, permissions, reports
from bodesk.store.check import run_checks
from bodesk.store.engine import Database
from tests.builders.access import PASSWORD
from tests.modules.example_module import VOUCHERS, Voucher, draft_voucher, post_voucher, register_in_isolation


def _report_choices() -> list[str]:
    parser = build_parser()
    report = next(
        action.choices["report"]  # type: ignore[index]
        for action in parser._actions
        if getattr(action, "choices", None) and "report" in action.choices  # type: ignore[operator]
    )
    names = next(action for action in report._actions if getattr(action, "dest", "") == "name")
    return list(names.choices)  # type: ignore[arg-type]


def test_before_registering_nothing_knows_it() -> None:
    assert "vouchers" not in reports()
    assert "vouchers" not in _report_choices()
    assert VOUCHERS not in permissions()


def test_a_registered_module_appears_everywhere(
    db: Database,
    owner: Actor,
    db_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    if not db.is_sqlite:
        pytest.skip("the command line part opens the SQLite file")
    register_in_isolation(monkeypatch, db)
    assert VOUCHERS in permissions()
    assert is_allowed(Role.FINANCE, VOUCHERS) and not is_allowed(Role.SALES, VOUCHERS)
    assert audit_action_label("voucher.post") == "Voucher posted"
    assert describe("voucher", 7) == "Voucher 7"
    assert "vouchers" in _report_choices()
    assert "example.vouchers" in [result.name for result in run_checks(db)]

    voucher = draft_voucher(db, owner, Decimal("12.50"))
    assert post_voucher(db, owner, voucher) == 1  # numbered at posting
    with pytest.raises(FrozenDocument), db.write() as session:
        session.get(Voucher, voucher).amount = Decimal(1)  # type: ignore[union-attr]

    monkeypatch.setenv("BODESK_PASSWORD", PASSWORD)
    out = db_path.parent / "vouchers.pdf"
    code = main(["--db", str(db_path), "--user", "dono", "report", "vouchers", "-o", str(out)])
    assert code == 0, capsys.readouterr().err
    assert out.read_bytes().startswith(b"%PDF")
