"""Finance's reports (aging, cash flow, income statement, trial balance, balance sheet, general ledger,
DSO): each computed with SQL GROUP BY over the journal's lines and the open items — never the lines
loaded into Python — and returned as one shape, a `FinReport` (columns and lines, totals in bold), that
the screen, the PDF and the CSV/XLSX export all show the same way. `catalogue.finance_report` runs one."""
