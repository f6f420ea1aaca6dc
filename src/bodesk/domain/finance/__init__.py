"""Finance: the double-entry ledger, invoices, bills, receivables and payables, payments."""
