"""Why a database cannot be opened or copied, in words a person can act on."""

from __future__ import annotations

from bodesk.errors import BodeskError


class StoreError(BodeskError):
    """The database cannot be used as asked; nothing was changed."""


class NotADatabase(StoreError):
    pass


class CorruptDatabase(StoreError):
    pass


class ReadOnlyDatabase(StoreError):
    pass


class NewerDatabase(StoreError):
    pass


class NetworkShareRefused(StoreError):
    pass


class DatabaseInUse(StoreError):
    pass


class BackupFailed(StoreError):
    pass
