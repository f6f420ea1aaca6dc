"""Demo sales: segments, payment terms, reps, price tables (a price per product and packaging, quantity
breaks, a promotion) and customers — Brazilian bars, markets, restaurants and wholesalers with valid
CNPJ or CPF, addresses, delivery notes, routes and weekdays.

This step runs before the purchasing history (order 29) and leaves purchasing the writer of its sales
(`demo_history.write_sales`): what the history sells to customers becomes shipped sales orders. The
orders still open today, in every state, are taken through the services afterwards (`demo_orders`).
Small and medium demos add customers through the service; the large one (10,000) in bulk.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal
from random import Random

from sqlalchemy import select
from stdnum.br import cnpj, cpf

from bodesk.domain.common.models import DocumentSequence
from bodesk.domain.common.money import MONEY_PLACES, round_money
from bodesk.domain.common.sorting import keyed
from bodesk.domain.common.text import fold
from bodesk.domain.demo import DemoContext
from bodesk.domain.purchasing.demo_documents import SALES_WRITER
from bodesk.domain.sales.customers import Address, ContactData, CustomerData, create_customer_in
from bodesk.domain.sales.demo_history import write_sales
from bodesk.domain.sales.models import Customer
from bodesk.domain.sales.price_models import PriceTableItem
from bodesk.domain.sales.price_tables import add_break, add_price_table, add_promotion, set_price
from bodesk.domain.sales.references import add_payment_term, add_rep, add_segment
from bodesk.domain.stock.models import Category, Packaging, Product
from bodesk.store.bulk import bulk_insert, scaled, stored_instant
from bodesk.store.types import utcnow

SEGMENTS = {  # segment: (share of customers, its table's markup over the default table)
    "Bares": (35, Decimal("1.00")),
    "Restaurantes": (20, Decimal("1.00")),
    "Mercados": (30, Decimal("0.96")),
    "Atacadistas": (15, Decimal("0.90")),
}
TERMS = (("À vista", "0"), ("28 dias", "28"), ("28/35/42", "28/35/42"), ("7/14", "7/14"))
REPS = ("Juliana Costa", "Ricardo Moura", "Patrícia Lemos", "Sérgio Antunes")
PLACES = {
    "Bares": ("Bar do", "Boteco do", "Bar e Lanches", "Choperia"),
    "Restaurantes": ("Restaurante", "Cantina", "Churrascaria", "Pizzaria"),
    "Mercados": ("Mercado", "Supermercado", "Mercearia", "Empório"),
    "Atacadistas": ("Atacado", "Distribuidora", "Atacarejo", "Comercial"),
}
OWNERS = (
    "Zé", "Tonho", "Português", "Alemão", "Chico", "Baiano", "Mineiro", "Gaúcho", "Japonês", "Nenê",
    "Paulista", "Carioca", "Primo", "Careca", "Magrão", "Tio Sam",
)  # fmt: skip
FAMILIES = (
    "Silva", "Santos", "Oliveira", "Souza", "Lima", "Carvalho", "Ferreira", "Rodrigues", "Almeida",
    "Nascimento", "Araújo", "Ribeiro", "Barbosa", "Moreira", "Teixeira", "Cardoso",
)  # fmt: skip
FIRST_NAMES = (
    "Maria",
    "José",
    "Antônio",
    "Francisca",
    "Carlos",
    "Luíza",
    "Paulo",
    "Rita",
    "Marcos",
    "Sandra",
)
STREETS = (
    "Rua Augusta", "Rua da Consolação", "Avenida Paulista", "Rua Teodoro Sampaio", "Rua dos Pinheiros",
    "Avenida Rebouças", "Rua Vergueiro", "Rua Cardeal Arcoverde", "Avenida Sumaré", "Rua Harmonia",
    "Rua Oscar Freire", "Avenida Brigadeiro Faria Lima", "Rua Domingos de Morais", "Rua Voluntários da Pátria",
)  # fmt: skip
DISTRICTS = (  # district, city, state, CEP prefix, route
    ("Pinheiros", "São Paulo", "SP", "05422", "Rota Oeste"),
    ("Vila Madalena", "São Paulo", "SP", "05433", "Rota Oeste"),
    ("Moema", "São Paulo", "SP", "04077", "Rota Sul"),
    ("Santana", "São Paulo", "SP", "02012", "Rota Norte"),
    ("Tatuapé", "São Paulo", "SP", "03063", "Rota Leste"),
    ("Mooca", "São Paulo", "SP", "03104", "Rota Leste"),
    ("Centro", "Guarulhos", "SP", "07010", "Rota Norte"),
    ("Centro", "Santo André", "SP", "09010", "Rota ABC"),
    ("Rudge Ramos", "São Bernardo do Campo", "SP", "09635", "Rota ABC"),
    ("Centro", "Osasco", "SP", "06010", "Rota Oeste"),
    ("Cambuí", "Campinas", "SP", "13024", "Rota Interior"),
    ("Anhangabaú", "Jundiaí", "SP", "13208", "Rota Interior"),
)
WEEKDAYS = {"Rota Oeste": "14", "Rota Sul": "25", "Rota Norte": "13", "Rota Leste": "24", "Rota ABC": "35",
            "Rota Interior": "3"}  # fmt: skip
DELIVERY_NOTES = (
    "Entregar pela porta dos fundos.",
    "Recebimento das 8h às 11h.",
    "Ligar antes de sair para a entrega.",
    "Não entregar depois das 17h: a casa abre às 18h.",
    "Descarga na rua de trás; pedir o Sr. Cláudio.",
    "Conferir os cascos vazios na entrega.",
    "",
    "",
)
BATCH = 2000


@dataclass(frozen=True)
class SalesSetup:
    """What the master data step made, by name, for the steps after it."""

    segments: dict[str, int]
    tables: dict[str, int]  # segment (or "" for the default table) -> table id
    terms: list[int]
    reps: list[int]


def _tax_id(serial: int, company: bool) -> str:
    if company:
        body = f"{20_000_000 + serial * 7907 % 79_999_999:08d}0001"
        return body + cnpj.calc_check_digits(body)
    body = f"{100_000_000 + serial * 104_729 % 899_999_999:09d}"
    return body + cpf._calc_check_digits(body)  # stdnum names it private; validate_tax_id checks it


def customer_data(rng: Random, serial: int, setup: SalesSetup) -> CustomerData:
    """A customer of the demo: its kind of business, names, tax id, addresses, route and delivery days."""
    segment = rng.choices(list(SEGMENTS), weights=[share for share, _markup in SEGMENTS.values()])[0]
    place = rng.choice(PLACES[segment])
    family = rng.choice(FAMILIES)
    owner = rng.choice(OWNERS)
    trade = f"{place} {owner}" if segment == "Bares" else f"{place} {family}"
    company = segment != "Bares" or rng.random() < 0.7  # a small bar may be its owner, by CPF
    person = f"{rng.choice(FIRST_NAMES)} {family} {rng.choice(FAMILIES)}"
    name = (
        f"{trade} {'Ltda.' if segment != 'Atacadistas' else 'Comércio Atacadista Ltda.'}"
        if company
        else person
    )
    district, city, state, prefix, route = rng.choice(DISTRICTS)
    street = rng.choice(STREETS)
    address = Address(
        street, str(rng.randint(10, 3999)), "", district, city, state, f"{prefix}-{rng.randint(0, 999):03d}"
    )
    delivery = address if rng.random() < 0.8 else Address(
        rng.choice(STREETS), str(rng.randint(10, 3999)), "Galpão", district, city, state, address.postal_code
    )  # fmt: skip
    phone = f"(11) {rng.choice((2, 3, 4, 5))}{rng.randint(100, 999)}-{rng.randint(1000, 9999)}"
    mobile = f"(11) 9{rng.randint(6000, 9999)}-{rng.randint(1000, 9999)}"
    note = rng.choice(DELIVERY_NOTES)
    wholesale = segment == "Atacadistas"
    return CustomerData(
        name=name[:200],
        tax_id=_tax_id(serial, company),
        code=f"C{serial:05d}",
        trade_name=trade,
        state_registration=str(rng.randint(100_000_000_000, 999_999_999_999)) if company else "ISENTO",
        segment_id=setup.segments[segment],
        rep_id=setup.reps[serial % len(setup.reps)],
        price_table_id=None,  # the segment's table
        payment_term_id=setup.terms[0 if not company else (2 if wholesale else rng.choice((0, 1, 1, 3)))],
        billing=address,
        delivery=delivery,
        delivery_note=f"{route}. {note}".strip(),
        delivery_weekdays=WEEKDAYS[route],
        phone=phone,
        whatsapp=mobile,
        email=f"compras{serial}@{fold(trade).replace(' ', '')[:20]}.com.br" if company else "",
        credit_limit=Decimal(rng.choice((20_000, 50_000, 150_000))) if wholesale else None,
        credit_policy="block" if wholesale else "warn",
        contacts=(ContactData(person, "Compras", mobile),) if company else (),
    )


def _masters(context: DemoContext) -> SalesSetup:
    db, owner = context.db, context.owner
    segments = {name: add_segment(db, owner, name) for name in SEGMENTS}
    terms = [add_payment_term(db, owner, name, days) for name, days in TERMS]
    reps = [add_rep(db, owner, REPS[0], "vendas")] + [add_rep(db, owner, name) for name in REPS[1:]]
    tables = {"": add_price_table(db, owner, "Tabela geral", is_default=True)}
    for name in SEGMENTS:
        tables[name] = add_price_table(db, owner, f"Tabela {name}", segments[name])
    return SalesSetup(segments, tables, terms, reps)


def _prices(context: DemoContext, setup: SalesSetup) -> None:
    """Every product priced in every table by the unit and by its packaging (in bulk), a few prices
    changed through the service, a quantity break per segment table and a promotion on the waters."""
    db, owner = context.db, context.owner
    with db.read() as session:
        products = session.execute(select(Product.id, Product.sale_price).order_by(Product.id)).all()
        packs = session.execute(select(Packaging.id, Packaging.product_id, Packaging.units)).all()
        waters = session.execute(select(Category.id).where(Category.name == "Águas")).scalar_one_or_none()
    pack_of = {product_id: (pack_id, units) for pack_id, product_id, units in packs}
    rows = []
    for segment, table_id in setup.tables.items():
        markup = SEGMENTS[segment][1] if segment else Decimal(1)
        for product_id, sale_price in products:
            unit = round_money(sale_price * markup)
            rows.append(_item(table_id, product_id, None, unit, round_money(unit * Decimal("0.85"))))
            if product_id in pack_of:
                pack_id, units = pack_of[product_id]
                package = round_money(unit * units * Decimal("0.97"))  # a closed case costs a little less
                rows.append(
                    _item(table_id, product_id, pack_id, package, round_money(package * Decimal("0.85")))
                )
    with db.write() as session:
        bulk_insert(session, PriceTableItem.__tablename__, rows)
    for product_id, sale_price in products[:5]:
        set_price(db, owner, setup.tables[""], product_id, None, round_money(sale_price * Decimal("1.02")))
    add_break(db, owner, setup.tables["Mercados"], Decimal(120), Decimal(3), label="a partir de 10 caixas")
    add_break(db, owner, setup.tables["Atacadistas"], Decimal(600), Decimal(5), label="a partir de 50 caixas")
    add_break(
        db, owner, None, Decimal(1200), Decimal("2.5"), category_id=waters, label="a partir de 100 fardos"
    )
    today = utcnow().date()
    add_promotion(db, owner, "Verão das águas", today - timedelta(days=10), today + timedelta(days=20),
                  Decimal(8), category_id=waters)  # fmt: skip


def _item(
    table_id: int, product_id: int, pack_id: int | None, price: Decimal, minimum: Decimal
) -> dict[str, object]:
    return {
        "table_id": table_id, "product_id": product_id, "packaging_id": pack_id, "packaging_key": pack_id or 0,
        "price": scaled(price, MONEY_PLACES), "min_price": scaled(minimum, MONEY_PLACES),
    }  # fmt: skip


def _customers(context: DemoContext, setup: SalesSetup) -> None:
    count = context.pick(60, 800, 10_000)
    rng = context.rng
    people = [customer_data(rng, serial, setup) for serial in range(1, count + 1)]
    if count <= 1000:
        with context.db.write() as session:
            for data in people:
                create_customer_in(session, context.owner, data)
        return
    now = stored_instant(utcnow())
    rows = []
    for data in people:
        row: dict[str, object] = {
            key: getattr(data, key)
            for key in ("code", "name", "trade_name", "tax_id", "state_registration", "segment_id", "rep_id",
                        "price_table_id", "payment_term_id", "delivery_note", "delivery_weekdays", "phone",
                        "whatsapp", "email", "credit_policy", "notes")
        }  # fmt: skip
        for part in ("street", "number", "complement", "district", "city", "state", "postal_code"):
            row[part] = getattr(data.billing, part)
            row[f"delivery_{part}"] = getattr(data.delivery, part)
        limit = data.credit_limit
        row.update(
            credit_limit=None if limit is None else scaled(limit, MONEY_PLACES), blocked=False, block_reason="",
            active=True, created_at=now, updated_at=now,
            search_text=fold(" ".join(part for part in (data.code, data.name, data.trade_name, data.tax_id,
                                                         _digits(data.phone), _digits(data.whatsapp),
                                                         data.billing.city) if part))[:600],
        )  # fmt: skip
        rows.append(row)
    with context.db.write() as session:
        for start in range(0, len(rows), BATCH):
            bulk_insert(session, Customer.__tablename__, keyed(Customer, rows[start : start + BATCH]))
            context.progress("sales", 0.2 + 0.6 * start / len(rows))
        session.merge(DocumentSequence(series="customer", next_number=count + 1))


def _digits(value: str) -> str:
    return "".join(char for char in value if char.isdigit())


def demo_sales(context: DemoContext) -> None:
    setup = _masters(context)
    _prices(context, setup)
    context.progress("sales", 0.2)
    _customers(context, setup)
    context.shared[SALES_WRITER] = write_sales
    context.progress("sales", 1.0)
