"""The printed count sheet: what to count, place by place, with a box to write each quantity in.

Lines are grouped by location (the main area, then each bin) and sorted by product name and lot, as
`counts_queries.count_sheet_lines` gives them. By default the sheet is blind: the expected quantity
is not printed, so that the team writes what it finds rather than what the books say. A few blank
rows at the end take the products found that were not listed, and the sheet ends with the lines the
counters and the checker sign.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from bodesk.domain.access.actor import Actor
from bodesk.domain.stock.counts import CountInfo, count_info
from bodesk.domain.stock.counts_queries import SheetLine, count_sheet_lines
from bodesk.domain.stock.states import COUNT_LIFECYCLE
from bodesk.i18n import _, format_datetime, format_decimal
from bodesk.reports.base import RULE, Progress, build_pdf, gap, header_for, report_styles, text
from bodesk.reports.tables import ReportColumn, data_table, key_value_block, signature_lines
from bodesk.store.engine import Database

BOX_HEIGHT = 6 * mm
BLANK_ROWS = 6


class WriteBox(Flowable):
    """An empty box as wide as its cell, to write a counted quantity in."""

    def __init__(self, height: float = BOX_HEIGHT) -> None:
        super().__init__()
        self.box_height = height

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        return avail_width, self.box_height

    def draw(self) -> None:
        self.canv.saveState()
        self.canv.setStrokeColor(RULE)
        self.canv.setFillColorRGB(1, 1, 1)
        self.canv.setLineWidth(0.7)
        self.canv.rect(0, 0, self.width, self.box_height, stroke=1, fill=1)
        self.canv.restoreState()


def _columns(show_expected: bool) -> list[ReportColumn]:
    """Widths are millimetres of the 180 mm an A4 page leaves; the product's name takes the rest."""
    fixed = 20 + 26 + 17 + 19 + 9 + 26 + (17 if show_expected else 0)
    columns = [
        ReportColumn(_("SKU"), "code", width=20),
        ReportColumn(_("Barcode"), "code", width=26),
        ReportColumn(_("Product"), width=180 - fixed),
        ReportColumn(_("Lot"), "code", width=17),
        ReportColumn(_("Expiry"), "date", width=19),
        ReportColumn(_("Unit"), width=9),
    ]
    if show_expected:
        columns.append(ReportColumn(_("Expected"), "quantity", width=17))
    columns.append(ReportColumn(_("Counted"), width=26))
    return columns


def _rows(lines: list[SheetLine], show_expected: bool, width: int) -> tuple[list[list[Any]], list[int]]:
    rows: list[list[Any]] = []
    groups: list[int] = []
    place = None
    for line in lines:
        if line.location != place:
            place = line.location
            groups.append(len(rows))
            named = line.location_name if line.location_name != line.location else ""
            rows.append([f"{line.location} · {named}" if named else line.location])
        row: list[Any] = [line.sku, line.barcode, line.product, line.lot, line.expiry, line.unit]
        if show_expected:
            row.append(line.expected)
        row.append(WriteBox())
        rows.append(row)
    groups.append(len(rows))
    rows.append([_("Found but not listed: write the code, the product and the quantity")])
    for _blank in range(BLANK_ROWS):
        rows.append([""] * (width - 1) + [WriteBox()])
    return rows, groups


def count_sheet_story(info: CountInfo, lines: list[SheetLine], show_expected: bool) -> list[Flowable]:
    pairs = [
        (_("Count"), str(info.number)),
        (_("Warehouse"), f"{info.warehouse_code} {info.warehouse_name}"),
        (_("Category"), info.category or _("All categories")),
        (_("Status"), COUNT_LIFECYCLE.label(info.status)),
        (
            _("Started"),
            _("{when} by {who}").format(when=format_datetime(info.started_at), who=info.started_by),
        ),
        (_("Lines"), format_decimal(info.lines)),
    ]
    if info.note:
        pairs.append((_("Note"), info.note))
    columns = _columns(show_expected)
    rows, groups = _rows(lines, show_expected, len(columns))
    advice = (
        _("Expected quantities are printed on this sheet.")
        if show_expected
        else _("Blind count: the expected quantities are not printed. Write what you find.")
    )
    advice += " " + _(
        "Count in base units (a case of 12 is 12), one box per line; write 0 when a product is not there."
    )
    return [
        key_value_block(pairs, columns=2),
        gap(3),
        text(advice, report_styles().small),
        gap(3),
        *data_table(columns, rows, group_rows=groups),
        gap(10),
        signature_lines([_("Counted by"), _("Checked by"), _("Date")]),
    ]


def build_count_sheet(
    db: Database,
    actor: Actor,
    count_id: int,
    path: Path,
    show_expected: bool = False,
    progress: Progress | None = None,
) -> Path:
    """Write the count sheet of `count_id` as a PDF at `path` (`progress`: see `base.build_pdf`)."""
    info = count_info(db, actor, count_id)
    lines = count_sheet_lines(db, actor, count_id)
    title = _("Stock count sheet")
    header = header_for(
        db, actor, title, _("Count {number} · {scope}").format(number=info.number, scope=info.scope)
    )
    story = count_sheet_story(info, lines, show_expected)
    return build_pdf(Path(path), header, story, progress=progress)
