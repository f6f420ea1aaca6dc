"""What makes a product's data good before the catalogue is asked: its SKU (a code: see
domain/common/codes.py), barcode and NCM, its unit, texts that fit their columns, prices and quantities
within the number rules of domain/common/money.py.

These rules need no database, so a form, an import of 100,000 rows and `bodesk check` (which proves
every stored product could be saved unchanged) run the very same ones; what only the catalogue can
say — is this SKU or barcode taken? — is product_saving's part.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal

from stdnum import ean

from bodesk.domain.common.codes import CodeRule
from bodesk.domain.common.errors import FieldError, ValidationError, Validator
from bodesk.domain.common.lengths import check_lengths, max_length
from bodesk.domain.common.money import PRICE_RULE, QUANTITY_RULE, UNIT_PRICE_RULE, NumberRule
from bodesk.domain.common.text import fold
from bodesk.domain.stock.models import ZERO, Category, Product
from bodesk.i18n import N_, _

SKU_RULE = CodeRule(
    max_length(Product.sku),
    "._/-",
    N_(
        "A SKU has 1 to {length} letters without accents, digits or . _ / -, "
        "and starts with a letter or a digit."
    ),
)
UNITS = ("un", "kg", "g", "L", "mL", "m", "cx", "pct", "fd", "dz")
SHELF_LIFE_RULE = NumberRule(0, Decimal(3650))
"""A shelf life in days: ten years at most."""
NUMBER_RULES = {
    "sale_price": PRICE_RULE,
    "cost": UNIT_PRICE_RULE,
    "min_stock": QUANTITY_RULE,
    "max_stock": QUANTITY_RULE,
}


@dataclass(frozen=True)
class ProductData:
    sku: str
    name: str
    gtin: str = ""
    brand: str = ""
    category: str = ""
    base_unit: str = "un"
    ncm: str = ""
    sale_price: Decimal = ZERO
    min_stock: Decimal = ZERO
    max_stock: Decimal = ZERO
    lot_tracked: bool = False
    shelf_life_days: int | None = None
    returnable: bool = False
    cost: Decimal | None = None  # only when creating: the starting average cost
    version: int | None = (
        None  # the version the form read: a save refuses a card changed since (None: no check)
    )


def validate_gtin(value: str, field: str = "gtin") -> str:
    """A GTIN-8/12/13/14 with a correct check digit, compacted; "" stays ""."""
    code = value.strip().replace(" ", "")
    if not code:
        return ""
    if not code.isdigit() or len(code) not in (8, 12, 13, 14) or not ean.is_valid(code):
        raise ValidationError.single(
            field,
            _("“{code}” is not a valid GTIN/EAN barcode (check the digits).").format(code=value.strip()),
        )
    return code


def search_text(sku: str, name: str, brand: str, gtin: str | None) -> str:
    return fold(" ".join(part for part in (sku, name, brand, gtin or "") if part))[:400]


def _line(text: str) -> str:
    return " ".join(text.split())


def cleaned(data: ProductData) -> ProductData:
    """The data as it is stored: the SKU in capitals, texts on one line, the NCM without its dots and the
    barcode without spaces. Nothing is rounded: a value with too many places is refused, not changed."""
    return replace(
        data,
        sku=SKU_RULE.clean(data.sku),
        name=_line(data.name),
        gtin=data.gtin.strip().replace(" ", ""),
        brand=_line(data.brand),
        category=_line(data.category),
        ncm=data.ncm.strip().replace(".", ""),
    )


def product_problems(data: ProductData) -> list[FieldError]:
    """Every problem of cleaned data (see `cleaned`), each on its field, none when it is good."""
    check = Validator()
    sku_problem = SKU_RULE.problem(data.sku)
    if sku_problem is not None:
        check.add("sku", sku_problem)
    check.check(bool(data.name), "name", _("Enter the product's name."))
    check_lengths(
        check,
        {
            "name": (data.name, Product.name),
            "brand": (data.brand, Product.brand),
            "category": (data.category, Category.name),
        },
    )
    try:
        validate_gtin(data.gtin)
    except ValidationError as exc:
        check.errors.extend(exc.errors)
    check.check(
        not data.ncm or (data.ncm.isdigit() and len(data.ncm) == 8),
        "ncm",
        _("An NCM code has 8 digits: 2202.10.00."),
    )
    check.check(
        data.base_unit in UNITS, "base_unit", _("Choose a unit: {units}.").format(units=", ".join(UNITS))
    )
    for field, rule in NUMBER_RULES.items():
        amount = getattr(data, field)
        if amount is None:
            continue
        problem = rule.problem(amount)
        if problem is not None:
            check.add(field, problem)
        else:
            check.check(amount >= ZERO, field, _("The value cannot be negative."))
    check.check(
        data.max_stock == ZERO or data.max_stock >= data.min_stock,
        "max_stock",
        _("The maximum stock must be at least the minimum."),
    )
    if data.shelf_life_days is not None:
        problem = SHELF_LIFE_RULE.problem(data.shelf_life_days)
        check.check(
            problem is None and data.shelf_life_days > 0,
            "shelf_life_days",
            problem or _("The shelf life is a number of days above zero."),
        )
    return check.errors
