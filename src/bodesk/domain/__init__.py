"""The business: one package per module. Never imports Qt, `bodesk.ui` or `bodesk.reports`."""
