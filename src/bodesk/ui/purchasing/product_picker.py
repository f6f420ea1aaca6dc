"""The product type-ahead of the purchasing screens: type a name, SKU or scan a barcode, pick with
Up/Down and Enter. The hits come from `documents.find_purchasable`: products the supplier sells come
first, with its price. Leaving the field picks the highlighted hit, so a scan needs no Enter."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from bodesk.domain.access.actor import Actor
from bodesk.domain.common.figures import price_text
from bodesk.domain.purchasing.documents import ProductChoice, find_purchasable
from bodesk.i18n import _
from bodesk.store.engine import Database
from bodesk.ui.widgets.type_ahead import TypeAhead

MAX_HITS = 12


def supplier_price_text(hit: ProductChoice) -> str:
    """ "18.90 per Caixa 12" when the supplier has a price for the product, else nothing."""
    if hit.supplier_price is None:
        return ""
    pack = next((p.name for p in hit.packagings if p.id == hit.supplier_packaging_id), "")
    return _("{price} per {packaging}").format(price=price_text(hit.supplier_price), packaging=pack)


def product_hit_text(hit: ProductChoice) -> str:
    price = supplier_price_text(hit)
    return f"{hit.sku} – {hit.name}" + (f"  ·  {price}" if price else "")


class ProductPicker(TypeAhead[ProductChoice]):
    """Products that may be bought from `supplier_id`."""

    def __init__(
        self, db: Database, actor: Actor, supplier_id: int | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(
            self.find_for_supplier,
            product_hit_text,
            lambda hit: f"{hit.sku} – {hit.name}",
            _("No active product matches “{text}”."),
            parent,
            choose_on_leave=True,
        )
        self.db, self.actor, self.supplier_id = db, actor, supplier_id
        self.setPlaceholderText(_("Name, SKU or barcode"))

    def find_for_supplier(self, text: str) -> list[ProductChoice]:
        if self.supplier_id is None or not text:
            return []
        return find_purchasable(self.db, self.actor, self.supplier_id, text, MAX_HITS)
