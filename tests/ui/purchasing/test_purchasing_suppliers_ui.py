"""The suppliers screen: add and edit by typing, refusals inline, prices through the product type-ahead."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from bodesk.domain.access.actor import Actor
from bodesk.domain.purchasing.models import Supplier, SupplierProduct
from bodesk.store.engine import Database
from bodesk.ui.purchasing.supplier_dialogs import SupplierDialog, SupplierPriceDialog
from bodesk.ui.purchasing.suppliers import SuppliersView
from tests.builders.purchasing import Scene, make_order, tax_id
from tests.helpers.qt import ShownMessages, click, click_row, column_texts

D = Decimal
NAME = 0


@pytest.fixture
def view(db: Database, owner: Actor, scene: Scene, show: Callable[[QWidget], Any]) -> SuppliersView:
    return show(SuppliersView(db, owner))


def suppliers(db: Database) -> list[Supplier]:
    with db.read() as session:
        return list(session.execute(select(Supplier).order_by(Supplier.id)).scalars())


def type_in(qtbot: QtBot, widget: QWidget, text: str) -> None:
    qtbot.keyClicks(widget, text)
    qtbot.keyClick(widget, Qt.Key.Key_Return)


def test_add_a_supplier_by_typing(
    qtbot: QtBot, db: Database, view: SuppliersView, shown: ShownMessages
) -> None:
    click(qtbot, view.new_button)
    dialog = view.dialog
    assert isinstance(dialog, SupplierDialog) and not dialog.ok_button.isEnabled()
    type_in(qtbot, dialog.name, "Cervejaria Sul Ltda.")
    assert dialog.focusWidget() is dialog.trade_name
    type_in(qtbot, dialog.trade_name, "Sul")
    type_in(qtbot, dialog.tax_id, "20.000.003/0001-" + tax_id(3)[-2:])
    type_in(qtbot, dialog.contact_name, "Rogerio")
    type_in(qtbot, dialog.email, "vendas@sul.com.br")
    click(qtbot, dialog.ok_button)
    qtbot.waitUntil(lambda: view.dialog is None)
    assert shown.errors == []
    assert suppliers(db)[-1].tax_id == tax_id(3)
    assert view.value(view.selected_row(), "name") == "Cervejaria Sul Ltda."  # type: ignore[arg-type]
    assert view.prices.supplier_id == suppliers(db)[-1].id
    assert "no prices yet" in view.prices.empty_label.text()


def test_a_wrong_cnpj_and_email_are_shown_under_their_fields(
    qtbot: QtBot, db: Database, view: SuppliersView
) -> None:
    before = len(suppliers(db))
    click(qtbot, view.new_button)
    dialog = view.dialog
    assert isinstance(dialog, SupplierDialog)
    type_in(qtbot, dialog.name, "Outro")
    type_in(qtbot, dialog.tax_id, tax_id(1))
    dialog.email.setText("vendas@")
    click(qtbot, dialog.ok_button)
    assert "already has the tax id" in dialog.form.error("tax_id")
    assert "is not an e-mail address" in dialog.form.error("email")
    assert dialog.isVisible() and len(suppliers(db)) == before


def test_add_a_price_through_the_type_ahead(
    qtbot: QtBot, db: Database, scene: Scene, view: SuppliersView
) -> None:
    assert view.select_id(scene.serra)
    assert column_texts(view.prices.table, 1) == ["Água Mineral 500 mL"]
    click(qtbot, view.prices.add_price_button)
    dialog = view.prices.dialog
    assert isinstance(dialog, SupplierPriceDialog)
    type_in(qtbot, dialog.product, "suco")  # Enter picks the product and moves on
    assert dialog.choice is not None and dialog.choice.sku == "SUCO"
    assert dialog.packaging.currentText() == "Caixa 6 (6 un)"
    type_in(qtbot, dialog.packaging, "")
    type_in(qtbot, dialog.price, "32,5")
    click(qtbot, dialog.ok_button)
    assert "is not a number" in dialog.form.error("package_price")
    dialog.price.setText("32.50")
    dialog.preferred.setChecked(True)
    click(qtbot, dialog.ok_button)
    qtbot.waitUntil(lambda: view.prices.dialog is None)
    with db.read() as session:
        row = session.execute(
            select(SupplierProduct).where(SupplierProduct.product_id == scene.juice.id)
        ).scalar_one()
    assert (row.supplier_id, row.package_price, row.packaging_id, row.preferred) == (
        scene.serra,
        D("32.5000"),
        scene.juice.case_id,
        True,
    )
    assert sorted(column_texts(view.prices.table, 1)) == ["Suco de Uva 1 L", "Água Mineral 500 mL"]


def test_edit_and_remove_a_price(
    qtbot: QtBot, db: Database, scene: Scene, view: SuppliersView, shown: ShownMessages
) -> None:
    view.select_id(scene.serra)
    click_row(qtbot, view.prices.table, 0, double=True)
    dialog = view.prices.dialog
    assert isinstance(dialog, SupplierPriceDialog) and dialog.price.text() == "19.50"
    dialog.price.selectAll()
    qtbot.keyClicks(dialog.price, "20.10")
    click(qtbot, dialog.ok_button)
    qtbot.waitUntil(lambda: view.prices.dialog is None)
    assert column_texts(view.prices.table, 5) == ["20.10"]
    click_row(qtbot, view.prices.table, 0)
    click(qtbot, view.prices.remove_price_button)
    assert "no longer sells" in shown.questions[0]
    assert view.prices.model.total() == 0


def test_archive_asks_about_open_orders_and_the_filter_hides_it(
    qtbot: QtBot, db: Database, owner: Actor, scene: Scene, view: SuppliersView, shown: ShownMessages
) -> None:
    make_order(db, owner, scene.vale, scene.warehouse, (scene.water, 1, None))
    view.refresh()
    view.select_id(scene.vale)
    assert view.archive_button.text() == "Archive"
    shown.answer = False
    click(qtbot, view.archive_button)
    assert "open purchase orders (1)" in shown.questions[0]
    assert all(s.active for s in suppliers(db))
    shown.answer = True
    click(qtbot, view.archive_button)
    assert not suppliers(db)[0].active
    assert column_texts(view.table, NAME) == ["Águas Serra Azul S.A."]
    view.open_supplier(scene.vale)
    assert view.value(view.selected_row(), "name") == "Bebidas do Vale Ltda."  # type: ignore[arg-type]
    assert view.archive_button.text() == "Restore"


def test_models_pass_the_model_tester(
    qtbot: QtBot, scene: Scene, view: SuppliersView, qtmodeltester: Any
) -> None:
    qtmodeltester.check(view.model)
    view.select_id(scene.vale)
    qtmodeltester.check(view.prices.model)
