"""The schema revisions this program knows, oldest first, so that opening a current database needs no
Alembic import (a test proves this list equals the migration scripts)."""

REVISIONS: tuple[str, ...] = ("0001", "0002", "0003", "0004", "0005", "0006", "0007", "0008", "0009", "0010")
HEAD = REVISIONS[-1]
