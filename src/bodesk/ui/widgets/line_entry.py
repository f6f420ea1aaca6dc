"""The row where one line of a document is typed: the product (type-ahead by code, barcode or name),
its packaging, how many packages and the price per package, with the line's refusal under them.

Enter moves product → packaging → quantity → price, and Enter on the price (or Add line) hands the
typed line over (`typed`); Enter on an empty product says the lines are done (`finished`). A quick
entry (`quick`: a sales order typed over the phone) goes product → quantity and adds the line on the
quantity, the product's default packaging kept (F4 or Alt+Down in the quantity changes it) and the
price left to the document (shown as a hint), the price and a discount reachable with Tab. Esc clears
a half-typed line (`cancelled`), and reaches the dialog when there is none. The document fills in the price of the
chosen packaging (`price_of`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from bodesk.domain.common.errors import ValidationError
from bodesk.domain.common.figures import parse_number, parse_optional_number, price_text, quantity_text
from bodesk.i18n import _
from bodesk.ui.widgets.document_lines import EditorLine
from bodesk.ui.widgets.forms import ENTER_KEYS, ActionButton, error_color
from bodesk.ui.widgets.type_ahead import TypeAhead


@dataclass(frozen=True)
class PackagingOption:
    id: int | None  # None: the product's base unit
    label: str


@dataclass(frozen=True)
class LineProduct:
    """A product as a document offers it for a line."""

    product_id: int
    sku: str
    name: str
    packagings: tuple[PackagingOption, ...]
    default_packaging_id: int | None
    detail: str = ""  # after the name in the hits: the partner's price


@dataclass(frozen=True)
class EntryNames:
    """How the document names the quantity and the price: the placeholders ("Packages", "Price per
    package") and their parts in the domain's line fields ("packages", "package_price")."""

    quantity: str
    quantity_part: str
    price: str
    price_part: str
    discount: str = ""  # a discount field when named ("Discount %")
    discount_part: str = ""


class LineEntry(QWidget):
    typed = Signal(object)  # the EditorLine typed
    finished = Signal()  # Enter on an empty product
    cancelled = Signal()  # Esc cleared a half-typed line

    def __init__(
        self,
        find: Callable[[str], Sequence[LineProduct]],
        price_of: Callable[[LineProduct, int | None], Decimal | None],
        names: EntryNames,
        parent: QWidget | None = None,
        quick: bool = False,
    ) -> None:
        super().__init__(parent)
        self.price_of, self.names, self.quick = price_of, names, quick
        self.picker = TypeAhead[LineProduct](
            find,
            lambda hit: f"{hit.sku} – {hit.name}" + (f"  ·  {hit.detail}" if hit.detail else ""),
            lambda hit: f"{hit.sku} – {hit.name}",
            _("No active product matches “{text}”."),
            self,
            choose_on_leave=True,
        )
        self.picker.setPlaceholderText(_("Name, SKU or barcode"))
        self.packaging = QComboBox(self)
        self.quantity = QLineEdit(self)
        self.quantity.setPlaceholderText(names.quantity)
        self.price = QLineEdit(self)
        self.price.setPlaceholderText(names.price)
        self.discount = QLineEdit(self)
        self.discount.setPlaceholderText(names.discount)
        self.discount.setVisible(bool(names.discount))
        for number in (self.quantity, self.price, self.discount):
            number.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.add_button = ActionButton(_("Add line"), self)
        self.error = QLabel(self)
        palette = self.error.palette()
        palette.setColor(self.error.foregroundRole(), error_color(self))
        self.error.setPalette(palette)
        self.error.setWordWrap(True)
        self.error.hide()
        row = QHBoxLayout()
        for widget, stretch in (
            (self.picker, 4),
            (self.packaging, 2),
            (self.quantity, 1),
            (self.price, 1),
            (self.discount, 1),
        ):
            row.addWidget(widget, stretch)
        row.addWidget(self.add_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.error)
        self.picker.chosen.connect(self._product_chosen)
        self.packaging.currentIndexChanged.connect(self._packaging_changed)
        self.add_button.clicked.connect(self.hand_over)
        for widget in (self.picker, self.packaging, self.quantity, self.price, self.discount):
            widget.installEventFilter(self)

    def fields(self) -> list[QWidget]:
        """In the order Enter and Tab go through them."""
        fields: list[QWidget] = [self.picker, self.packaging, self.quantity, self.price]
        if self.names.discount:
            fields.append(self.discount)
        return [*fields, self.add_button]

    def has_typing(self) -> bool:
        return bool(self.picker.text().strip() or self.quantity.text().strip())

    def clear(self) -> None:
        self.picker.reset()
        self.packaging.clear()
        self.quantity.clear()
        self.price.clear()
        self.discount.clear()
        self.show_message("")

    def show_message(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(bool(text))

    def refuse(self, message: str, part: str = "") -> None:
        """`message` under the entry, the focus on the field of `part` (the quantity for the whole line)."""
        self.show_message(message)
        fields = {"product": self.picker, "packaging": self.packaging, self.names.price_part: self.price}
        if self.names.discount_part:
            fields[self.names.discount_part] = self.discount
        field = fields.get(part, self.quantity)
        field.setFocus()
        if isinstance(field, QLineEdit):
            field.selectAll()

    def load(self, product: LineProduct, line: EditorLine) -> None:
        """A line back in the entry to be changed, the focus on its quantity."""
        self.clear()
        self.picker.choose(product)
        self.packaging.setCurrentIndex(max(self.packaging.findData(line.packaging_id), 0))
        self.quantity.setText(quantity_text(line.quantity))
        if line.price is not None:
            self.price.setText(price_text(line.price))
        if line.discount:
            self.discount.setText(quantity_text(line.discount))
        self.quantity.setFocus()
        self.quantity.selectAll()

    def _product_chosen(self, product: LineProduct) -> None:
        self.packaging.blockSignals(True)
        self.packaging.clear()
        for option in product.packagings:
            self.packaging.addItem(option.label, option.id)
        self.packaging.setCurrentIndex(max(self.packaging.findData(product.default_packaging_id), 0))
        self.packaging.blockSignals(False)
        self._packaging_changed()

    def _packaging_changed(self) -> None:
        """The document's price for the chosen packaging, or a request to type it."""
        product = self.picker.choice
        self.price.clear()
        price = self.price_of(product, self.packaging.currentData()) if product is not None else None
        if price is None:
            self.price.setPlaceholderText(_("Enter the price"))
        elif self.quick:  # the document's price unless one is typed: shown, not filled in
            self.price.setPlaceholderText(price_text(price))
        else:
            self.price.setPlaceholderText(self.names.price)
            self.price.setText(price_text(price))

    def hand_over(self) -> None:
        """The typed line to the document (`typed`), or the reason it cannot be read."""
        product = self.picker.choose_current()
        self.show_message("")
        if product is None:
            self.refuse(_("Choose a product."), "product")
            return
        try:
            quantity = parse_number(self.quantity.text(), self.names.quantity_part)
            price = parse_optional_number(self.price.text(), self.names.price_part)
            discount = (
                parse_optional_number(self.discount.text(), self.names.discount_part)
                if self.names.discount
                else None
            )
        except ValidationError as exc:
            self.refuse(exc.message, exc.errors[0].field)
            return
        packaging = self.packaging.currentData()
        text = self.packaging.currentText()
        self.typed.emit(
            EditorLine(
                product.product_id, product.sku, product.name, packaging, text, quantity, price, discount
            )
        )

    def next_packaging(self) -> None:
        """The product's next packaging (round to the first), the focus kept where it is."""
        count = self.packaging.count()
        if count > 1:
            self.packaging.setCurrentIndex((self.packaging.currentIndex() + 1) % count)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return super().eventFilter(watched, event)
        if event.key() == Qt.Key.Key_Escape and not self.picker.popup_visible() and self.has_typing():
            self.clear()
            self.picker.setFocus()
            self.cancelled.emit()
            return True
        if self.quick and watched is self.quantity and self._changes_packaging(event):
            self.next_packaging()
            return True
        if event.key() not in ENTER_KEYS:
            return super().eventFilter(watched, event)
        if watched is self.picker:
            if self.picker.choose_current() is not None:
                (self.quantity if self.quick else self.packaging).setFocus()
            elif not self.picker.text().strip():
                self.finished.emit()
            return True
        if self.quick and watched in (self.quantity, self.price, self.discount):
            self.hand_over()
            return True
        if watched is self.packaging or watched is self.quantity:
            field = self.quantity if watched is self.packaging else self.price
            field.setFocus()
            field.selectAll()
            return True
        if watched is self.price or watched is self.discount:
            self.hand_over()
            return True
        return super().eventFilter(watched, event)

    @staticmethod
    def _changes_packaging(event: QKeyEvent) -> bool:
        alt_down = event.key() == Qt.Key.Key_Down and event.modifiers() & Qt.KeyboardModifier.AltModifier
        return event.key() == Qt.Key.Key_F4 or bool(alt_down)
