"""The form pattern every dialog copies, after Stoq: `can_confirm()` enables the OK button, `confirm()`
does the work by calling one service, and the domain's errors come back as inline messages.

A `FormPage` lays fields out in a `QFormLayout`, with an error line under each field (hidden while
empty) and an optional hint. Enter in a line edit, spin box, combo box or check box moves to the next
field that takes input (hidden and disabled ones are passed over); on the last field it moves to the
OK button, so a person never submits by accident. In a type-ahead field
Enter first chooses the highlighted hit, and stays while there is none.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QColor, QFontMetrics, QKeyEvent, QPalette
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from bodesk.domain.common.errors import FieldError, ValidationError
from bodesk.domain.common.listing import Choice
from bodesk.i18n import _, ngettext
from bodesk.ui.widgets import messages
from bodesk.ui.widgets.calls import run_service
from bodesk.ui.widgets.type_ahead import TypeAhead

ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
WRAP_WIDTH = 320  # pixels: hints and errors break their lines here at least (or at the field's width)


def wrap_text(text: str, metrics: QFontMetrics, width: int) -> str:
    """Break `text` into lines no wider than `width` pixels.

    Labels that word-wrap by themselves report a wrong height inside a QFormLayout and get clipped,
    so hints and errors are broken into lines up front.
    """
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line = ""
        for word in paragraph.split(" "):
            candidate = f"{line} {word}" if line else word
            if line and metrics.horizontalAdvance(candidate) > width:
                lines.append(line)
                line = word
            else:
                line = candidate
        lines.append(line)
    return "\n".join(lines)


def change_signal(widget: QWidget) -> Any | None:
    """The signal a field widget emits when its value changes, or None for a widget we do not know."""
    if isinstance(widget, QLineEdit | QPlainTextEdit | QTextEdit):
        return widget.textChanged
    if isinstance(widget, QComboBox):
        return widget.currentTextChanged if widget.isEditable() else widget.currentIndexChanged
    if isinstance(widget, QDateTimeEdit):
        return widget.dateTimeChanged
    if isinstance(widget, QSpinBox | QDoubleSpinBox):
        return widget.valueChanged
    if isinstance(widget, QAbstractButton):
        return widget.toggled
    return None


def error_color(widget: QWidget) -> QColor:
    """A red that reads on the platform's light or dark palette."""
    light = widget.palette().color(QPalette.ColorRole.Window).lightness() > 128
    return QColor("#b3261e") if light else QColor("#f2b8b5")


def choice_combo(
    parent: QWidget, choices: Sequence[Choice], first: tuple[str, Any] | None = None, codes: bool = True
) -> QComboBox:
    """A combo of choices ("CD1 – Depósito", or the names only without `codes`), each item's data its
    id; `first` an extra (label, data) on top."""
    combo = QComboBox(parent)
    if first is not None:
        combo.addItem(*first)
    for choice in choices:
        label = f"{choice.code} – {choice.name}" if codes and choice.code else choice.name
        combo.addItem(label, choice.id)
    return combo


def count_words(box: QSpinBox, words: tuple[str, str]) -> QSpinBox:
    """Words around a spin box's number that agree with it ("1 day", "2 days"): `words` is the singular
    and plural marked with NP_, each with "{n}" where the number goes."""

    def agree(value: int) -> None:
        before, _sep, after = ngettext(*words, value).partition("{n}")
        box.setPrefix(before)
        box.setSuffix(after)

    box.valueChanged.connect(agree)
    agree(box.value())
    return box


@dataclass
class _Field:
    name: str
    label: QLabel
    widget: QWidget
    error: QLabel


class FormPage(QWidget):
    """Aligned fields, each with an inline error label under it."""

    changed = Signal()  # any field changed
    submitted = Signal()  # Enter pressed in the last field

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._layout = QFormLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        self._layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self._layout.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        self._fields: dict[str, _Field] = {}

    @property
    def form_layout(self) -> QFormLayout:
        return self._layout

    def add_field(self, name: str, label: str, widget: QWidget, hint: str = "") -> QWidget:
        """Add `widget` under the field `name` (the name the domain's FieldError uses)."""
        caption = self._caption(label, widget)
        box = QWidget(self)
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(widget)
        if hint:
            hint_label = QLabel(box)
            hint_label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
            font = hint_label.font()
            font.setPointSizeF(font.pointSizeF() * 0.9)
            hint_label.setFont(font)
            hint_label.setText(wrap_text(hint, hint_label.fontMetrics(), WRAP_WIDTH))
            column.addWidget(hint_label)
        error = QLabel(box)
        error.setObjectName(f"error_{name}")
        palette = error.palette()
        palette.setColor(QPalette.ColorRole.WindowText, error_color(self))
        error.setPalette(palette)
        error.hide()
        column.addWidget(error)
        self._layout.addRow(caption, box)
        self._fields[name] = _Field(name, caption, widget, error)
        self._watch(widget)
        signal = change_signal(widget)
        if signal is not None:
            signal.connect(lambda *_args, field=name: self._field_changed(field))
        return widget

    def add_row(self, label: str, widget: QWidget) -> None:
        """A row that is not a field the domain names (a note, a button); `label` may be empty."""
        if label:
            self._layout.addRow(self._caption(label, widget), widget)
        else:
            self._layout.setWidget(self._layout.rowCount(), QFormLayout.ItemRole.FieldRole, widget)

    def _caption(self, label: str, widget: QWidget) -> QLabel:
        """A right-aligned label as tall as one line of its field, so that it lines up on any style."""
        caption = QLabel(label.rstrip(": ") + ":", self)
        caption.setBuddy(widget)
        caption.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        line = QLineEdit().sizeHint().height()
        height = widget.sizeHint().height()
        caption.setFixedHeight(height if 0 < height <= line * 3 // 2 else line)
        return caption

    def widget(self, name: str) -> QWidget:
        return self._fields[name].widget

    def label(self, name: str) -> QLabel:
        return self._fields[name].label

    def names(self) -> list[str]:
        return list(self._fields)

    def shows_field(self, name: str) -> bool:
        field = self._fields.get(name)
        return field is not None and field.widget.isVisibleTo(self)

    def error(self, name: str) -> str:
        """The error shown under `name` ("" when none)."""
        field = self._fields[name]
        return "" if field.error.isHidden() else field.error.text()

    def set_error(self, name: str, message: str) -> None:
        field = self._fields[name]
        width = field.widget.width() if field.widget.isVisible() else 0
        field.error.setText(wrap_text(message, field.error.fontMetrics(), max(width, WRAP_WIDTH)))
        field.error.setAccessibleName(message)
        field.error.setVisible(bool(message))

    def clear_errors(self) -> None:
        for name in self._fields:
            self.set_error(name, "")

    def show_errors(self, error: ValidationError) -> bool:
        """Put each message under its field and focus the first; False if some message names no field here."""
        self.clear_errors()
        by_field: dict[str, list[str]] = {}
        all_shown = True
        for item in error.errors:
            if self.shows_field(item.field):
                by_field.setdefault(item.field, []).append(item.message)
            else:
                all_shown = False
        for name, texts in by_field.items():
            self.set_error(name, "\n".join(texts))
        first = next((name for name in self._fields if name in by_field), None)
        if first is not None:
            self.focus_field(first)
        return all_shown

    def unshown(self, error: ValidationError) -> list[FieldError]:
        return [item for item in error.errors if not self.shows_field(item.field)]

    def focus_field(self, name: str) -> None:
        widget = self._fields[name].widget
        widget.setFocus(Qt.FocusReason.TabFocusReason)
        if isinstance(widget, QLineEdit):
            widget.selectAll()

    def takes_input(self, name: str) -> bool:
        """Whether the field can be typed into now: shown, enabled, focusable and not read-only."""
        widget = self._fields[name].widget
        usable = (
            widget.isEnabled() and widget.isVisibleTo(self) and widget.focusPolicy() != Qt.FocusPolicy.NoFocus
        )
        return usable and not (isinstance(widget, QLineEdit) and widget.isReadOnly())

    def focus_first(self) -> None:
        """Focus the first field that can take input (emit `submitted` when none can)."""
        names = list(self._fields)
        first = next((name for name in names if self.takes_input(name)), None)
        if first is None:
            self.submitted.emit()
        else:
            self.focus_field(first)

    def focus_next(self, name: str) -> None:
        """Focus the field after `name` that can take input; past the last one, emit `submitted`."""
        names = list(self._fields)
        following = next((later for later in names[names.index(name) + 1 :] if self.takes_input(later)), None)
        if following is None:
            self.submitted.emit()
        else:
            self.focus_field(following)

    def _watch(self, widget: QWidget) -> None:
        if isinstance(widget, QLineEdit | QAbstractSpinBox | QComboBox | QCheckBox | QRadioButton):
            widget.installEventFilter(self)
            editor = widget.lineEdit() if isinstance(widget, QComboBox) else None
            if editor is not None:
                editor.installEventFilter(self)

    def _owner(self, watched: QObject) -> str | None:
        for name, field in self._fields.items():
            if watched is field.widget or (
                isinstance(field.widget, QComboBox) and watched is field.widget.lineEdit()
            ):
                return name
        return None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in ENTER_KEYS
        ):
            modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
            name = self._owner(watched)
            if name is not None and modifiers == Qt.KeyboardModifier.NoModifier:
                widget = self._fields[name].widget
                if isinstance(widget, QAbstractSpinBox):
                    widget.interpretText()
                if isinstance(widget, TypeAhead) and widget.choose_current() is None:
                    return True  # nothing chosen yet: the person goes on typing or choosing
                self.focus_next(name)
                return True
        return super().eventFilter(watched, event)

    def _field_changed(self, name: str) -> None:
        if self.error(name):
            self.set_error(name, "")
        self.changed.emit()


class ActionButton(QPushButton):
    """A button Enter presses when it has the focus, and only then: it never becomes the dialog's
    default button, which Enter in any field would press."""

    def __init__(self, text: str, parent: QWidget) -> None:
        super().__init__(text, parent)
        self.setAutoDefault(False)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in ENTER_KEYS:
            self.click()
            return
        super().keyPressEvent(event)


class FormDialog(QDialog):
    """OK/Cancel around a FormPage. Override `can_confirm` and `confirm`; `accept` does the rest.

    `confirm` calls the service and may raise any domain error: a ValidationError shows under the
    fields, a ConfirmableWarning is asked and, if confirmed, `confirm` runs again with its key in
    `self.confirmed`; any other error is shown in a box and the dialog stays open (`run_service`).
    """

    def __init__(self, parent: QWidget | None = None, title: str = "", ok_text: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.confirmed: set[str] = set()
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.intro.setContentsMargins(0, 0, 0, 8)
        self.intro.hide()
        self.form = FormPage(self)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, parent=self
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.cancel_button = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setText(_("Cancel"))
        self.set_ok_text(ok_text or _("OK"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.form)
        layout.addStretch(1)
        layout.addSpacing(8)
        layout.addWidget(self.buttons)
        self.form.changed.connect(self.refresh_buttons)
        self.form.submitted.connect(self.ok_button.setFocus)
        self.setMinimumWidth(420)

    def set_intro(self, text: str) -> None:
        self.intro.setText(text)
        self.intro.setVisible(bool(text))

    def set_ok_text(self, text: str) -> None:
        self.ok_button.setText(text)

    def can_confirm(self) -> bool:
        return True

    def confirm(self) -> None:
        """Do the work (call one service); raise domain errors freely."""

    def refresh_buttons(self) -> None:
        self.ok_button.setEnabled(self.can_confirm())

    def showEvent(self, event: Any) -> None:
        self.refresh_buttons()
        super().showEvent(event)

    def accept(self) -> None:
        if not self.can_confirm():
            self.refresh_buttons()
            return
        self.form.clear_errors()
        done = run_service(
            self,
            lambda _confirmed: self.confirm(),  # confirm() reads self.confirmed, which this fills
            title=self.windowTitle(),
            confirmed=self.confirmed,
            on_invalid=self.show_invalid,
        )
        if done.ok:
            super().accept()

    def show_invalid(self, error: ValidationError) -> None:
        """Each message under its field; those that name no field of the form in a box."""
        if not self.form.show_errors(error):
            messages.show_error(self, ValidationError(self.form.unshown(error)))
