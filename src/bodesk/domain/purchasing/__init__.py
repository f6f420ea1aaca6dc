"""Purchasing: suppliers and their prices, reorder suggestions, purchase orders, receipts."""
