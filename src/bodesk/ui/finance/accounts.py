"""The chart of accounts as a tree by code, with each account's kind, DRE line, role and balance, and
under it the chosen account's ledger (its lines with the running balance). Add…, Edit… and the finance
settings for who may change the chart."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QTreeWidgetItemIterator,
    QVBoxLayout,
    QWidget,
)

from bodesk.domain.access.actor import Actor
from bodesk.domain.access.permissions import is_allowed
from bodesk.domain.common.figures import money_text
from bodesk.domain.finance.account_saving import AccountData
from bodesk.domain.finance.book_queries import (
    ROLE_LABELS,
    AccountRow,
    LedgerQuery,
    chart_of_accounts,
    dre_label,
    kind_label,
    role_label,
)
from bodesk.domain.finance.books import add_account, update_account
from bodesk.domain.finance.permissions import ACCOUNTS_EDIT
from bodesk.domain.finance.states import ACCOUNT_KINDS, DRE_LINES, AccountKind
from bodesk.i18n import _
from bodesk.store.engine import Database
from bodesk.ui.finance.settings_dialog import FinanceSettingsDialog
from bodesk.ui.widgets.dialogs import open_dialog
from bodesk.ui.widgets.forms import FormDialog
from bodesk.ui.widgets.icons import icon
from bodesk.ui.widgets.list_parts import LinesPanel
from bodesk.ui.widgets.list_view import give_shortcut

COLUMNS = ("Code", "Name", "Kind", "DRE line", "Role", "Balance")
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


class AccountDialog(FormDialog):
    """Add an account, or change one (`account` given)."""

    def __init__(
        self, db: Database, actor: Actor, account: AccountRow | None, parent: QWidget | None
    ) -> None:
        title = _("Add account") if account is None else _("Account {code}").format(code=account.code)
        super().__init__(parent, title, _("Save"))
        self.db, self.actor, self.account = db, actor, account
        self.account_id: int | None = account.id if account else None
        self.code = QLineEdit(account.code if account else "", self)
        self.form.add_field(
            "code", _("Code"), self.code, _("Digits separated by dots, as the accountant numbers it: 6.13.")
        )
        self.name = QLineEdit(account.pt_name if account else "", self)
        self.form.add_field("name", _("Name (Portuguese)"), self.name)
        self.name_en = QLineEdit(account.name_en if account else "", self)
        self.form.add_field(
            "name_en", _("Name (English)"), self.name_en, _("Shown in the English interface; optional.")
        )
        self.kind = QComboBox(self)
        for kind, label in ACCOUNT_KINDS.items():
            self.kind.addItem(_(label), kind.value)
        self.kind.setCurrentIndex(
            max(0, self.kind.findData(account.kind if account else AccountKind.EXPENSE.value))
        )
        self.form.add_field(
            "kind", _("Kind"), self.kind, _("The kind says where the account goes in the reports.")
        )
        self.dre = QComboBox(self)
        self.dre.addItem(_("None"), "")
        for line, label in DRE_LINES.items():
            self.dre.addItem(_(label), line.value)
        self.dre.setCurrentIndex(max(0, self.dre.findData(account.dre_line if account else "")))
        self.form.add_field(
            "dre_line",
            _("DRE line"),
            self.dre,
            _("The income statement line an income or expense account feeds."),
        )
        self.role = QComboBox(self)
        self.role.addItem(_("None"), None)
        for role, label in ROLE_LABELS.items():
            self.role.addItem(_(label), role.value)
        self.role.setCurrentIndex(max(0, self.role.findData(account.role if account else None)))
        self.form.add_field("role", _("Role"), self.role, _("Which automatic postings go to this account."))
        self.postable = QCheckBox(_("Takes postings (not a header)"), self)
        self.postable.setChecked(account.postable if account else True)
        self.form.add_field("postable", _("Postings"), self.postable)
        self.active = QCheckBox(_("Active"), self)
        self.active.setChecked(account.active if account else True)
        self.form.add_field("active", _("Status"), self.active)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self._kind_changed()
        self.form.focus_field("code" if account is None else "name")

    def _kind_changed(self) -> None:
        takes_dre = self.kind.currentData() in (AccountKind.INCOME.value, AccountKind.EXPENSE.value)
        self.dre.setEnabled(takes_dre)
        if not takes_dre:
            self.dre.setCurrentIndex(0)

    def can_confirm(self) -> bool:
        return bool(self.code.text().strip() and self.name.text().strip())

    def confirm(self) -> None:
        data = AccountData(
            self.code.text(), self.name.text(), str(self.kind.currentData()), self.name_en.text(),
            str(self.dre.currentData() or ""), self.role.currentData(), self.postable.isChecked(),
            self.active.isChecked(),
        )  # fmt: skip
        if self.account_id is None:
            self.account_id = add_account(self.db, self.actor, data)
        else:
            update_account(self.db, self.actor, self.account_id, data)


class AccountsView(QWidget):
    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.actor = db, actor
        self.dialog: QDialog | None = None
        self.rows: dict[int, AccountRow] = {}
        may_edit = is_allowed(actor.role, ACCOUNTS_EDIT)
        toolbar = QHBoxLayout()
        self.add_button = self._button(toolbar, _("Add account…"), "add", self.add_account, "Ctrl+N")
        self.edit_button = self._button(toolbar, _("Edit…"), "edit", self.edit_account, "Ctrl+E")
        toolbar.addStretch(1)
        self.settings_button = self._button(toolbar, _("Finance settings…"), "settings", self.open_settings)
        for button in (self.add_button, self.edit_button, self.settings_button):
            button.setVisible(may_edit)
        self.tree = QTreeWidget(self)
        self.tree.setColumnCount(len(COLUMNS))
        self.tree.setHeaderLabels([_(title) for title in COLUMNS])
        self.tree.setAlternatingRowColors(True)
        self.tree.setUniformRowHeights(True)
        self.tree.headerItem().setTextAlignment(5, _RIGHT)
        self.tree.header().setStretchLastSection(False)
        self.tree.itemSelectionChanged.connect(self._selected)
        self.tree.itemActivated.connect(lambda *_args: self.edit_account() if may_edit else None)
        self.ledger = LinesPanel(
            db, actor, LedgerQuery(), "account-ledger", "account",
            _("Choose an account above to see its postings."),
            _("No posting matches the search."),
        )  # fmt: skip
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.tree)
        splitter.addWidget(self.ledger)
        splitter.setSizes([520, 300])
        layout = QVBoxLayout(self)
        layout.addLayout(toolbar)
        layout.addWidget(splitter, 1)
        self.refresh()

    def _button(
        self, row: QHBoxLayout, text: str, icon_name: str, slot: object, shortcut: str | None = None
    ) -> QPushButton:
        button = QPushButton(icon(icon_name), text, self)
        button.setAutoDefault(False)
        button.clicked.connect(lambda _checked=False: slot())  # type: ignore[operator]
        if shortcut:
            give_shortcut(button, shortcut)
        row.addWidget(button)
        return button

    def refresh(self) -> None:
        selected = self.selected()
        self.tree.clear()
        self.rows = {}
        parents: dict[str, QTreeWidgetItem] = {}
        for row in chart_of_accounts(self.db, self.actor):
            self.rows[row.id] = row
            code = row.code
            parent_code = code.rsplit(".", 1)[0] if "." in code else None
            while parent_code is not None and parent_code not in parents:
                parent_code = parent_code.rsplit(".", 1)[0] if "." in parent_code else None
            item = QTreeWidgetItem(
                [
                    code, row.name, kind_label(row.kind), dre_label(row.dre_line) if row.dre_line else "",
                    role_label(row.role) if row.role else "", money_text(row.balance) if row.balance or row.postings else "",
                ]
            )  # fmt: skip
            item.setData(0, Qt.ItemDataRole.UserRole, row.id)
            item.setTextAlignment(5, _RIGHT)
            if not row.postable:
                font = QFont(item.font(0))
                font.setBold(True)
                for column in range(len(COLUMNS)):
                    item.setFont(column, font)
            if not row.active:
                for column in range(len(COLUMNS)):
                    item.setForeground(column, self.palette().placeholderText())
            (parents[parent_code].addChild(item) if parent_code else self.tree.addTopLevelItem(item))
            parents[code] = item
        self.tree.expandAll()
        for column in range(len(COLUMNS)):
            self.tree.resizeColumnToContents(column)
        self.tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        if selected is not None:
            self.select_id(selected)
        self._selected()
        self.ledger.refresh()

    def select_id(self, account_id: int) -> None:
        for item in self._items():
            if item.data(0, Qt.ItemDataRole.UserRole) == account_id:
                self.tree.setCurrentItem(item)
                return

    def _items(self) -> list[QTreeWidgetItem]:
        found: list[QTreeWidgetItem] = []
        walker = QTreeWidgetItemIterator(self.tree)
        while (item := walker.value()) is not None:
            found.append(item)
            walker += 1
        return found

    def selected(self) -> int | None:
        items = self.tree.selectedItems()
        return int(items[0].data(0, Qt.ItemDataRole.UserRole)) if items else None

    def _selected(self) -> None:
        chosen = self.selected()
        self.edit_button.setEnabled(chosen is not None)
        row = self.rows.get(chosen) if chosen is not None else None
        self.ledger.show_document(chosen if row is not None and row.postable else None)

    def add_account(self) -> None:
        dialog = AccountDialog(self.db, self.actor, None, self)

        def select_new() -> None:
            if dialog.account_id is not None:
                self.select_id(dialog.account_id)

        open_dialog(self, dialog, select_new)

    def edit_account(self) -> None:
        chosen = self.selected()
        if chosen is not None and chosen in self.rows:
            open_dialog(self, AccountDialog(self.db, self.actor, self.rows[chosen], self))

    def open_settings(self) -> None:
        open_dialog(self, FinanceSettingsDialog(self.db, self.actor, self))
