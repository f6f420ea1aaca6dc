"""The form pattern: inline errors under fields, Enter moves on, OK only when confirm() succeeds."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QLabel, QLineEdit, QSpinBox
from pytestqt.qtbot import QtBot

from bodesk.domain.common.errors import ConfirmableWarning, UserError, ValidationError
from bodesk.ui.widgets.forms import FormDialog
from tests.helpers.qt import ShownMessages, click


class ProductDialog(FormDialog):
    """A small form: a code that must not be "bad", a name, a quantity and a unit."""

    def __init__(self) -> None:
        super().__init__(None, "Product", "Save")
        self.code = QLineEdit()
        self.name = QLineEdit()
        self.quantity = QSpinBox()
        self.unit = QComboBox()
        self.unit.addItems(["case", "bottle"])
        self.form.add_field("code", "Code", self.code, "Letters and digits")
        self.form.add_field("name", "Name", self.name)
        self.form.add_field("quantity", "Quantity", self.quantity)
        self.form.add_field("unit", "Unit", self.unit)
        self.saved: list[str] = []
        self.raise_next: Exception | None = None

    def can_confirm(self) -> bool:
        return bool(self.code.text())

    def confirm(self) -> None:
        if self.raise_next is not None:
            error, self.raise_next = self.raise_next, None
            raise error
        if self.code.text() == "bad":
            raise ValidationError.single("code", "That code is taken.")
        if self.code.text() == "warn" and "cheap" not in self.confirmed:
            raise ConfirmableWarning("cheap", "The price is below cost. Save anyway?")
        self.saved.append(self.code.text())


@pytest.fixture
def dialog(qtbot: QtBot) -> ProductDialog:
    window = ProductDialog()
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    return window


def test_ok_is_enabled_only_when_the_form_can_be_confirmed(qtbot: QtBot, dialog: ProductDialog) -> None:
    assert not dialog.ok_button.isEnabled()
    qtbot.keyClicks(dialog.code, "A1")
    assert dialog.ok_button.isEnabled()
    assert dialog.ok_button.text() == "Save"


def test_a_refused_field_shows_its_message_under_it_and_keeps_the_dialog(
    qtbot: QtBot, dialog: ProductDialog
) -> None:
    qtbot.keyClicks(dialog.name, "Guarana")
    qtbot.keyClicks(dialog.code, "bad")
    click(qtbot, dialog.ok_button)
    assert dialog.form.error("code") == "That code is taken."
    error_label = dialog.form.findChild(QLabel, "error_code")
    assert error_label is not None and error_label.isVisible()
    assert dialog.isVisible() and dialog.result() == 0
    assert dialog.focusWidget() is dialog.code
    assert dialog.saved == []

    qtbot.keyClick(dialog.code, Qt.Key.Key_Backspace)  # the wrong text was selected: editing clears the error
    assert dialog.form.error("code") == ""
    assert dialog.code.text() == ""
    qtbot.keyClicks(dialog.code, "good")
    with qtbot.waitSignal(dialog.accepted):
        click(qtbot, dialog.ok_button)
    assert dialog.saved == ["good"]


def test_enter_moves_to_the_next_field_instead_of_submitting(qtbot: QtBot, dialog: ProductDialog) -> None:
    dialog.code.setFocus()
    qtbot.keyClicks(dialog.code, "A1")
    qtbot.keyClick(dialog.code, Qt.Key.Key_Return)
    assert dialog.focusWidget() is dialog.name
    qtbot.keyClick(dialog.name, Qt.Key.Key_Enter, Qt.KeyboardModifier.KeypadModifier)
    assert dialog.focusWidget() is dialog.quantity
    qtbot.keyClick(dialog.quantity, Qt.Key.Key_Return)
    assert dialog.focusWidget() is dialog.unit
    qtbot.keyClick(dialog.unit, Qt.Key.Key_Return)  # past the last field: the OK button
    assert dialog.focusWidget() is dialog.ok_button
    assert dialog.saved == [] and dialog.isVisible()
    qtbot.keyClick(dialog.ok_button, Qt.Key.Key_Return)
    assert dialog.saved == ["A1"]


def test_enter_on_a_check_box_moves_on_and_hidden_fields_are_passed_over(qtbot: QtBot) -> None:
    dialog = ProductDialog()
    qtbot.addWidget(dialog)
    hidden, returnable = QLineEdit(), QCheckBox("Returnable")
    dialog.form.add_field("hidden", "Hidden", hidden)
    dialog.form.add_field("returnable", "Container", returnable)
    hidden.hide()
    dialog.form.add_field("note", "Note", note := QLineEdit())
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.unit.setFocus()
    qtbot.keyClick(dialog.unit, Qt.Key.Key_Return)
    assert dialog.focusWidget() is returnable
    qtbot.keyClick(returnable, Qt.Key.Key_Return)
    assert dialog.focusWidget() is note and not returnable.isChecked() and dialog.isVisible()
    dialog.code.setEnabled(False)
    dialog.form.focus_first()
    assert dialog.focusWidget() is dialog.name


def test_a_message_for_no_field_on_the_page_goes_to_a_box(
    qtbot: QtBot, dialog: ProductDialog, shown: ShownMessages
) -> None:
    qtbot.keyClicks(dialog.code, "A1")
    dialog.raise_next = ValidationError.single("price", "The price must be positive.")
    click(qtbot, dialog.ok_button)
    assert [error.message for error in shown.errors if isinstance(error, ValidationError)] == [
        "The price must be positive."
    ]
    assert dialog.form.error("code") == ""
    assert dialog.isVisible()


def test_a_user_error_is_shown_in_a_box_and_a_bug_in_the_crash_dialog(
    qtbot: QtBot, dialog: ProductDialog, shown: ShownMessages
) -> None:
    qtbot.keyClicks(dialog.code, "A1")
    dialog.raise_next = UserError("The period is closed.")
    click(qtbot, dialog.ok_button)
    dialog.raise_next = RuntimeError("bug")
    click(qtbot, dialog.ok_button)
    assert [str(error) for error in shown.errors] == ["The period is closed.", "bug"]
    assert dialog.isVisible() and dialog.saved == []


def test_a_confirmable_warning_is_asked_and_then_saved(
    qtbot: QtBot, dialog: ProductDialog, shown: ShownMessages
) -> None:
    qtbot.keyClicks(dialog.code, "warn")
    shown.answer = False
    click(qtbot, dialog.ok_button)
    assert dialog.saved == [] and dialog.isVisible()
    shown.answer = True
    click(qtbot, dialog.ok_button)
    assert shown.questions == ["The price is below cost. Save anyway?"] * 2
    assert dialog.saved == ["warn"]


def test_escape_cancels(qtbot: QtBot, dialog: ProductDialog) -> None:
    qtbot.keyClicks(dialog.code, "A1")
    with qtbot.waitSignal(dialog.rejected):
        qtbot.keyClick(dialog.code, Qt.Key.Key_Escape)
    assert dialog.saved == []


def test_several_errors_show_under_their_fields_and_focus_the_first(dialog: ProductDialog) -> None:
    from bodesk.domain.common.errors import FieldError

    error = ValidationError([FieldError("quantity", "At least one."), FieldError("name", "Enter a name.")])
    assert dialog.form.show_errors(error) is True
    assert dialog.form.error("name") == "Enter a name."
    assert dialog.form.error("quantity") == "At least one."
    assert dialog.focusWidget() is dialog.name
    dialog.form.clear_errors()
    assert [dialog.form.error(name) for name in dialog.form.names()] == ["", "", "", ""]
