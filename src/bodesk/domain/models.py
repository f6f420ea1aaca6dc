"""Every mapped class of every module, so that the metadata is complete wherever it is needed."""

from bodesk.domain.access.models import AuditEntry, LoginThrottle, User
from bodesk.domain.common.models import DocumentSequence
from bodesk.domain.company.models import Company
from bodesk.domain.purchasing.models import (
    PurchaseOrder,
    PurchaseOrderLine,
    Receipt,
    ReceiptLine,
    Supplier,
    SupplierProduct,
)
from bodesk.domain.stock.models import (
    Category,
    Location,
    Lot,
    Packaging,
    Product,
    StockCount,
    StockCountLine,
    StockMove,
    StockQuant,
    Warehouse,
)
from bodesk.store.types import Base

__all__ = [
    "AuditEntry",
    "Base",
    "Category",
    "Company",
    "DocumentSequence",
    "Location",
    "LoginThrottle",
    "Lot",
    "Packaging",
    "Product",
    "PurchaseOrder",
    "PurchaseOrderLine",
    "Receipt",
    "ReceiptLine",
    "StockCount",
    "StockCountLine",
    "StockMove",
    "StockQuant",
    "Supplier",
    "SupplierProduct",
    "User",
    "Warehouse",
]
