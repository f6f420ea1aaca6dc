"""The product catalogue screen, driven like a person: type into the product dialog, press Enter to
move on, click the real buttons."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from decimal import Decimal
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from bodesk.domain.access.actor import Actor
from bodesk.domain.search import SearchHit
from bodesk.domain.stock.catalogue import product_data, update_product
from bodesk.domain.stock.lookups import packagings, product_brief
from bodesk.domain.stock.models import Product
from bodesk.store.engine import Database
from bodesk.store.failures import Failure, message
from bodesk.ui.stock.packagings import PackagingDialog
from bodesk.ui.stock.product_dialog import ProductDialog
from bodesk.ui.stock.products import ProductsView
from bodesk.ui.stock.tab import open_product
from tests.builders.shop import WATER_GTIN, Shop, build_shop
from tests.helpers.qt import ShownMessages, click, click_row, column_texts

SKU = 0
GOOD_GTIN = "7891000100103"


@pytest.fixture
def shop(db: Database, owner: Actor) -> Shop:
    return build_shop(db, owner)


@pytest.fixture
def view(db: Database, owner: Actor, shop: Shop, show: Callable[[QWidget], Any]) -> ProductsView:
    return show(ProductsView(db, owner))


def product_count(db: Database) -> int:
    with db.read() as session:
        return int(session.execute(select(func.count()).select_from(Product)).scalar_one())


def type_field(qtbot: QtBot, edit: QLineEdit, text: str) -> None:
    """Type into a field and press Enter, which moves on to the next field."""
    qtbot.keyClicks(edit, text)
    qtbot.keyClick(edit, Qt.Key.Key_Return)


def open_new(qtbot: QtBot, view: ProductsView) -> ProductDialog:
    click(qtbot, view.new_button)
    dialog = view.dialog
    assert isinstance(dialog, ProductDialog)
    qtbot.waitExposed(dialog)
    return dialog


def test_the_model_is_a_well_behaved_qt_model(view: ProductsView, qtmodeltester: Any) -> None:
    qtmodeltester.check(view.model)


def test_add_a_product_by_typing_with_a_wrong_barcode_refused_inline(
    qtbot: QtBot, db: Database, view: ProductsView, shown: ShownMessages
) -> None:
    before = product_count(db)
    dialog = open_new(qtbot, view)
    assert not dialog.ok_button.isEnabled()
    dialog.sku.setFocus()
    type_field(qtbot, dialog.sku, "SUCO-UVA-1L")
    assert dialog.focusWidget() is dialog.name
    type_field(qtbot, dialog.name, "Suco de Uva Integral 1L")
    type_field(qtbot, dialog.gtin, "7891000100104")  # wrong check digit
    assert "not a valid GTIN" in dialog.form.error("gtin")
    assert dialog.focusWidget() is dialog.brand
    click(qtbot, dialog.ok_button)
    assert "not a valid GTIN" in dialog.form.error("gtin")
    assert dialog.isVisible() and product_count(db) == before

    dialog.gtin.selectAll()
    qtbot.keyClicks(dialog.gtin, GOOD_GTIN)
    assert dialog.form.error("gtin") == ""
    qtbot.keyClicks(dialog.brand, "Aurora")
    dialog.category.lineEdit().selectAll()
    qtbot.keyClicks(dialog.category, "Sucos")
    qtbot.keyClicks(dialog.sale_price, "12.90")
    qtbot.keyClicks(dialog.min_stock, "24")
    dialog.shelf_life.setValue(365)
    click(qtbot, dialog.ok_button)
    qtbot.waitUntil(lambda: view.dialog is None)
    assert shown.errors == []
    assert product_count(db) == before + 1
    assert view.value(view.selected_row(), "sku") == "SUCO-UVA-1L"  # type: ignore[arg-type]
    data = product_data(db, view.actor, view.selected_id() or 0)
    assert (data.gtin, data.brand, data.category, data.sale_price, data.min_stock, data.shelf_life_days) == (
        GOOD_GTIN,
        "Aurora",
        "Sucos",
        Decimal("12.90"),
        Decimal("24.000"),
        365,
    )
    assert "Sucos" in [view.category_filter.itemText(i) for i in range(view.category_filter.count())]


def test_enter_goes_through_every_field_of_both_columns_to_the_add_button(
    qtbot: QtBot, db: Database, view: ProductsView
) -> None:
    dialog = open_new(qtbot, view)
    dialog.sku.setFocus()
    for edit, text in (
        (dialog.sku, "AG-1500"),
        (dialog.name, "Água Mineral 1,5 L"),
        (dialog.gtin, ""),
        (dialog.brand, "Serra"),
    ):
        type_field(qtbot, edit, text)
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Return)  # the category
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Return)  # the unit
    type_field(qtbot, dialog.ncm, "22011000")
    assert dialog.focusWidget() is dialog.returnable
    qtbot.keyClick(dialog.returnable, Qt.Key.Key_Return)
    for edit, text in (
        (dialog.cost, "1.20"),
        (dialog.sale_price, "2.50"),
        (dialog.min_stock, "24"),
        (dialog.max_stock, "120"),
    ):
        assert dialog.focusWidget() is edit
        type_field(qtbot, edit, text)
    assert dialog.focusWidget() is dialog.lot_tracked
    qtbot.keyClick(dialog.lot_tracked, Qt.Key.Key_Return)
    assert dialog.focusWidget() is dialog.shelf_life
    qtbot.keyClick(dialog.shelf_life, Qt.Key.Key_Return)
    assert dialog.focusWidget() is dialog.ok_button
    qtbot.keyClick(dialog.ok_button, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.dialog is None)
    data = product_data(db, view.actor, view.selected_id() or 0)
    assert (data.name, data.sale_price, data.min_stock, data.max_stock) == (
        "Água Mineral 1,5 L",
        Decimal("2.50"),
        Decimal("24.000"),
        Decimal("120.000"),
    )


def test_enter_in_an_existing_product_passes_over_the_cost_it_cannot_change(
    qtbot: QtBot, view: ProductsView, shop: Shop
) -> None:
    click_row(qtbot, view.table, column_texts(view.table, SKU).index("AG-500"), double=True)
    dialog = view.dialog
    assert isinstance(dialog, ProductDialog)
    dialog.ncm.setFocus()
    qtbot.keyClick(dialog.ncm, Qt.Key.Key_Return)
    qtbot.keyClick(dialog.returnable, Qt.Key.Key_Return)
    assert dialog.focusWidget() is dialog.sale_price


def test_a_taken_sku_and_a_bad_number_show_under_their_fields(
    qtbot: QtBot, db: Database, view: ProductsView
) -> None:
    before = product_count(db)
    dialog = open_new(qtbot, view)
    qtbot.keyClicks(dialog.sku, "AG-500")
    qtbot.keyClicks(dialog.name, "Outra agua")
    qtbot.keyClicks(dialog.max_stock, "muito")
    click(qtbot, dialog.ok_button)
    assert "not a number" in dialog.more.error("max_stock")
    dialog.max_stock.clear()
    click(qtbot, dialog.ok_button)
    assert "already used" in dialog.form.error("sku")
    assert dialog.isVisible() and product_count(db) == before


def test_a_new_product_comes_with_its_packagings(
    qtbot: QtBot, db: Database, owner: Actor, view: ProductsView
) -> None:
    dialog = open_new(qtbot, view)
    qtbot.keyClicks(dialog.sku, "CV-LT473")
    qtbot.keyClicks(dialog.name, "Cerveja Lata 473ml")
    click(qtbot, dialog.packagings.add_button)
    packaging = dialog.packagings.dialog
    assert isinstance(packaging, PackagingDialog)
    type_field(qtbot, packaging.name, "Fardo 12")
    type_field(qtbot, packaging.units, "12")
    click(qtbot, packaging.ok_button)
    qtbot.waitUntil(lambda: dialog.packagings.dialog is None)
    assert column_texts(dialog.packagings.table, 0) == ["Fardo 12"]
    click(qtbot, dialog.ok_button)
    qtbot.waitUntil(lambda: view.dialog is None)
    assert [(p.name, p.units) for p in packagings(db, owner, view.selected_id() or 0)] == [
        ("Fardo 12", Decimal("12.000"))
    ]


def test_a_packaging_added_to_an_existing_product_is_saved_at_once(
    qtbot: QtBot, db: Database, owner: Actor, view: ProductsView, shop: Shop
) -> None:
    click_row(qtbot, view.table, column_texts(view.table, SKU).index("AG-500"), double=True)
    dialog = view.dialog
    assert isinstance(dialog, ProductDialog)
    click(qtbot, dialog.packagings.add_button)
    packaging = dialog.packagings.dialog
    assert isinstance(packaging, PackagingDialog)
    qtbot.keyClicks(packaging.name, "Caixa 12")
    qtbot.keyClicks(packaging.units, "12")
    click(qtbot, packaging.ok_button)
    assert "already has a packaging" in packaging.form.error("name")
    packaging.name.setText("Fardo 6")
    packaging.units.setText("6")
    click(qtbot, packaging.ok_button)
    qtbot.waitUntil(lambda: dialog.packagings.dialog is None)
    assert [p.name for p in packagings(db, owner, shop.water)] == ["Fardo 6", "Caixa 12"]


def test_edit_by_double_click(qtbot: QtBot, db: Database, view: ProductsView, shop: Shop) -> None:
    click_row(qtbot, view.table, column_texts(view.table, SKU).index("RF-COLA2L"), double=True)
    dialog = view.dialog
    assert isinstance(dialog, ProductDialog)
    assert dialog.sale_price.text() == "9.99"
    dialog.name.selectAll()
    qtbot.keyClicks(dialog.name, "Refrigerante Cola 2 litros")
    click(qtbot, dialog.ok_button)
    qtbot.waitUntil(lambda: view.dialog is None)
    assert product_brief(db, view.actor, shop.cola).name == "Refrigerante Cola 2 litros"


def test_a_save_after_another_desk_changed_the_product_is_refused_and_keeps_what_was_typed(
    qtbot: QtBot,
    db: Database,
    owner: Actor,
    view: ProductsView,
    shop: Shop,
    shown: ShownMessages,
    make_user: Callable[..., Actor],
) -> None:
    click_row(qtbot, view.table, column_texts(view.table, SKU).index("RF-COLA2L"), double=True)
    dialog = view.dialog
    assert isinstance(dialog, ProductDialog)
    other_desk = make_user("manager", login="ana")
    update_product(
        db,
        other_desk,
        shop.cola,
        replace(product_data(db, other_desk, shop.cola), sale_price=Decimal("10.49")),
    )
    dialog.name.selectAll()
    qtbot.keyClicks(dialog.name, "Refrigerante Cola 2 litros")
    click(qtbot, dialog.ok_button)

    assert shown.codes() == ["record.changed_elsewhere"]
    assert "ana changed the product RF-COLA2L" in shown.texts()[0]
    assert dialog.isVisible() and dialog.name.text() == "Refrigerante Cola 2 litros"
    stored = product_data(db, owner, shop.cola)
    assert (stored.name, stored.sale_price, stored.version) == ("Refrigerante Cola 2L", Decimal("10.49"), 2)


def test_archive_asks_when_there_is_stock_then_restore(
    qtbot: QtBot, db: Database, owner: Actor, view: ProductsView, shop: Shop, shown: ShownMessages
) -> None:
    click_row(qtbot, view.table, column_texts(view.table, SKU).index("AG-500"))
    shown.answer = False
    click(qtbot, view.archive_button)
    assert len(shown.questions) == 1 and "350" in shown.questions[0]
    assert product_brief(db, owner, shop.water).active
    shown.answer = True
    click(qtbot, view.archive_button)
    assert not product_brief(db, owner, shop.water).active
    assert "AG-500" not in column_texts(view.table, SKU)
    view.status_filter.setCurrentIndex(view.status_filter.findData("archived"))
    assert column_texts(view.table, SKU) == ["AG-500", "CV-LN600"]
    click_row(qtbot, view.table, column_texts(view.table, SKU).index("AG-500"))
    assert view.archive_button.text() == "Restore"
    click(qtbot, view.archive_button)
    assert product_brief(db, owner, shop.water).active


def test_search_and_filters(qtbot: QtBot, view: ProductsView, shop: Shop) -> None:
    qtbot.keyClicks(view.search, "cerveja")
    qtbot.waitUntil(lambda: column_texts(view.table, SKU) == ["CV-LT350"])
    view.search.clear()
    qtbot.waitUntil(lambda: len(column_texts(view.table, SKU)) == 4)
    view.search.setText(WATER_GTIN)
    qtbot.waitUntil(lambda: column_texts(view.table, SKU) == ["AG-500"])
    view.search.clear()
    qtbot.waitUntil(lambda: len(column_texts(view.table, SKU)) == 4)
    view.brand_filter.setCurrentIndex(view.brand_filter.findData("Skol"))
    assert column_texts(view.table, SKU) == ["CV-LT350"]
    view.brand_filter.setCurrentIndex(0)
    view.below_minimum.setChecked(True)
    assert column_texts(view.table, SKU) == []
    assert "No product matches" in view.empty_label.text()


def test_ctrl_k_opens_the_product(view: ProductsView, shop: Shop) -> None:
    class Navigator:
        def show_view(self, tab_key: str, sub_key: str | None = None) -> QWidget | None:
            assert (tab_key, sub_key) == ("stock", "products")
            return view

        def run_command(self, name: str) -> None:
            raise AssertionError(name)

    view.search.setText("no such thing")
    view.model.set_search("no such thing")
    open_product(Navigator(), SearchHit("product", shop.cola, "Refrigerante Cola 2L"))
    assert view.value(view.selected_row(), "sku") == "RF-COLA2L"  # type: ignore[arg-type]
    assert isinstance(view.dialog, ProductDialog) and view.dialog.product_id == shop.cola


def test_people_who_only_see_stock_cannot_add(
    db: Database, make_user: Callable[..., Actor], shop: Shop, show: Callable[[QWidget], Any]
) -> None:
    view = show(ProductsView(db, make_user("sales")))
    assert not view.new_button.isVisible() and not view.archive_button.isVisible()
    view.new_product()
    assert view.dialog is None


def test_an_empty_catalogue_says_what_to_do(
    db: Database, owner: Actor, show: Callable[[QWidget], Any]
) -> None:
    view = show(ProductsView(db, owner))
    assert view.stack.currentWidget() is view.empty_label
    assert "Ctrl+N" in view.empty_label.text()


def test_a_product_typed_while_the_server_is_away_stays_in_the_dialog(
    qtbot: QtBot, view: ProductsView, db: Database, shown: ShownMessages, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = product_count(db)
    dialog = open_new(qtbot, view)
    dialog.sku.setFocus()
    type_field(qtbot, dialog.sku, "SUCO-UVA-1L")
    type_field(qtbot, dialog.name, "Suco de Uva Integral 1L")

    def away(*_args: object) -> int:
        raise message(Failure.UNREACHABLE, db.describe())

    monkeypatch.setattr("bodesk.ui.stock.product_dialog.create_product", away)
    click(qtbot, dialog.ok_button)

    assert shown.codes() == ["store.unreachable"]
    assert "cannot be reached" in shown.texts()[0]
    assert dialog.isVisible()
    assert (dialog.sku.text(), dialog.name.text()) == ("SUCO-UVA-1L", "Suco de Uva Integral 1L")
    monkeypatch.undo()  # the server is back: the same OK saves what was typed
    click(qtbot, dialog.ok_button)
    assert not dialog.isVisible() and product_count(db) == before + 1
