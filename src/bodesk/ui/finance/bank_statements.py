"""The Statements view: the statements imported (newest first) and the lines of the one chosen.
Import… asks for an OFX file, reads it and shows what it holds — bank, account, period, transactions,
net total, every line error and the bank account it goes to — before anything is written."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from bodesk.domain.access.actor import Actor
from bodesk.domain.access.permissions import is_allowed
from bodesk.domain.banking.imports import describe
from bodesk.domain.banking.queries import bank_accounts, imports, lines
from bodesk.domain.banking.statements import StatementOutcome, import_statement
from bodesk.domain.common.errors import UserError
from bodesk.domain.finance.permissions import PAYMENT
from bodesk.i18n import N_, _, format_decimal
from bodesk.store.engine import Database
from bodesk.ui.finance.bank_parts import current_id, fill, table
from bodesk.ui.widgets import messages
from bodesk.ui.widgets.dialogs import open_dialog
from bodesk.ui.widgets.forms import FormDialog
from bodesk.ui.widgets.icons import icon

IMPORT_COLUMNS = (N_("Bank account"), N_("File"), N_("From"), N_("To"), N_("Transactions"), N_("New"), N_("Imported before"), N_("Line errors"))  # fmt: skip
LINE_COLUMNS = (N_("Day"), N_("Amount"), N_("Name"), N_("Memo"), N_("Status"), N_("Matched with"))
STATES = {"unmatched": N_("Unmatched"), "matched": N_("Matched"), "ignored": N_("Ignored")}


class ImportStatementDialog(FormDialog):
    """What a file holds, read without writing; Import writes its new lines."""

    def __init__(self, db: Database, actor: Actor, path: Path, parent: QWidget | None) -> None:
        super().__init__(parent, _("Import a bank statement"), _("Import"))
        self.db, self.actor, self.path = db, actor, path
        self.data = path.read_bytes()
        self.outcome: StatementOutcome | None = None
        self.account = QComboBox(self)
        self.account.addItem(_("The one the file names"), None)
        for row in bank_accounts(db, actor, active_only=True):
            if row.kind == "bank":
                self.account.addItem(f"{row.name} — {row.number}", row.id)
        self.form.add_field("account", _("Bank account"), self.account)
        self.account.currentIndexChanged.connect(lambda _index: self.read())
        self.summary = QPlainTextEdit(self)
        self.summary.setReadOnly(True)
        self.summary.setMinimumHeight(220)
        self.setMinimumWidth(760)
        self.form.add_field("file", _("What the file holds"), self.summary)
        self.read()

    def read(self) -> None:
        try:
            self.outcome = import_statement(
                self.db, self.actor, self.data, self.path.name, self.account.currentData(), dry_run=True
            )
        except UserError as exc:
            self.outcome = None
            self.summary.setPlainText(exc.message)
            self.refresh_buttons()
            return
        shown = [self.path.name]
        for read in self.outcome.statements:
            shown += describe(read)
            if read.bank_account_id is not None:
                shown.append(
                    _("{new} new; {known} imported before.").format(
                        new=format_decimal(read.new), known=format_decimal(len(read.transactions) - read.new)
                    )
                )
        if self.outcome.refusal:
            shown.append(self.outcome.refusal)
        if self.outcome.errors:
            shown.append(_("These transactions could not be read; importing leaves them out:"))
            shown += [error.message for error in self.outcome.errors]
        self.summary.setPlainText("\n".join(shown))
        self.refresh_buttons()

    def can_confirm(self) -> bool:
        return self.outcome is not None and not self.outcome.refusal and self.outcome.transactions > 0

    def confirm(self) -> None:
        self.outcome = import_statement(
            self.db, self.actor, self.data, self.path.name, self.account.currentData(), good_lines=True
        )


class StatementsView(QWidget):
    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.actor = db, actor
        self.dialog: QDialog | None = None
        toolbar = QHBoxLayout()
        self.import_button = QPushButton(icon("import"), _("Import…"), self)
        self.import_button.setAutoDefault(False)
        self.import_button.clicked.connect(lambda _checked=False: self.choose_file())
        self.import_button.setVisible(is_allowed(actor.role, PAYMENT))
        toolbar.addWidget(self.import_button)
        toolbar.addStretch(1)
        self.imports = table(self, IMPORT_COLUMNS, stretch=1)
        self.imports.itemSelectionChanged.connect(self.show_lines)
        self.caption = QLabel(self)
        self.lines = table(self, LINE_COLUMNS, money=(1,), stretch=3)
        below = QWidget(self)
        below_layout = QVBoxLayout(below)
        below_layout.setContentsMargins(0, 0, 0, 0)
        below_layout.addWidget(self.caption)
        below_layout.addWidget(self.lines, 1)
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(self.imports)
        split.addWidget(below)
        split.setSizes([200, 400])
        layout = QVBoxLayout(self)
        layout.addLayout(toolbar)
        layout.addWidget(split, 1)
        self.refresh()

    def refresh(self) -> None:
        found = imports(self.db, self.actor)
        fill(
            self.imports,
            [
                (
                    row.id,
                    [
                        row.bank_account,
                        row.file_name,
                        row.start,
                        row.end,
                        row.read,
                        row.written,
                        row.known,
                        row.errors,
                    ],
                )
                for row in found
            ],
        )
        if self.imports.currentRow() < 0 and found:
            self.imports.selectRow(0)
        self.show_lines()

    def show_lines(self) -> None:
        chosen = current_id(self.imports)
        found = lines(self.db, self.actor, import_id=chosen) if chosen is not None else []
        self.caption.setText(
            _("The statement's lines: {n}.").format(n=format_decimal(len(found)))
            if chosen is not None
            else _("No statement imported yet: Import… reads an OFX file exported from the bank.")
        )
        fill(
            self.lines,
            [
                (
                    row.id,
                    [
                        row.day,
                        row.amount,
                        row.name,
                        row.memo,
                        _(STATES.get(row.state, row.state)),
                        row.matched_to,
                    ],
                )
                for row in found
            ],
        )

    def choose_file(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(
            self, _("Import a bank statement"), "", _("Bank statements (*.ofx *.OFX);;All files (*)")
        )
        if name:
            self.open_file(Path(name))

    def open_file(self, path: Path) -> None:
        try:
            self.dialog = ImportStatementDialog(self.db, self.actor, path, self)
        except OSError as exc:
            messages.show_error(self, exc)
            return
        open_dialog(self, self.dialog)
