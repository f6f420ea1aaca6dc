"""Importing counted quantities from a spreadsheet into a count, on the shared import dialog."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from bodesk.domain.access.actor import Actor
from bodesk.domain.common.tabular import Table
from bodesk.domain.stock.count_import import FIELDS, import_counts
from bodesk.i18n import _
from bodesk.store.engine import Database
from bodesk.ui.widgets.import_dialog import ImportDialog


class ImportCountDialog(ImportDialog):
    def __init__(
        self,
        db: Database,
        actor: Actor,
        count_id: int,
        number: int,
        table: Table,
        parent: QWidget | None = None,
    ) -> None:
        self.db, self.actor, self.count_id = db, actor, count_id
        super().__init__(
            _("Import counted quantities into count {number}").format(number=number),
            _(
                "Each row gives a product's code (barcode, SKU or a case's barcode) and the quantity counted; "
                "the location and the lot are optional. The file's quantity replaces what was counted before."
            ),
            FIELDS,
            table,
            lambda table, mapping, dry_run, good_rows: import_counts(
                db, actor, count_id, table, mapping, dry_run, good_rows
            ),
            parent,
            report_name="count-errors.csv",
        )
