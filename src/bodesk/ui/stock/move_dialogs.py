"""Moving stock by hand from Stock on hand: a transfer, an adjustment, breakage, a goods issue.

Each dialog calls one service of `bodesk.domain.stock.operations`; a shortfall or a refused quantity
shows under the quantity. A transfer out of a warehouse of a product kept by lot shows which lots
expire first there (first expired, first out) and offers to take those.
"""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

from bodesk.domain.access.actor import Actor
from bodesk.domain.common.errors import FieldError, ValidationError, line_of
from bodesk.domain.common.figures import parse_number, parse_optional_number, quantity_text
from bodesk.domain.stock.errors import StockShortage
from bodesk.domain.stock.lookups import (
    LotChoice,
    locations,
    lots_of,
    lots_with_stock,
    product_brief,
    stock_at,
)
from bodesk.domain.stock.lots import suggest_picking
from bodesk.domain.stock.models import StockOperationKind
from bodesk.domain.stock.operations import adjust_stock, issue_stock, transfer_stock
from bodesk.i18n import N_, _, format_date
from bodesk.store.engine import Database
from bodesk.ui.stock.common import fill_locations, select_data
from bodesk.ui.widgets.forms import FormDialog

ZERO = Decimal(0)


def fill_lots(combo: QComboBox, lots: list[LotChoice], chosen: int | None) -> None:
    combo.blockSignals(True)
    combo.clear()
    for lot in lots:
        expiry = _("expires {date}").format(date=format_date(lot.expiry)) if lot.expiry else _("no expiry")
        combo.addItem(f"{lot.code} · {expiry} · {quantity_text(lot.quantity)}", lot.id)
    combo.setCurrentIndex(combo.findData(chosen) if chosen is not None else (0 if lots else -1))
    combo.blockSignals(False)


def on_quantity(error: ValidationError | StockShortage) -> ValidationError:
    """The ledger's refusal under the dialog's fields: its one line's lot under the lot, the rest of the
    line under the quantity."""
    if isinstance(error, StockShortage):
        return ValidationError.single("quantity", error.message)
    return ValidationError(FieldError(_dialog_field(item.field), item.message) for item in error.errors)


def _dialog_field(field: str) -> str:
    line = line_of(field)
    if line is None:
        return "to_location" if field == "location" else field
    return "lot" if line.part == "lot" else "quantity"


class _MoveDialog(FormDialog):
    def __init__(
        self, db: Database, actor: Actor, product_id: int, title: str, ok: str, parent: QWidget | None
    ) -> None:
        super().__init__(parent, title, ok)
        self.db, self.actor, self.product_id = db, actor, product_id
        self.product = product_brief(db, actor, product_id)
        self.lot = QComboBox(self)
        self.quantity = QLineEdit(self)
        self.reason = QLineEdit(self)
        self.reason.setMaxLength(200)
        self.available = QLabel(self)

    def lot_id(self) -> int | None:
        return self.lot.currentData() if self.product.lot_tracked else None

    def show_available(self, location_id: int | None) -> None:
        held = (
            stock_at(self.db, self.actor, self.product_id, location_id, self.lot_id())
            if location_id
            else ZERO
        )
        self.available.setText(f"{quantity_text(held)} {self.product.unit}")


class TransferDialog(_MoveDialog):
    """Move a product (and lot) from one stock location to another, in the same or another warehouse."""

    def __init__(
        self,
        db: Database,
        actor: Actor,
        product_id: int,
        from_location_id: int,
        lot_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(db, actor, product_id, _("Transfer stock"), _("Make the transfer"), parent)
        self.set_intro(f"{self.product.sku} {self.product.name}")
        self.places = {place.id: place for place in locations(db, actor, include_closed=True)}
        self.origin = QComboBox(self)
        fill_locations(self.origin, list(self.places.values()))
        select_data(self.origin, from_location_id)
        self.form.add_field("from_location", _("From"), self.origin)
        if self.product.lot_tracked:
            fill_lots(self.lot, lots_with_stock(db, actor, product_id, from_location_id), lot_id)
            self.form.add_field("lot", _("Lot"), self.lot)
        else:
            self.lot.hide()
        self.form.add_row(_("Available"), self.available)
        self.target = QComboBox(self)
        self.target.setPlaceholderText(_("Choose where to"))
        self.form.add_field("to_location", _("To"), self.target)
        self.form.add_field(
            "quantity", _("Quantity"), self.quantity, _("In {unit}.").format(unit=self.product.unit)
        )
        self.form.add_field("reason", _("Reason"), self.reason, _("Optional; kept with the move."))
        self.fefo = QLabel(self)
        self.fefo.setWordWrap(True)
        self.use_fefo = QPushButton(_("Take the first to expire"), self)
        self.use_fefo.setAutoDefault(False)
        self.use_fefo.clicked.connect(self.take_first_to_expire)
        box = QWidget(self)
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.fefo, 1)
        row.addWidget(self.use_fefo)
        self.form.add_row(_("First to expire"), box)
        self.fefo_row = box
        self.origin.currentIndexChanged.connect(self._origin_changed)
        self.lot.currentIndexChanged.connect(self._update)
        self.target.currentIndexChanged.connect(self._update)
        self.quantity.textChanged.connect(self._update)
        self._fill_targets()
        self._update()
        self.setMinimumWidth(560)
        self.form.focus_field("to_location")

    def origin_id(self) -> int:
        return int(self.origin.currentData())

    def _origin_changed(self) -> None:
        if self.product.lot_tracked:
            fill_lots(self.lot, lots_with_stock(self.db, self.actor, self.product_id, self.origin_id()), None)
        self._fill_targets()
        self._update()

    def _fill_targets(self) -> None:
        chosen = self.target.currentData()
        open_places = [p for p in self.places.values() if p.active and p.id != self.origin_id()]
        fill_locations(self.target, open_places)
        self.target.setCurrentIndex(self.target.findData(chosen) if chosen is not None else -1)

    def _update(self) -> None:
        self.show_available(self.origin_id())
        self._suggest()
        self.refresh_buttons()

    def _suggest(self) -> None:
        """Which lots to take first, for a transfer of a lot-kept product out of its warehouse."""
        origin, target = self.places.get(self.origin_id()), self.places.get(self.target.currentData() or 0)
        leaving = origin is not None and target is not None and origin.warehouse_id != target.warehouse_id
        self.picks = []
        if self.product.lot_tracked and leaving and origin is not None:
            try:
                wanted = parse_optional_number(self.quantity.text(), "quantity")
            except ValidationError:
                wanted = None
            self.picks = suggest_picking(
                self.db, self.actor, self.product_id, origin.warehouse_id, wanted or Decimal(1)
            )
        self.form.form_layout.setRowVisible(self.fefo_row, bool(self.picks))
        if not self.picks:
            return
        self.fefo.setText(
            "; ".join(
                _("lot {lot} ({expiry}) in {place}: {qty}").format(
                    lot=pick.lot,
                    expiry=_("expires {date}").format(date=format_date(pick.expiry))
                    if pick.expiry
                    else _("no expiry"),
                    place=pick.location,
                    qty=quantity_text(pick.quantity),
                )
                for pick in self.picks
            )
        )
        first = self.picks[0]
        self.use_fefo.setEnabled((first.location_id, first.lot_id) != (self.origin_id(), self.lot_id()))

    def take_first_to_expire(self) -> None:
        if self.picks:
            first = self.picks[0]
            select_data(self.origin, first.location_id)
            select_data(self.lot, first.lot_id)
            self._update()

    def can_confirm(self) -> bool:
        lot_ok = not self.product.lot_tracked or self.lot.currentIndex() >= 0
        return lot_ok and self.target.currentIndex() >= 0 and bool(self.quantity.text().strip())

    def confirm(self) -> None:
        quantity = parse_number(self.quantity.text(), "quantity")
        try:
            transfer_stock(
                self.db,
                self.actor,
                self.product_id,
                self.origin_id(),
                int(self.target.currentData()),
                quantity,
                self.lot_id(),
                self.reason.text().strip(),
            )
        except (StockShortage, ValidationError) as exc:
            raise on_quantity(exc) from exc


TITLES = {
    StockOperationKind.ADJUSTMENT: N_("Adjust stock"),
    StockOperationKind.BREAKAGE: N_("Record breakage"),
    StockOperationKind.ISSUE: N_("Issue goods"),
}
QUANTITY_HINTS = {
    StockOperationKind.ADJUSTMENT: N_("In {unit}."),
    StockOperationKind.BREAKAGE: N_("The quantity lost, in {unit}."),
    StockOperationKind.ISSUE: N_("The quantity that leaves, in {unit}."),
}
REASON_HINTS = {
    StockOperationKind.ADJUSTMENT: N_("Why the stock changes."),
    StockOperationKind.BREAKAGE: N_("What happened: a dropped pallet, leaking bottles…"),
    StockOperationKind.ISSUE: N_(
        "Who received it and why: a sample for Bar do Zé, free goods with order 123…"
    ),
}


class AdjustDialog(_MoveDialog):
    """Add or remove stock in one place with a reason (an adjustment), book a removal as a loss
    (breakage), or take goods out to a customer without a sales order (a goods issue)."""

    def __init__(
        self,
        db: Database,
        actor: Actor,
        product_id: int,
        location_id: int,
        lot_id: int | None = None,
        kind: StockOperationKind = StockOperationKind.ADJUSTMENT,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(db, actor, product_id, _(TITLES[kind]), _("Record the change"), parent)
        self.location_id, self.kind = location_id, kind
        self.breakage = kind == StockOperationKind.BREAKAGE
        place = next((p for p in locations(db, actor, include_closed=True) if p.id == location_id), None)
        where = place.code if place else ""
        self.set_intro(
            _("{product} in {place}").format(product=f"{self.product.sku} {self.product.name}", place=where)
        )
        self.direction = QComboBox(self)
        self.direction.addItem(_("Remove from stock"), -1)
        self.direction.addItem(_("Add to stock"), 1)
        if kind != StockOperationKind.ADJUSTMENT:
            self.direction.hide()
        else:
            self.form.add_field("direction", _("Change"), self.direction)
        if self.product.lot_tracked:
            self.form.add_field("lot", _("Lot"), self.lot)
        else:
            self.lot.hide()
        self.form.add_row(_("On hand here"), self.available)
        hint = _(QUANTITY_HINTS[kind]).format(unit=self.product.unit)
        self.form.add_field("quantity", _("Quantity"), self.quantity, hint)
        self.form.add_field("reason", _("Reason"), self.reason, _(REASON_HINTS[kind]))
        self.chosen_lot = lot_id
        self.direction.currentIndexChanged.connect(self._fill_lots)
        self.lot.currentIndexChanged.connect(lambda _index: self.show_available(self.location_id))
        self._fill_lots()
        self.form.focus_field("quantity")

    def adding(self) -> bool:
        return self.kind == StockOperationKind.ADJUSTMENT and self.direction.currentData() == 1

    def _fill_lots(self) -> None:
        if self.product.lot_tracked:
            chosen = self.lot.currentData() if self.lot.count() else self.chosen_lot
            found = (
                lots_of(self.db, self.actor, self.product_id)
                if self.adding()
                else lots_with_stock(self.db, self.actor, self.product_id, self.location_id)
            )
            fill_lots(self.lot, found, chosen if any(lot.id == chosen for lot in found) else None)
        self.show_available(self.location_id)

    def can_confirm(self) -> bool:
        lot_ok = not self.product.lot_tracked or self.lot.currentIndex() >= 0
        return lot_ok and bool(self.quantity.text().strip() and self.reason.text().strip())

    def confirm(self) -> None:
        quantity = parse_number(self.quantity.text(), "quantity")
        if quantity <= ZERO:  # the direction says which way: the quantity is how much
            raise ValidationError.single("quantity", _("Enter a quantity above zero."))
        delta = quantity if self.adding() else -quantity
        try:
            if self.kind == StockOperationKind.ISSUE:
                issue_stock(
                    self.db,
                    self.actor,
                    self.product_id,
                    self.location_id,
                    quantity,
                    self.reason.text(),
                    self.lot_id(),
                )
            else:
                adjust_stock(
                    self.db,
                    self.actor,
                    self.product_id,
                    self.location_id,
                    delta,
                    self.reason.text(),
                    self.lot_id(),
                    breakage=self.breakage,
                )
        except (StockShortage, ValidationError) as exc:
            raise on_quantity(exc) from exc
