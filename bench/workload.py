# ruff: noqa
# fmt: off
# Copied unchanged (below this header) from ../shared/bench/workload.py, the generator the peer
# benchmark shares with an established ERP (see bench/README.md, "Order to cash"), so that this
# repository stays self-contained. Keep it byte-for-byte equal to the shared copy below this header.
"""Deterministic workload for the backoffice peer benchmark.

Pure Python (standard library only, no Tryton import) so that the very same
data can be generated for another implementation (e.g. bodesk) and the runs
compared item for item.  Everything is drawn from one ``random.Random(seed)``
in a fixed order:

1. products   : for i in 1..N: cost (0.50..50.00), markup (1.20..1.80)
2. customers  : for j in 1..C: city index (0..9)
3. sales      : for s in 1..S: customer index, then L distinct product
                indexes (``rng.sample``), then L quantities (1..10)
4. stock      : for i in 1..N: spare quantity (10..100); the initial stock of
                a product is its total ordered quantity plus that spare, so
                every shipment can be fully assigned and the final stock level
                of each product equals its spare quantity.

Money is Decimal with 2 places; no taxes, no discounts, one currency (USD).
"""
import random
from collections import defaultdict
from decimal import Decimal

CENT = Decimal('0.01')
CITIES = [
    'Springfield', 'Riverton', 'Lakeside', 'Fairview', 'Greenville',
    'Franklin', 'Clinton', 'Georgetown', 'Salem', 'Madison']


def make_workload(n_products, n_customers, n_sales, n_lines, seed=42):
    if n_lines > n_products:
        raise ValueError("lines per sale (L) must be <= products (N)")
    if min(n_products, n_customers, n_sales, n_lines) < 1:
        raise ValueError("N, C, S and L must be >= 1")
    rng = random.Random(seed)

    products = []
    for i in range(1, n_products + 1):
        cost = Decimal(rng.randint(50, 5000)) / 100
        markup = Decimal(rng.randint(120, 180)) / 100
        products.append({
                'code': 'P%05d' % i,
                'name': 'Product %05d' % i,
                'cost_price': cost,
                'list_price': (cost * markup).quantize(CENT),
                })

    customers = []
    for j in range(1, n_customers + 1):
        customers.append({
                'code': 'C%05d' % j,
                'name': 'Customer %05d' % j,
                'street': '%d Main Street' % j,
                'postal_code': '%05d' % (10000 + j),
                'city': CITIES[rng.randrange(len(CITIES))],
                })

    sales = []
    demand = defaultdict(int)
    for s in range(1, n_sales + 1):
        customer = rng.randrange(n_customers)
        product_idx = rng.sample(range(n_products), n_lines)
        quantities = [rng.randint(1, 10) for _ in range(n_lines)]
        lines = list(zip(product_idx, quantities))
        for p, q in lines:
            demand[p] += q
        sales.append({
                'reference': 'SO%06d' % s,
                'customer': customer,
                'lines': lines,
                })

    initial_stock = []
    final_stock = []
    for i in range(n_products):
        spare = rng.randint(10, 100)
        initial_stock.append(demand[i] + spare)
        final_stock.append(spare)

    receivable = sum(
        (products[p]['list_price'] * q).quantize(CENT)
        for sale in sales for p, q in sale['lines'])

    return {
        'products': products,
        'customers': customers,
        'sales': sales,
        'initial_stock': initial_stock,
        # expected results after all sales are shipped and invoiced
        'expected_final_stock': final_stock,
        'expected_receivable': receivable,
        }


if __name__ == '__main__':
    import sys
    args = [int(a) for a in sys.argv[1:5]] or [200, 50, 200, 5]
    wl = make_workload(*args)
    print("products", len(wl['products']), "customers", len(wl['customers']),
        "sales", len(wl['sales']),
        "lines", sum(len(s['lines']) for s in wl['sales']))
    print("units in initial stock", sum(wl['initial_stock']))
    print("expected receivable", wl['expected_receivable'])
