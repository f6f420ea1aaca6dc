"""The delivery settings: whether a trip over its vehicle's capacity is only warned about or refused."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QWidget

from bodesk.domain.access.actor import Actor
from bodesk.domain.deliveries.fleet import set_block_over_capacity
from bodesk.domain.deliveries.lookups import blocks_over_capacity
from bodesk.i18n import _
from bodesk.store.engine import Database
from bodesk.ui.widgets.forms import FormDialog


class DeliverySettingsDialog(FormDialog):
    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent, _("Delivery settings"), _("Save"))
        self.db, self.actor = db, actor
        self.block = QCheckBox(
            _("Refuse a trip over its vehicle's capacity (otherwise ask to confirm)"), self
        )
        self.block.setChecked(blocks_over_capacity(db, actor))
        self.form.add_row("", self.block)

    def confirm(self) -> None:
        set_block_over_capacity(self.db, self.actor, self.block.isChecked())
