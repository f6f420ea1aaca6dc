"""Stock's value in the books: each document that moves stock posts, in its own transaction, the
change of the stock account against where the goods came from or went to.

The stock account moves by exactly the change of the products' stock value (on hand × average cost,
each product to cents), so it always equals the stock valuation, which `bodesk check` proves. The other
side of each flow goes to its account by where the goods came from or went:

- a supplier (a receipt, or goods sent back): goods received not billed, cleared by the supplier's bill;
- a customer (a shipment, or goods coming back): cost of goods sold; a goods issue (samples,
  bonificação, own use): free goods and samples;
- the adjustment place (counts, adjustments): stock count adjustments; the loss place (breakage,
  damaged returns): stock losses; goods in transit: stock count adjustments.

Each side is rounded to cents; what the average cost's rounding leaves (a cent or two) goes to purchase
price differences, so the entry balances and the stock account stays exact.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from sqlalchemy.orm import Session

from bodesk.domain.access.actor import Actor
from bodesk.domain.common.money import round_money
from bodesk.domain.finance.chart import AccountRole, account_of
from bodesk.domain.finance.journal import LineDraft, post_entry
from bodesk.domain.stock.ledger import StockValued, on_stock_valued
from bodesk.domain.stock.models import LocationKind

ZERO = Decimal(0)
GOODS_ISSUE = "issue"

_BY_PLACE = {
    LocationKind.SUPPLIER: AccountRole.GRNI,
    LocationKind.CUSTOMER: AccountRole.COGS,
    LocationKind.ADJUSTMENT: AccountRole.STOCK_ADJUSTMENTS,
    LocationKind.LOSS: AccountRole.STOCK_LOSSES,
    LocationKind.TRANSIT: AccountRole.STOCK_ADJUSTMENTS,
}


def counterpart(document_kind: str, outside: LocationKind) -> AccountRole:
    if document_kind == GOODS_ISSUE and outside == LocationKind.CUSTOMER:
        return AccountRole.GOODS_ISSUED
    return _BY_PLACE.get(outside, AccountRole.STOCK_ADJUSTMENTS)


def stock_lines(session: Session, valued: StockValued) -> list[LineDraft]:
    """The entry's lines (signed amounts turned into debits and credits); none when nothing changed."""
    signed: dict[int, Decimal] = defaultdict(lambda: ZERO)  # debit positive
    for flow in valued.flows:  # stock gained flow.value: the other side is credited
        signed[account_of(session, counterpart(valued.document.kind, flow.outside))] -= flow.value
    amounts = {account: round_money(value) for account, value in signed.items()}
    stock = account_of(session, AccountRole.STOCK)
    amounts[stock] = amounts.get(stock, ZERO) + valued.change
    residual = -sum(amounts.values(), ZERO)
    if residual:
        rounding = account_of(session, AccountRole.PRICE_DIFFERENCES)
        amounts[rounding] = amounts.get(rounding, ZERO) + residual
    return [
        LineDraft(account, debit=amount) if amount > ZERO else LineDraft(account, credit=-amount)
        for account, amount in amounts.items()
        if amount
    ]


@on_stock_valued
def post_stock_value(session: Session, actor: Actor, valued: StockValued) -> None:
    lines = stock_lines(session, valued)
    if lines:
        day = valued.at.astimezone().date()
        post_entry(session, actor, day, lines, document=valued.document)
