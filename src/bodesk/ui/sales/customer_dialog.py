"""A customer's form: names and tax ids, segment, rep, price table and payment term (a segment, a
term or a rep can be added from their combos), billing and delivery addresses with the delivery note
and weekdays, phones, contacts, and credit (limit and what happens over it).

The rules (a valid and unused CNPJ/CPF, the IE, an e-mail, lengths, codes) are the service's, shown
under their fields; the form scrolls when the screen is short."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from bodesk.domain.access.actor import Actor
from bodesk.domain.common.figures import parse_optional_number, price_text
from bodesk.domain.common.taxid import format_tax_id
from bodesk.domain.company.services import BRAZILIAN_STATES
from bodesk.domain.sales.customers import Address, ContactData, CustomerData, create_customer, update_customer
from bodesk.domain.sales.lookups import SalesChoices
from bodesk.domain.sales.permissions import CUSTOMERS_EDIT, SALES_SETTINGS
from bodesk.domain.sales.states import CreditPolicy
from bodesk.i18n import N_, _
from bodesk.store.engine import Database
from bodesk.ui.sales.references import ChoiceWithAdd, rep_adder, segment_adder, term_adder
from bodesk.ui.widgets.forms import FormDialog

WEEKDAYS = (N_("Mon"), N_("Tue"), N_("Wed"), N_("Thu"), N_("Fri"), N_("Sat"), N_("Sun"))
ADDRESS_PARTS = (
    ("street", N_("Street")),
    ("number", N_("Number")),
    ("complement", N_("Complement")),
    ("district", N_("District")),
    ("city", N_("City")),
    ("state", N_("State")),
    ("postal_code", N_("CEP")),
)


class Weekdays(QWidget):
    """Seven check boxes, Monday first; the value is their numbers ("135")."""

    def __init__(self, parent: QWidget, value: str) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.boxes: list[QCheckBox] = []
        for number, name in enumerate(WEEKDAYS, start=1):
            box = QCheckBox(_(name), self)
            box.setChecked(str(number) in value)
            row.addWidget(box)
            self.boxes.append(box)
        row.addStretch(1)

    def value(self) -> str:
        return "".join(str(number) for number, box in enumerate(self.boxes, start=1) if box.isChecked())


def contacts_text(contacts: tuple[ContactData, ...]) -> str:
    return "\n".join(
        "; ".join(part for part in (item.name, item.role, item.phone, item.email)) for item in contacts
    )


def parse_contacts(text: str) -> tuple[ContactData, ...]:
    """One contact a line: name; role; phone; e-mail (the later parts may be left out)."""
    found = []
    for line in text.splitlines():
        parts = [part.strip() for part in line.split(";")] + ["", "", ""]
        if parts[0]:
            found.append(ContactData(parts[0], parts[1], parts[2], parts[3]))
    return tuple(found)


class CustomerDialog(FormDialog):
    """Add a customer or, with `customer_id`, change it."""

    def __init__(
        self,
        db: Database,
        actor: Actor,
        choices: SalesChoices,
        parent: QWidget | None = None,
        customer_id: int | None = None,
        data: CustomerData | None = None,
    ) -> None:
        adding = customer_id is None
        super().__init__(
            parent, _("Add customer") if adding else _("Edit customer"), _("Add") if adding else _("Save")
        )
        self.db, self.actor, self.customer_id = db, actor, customer_id
        data = data or CustomerData(name="", tax_id="")
        self.version = data.version  # what another desk's save since then refuses (ChangedElsewhere)
        form = self.form
        self.code = QLineEdit(data.code, self)
        form.add_field("code", _("Code"), self.code, _("Leave it empty for the next number."))
        self.name = QLineEdit(data.name, self)
        form.add_field("name", _("Legal name"), self.name)
        self.trade_name = QLineEdit(data.trade_name, self)
        form.add_field("trade_name", _("Trade name"), self.trade_name)
        self.tax_id = QLineEdit(format_tax_id(data.tax_id) if data.tax_id else "", self)
        form.add_field("tax_id", _("CNPJ or CPF"), self.tax_id, _("With or without dots and dashes."))
        self.state_registration = QLineEdit(data.state_registration, self)
        form.add_field(
            "state_registration", _("State registration (IE)"), self.state_registration, _("Or ISENTO.")
        )
        self.segment = ChoiceWithAdd(
            self,
            choices.segments,
            data.segment_id,
            _("Add segment"),
            segment_adder(db, actor, SALES_SETTINGS),
        )
        form.add_field("segment", _("Segment"), self.segment)
        self.rep = ChoiceWithAdd(
            self, choices.reps, data.rep_id, _("Add sales rep"), rep_adder(db, actor, CUSTOMERS_EDIT)
        )
        form.add_field("rep", _("Sales rep"), self.rep)
        self.price_table = ChoiceWithAdd(self, choices.price_tables, data.price_table_id, "", None)
        form.add_field(
            "price_table", _("Price table"), self.price_table, _("None: the segment's table, or the default.")
        )
        self.payment_term = ChoiceWithAdd(
            self,
            choices.payment_terms,
            data.payment_term_id,
            _("Add payment term"),
            term_adder(db, actor, SALES_SETTINGS),
            days=True,
        )
        form.add_field("payment_term", _("Payment term"), self.payment_term)
        self.phone = QLineEdit(data.phone, self)
        form.add_field("phone", _("Phone"), self.phone)
        self.whatsapp = QLineEdit(data.whatsapp, self)
        form.add_field("whatsapp", _("WhatsApp"), self.whatsapp)
        self.email = QLineEdit(data.email, self)
        form.add_field("email", _("E-mail"), self.email)
        self.billing = self._address("", _("Billing"), data.billing)
        self.delivery = self._address("delivery_", _("Delivery"), data.delivery)
        self.delivery_note = QLineEdit(data.delivery_note, self)
        form.add_field(
            "delivery_note",
            _("Delivery note"),
            self.delivery_note,
            _("For the driver: hours, gate, who receives."),
        )
        self.weekdays = Weekdays(self, data.delivery_weekdays)
        form.add_field("delivery_weekdays", _("Delivery days"), self.weekdays)
        self.contacts = QPlainTextEdit(contacts_text(data.contacts), self)
        self.contacts.setPlaceholderText(_("One a line: name; role; phone; e-mail"))
        self.contacts.setTabChangesFocus(True)
        self.contacts.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 12)
        form.add_field("contacts", _("Contacts"), self.contacts)
        self.credit_limit = QLineEdit(price_text(data.credit_limit) if data.credit_limit is not None else "")
        self.credit_limit.setPlaceholderText(_("No limit"))
        form.add_field("credit_limit", _("Credit limit"), self.credit_limit)
        self.credit_policy = QComboBox(self)
        self.credit_policy.addItem(_("Warn, and confirm if the person agrees"), CreditPolicy.WARN.value)
        self.credit_policy.addItem(_("Block: only a manager or finance confirms"), CreditPolicy.BLOCK.value)
        self.credit_policy.setCurrentIndex(max(self.credit_policy.findData(data.credit_policy), 0))
        form.add_field("credit_policy", _("Over the limit"), self.credit_policy)
        self.notes = QLineEdit(data.notes, self)
        form.add_field("notes", _("Notes"), self.notes)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        layout = self.layout()
        if isinstance(layout, QVBoxLayout):
            layout.removeWidget(form)
            scroll.setWidget(form)
            for index in range(layout.count()):  # the form's scroll area takes the height, not the stretch
                item = layout.itemAt(index)
                if item is not None and item.spacerItem() is not None:
                    layout.setStretch(index, 0)
            layout.insertWidget(1, scroll, 1)
        self.resize(620, 720)
        form.focus_field("name")

    def _address(self, prefix: str, title: str, address: Address) -> dict[str, QWidget]:
        self.form.add_row("", QLabel(f"<b>{title}</b>", self))
        fields: dict[str, QWidget] = {}
        for part, label in ADDRESS_PARTS:
            value = getattr(address, part)
            if part == "state":
                box = QComboBox(self)
                box.addItem("", "")
                for state in BRAZILIAN_STATES:
                    box.addItem(state, state)
                box.setCurrentIndex(max(box.findData(value), 0))
                widget: QWidget = box
            else:
                widget = QLineEdit(value, self)
            self.form.add_field(prefix + part, _(label), widget)
            fields[part] = widget
        return fields

    @staticmethod
    def _address_value(fields: dict[str, QWidget]) -> Address:
        values: dict[str, str] = {}
        for part, widget in fields.items():
            if isinstance(widget, QComboBox):
                values[part] = str(widget.currentData() or "")
            elif isinstance(widget, QLineEdit):
                values[part] = widget.text()
        return Address(**values)

    def can_confirm(self) -> bool:
        return bool(self.name.text().strip() and self.tax_id.text().strip())

    def data(self) -> CustomerData:
        limit: Decimal | None = parse_optional_number(self.credit_limit.text(), "credit_limit")
        return CustomerData(
            name=self.name.text(),
            tax_id=self.tax_id.text(),
            code=self.code.text(),
            trade_name=self.trade_name.text(),
            state_registration=self.state_registration.text(),
            segment_id=self.segment.value(),
            rep_id=self.rep.value(),
            price_table_id=self.price_table.value(),
            payment_term_id=self.payment_term.value(),
            billing=self._address_value(self.billing),
            delivery=self._address_value(self.delivery),
            delivery_note=self.delivery_note.text(),
            delivery_weekdays=self.weekdays.value(),
            phone=self.phone.text(),
            whatsapp=self.whatsapp.text(),
            email=self.email.text(),
            credit_limit=limit,
            credit_policy=str(self.credit_policy.currentData()),
            notes=self.notes.text(),
            contacts=parse_contacts(self.contacts.toPlainText()),
            version=self.version,
        )

    def confirm(self) -> None:
        if self.customer_id is None:
            self.customer_id = create_customer(self.db, self.actor, self.data())
        else:
            update_customer(self.db, self.actor, self.customer_id, self.data())
