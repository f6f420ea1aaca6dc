"""A customer's credit, checked when an order is confirmed.

Exposure = what the customer owes (open receivables, from finance once it keeps them; until then
nothing) + the value of its confirmed orders not yet invoiced + this order. Over the limit, or with
receivables overdue by more than the company's tolerance, the customer's policy decides: "warn" asks the
person to confirm; "block" refuses, unless someone with the permission overrides it with a reason,
which the order and the audit log keep. A blocked customer buys nothing.

Finance registers where receivables come from with `register_receivables` (sales knows nothing of it).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import case, func, select, type_coerce
from sqlalchemy.orm import Session

from bodesk.domain.access.permissions import is_allowed
from bodesk.domain.common.errors import ConfirmableWarning, ValidationError
from bodesk.domain.common.figures import money_text
from bodesk.domain.common.models import Money
from bodesk.domain.sales.errors import CustomerRefused
from bodesk.domain.sales.models import Customer
from bodesk.domain.sales.order_models import SalesOrder
from bodesk.domain.sales.permissions import CREDIT_OVERRIDE
from bodesk.domain.sales.states import CreditPolicy, OrderStatus
from bodesk.i18n import _

ZERO = Decimal(0)
CREDIT_WARNING = "credit"
UNBILLED = (OrderStatus.CONFIRMED, OrderStatus.PICKING, OrderStatus.SHIPPED, OrderStatus.DELIVERED)

ReceivablesSource = Callable[[Session, int, date, int], tuple[Decimal, Decimal]]
"""(session, customer id, today, tolerance days) -> (open receivables, overdue beyond the tolerance)."""
_SOURCES: list[ReceivablesSource] = []


def register_receivables(source: ReceivablesSource) -> None:
    if source not in _SOURCES:
        _SOURCES.append(source)


@dataclass(frozen=True)
class CreditPosition:
    limit: Decimal | None
    unbilled: Decimal
    receivables: Decimal
    overdue: Decimal
    this_order: Decimal

    @property
    def exposure(self) -> Decimal:
        return self.unbilled + self.receivables + self.this_order

    @property
    def over_limit(self) -> bool:
        return self.limit is not None and self.exposure > self.limit


def position_in(
    session: Session, customer: Customer, order: SalesOrder, today: date, tolerance_days: int
) -> CreditPosition:
    value = case(
        (SalesOrder.status.in_([OrderStatus.SHIPPED, OrderStatus.DELIVERED]), SalesOrder.shipped_total),
        else_=SalesOrder.total,
    )
    unbilled = session.execute(
        select(type_coerce(func.coalesce(func.sum(value), 0), Money())).where(
            SalesOrder.customer_id == customer.id, SalesOrder.status.in_(UNBILLED), SalesOrder.id != order.id
        )
    ).scalar_one()
    receivables = overdue = ZERO
    for source in _SOURCES:
        open_value, late = source(session, customer.id, today, tolerance_days)
        receivables += open_value
        overdue += late
    return CreditPosition(customer.credit_limit, unbilled, receivables, overdue, order.total)


def check_credit_in(
    session: Session,
    role: str,
    customer: Customer,
    order: SalesOrder,
    today: date,
    tolerance_days: int,
    confirmed: frozenset[str],
    override_reason: str,
) -> str:
    """Refuse, ask or let the order through; returns the override reason kept on the order ("" if none)."""
    if customer.blocked:
        raise CustomerRefused(
            _("{customer} is blocked: {reason}. Unblock the customer to confirm orders.").format(
                customer=customer.name, reason=customer.block_reason or _("no reason given")
            ),
            code="customer.blocked",
        )
    position = position_in(session, customer, order, today, tolerance_days)
    problems = []
    if position.over_limit:
        problems.append(
            _("{customer} would owe {exposure}, over the credit limit of {limit}.").format(
                customer=customer.name,
                exposure=money_text(position.exposure),
                limit=money_text(position.limit),
            )
        )
    if position.overdue > ZERO:
        problems.append(
            _("{customer} has {overdue} overdue for more than {days} days.").format(
                customer=customer.name, overdue=money_text(position.overdue), days=tolerance_days
            )
        )
    if not problems:
        return ""
    text = "\n".join(problems)
    if customer.credit_policy == CreditPolicy.WARN:
        if CREDIT_WARNING not in confirmed:
            raise ConfirmableWarning(CREDIT_WARNING, text + "\n" + _("Confirm the order anyway?"))
        return ""
    reason = override_reason.strip()
    if not is_allowed(role, CREDIT_OVERRIDE):
        raise CustomerRefused(
            text
            + "\n"
            + _("The customer's credit blocks the order: ask a manager or finance to confirm it."),
            code="customer.over_credit",
        )
    if not reason:
        raise ValidationError.single(
            "credit_note", text + "\n" + _("Say why the order goes through anyway: the reason is kept.")
        )
    return reason
