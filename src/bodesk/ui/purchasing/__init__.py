"""The Purchasing tab: suppliers and their prices, purchase orders, receipts, reorder suggestions."""
