"""bodesk: the backoffice of a small distributor in one desktop application."""

__version__ = "0.1.0"
