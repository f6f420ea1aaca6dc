"""Containers charged to customers, in the books: when a document (a depot's charge, a trip's close)
charges a customer for crates, bottles, jugs or kegs lost or broken, at their deposit value, the
customer owes it — an installment due that day, the customers account against other income — in the
document's own transaction."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy.orm import Session

from bodesk.domain.access.actor import Actor
from bodesk.domain.common.money import round_money
from bodesk.domain.common.postings import DocRef
from bodesk.domain.deliveries.container_ledger import on_containers_charged
from bodesk.domain.finance.chart import AccountRole, account_of
from bodesk.domain.finance.items import Installment, write_items
from bodesk.domain.finance.journal import LineDraft, post_entry
from bodesk.domain.finance.states import Direction

ZERO = Decimal(0)


@on_containers_charged
def post_container_charges(
    session: Session, actor: Actor, document: DocRef, at: datetime, charges: dict[int, Decimal]
) -> None:
    day = at.astimezone().date()
    receivables, income = (
        account_of(session, AccountRole.RECEIVABLES),
        account_of(session, AccountRole.OTHER_INCOME),
    )
    lines, owed = [], ZERO
    for customer, value in sorted(charges.items()):
        amount = round_money(value)
        if amount <= ZERO:
            continue
        lines.append(LineDraft(receivables, debit=amount, customer_id=customer))
        owed += amount
        write_items(
            session, Direction.RECEIVABLE, document, day, [Installment(day, amount)], customer_id=customer
        )
    if owed:
        post_entry(session, actor, day, [*lines, LineDraft(income, credit=owed)], document=document)
