"""Why a purchasing action was refused."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from bodesk.domain.common.errors import PermissionDenied
from bodesk.i18n import _, format_decimal


@dataclass(frozen=True)
class Excess:
    """One order line that a receipt would take past what was ordered."""

    product: str
    unit: str
    ordered: Decimal
    received: Decimal
    receiving: Decimal

    @property
    def excess(self) -> Decimal:
        return self.received + self.receiving - self.ordered

    def describe(self) -> str:
        return _(
            "{product}: {ordered} {unit} ordered, {received} already received, {receiving} now: "
            "{excess} {unit} more than ordered."
        ).format(
            product=self.product,
            unit=self.unit,
            ordered=format_decimal(self.ordered),
            received=format_decimal(self.received),
            receiving=format_decimal(self.receiving),
            excess=format_decimal(self.excess),
        )


def describe_excesses(excesses: list[Excess]) -> str:
    return "\n".join(excess.describe() for excess in excesses)


class OverReceiptDenied(PermissionDenied):
    """The receipt brings more than was ordered and the user may not receive over the order."""

    code = "purchasing.over_receipt"

    def __init__(self, excesses: list[Excess]) -> None:
        self.excesses = tuple(excesses)
        super().__init__(
            _("You may not receive more than was ordered. Ask a manager.")
            + "\n"
            + describe_excesses(excesses)
        )
