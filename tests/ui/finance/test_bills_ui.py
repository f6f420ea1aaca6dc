"""Bill receipts… as a person does it: the supplier, the receipt ticked, the supplier's invoice number,
then the boleto typed into the installment (read at once: valid, its amount and due date) or mistyped
(the field says what is wrong); Save and post posts the bill with the boleto on its installment."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from bodesk.domain.access.actor import Actor
from bodesk.domain.finance.boleto import barcode_check_digit, boleto_line_from_barcode, due_factor
from bodesk.domain.finance.document_models import Bill, OpenItem
from bodesk.store.engine import Database
from bodesk.ui.finance.bill_dialogs import BillDialog
from bodesk.ui.finance.bills import BillsView
from tests.builders.purchasing import build_scene, receive, sent_order
from tests.helpers.qt import ShownMessages

D = Decimal


def boleto_for(amount: Decimal, due: date) -> str:
    without = f"0019{due_factor(due):04d}{int(amount * 100):010d}0500940144816060680935031"
    return boleto_line_from_barcode(without[:4] + str(barcode_check_digit(without)) + without[4:])


def test_a_boleto_typed_in_the_bill_dialog(
    qtbot: QtBot, db: Database, owner: Actor, show: Callable[..., Any], shown: ShownMessages
) -> None:
    scene = build_scene(db, owner)
    order_id = sent_order(db, owner, scene.vale, scene.warehouse, (scene.water, 2, "18.90"))
    receive(db, owner, order_id, [24])
    view: BillsView = show(BillsView(db, owner))
    assert view.model.total() == 0
    view.new_bill()
    dialog = view.dialog
    assert isinstance(dialog, BillDialog)
    qtbot.waitExposed(dialog)
    dialog.supplier.setCurrentIndex(dialog.supplier.findData(scene.vale))
    assert dialog.receipts.rowCount() == 1
    dialog.receipts.item(0, 0).setCheckState(Qt.CheckState.Checked)
    assert len(dialog.lines) == 1 and dialog.ok_button.isEnabled()
    qtbot.keyClicks(dialog.reference, "NF 4321")
    installments = dialog.installments
    assert installments.amounts[0].text() == "37.80"

    due = date.today() + timedelta(days=20)
    line = boleto_for(D("37.80"), due)
    qtbot.keyClicks(installments.boletos[0], line[:-1] + "9")  # the amount's last digit mistyped
    assert installments.statuses[0].property("valid") is False
    assert "check digit" in installments.statuses[0].text()
    installments.boletos[0].clear()
    qtbot.keyClicks(installments.boletos[0], line)
    assert installments.statuses[0].property("valid") is True
    assert "37.80" in installments.statuses[0].text()
    assert installments.dues[0].date().toPython() == due  # the boleto's due date suggested

    dialog.ok_button.click()
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert shown.errors == []
    with db.read() as session:
        bill = session.execute(select(Bill)).scalar_one()
        item = session.execute(select(OpenItem)).scalar_one()
        assert (bill.status, bill.number, bill.reference) == ("posted", 1, "NF 4321")
        assert (item.amount, item.due_on, item.boleto) == (
            D("37.80"), due, "".join(ch for ch in line if ch.isdigit()),
        )  # fmt: skip
    qtbot.waitUntil(lambda: view.model.total() == 1)
