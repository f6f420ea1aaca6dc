"""The schema revisions this program knows, oldest first, so that opening a current database needs no
Alembic import (a test proves this list equals the migration scripts)."""

REVISIONS: tuple[str, ...] = ("0001", "0002", "0003", "0004", "0005", "0006", "0008")
HEAD = REVISIONS[-1]
