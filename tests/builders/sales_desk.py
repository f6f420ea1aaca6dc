"""A small distributor's week of sales, made through the services, for the sales PDFs and commands:
two warehouses with bins and lots, a price table, a rep with a commission, customers with delivery
notes, and orders in every state (a quote, two confirmed, one shipped and delivered with a return, one
cancelled)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from bodesk.domain.access.actor import Actor
from bodesk.domain.sales.commissions import set_rate
from bodesk.domain.sales.customers import Address, ContactData
from bodesk.domain.sales.order_models import SalesOrder
from bodesk.domain.sales.orders import OrderHeader, cancel_order
from bodesk.domain.sales.price_tables import add_price_table, set_price
from bodesk.domain.sales.references import add_payment_term, add_rep, add_segment
from bodesk.domain.sales.returns import ReturnLineInput, record_return
from bodesk.domain.sales.shipping import mark_delivered, ship_order
from bodesk.domain.sales.states import ReturnReason
from bodesk.store.engine import Database
from tests.builders.catalogue import add_case, make_product
from tests.builders.sales import line, line_ids, make_customer, make_sale
from tests.builders.stock import make_warehouse, stock_in

D = Decimal
NOTE = "Entregar pelos fundos, portão azul; falar com o Sr. José antes das 10h."


@dataclass(frozen=True)
class SalesDesk:
    rep: int
    customers: dict[str, int]
    orders: dict[str, int]  # quote, confirmed, both (reserves in CD1 and CD2), delivered, cancelled
    numbers: dict[str, int]


def order_number(db: Database, order_id: int) -> int:
    with db.read() as session:
        order = session.get(SalesOrder, order_id)
        assert order is not None
        return order.number


def build_sales_desk(db: Database, owner: Actor) -> SalesDesk:
    cd1 = make_warehouse(db, owner, "CD1", bins=("A-01", "B-02"))
    cd2 = make_warehouse(db, owner, "CD2")
    soon, later = date.today() + timedelta(days=30), date.today() + timedelta(days=120)
    beer = make_product(
        db, owner, "CERV-350", "Cerveja Pilsen lata 350 ml", sale_price="4.00", lot_tracked=True,
        shelf_life_days=180, category="Cervejas", cost="2.50",
    )  # fmt: skip
    beer_case = add_case(db, owner, beer, 12)
    water = make_product(
        db, owner, "AGUA-500", "Água Mineral sem gás 500 ml", sale_price="2.00", category="Águas"
    )
    water_case = add_case(db, owner, water, 6)
    juice = make_product(
        db, owner, "SUCO-UVA-1L", "Suco de Uva Integral 1 L", sale_price="9.90", category="Sucos"
    )
    stock_in(db, owner, beer, cd1.bins["B-02"], 24, "2.50", lot="L2611A", expiry=soon)
    stock_in(db, owner, beer, cd1.bins["A-01"], 120, "2.60", lot="L2702B", expiry=later)
    stock_in(db, owner, beer, cd2.location_id, 48, "2.55", lot="L2612C", expiry=soon + timedelta(days=10))
    stock_in(db, owner, water, cd1.bins["A-01"], 60, "0.90")
    stock_in(db, owner, juice, cd2.location_id, 30, "5.10")
    table = add_price_table(db, owner, "Bares e restaurantes", is_default=True)
    set_price(db, owner, table, beer, beer_case, D("42.00"), min_price=D("38.00"))
    set_price(db, owner, table, beer, None, D("3.80"))
    set_price(db, owner, table, water, water_case, D("10.80"))
    set_price(db, owner, table, juice, None, D("9.90"))
    segment = add_segment(db, owner, "Bares")
    term = add_payment_term(db, owner, "28/35 dias", "28/35")
    rep = add_rep(db, owner, "Ana Souza")
    set_rate(db, owner, rep, None, D("3.00"))
    bar = make_customer(
        db, owner, 1, "Bar do Zé Comércio de Bebidas Ltda.", trade_name="Bar do Zé", code="BARZE",
        segment_id=segment, rep_id=rep, payment_term_id=term, state_registration="123456789",
        phone="(19) 3232-1000", email="compras@bardoze.com.br",
        billing=Address("Rua das Flores", "100", "", "Centro", "Campinas", "SP", "13010-000"),
        delivery=Address("Rua dos Fundos", "12", "galpão 2", "Cambuí", "Campinas", "SP", "13025-000"),
        delivery_note=NOTE, delivery_weekdays="135",
        contacts=(ContactData("José Pereira", "Compras", "(19) 99999-0000"),),
    )  # fmt: skip
    market = make_customer(
        db, owner, 2, "Mercadinho Boa Vista Eireli", rep_id=rep, payment_term_id=term,
        billing=Address("Av. Brasil", "2000", "", "Vila Nova", "Campinas", "SP", "13070-000"),
        delivery_note="Doca 3, das 7h às 11h.",
    )  # fmt: skip
    quote = make_sale(
        db, owner, bar, line(beer, 2, beer_case), line(water, 3, water_case, discount=D("2.00"))
    )
    confirmed = make_sale(
        db, owner, bar, line(beer, 3, beer_case), line(water, 2, water_case), confirm=True,
        header=OrderHeader(requested_on=date.today() + timedelta(days=2), notes="Pedido do fim de semana"),
    )  # fmt: skip
    both = make_sale(db, owner, market, line(beer, 60), line(juice, 12), confirm=True)
    delivered = make_sale(
        db, owner, market, line(beer, 1, beer_case), line(water, 4, water_case), confirm=True
    )
    ship_order(db, owner, delivered)
    mark_delivered(db, owner, delivered)
    record_return(
        db, owner, delivered, [ReturnLineInput(line_ids(db, delivered)[1], D(6), ReturnReason.DAMAGED)],
        "Caixa amassada",
    )  # fmt: skip
    cancelled = make_sale(db, owner, bar, line(juice, 5), confirm=True)
    cancel_order(db, owner, cancelled, "Cliente desistiu")
    orders = {
        "quote": quote, "confirmed": confirmed, "both": both, "delivered": delivered, "cancelled": cancelled,
    }  # fmt: skip
    return SalesDesk(
        rep,
        {"bar": bar, "market": market},
        orders,
        {key: order_number(db, order_id) for key, order_id in orders.items()},
    )
