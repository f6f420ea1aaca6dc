"""Read side of commissions: the rates of each rep per category (a rate without a category is the
rep's rate on every category without its own), paged, sorted and filtered in SQL.

Filters (ListRequest.filters): "rep" id.
"""

from __future__ import annotations

from bodesk.domain.common.listing import AnySelect, ListColumn, ListQuery, ListRequest
from bodesk.domain.sales.models import CommissionRate, SalesRep
from bodesk.domain.sales.permissions import COMMISSIONS_VIEW
from bodesk.domain.stock.models import Category
from bodesk.i18n import N_


class CommissionRatesQuery(ListQuery):
    action = COMMISSIONS_VIEW
    entity = CommissionRate
    columns = (
        ListColumn("rep", N_("Sales rep"), SalesRep.name),
        ListColumn("category", N_("Category"), Category.name),
        ListColumn("rate", N_("Commission %"), CommissionRate.rate, kind="number"),
    )
    default_sort = "rep"

    def base(self) -> AnySelect:
        return (
            super()
            .base()
            .join(SalesRep, SalesRep.id == CommissionRate.rep_id)
            .outerjoin(Category, Category.id == CommissionRate.category_id)
        )

    def where(self, stmt: AnySelect, request: ListRequest) -> AnySelect:
        if request.filter("rep"):
            stmt = stmt.where(CommissionRate.rep_id == request.filter("rep"))
        return stmt
