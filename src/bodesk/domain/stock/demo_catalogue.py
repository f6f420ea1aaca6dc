"""The beverage catalogue the demo generates: categories, brands, sizes, packagings.

Deterministic for a seed. Large sizes multiply variants (flavours, sizes, packs) so that 20,000
distinct products still read like a distributor's catalogue.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from stdnum import ean


@dataclass(frozen=True)
class Line:
    category: str
    brands: tuple[str, ...]
    variants: tuple[str, ...]
    sizes: tuple[tuple[str, str, Decimal], ...]  # (label, packaging name, units per package)
    unit_cost: tuple[Decimal, Decimal]  # range of cost per unit
    shelf_life_days: int | None
    ncm: str


LINES = (
    Line(
        "Cervejas",
        (
            "Skol",
            "Brahma",
            "Antarctica",
            "Heineken",
            "Amstel",
            "Itaipava",
            "Budweiser",
            "Original",
            "Stella Artois",
            "Eisenbahn",
            "Bohemia",
            "Spaten",
            "Devassa",
            "Petra",
            "Colorado",
        ),
        ("Pilsen", "Puro Malte", "Zero", "Lager", "IPA", "Weiss", "Red Ale", "Duplo Malte"),
        (
            ("Lata 350 ml", "Fardo 12", Decimal(12)),
            ("Long Neck 330 ml", "Caixa 24", Decimal(24)),
            ("Garrafa 600 ml", "Engradado 24", Decimal(24)),
            ("Lata 473 ml", "Fardo 12", Decimal(12)),
            ("Litrão 1 L", "Engradado 12", Decimal(12)),
        ),
        (Decimal("2.10"), Decimal("7.90")),
        180,
        "22030000",
    ),
    Line(
        "Refrigerantes",
        (
            "Coca-Cola",
            "Guaraná Antarctica",
            "Fanta",
            "Sprite",
            "Pepsi",
            "Sukita",
            "Schweppes",
            "Kuat",
            "Dolly",
            "Soda Limonada",
            "Tubaína",
            "H2OH!",
        ),
        ("Original", "Zero", "Laranja", "Uva", "Limão", "Guaraná", "Citrus", "Maracujá"),
        (
            ("Lata 350 ml", "Fardo 12", Decimal(12)),
            ("PET 600 ml", "Fardo 12", Decimal(12)),
            ("PET 1 L", "Fardo 6", Decimal(6)),
            ("PET 2 L", "Fardo 6", Decimal(6)),
            ("Vidro 290 ml", "Engradado 24", Decimal(24)),
        ),
        (Decimal("1.40"), Decimal("6.50")),
        180,
        "22021000",
    ),
    Line(
        "Águas",
        (
            "Crystal",
            "Bonafont",
            "Minalba",
            "São Lourenço",
            "Indaiá",
            "Lindoya",
            "Pureza Vital",
            "Schin",
            "Ouro Fino",
        ),
        ("Sem Gás", "Com Gás", "Saborizada Limão", "Alcalina"),
        (
            ("PET 500 ml", "Fardo 12", Decimal(12)),
            ("PET 1,5 L", "Fardo 6", Decimal(6)),
            ("Galão 20 L", "Unidade", Decimal(1)),
            ("Copo 200 ml", "Caixa 48", Decimal(48)),
        ),
        (Decimal("0.45"), Decimal("9.00")),
        365,
        "22011000",
    ),
    Line(
        "Sucos",
        ("Del Valle", "Maguary", "Natural One", "Suvalan", "Tial", "Sufresh", "Do Bem", "Aurora"),
        ("Uva", "Laranja", "Pêssego", "Maracujá", "Caju", "Goiaba", "Manga", "Abacaxi", "Morango"),
        (
            ("Caixa 1 L", "Fardo 12", Decimal(12)),
            ("Lata 335 ml", "Fardo 6", Decimal(6)),
            ("Caixinha 200 ml", "Fardo 27", Decimal(27)),
        ),
        (Decimal("1.60"), Decimal("9.90")),
        240,
        "20098990",
    ),
    Line(
        "Energéticos",
        ("Red Bull", "Monster", "TNT", "Fusion", "Baly", "Burn"),
        ("Original", "Sugar Free", "Tropical", "Melancia", "Açaí"),
        (
            ("Lata 250 ml", "Fardo 24", Decimal(24)),
            ("Lata 473 ml", "Fardo 12", Decimal(12)),
            ("PET 2 L", "Fardo 6", Decimal(6)),
        ),
        (Decimal("3.20"), Decimal("11.50")),
        365,
        "22029900",
    ),
    Line(
        "Destilados",
        (
            "Ypióca",
            "51",
            "Velho Barreiro",
            "Smirnoff",
            "Johnnie Walker",
            "Absolut",
            "Sagatiba",
            "Jack Daniel's",
            "Tanqueray",
            "Bacardi",
        ),
        ("Prata", "Ouro", "Red Label", "Black Label", "Original", "Gin", "Rum Carta Blanca"),
        (
            ("Garrafa 1 L", "Caixa 12", Decimal(12)),
            ("Garrafa 700 ml", "Caixa 6", Decimal(6)),
            ("Garrafa 965 ml", "Caixa 12", Decimal(12)),
        ),
        (Decimal("12.00"), Decimal("140.00")),
        None,
        "22084000",
    ),
    Line(
        "Vinhos",
        ("Miolo", "Salton", "Casillero del Diablo", "Aurora", "Periquita", "Santa Helena", "Concha y Toro"),
        ("Tinto Seco", "Tinto Suave", "Branco Seco", "Rosé", "Espumante Brut", "Moscatel"),
        (("Garrafa 750 ml", "Caixa 6", Decimal(6)), ("Garrafa 1,5 L", "Caixa 6", Decimal(6))),
        (Decimal("18.00"), Decimal("85.00")),
        None,
        "22042100",
    ),
    Line(
        "Isotônicos e chás",
        ("Gatorade", "Powerade", "Leão", "Matte Leão", "Lipton", "Feel Good"),
        ("Limão", "Laranja", "Tangerina", "Frutas Cítricas", "Pêssego", "Natural"),
        (("PET 500 ml", "Fardo 6", Decimal(6)), ("PET 1,5 L", "Fardo 6", Decimal(6))),
        (Decimal("2.20"), Decimal("6.80")),
        270,
        "22029900",
    ),
)

RETURNABLES = (
    ("Engradado plástico 24 garrafas", "un", Decimal("18.00")),
    ("Engradado plástico 12 litrões", "un", Decimal("16.00")),
    ("Garrafa de vidro 600 ml retornável", "un", Decimal("1.10")),
    ("Garrafa litrão 1 L retornável", "un", Decimal("1.40")),
    ("Galão 20 L retornável", "un", Decimal("22.00")),
    ("Garrafa de vidro 290 ml retornável", "un", Decimal("0.80")),
)


def gtin13(serial: int) -> str:
    """A valid EAN-13 in the Brazilian prefix range for a serial number."""
    body = f"789{serial % 1_000_000_000:09d}"
    return body + ean.calc_check_digit(body)


def gtin14(indicator: int, gtin: str) -> str:
    body = f"{indicator}{gtin[:-1]}"
    return body + ean.calc_check_digit(body)
