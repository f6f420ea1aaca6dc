"""Pieces every module shares: money, quantities, tax ids, document numbering, errors."""
