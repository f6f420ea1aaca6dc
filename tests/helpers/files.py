"""Fingerprints of database files, to prove that a refused operation changed nothing."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def dump(path: Path) -> list[str]:
    """Every schema statement and row of the database at `path`, read through a fresh connection
    (so that committed rows still in the write-ahead log are included)."""
    connection = sqlite3.connect(path)
    try:
        return list(connection.iterdump())
    finally:
        connection.close()


def integrity(path: Path) -> list[str]:
    connection = sqlite3.connect(path)
    try:
        return [row[0] for row in connection.execute("PRAGMA integrity_check")]
    finally:
        connection.close()


def scalar(path: Path, sql: str, *params: object) -> object:
    connection = sqlite3.connect(path)
    try:
        return connection.execute(sql, params).fetchone()[0]
    finally:
        connection.close()


def execute(path: Path, *statements: str) -> None:
    """Run raw SQL with foreign keys off (a raw connection's default), committing at the end."""
    connection = sqlite3.connect(path)
    try:
        for statement in statements:
            connection.execute(statement)
        connection.commit()
    finally:
        connection.close()


def damage_table(path: Path, table: str) -> None:
    """Overwrite the first page of `table` with noise, the schema (page 1) left readable. Close every
    connection to the file first, so that the write-ahead log is folded into it."""
    root = int(str(scalar(path, "SELECT rootpage FROM sqlite_master WHERE name = ?", table)))
    size = int(str(scalar(path, "PRAGMA page_size")))
    with path.open("r+b") as handle:
        handle.seek((root - 1) * size)
        handle.write(bytes((index * 7 + 3) % 256 for index in range(size)))
