"""What the sales order editor shows of its lines: a product as the line entry offers it, a stored line
as the editor types it again, the domain's preview as each line's amounts (price, total, why, stock
available, short or not) and the totals (value, units, cases, weight), and the grid's columns."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from bodesk.domain.common.figures import money_text, packaging_text, quantity_text
from bodesk.domain.common.money import round_money
from bodesk.domain.sales.documents import OrderLineView, OrderView, SalePreview, SaleProduct
from bodesk.domain.sales.order_lines import SalesLineInput
from bodesk.domain.stock.models import ZERO
from bodesk.i18n import _, format_decimal
from bodesk.ui.widgets.document_lines import EditorLine, LineAmounts, LineColumn, LinesPreview
from bodesk.ui.widgets.line_entry import LineProduct, PackagingOption


@dataclass(frozen=True)
class SaleAmounts(LineAmounts):
    note: str = ""  # why the line costs what it costs
    available: Decimal | None = None  # base units free for the line; None: a stored order's line (not shown)
    short: bool = False


@dataclass(frozen=True)
class SaleTotals(LinesPreview):
    units: Decimal = ZERO
    cases: Decimal = ZERO
    weight: Decimal = ZERO


def sale_packaging_label(pack_id: int | None, name: str, units: Decimal, base_unit: str) -> str:
    if pack_id is None:
        return _("Unit ({unit})").format(unit=base_unit)
    return packaging_text(name, units, base_unit)


def line_product(choice: SaleProduct) -> LineProduct:
    packagings = tuple(
        PackagingOption(pack.id, sale_packaging_label(pack.id, pack.name, pack.units, choice.base_unit))
        for pack in choice.packagings
    )
    free = _("{quantity} {unit} free").format(quantity=quantity_text(choice.available), unit=choice.base_unit)
    return LineProduct(
        choice.product_id, choice.sku, choice.name, packagings, choice.default_packaging_id, free
    )


def editor_line(line: OrderLineView) -> EditorLine:
    """A stored line as the editor types it: priced by the table again, unless its price was typed (its
    net price is not the list price less the discount), which is kept."""
    hundred = Decimal(100)
    from_list = round_money(line.list_price * (hundred - line.discount) / hundred)
    typed = None
    if line.price != from_list:
        typed = (
            line.price if not line.discount else round_money(line.price * hundred / (hundred - line.discount))
        )
    return EditorLine(
        line.product_id,
        line.sku,
        line.name,
        line.packaging_id,
        line.packaging,
        line.packages,
        typed,
        line.discount or None,
    )


def sale_input(line: EditorLine) -> SalesLineInput:
    return SalesLineInput(
        line.product_id, line.packaging_id, line.quantity, line.discount or ZERO, line.price
    )


def sale_totals(preview: SalePreview) -> SaleTotals:
    amounts = [
        SaleAmounts(shown.price, shown.total, shown.note, shown.available, shown.short)
        for shown in preview.lines
    ]
    return SaleTotals(amounts, preview.total, preview.units, preview.cases, preview.weight)


def stored_totals(order: OrderView) -> SaleTotals:
    amounts = [SaleAmounts(line.price, line.total, line.price_note) for line in order.lines]
    cases = sum((line.packages for line in order.lines if line.packaging_id is not None), ZERO)
    return SaleTotals(amounts, order.total, order.units, cases, order.weight)


def sale_columns() -> list[LineColumn]:
    def price_of(line: EditorLine, amounts: LineAmounts | None) -> str:
        if amounts is not None:
            return money_text(amounts.price)
        return "" if line.price is None else money_text(line.price)

    def available(_line: EditorLine, amounts: LineAmounts | None) -> str:
        if isinstance(amounts, SaleAmounts) and amounts.available is not None:
            return quantity_text(amounts.available)
        return ""

    return [
        LineColumn(_("SKU"), lambda line, _amounts: line.sku, 12, part="product"),
        LineColumn(_("Product"), lambda line, _amounts: line.product, 0, part="product"),
        LineColumn(_("Packaging"), lambda line, _amounts: line.packaging, 18, part="packaging"),
        LineColumn(_("Quantity"), lambda line, _amounts: quantity_text(line.quantity), 9, True, "packages"),
        LineColumn(_("Price"), price_of, 11, True, "price"),
        LineColumn(
            _("Discount %"),
            lambda line, _amounts: format_decimal(line.discount) if line.discount else "",
            11,
            True,
            "discount",
        ),
        LineColumn(_("Total"), lambda _line, amounts: money_text(amounts.total) if amounts else "", 12, True),
        LineColumn(_("Available"), available, 10, True),
    ]


AVAILABLE_COLUMN = 7
