"""Stock: the catalogue, warehouses and locations, lots, the stock ledger, counts."""
