"""The Stock tab: catalogue, stock on hand, moves, warehouses, counts."""
