"""Sales reps' commissions: a rate per rep and product category (the rep's rate for every other
category on category_key 0), and a statement per rep and period.

Decision: until finance keeps invoices, the base is what shipped — each order line's shipped value at
its net price, on the day the order shipped — less the value of the goods returned in the period.
Once invoices exist the base becomes the invoiced value (and optionally the paid value).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from bodesk.domain.access import audit
from bodesk.domain.access.actor import Actor
from bodesk.domain.access.guard import require
from bodesk.domain.common.errors import NotFound, ValidationError
from bodesk.domain.common.listing import day_start
from bodesk.domain.common.money import round_money
from bodesk.domain.sales.models import CommissionRate, Customer, SalesRep
from bodesk.domain.sales.order_models import SalesOrder, SalesOrderLine, SalesReturn, SalesReturnLine
from bodesk.domain.sales.permissions import COMMISSIONS_VIEW, SALES_SETTINGS
from bodesk.domain.stock.models import ZERO, Category, Product
from bodesk.i18n import _
from bodesk.store.engine import Database

HUNDRED = Decimal(100)


def _rep(session: Session, rep_id: int) -> SalesRep:
    rep = session.get(SalesRep, rep_id)
    if rep is None:
        raise NotFound(_("That sales rep no longer exists."), code="sales_rep.not_found")
    return rep


def set_rate(db: Database, actor: Actor, rep_id: int, category_id: int | None, rate: Decimal) -> None:
    """The rep's commission in percent on a category (None: every category without its own rate)."""
    if not (ZERO <= rate < HUNDRED) or round_money(rate) != rate:
        raise ValidationError.single("rate", _("A commission is from 0 to 99.99 %, with at most 2 decimals."))
    with db.write() as session:
        require(session, actor, SALES_SETTINGS)
        rep = _rep(session, rep_id)
        if category_id is not None and session.get(Category, category_id) is None:
            raise ValidationError.single("category", _("That category no longer exists."))
        key = category_id or 0
        row = session.execute(
            select(CommissionRate).where(CommissionRate.rep_id == rep.id, CommissionRate.category_key == key)
        ).scalar_one_or_none()
        old = {"rate": row.rate} if row else None
        if row is None:
            row = CommissionRate(rep_id=rep.id, category_id=category_id, category_key=key)
            session.add(row)
        row.rate = rate
        audit.record(
            session,
            actor,
            "commission.rate",
            "sales_rep",
            rep.name,
            old=old,
            new={"category_id": category_id, "rate": rate},
        )


@dataclass(frozen=True)
class CommissionLine:
    when: datetime
    document: str  # "Sales order 12", "Return 3"
    customer: str
    category: str
    base: Decimal  # negative for a return
    rate: Decimal
    commission: Decimal


@dataclass(frozen=True)
class CommissionStatement:
    rep: str
    start: date
    end: date
    lines: list[CommissionLine]

    @property
    def base(self) -> Decimal:
        return sum((line.base for line in self.lines), ZERO)

    @property
    def commission(self) -> Decimal:
        return sum((line.commission for line in self.lines), ZERO)


def statement(db: Database, actor: Actor, rep_id: int, start: date, end: date) -> CommissionStatement:
    begin = day_start(start)  # days in this machine's time zone, as every list's dates
    finish = day_start(end + timedelta(days=1))
    with db.read() as session:
        require(session, actor, COMMISSIONS_VIEW)
        rep = _rep(session, rep_id)
        rates = {key: rate for key, rate in session.execute(
            select(CommissionRate.category_key, CommissionRate.rate).where(CommissionRate.rep_id == rep.id)
        )}  # fmt: skip
        categories = dict(session.execute(select(Category.id, Category.name)).all())
        lines: list[CommissionLine] = []
        shipped = session.execute(
            select(
                SalesOrder.shipped_at,
                SalesOrder.number,
                Customer.name,
                Product.category_id,
                SalesOrderLine.shipped,
                SalesOrderLine.units_per_package,
                SalesOrderLine.price,
            )
            .join(SalesOrderLine, SalesOrderLine.order_id == SalesOrder.id)
            .join(Customer, Customer.id == SalesOrder.customer_id)
            .join(Product, Product.id == SalesOrderLine.product_id)
            .where(
                SalesOrder.rep_id == rep.id,
                SalesOrder.shipped_at >= begin,
                SalesOrder.shipped_at < finish,
                SalesOrderLine.shipped > 0,
            )
            .order_by(SalesOrder.shipped_at, SalesOrder.number)
        )
        for when, number, customer, category, quantity, units, price in shipped:
            if when is None:  # the query keeps shipped orders only
                continue
            base = round_money(quantity / units * price)
            rate = rates.get(category or 0, rates.get(0, ZERO))
            lines.append(
                CommissionLine(
                    when,
                    _("Sales order {n}").format(n=number),
                    customer,
                    categories.get(category or 0, ""),
                    base,
                    rate,
                    round_money(base * rate / HUNDRED),
                )
            )
        returned = session.execute(
            select(
                SalesReturn.at, SalesReturn.number, Customer.name, Product.category_id, SalesReturnLine.value
            )
            .join(SalesReturnLine, SalesReturnLine.return_id == SalesReturn.id)
            .join(SalesOrder, SalesOrder.id == SalesReturn.order_id)
            .join(Customer, Customer.id == SalesReturn.customer_id)
            .join(Product, Product.id == SalesReturnLine.product_id)
            .where(SalesOrder.rep_id == rep.id, SalesReturn.at >= begin, SalesReturn.at < finish)
            .order_by(SalesReturn.at, SalesReturn.number)
        )
        for when, number, customer, category, value in returned:
            rate = rates.get(category or 0, rates.get(0, ZERO))
            lines.append(
                CommissionLine(
                    when,
                    _("Return {n}").format(n=number),
                    customer,
                    categories.get(category or 0, ""),
                    -value,
                    rate,
                    -round_money(value * rate / HUNDRED),
                )
            )
        lines.sort(key=lambda line: line.when)
        return CommissionStatement(rep.name, start, end, lines)
