"""Why a stock action was refused."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from bodesk.domain.common.errors import UserError
from bodesk.i18n import _, format_decimal


@dataclass(frozen=True)
class Shortfall:
    product: str
    location: str
    lot: str | None
    available: Decimal  # on hand that may be taken: on hand less what is reserved for documents
    wanted: Decimal
    reserved: Decimal = Decimal(0)

    @property
    def missing(self) -> Decimal:
        return self.wanted - self.available

    def describe(self) -> str:
        where = (
            self.location if self.lot is None else f"{self.location}, " + _("lot {lot}").format(lot=self.lot)
        )
        if self.reserved:
            return _(
                "{product} in {where}: {available} free ({reserved} reserved for orders), {wanted} needed "
                "({missing} short)."
            ).format(
                product=self.product,
                where=where,
                available=format_decimal(self.available),
                reserved=format_decimal(self.reserved),
                wanted=format_decimal(self.wanted),
                missing=format_decimal(self.missing),
            )
        return _("{product} in {where}: {available} on hand, {wanted} needed ({missing} short).").format(
            product=self.product,
            where=where,
            available=format_decimal(self.available),
            wanted=format_decimal(self.wanted),
            missing=format_decimal(self.missing),
        )


class StockShortage(UserError):
    """Moving this much would take a real location below zero; every shortfall is listed."""

    code = "stock.shortage"

    def __init__(self, shortfalls: list[Shortfall]) -> None:
        self.shortfalls = tuple(shortfalls)
        lines = [shortfall.describe() for shortfall in self.shortfalls]
        super().__init__(_("Not enough stock:") + "\n" + "\n".join(lines))
