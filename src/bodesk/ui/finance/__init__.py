"""The Finance tab: invoices, bills, receivables, payables, payments and the books."""
