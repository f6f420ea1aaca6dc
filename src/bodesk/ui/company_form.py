"""The company's details as form fields, shared by the first-run wizard and the settings: the
CNPJ checked (with the domain's rule) as the person leaves the field, and the logo with a preview."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from bodesk.domain.common.errors import ValidationError
from bodesk.domain.common.taxid import format_tax_id, validate_cnpj
from bodesk.domain.company.services import BRAZILIAN_STATES, CompanyDetails
from bodesk.i18n import N_, _
from bodesk.ui.widgets.forms import FormPage

LANGUAGE_NAMES = (("pt_BR", "Português (Brasil)"), ("en", "English"))
PREVIEW_SIZE = (240, 140)


def line(name: str, placeholder: str = "") -> QLineEdit:
    edit = QLineEdit()
    edit.setObjectName(name)
    edit.setPlaceholderText(placeholder)
    return edit


def state_combo() -> QComboBox:
    combo = QComboBox()
    combo.setObjectName("state")
    combo.addItem("", "")
    for state in BRAZILIAN_STATES:
        combo.addItem(state, state)
    return combo


class CnpjCheck:
    """Validates a CNPJ field as the person leaves it, using the domain's rule."""

    def __init__(self, form: FormPage, edit: QLineEdit, field: str = "tax_id") -> None:
        self.form, self.edit, self.field = form, edit, field
        edit.editingFinished.connect(self.check)

    def is_valid(self) -> bool:
        try:
            validate_cnpj(self.edit.text(), self.field)
        except ValidationError:
            return False
        return True

    def check(self) -> bool:
        if not self.edit.text().strip():
            return False
        try:
            number = validate_cnpj(self.edit.text(), self.field)
        except ValidationError as exc:
            self.form.set_error(self.field, exc.for_field(self.field) or exc.message)
            return False
        self.edit.setText(format_tax_id(number))
        self.form.set_error(self.field, "")
        return True


COMPANY_FIELDS = (
    "name",
    "tax_id",
    "street",
    "number",
    "district",
    "city",
    "state",
    "postal_code",
    "phone",
    "email",
)
_LABELS = {
    "name": (N_("Company name"), N_("Distribuidora Exemplo Ltda.")),
    "tax_id": (N_("CNPJ"), "12.ABC.345/01DE-35"),
    "street": (N_("Street"), ""),
    "number": (N_("Number"), ""),
    "district": (N_("District"), ""),
    "city": (N_("City"), ""),
    "postal_code": (N_("CEP"), "01310-100"),
    "phone": (N_("Phone"), "(11) 3045-1200"),
    "email": (N_("E-mail"), "contato@empresa.com.br"),
}


class CompanyFields:
    """The company's details as fields of a FormPage (the wizard and the settings share them)."""

    def __init__(self, form: FormPage) -> None:
        self.form = form
        self.edits: dict[str, QLineEdit] = {}
        for name in COMPANY_FIELDS:
            if name == "state":
                self.state = state_combo()
                form.add_field("state", _("State"), self.state)
                continue
            label, placeholder = _LABELS[name]
            self.edits[name] = line(name, _(placeholder) if placeholder else "")
            form.add_field(name, _(label), self.edits[name])
        self.cnpj = CnpjCheck(form, self.edits["tax_id"])

    def values(self) -> dict[str, str]:
        values = {name: edit.text() for name, edit in self.edits.items()}
        values["state"] = str(self.state.currentData() or "")
        return values

    def apply_to(self, base: CompanyDetails) -> CompanyDetails:
        """`base` with the values typed in these fields."""
        values = self.values()
        return replace(
            base,
            name=values["name"],
            tax_id=values["tax_id"],
            street=values["street"],
            number=values["number"],
            district=values["district"],
            city=values["city"],
            state=values["state"],
            postal_code=values["postal_code"],
            phone=values["phone"],
            email=values["email"],
        )

    def set_values(self, details: CompanyDetails) -> None:
        for name, edit in self.edits.items():
            value = getattr(details, name)
            edit.setText(format_tax_id(value) if name == "tax_id" else value)
        self.state.setCurrentIndex(max(0, self.state.findData(details.state)))

    def is_complete(self) -> bool:
        return bool(self.edits["name"].text().strip()) and self.cnpj.is_valid()


class LogoField(QWidget):
    """A preview of the logo with Choose and Remove; `logo` holds the picture's bytes or None."""

    changed = Signal()

    def __init__(self, form: FormPage, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.form = form
        self.logo: bytes | None = None
        self.preview = QLabel()
        self.preview.setObjectName("logo-preview")
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setFixedSize(PREVIEW_SIZE[0], PREVIEW_SIZE[1])
        self.preview.setFrameShape(QLabel.Shape.StyledPanel)
        self.choose = QPushButton(_("Choose picture…"))
        self.choose.clicked.connect(self.choose_file)
        self.remove = QPushButton(_("Remove"))
        self.remove.clicked.connect(lambda: self.set_logo(None))
        buttons = QVBoxLayout()
        buttons.addWidget(self.choose)
        buttons.addWidget(self.remove)
        buttons.addStretch(1)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.preview, 0, Qt.AlignmentFlag.AlignTop)
        row.addLayout(buttons)
        row.addStretch(1)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        form.add_field("logo", _("Logo"), self)
        self.set_logo(None)

    def choose_file(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, _("Choose the logo"), "", _("Pictures (*.png *.jpg *.jpeg)")
        )
        if path:
            self.load_file(Path(path))

    def load_file(self, path: Path) -> bool:
        try:
            data = path.read_bytes()
        except OSError as exc:
            self.form.set_error(
                "logo", _("Cannot read {path}: {reason}").format(path=path, reason=exc.strerror)
            )
            return False
        return self.set_logo(data)

    def set_logo(self, data: bytes | None) -> bool:
        self.form.set_error("logo", "")
        pixmap = QPixmap()
        if data is not None and not pixmap.loadFromData(data):
            self.form.set_error("logo", _("The logo must be a PNG or JPEG picture."))
            return False
        self.logo = data
        if data is None:
            self.preview.setPixmap(QPixmap())
            self.preview.setText(_("No logo"))
        else:
            self.preview.setPixmap(
                pixmap.scaled(
                    PREVIEW_SIZE[0] - 8,
                    PREVIEW_SIZE[1] - 8,
                    Qt.AspectRatioMode.KeepAspectRatio,
                    Qt.TransformationMode.SmoothTransformation,
                )
            )
        self.remove.setEnabled(data is not None)
        self.changed.emit()
        return True
