"""Mapped classes shared by every module."""

from __future__ import annotations

from sqlalchemy import BigInteger, String
from sqlalchemy.orm import Mapped, mapped_column

from bodesk.store.types import Base


class DocumentSequence(Base):
    """The next number of one series of documents (invoices, orders, receipts, ...)."""

    __tablename__ = "document_sequences"

    series: Mapped[str] = mapped_column(String(40), primary_key=True)
    next_number: Mapped[int] = mapped_column(BigInteger)
