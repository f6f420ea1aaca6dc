"""The business a test needs, made and read back through the services, one function per idea and one
signature each: `company` (the company every test database is set up for), `access` (the test users'
password, audit rows), `catalogue` (products, cases, lots, barcodes), `stock` (warehouses, bins, stock
put in, what is on hand), `counts` (what a count holds), `purchasing` (suppliers, prices, orders, goods
received against them, the screens' scene), `shop` (a small distributor with stock, for the read side),
`readings` (row counts and the snapshot a refused action must leave unchanged)."""
