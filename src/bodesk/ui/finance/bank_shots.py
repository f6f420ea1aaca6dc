"""The banking screens for `bodesk screenshots`: the bank accounts and the Transfer… dialog, the
statements with the lines of the newest and the Import… dialog on a statement of the demo's bank, and
the Reconcile view with the suggestions of a line, the payment and the entry a line may create."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog, QWidget

if TYPE_CHECKING:
    from bodesk.ui.mainwindow import MainWindow
    from bodesk.ui.screenshots import Camera

SAMPLE = """OFXHEADER:100
DATA:OFXSGML
VERSION:102
CHARSET:1252

<OFX><BANKMSGSRSV1><STMTTRNRS><STMTRS><CURDEF>BRL
<BANKACCTFROM><BANKID>001<BRANCHID>1234-5<ACCTID>12345-6<ACCTTYPE>CHECKING</BANKACCTFROM>
<BANKTRANLIST><DTSTART>20261101<DTEND>20261130
<STMTTRN><TRNTYPE>CREDIT<DTPOSTED>20261103<TRNAMT>1530.00<FITID>SHOT1<NAME>PIX RECEBIDO<MEMO>MERCADO BOM PRECO</STMTTRN>
<STMTTRN><TRNTYPE>DEBIT<DTPOSTED>20261105<TRNAMT>-89.90<FITID>SHOT2<NAME>TARIFA PACOTE SERVICOS</STMTTRN>
<STMTTRN><TRNTYPE>DEBIT<DTPOSTED>20261110<TRNAMT>-4200.00<FITID>SHOT3<NAME>PAGTO BOLETO<MEMO>DISTRIBUIDORA</STMTTRN>
<STMTTRN><TRNTYPE>CREDIT<TRNAMT>75.00<FITID>SHOT4<NAME>PIX RECEBIDO</STMTTRN>
</BANKTRANLIST></STMTRS></STMTTRNRS></BANKMSGSRSV1></OFX>
"""


def _shoot(camera: Camera, name: str, dialog: QWidget | None) -> None:
    if isinstance(dialog, QDialog):
        camera.shoot(name, dialog)
        dialog.reject()


def bank_shots(camera: Camera, window: MainWindow) -> None:
    from bodesk.ui.finance.bank_accounts import BankAccountsView
    from bodesk.ui.finance.bank_statements import StatementsView
    from bodesk.ui.finance.reconcile import ReconcileView

    accounts = window.show_view("finance", "bank_accounts")
    if isinstance(accounts, BankAccountsView):
        accounts.refresh()  # the view itself is shot as finance-bank_accounts with every sub-view
        accounts.transfer()
        _shoot(camera, "finance-transfer-dialog", accounts.dialog)
    statements = window.show_view("finance", "statements")
    if isinstance(statements, StatementsView):
        statements.refresh()
        with tempfile.TemporaryDirectory() as folder:
            sample = Path(folder) / "extrato-bb-2026-11.ofx"
            sample.write_text(SAMPLE, encoding="cp1252")
            statements.open_file(sample)
            _shoot(camera, "finance-statement-import-dialog", statements.dialog)
    reconcile = window.show_view("finance", "reconcile")
    if isinstance(reconcile, ReconcileView):
        reconcile.refresh()
        with_suggestions = next(
            (row for row in range(reconcile.lines.rowCount()) if _has_suggestions(reconcile, row)), 0
        )
        reconcile.lines.selectRow(with_suggestions)
        reconcile.to_suggestions()
        camera.shoot("finance-reconcile-suggestions", window)
        fee = next((row for row in range(len(reconcile.rows)) if reconcile.rows[row].amount < 0), None)
        if fee is not None:
            reconcile.lines.selectRow(fee)
            reconcile.create_entry()
            _shoot(camera, "finance-reconcile-entry-dialog", reconcile.dialog)
        credit = next((row for row in range(len(reconcile.rows)) if reconcile.rows[row].amount > 0), None)
        if credit is not None:
            reconcile.lines.selectRow(credit)
            reconcile.create_payment()
            _shoot(camera, "finance-reconcile-payment-dialog", reconcile.dialog)


def _has_suggestions(view: QWidget, row: int) -> bool:
    from bodesk.ui.finance.reconcile import ReconcileView

    assert isinstance(view, ReconcileView)
    view.lines.selectRow(row)
    return any(found.distance <= 3 and found.amount == view.rows[row].amount for found in view.candidates)
