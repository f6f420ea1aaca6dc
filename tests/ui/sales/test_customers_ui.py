"""The customers list and form: a customer added with its addresses, delivery days and credit, a
segment added from its combo, a taken tax id refused under its field, blocked with a reason and
unblocked, archived."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from pytestqt.qtbot import QtBot

from bodesk.domain.access.actor import Actor
from bodesk.domain.sales.lookups import customer_record
from bodesk.store.engine import Database
from bodesk.ui.sales.common import ReasonDialog
from bodesk.ui.sales.customer_dialog import CustomerDialog
from bodesk.ui.sales.customers import CustomersView
from bodesk.ui.sales.references import NameDialog
from tests.builders.sales import customer_tax_id, make_customer
from tests.helpers.qt import ShownMessages, column_texts


def test_a_customer_is_added_blocked_unblocked_and_archived(
    qtbot: QtBot, db: Database, owner: Actor, show: Callable[..., Any], shown: ShownMessages
) -> None:
    taken = make_customer(db, owner, 1, "Mercado Central Ltda.")
    view: CustomersView = show(CustomersView(db, owner))
    view.add_customer()
    dialog = view.dialog
    assert isinstance(dialog, CustomerDialog)
    dialog.name.setText("Bar do Porto Ltda.")
    dialog.tax_id.setText(customer_tax_id(1))
    dialog.accept()
    assert "Mercado" in dialog.form.error("tax_id") and dialog.isVisible()

    dialog.tax_id.setText(customer_tax_id(2))
    dialog.code.setText("bp-1")
    dialog.billing["city"].setProperty("text", "Santos")
    dialog.delivery_note.setText("Entregar até as 10h")
    dialog.weekdays.boxes[0].setChecked(True)
    dialog.weekdays.boxes[2].setChecked(True)
    dialog.credit_limit.setText("1500")
    dialog.contacts.setPlainText("Rui; dono; 13 99999-0000")
    dialog.segment.open_add()
    adding = dialog.segment.dialog
    assert isinstance(adding, NameDialog)
    adding.name.setText("Bares")
    adding.accept()
    assert dialog.segment.combo.currentText() == "Bares"
    dialog.accept()
    assert not dialog.isVisible() and shown.texts() == []
    new_id = view.selected_id()
    assert new_id is not None and new_id != taken
    record = customer_record(db, owner, new_id)
    assert (record.code, record.data.billing.city, record.data.delivery_weekdays) == ("BP-1", "Santos", "13")
    assert record.data.credit_limit == Decimal(1500) and record.data.contacts[0].role == "dono"
    assert record.data.segment_id is not None

    view.toggle_blocked()
    blocking = view.dialog
    assert isinstance(blocking, ReasonDialog)
    blocking.reason.setText("cheque devolvido")
    blocking.accept()
    assert customer_record(db, owner, new_id).block_reason == "cheque devolvido"
    assert view.block_button.text() == "Unblock"
    view.toggle_blocked()
    assert not customer_record(db, owner, new_id).blocked
    view.toggle_active()
    assert not customer_record(db, owner, new_id).active
    assert column_texts(view.table, 1) == ["Mercado Central Ltda."]
