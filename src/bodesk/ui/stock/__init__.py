"""The Stock tab: products, stock on hand, moves, lots and expiry, counts and warehouses (`tab.py`)."""
