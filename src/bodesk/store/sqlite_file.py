"""Checks made on a SQLite file before bodesk opens it, so a person hears what is wrong in words.

A file that is not SQLite, is marked read-only, or lies on a network share is refused before
SQLite touches it (SQLite's locking is unreliable over SMB and NFS: several desks share a
PostgreSQL database instead).
"""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

from bodesk.i18n import _
from bodesk.store.errors import NetworkShareRefused, NotADatabase, ReadOnlyDatabase

SQLITE_HEADER = b"SQLite format 3\x00"
NETWORK_FILESYSTEMS = frozenset(
    {
        "nfs",
        "nfs4",
        "cifs",
        "smb",
        "smb2",
        "smb3",
        "smbfs",
        "ncpfs",
        "afs",
        "9p",
        "fuse.sshfs",
        "davfs",
        "fuse.davfs2",
        "ceph",
        "glusterfs",
        "fuse.glusterfs",
        "lustre",
    }
)


def has_sqlite_header(path: Path) -> bool:
    with path.open("rb") as handle:
        return handle.read(len(SQLITE_HEADER)) == SQLITE_HEADER


def mount_filesystem(path: Path, mounts: str) -> str | None:
    """The type of the filesystem holding `path`, read from a /proc/mounts style table."""
    target = str(path.resolve())
    best_point, best_type = "", None
    for line in mounts.splitlines():
        parts = line.split()
        if len(parts) < 3:
            continue
        point = parts[1].replace("\\040", " ")
        inside = target == point or target.startswith(point.rstrip("/") + "/")
        if inside and len(point) >= len(best_point):
            best_point, best_type = point, parts[2]
    return best_type


def _windows_is_remote(path: Path) -> bool:
    text = str(path.resolve())
    if text.startswith("\\\\"):
        return True
    import ctypes

    drive = os.path.splitdrive(text)[0] + "\\"
    drive_remote = 4
    return bool(ctypes.windll.kernel32.GetDriveTypeW(drive) == drive_remote)  # type: ignore[attr-defined]


def is_network_path(path: Path, mounts: str | None = None) -> bool:
    if sys.platform == "win32" and mounts is None:
        return _windows_is_remote(path)
    if mounts is None:
        try:
            mounts = Path("/proc/mounts").read_text(encoding="utf-8", errors="replace")
        except OSError:
            return False
    return mount_filesystem(path, mounts) in NETWORK_FILESYSTEMS


def _is_read_only(path: Path) -> bool:
    mode = path.stat().st_mode
    if not mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH):
        return True
    return not os.access(path, os.W_OK) or not os.access(path.parent, os.W_OK)


def preflight(path: Path, mounts: str | None = None) -> None:
    """Refuse, with a message, a file bodesk must not open; create the folder of a new one."""
    folder = path.parent
    probe = path if path.exists() else folder
    while not probe.exists() and probe != probe.parent:
        probe = probe.parent
    if is_network_path(probe, mounts):
        raise NetworkShareRefused(
            _(
                "The database {path} is on a network share. SQLite cannot be shared safely over a network: "
                "to work from several desks, use a shared PostgreSQL database (see the README)."
            ).format(path=path)
        )
    if path.is_dir():  # before the size test: some filesystems (btrfs) give an empty folder size 0
        raise NotADatabase(
            _("{path} is a folder, not a bodesk database file.").format(path=path), code="store.folder"
        )
    if not path.exists() or path.stat().st_size == 0:
        folder.mkdir(parents=True, exist_ok=True)
        return
    if not has_sqlite_header(path):
        raise NotADatabase(
            _("{path} is not a bodesk database (it is not a SQLite file). Nothing was changed.").format(
                path=path
            ),
            code="store.not_sqlite",
        )
    if _is_read_only(path):
        raise ReadOnlyDatabase(
            _(
                "The database {path} is read-only (or its folder is). bodesk needs to write to it: "
                "check the file's permissions or copy it to a folder you may write to."
            ).format(path=path)
        )
