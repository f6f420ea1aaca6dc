"""Exporting the product catalogue and the stock on hand as lists show them (CSV or XLSX)."""

from __future__ import annotations

from pathlib import Path

from bodesk.domain.access.actor import Actor
from bodesk.domain.common.export import ExportFormat, export_rows
from bodesk.domain.common.listing import ListQuery, ListRequest
from bodesk.domain.stock.queries import ProductsQuery, StockOnHandQuery
from bodesk.store.engine import Database


def export_list(
    db: Database, actor: Actor, query: ListQuery, request: ListRequest, path: Path, fmt: ExportFormat
) -> int:
    """Every row `request` selects, in its order, with the visible columns; returns the row count."""
    hidden = set(getattr(query, "hidden", ()))
    keep = [index for index, column in enumerate(query.columns) if column.key not in hidden]
    headers = [query.columns[index].translated_title for index in keep]
    rows = ([row.values[index] for index in keep] for row in query.iterate(db, actor, request))
    return export_rows(path, fmt, headers, rows)


def export_products(
    db: Database, actor: Actor, path: Path, fmt: ExportFormat, include_archived: bool = False
) -> int:
    request = ListRequest(filters={"status": "all" if include_archived else "active"}, sort="sku")
    return export_list(db, actor, ProductsQuery(), request, path, fmt)


def export_stock(
    db: Database, actor: Actor, path: Path, fmt: ExportFormat, warehouse_id: int | None = None
) -> int:
    request = ListRequest(filters={"warehouse_id": warehouse_id} if warehouse_id else {}, sort="sku")
    return export_list(db, actor, StockOnHandQuery(), request, path, fmt)
