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
        # Network file systems.
        "nfs", "nfs4", "cifs", "smb", "smb2", "smb3", "smbfs", "ncpfs", "afs", "9p", "ceph", "glusterfs",
        "lustre", "coda", "davfs", "afpfs",
        # The same reached through FUSE: GNOME's and KDE's "open a share" (gvfs), SSH, WebDAV, Samba,
        # Apple shares, FTP, cloud drives.
        "fuse.gvfsd-fuse", "fuse.gvfs-fuse-daemon", "fuse.kio-fuse", "fuse.sshfs", "fuse.davfs2",
        "fuse.smbnetfs", "fuse.afpfs", "fuse.curlftpfs", "fuse.glusterfs", "fuse.ceph", "fuse.rclone",
        "fuse.s3fs",
        # A virtual machine's shared folders (VirtualBox, VMware, Parallels): the host's disk seen over a
        # channel whose locking SQLite cannot rely on.
        "vboxsf", "vmhgfs", "fuse.vmhgfs-fuse", "prl_fs",
    }
)  # fmt: skip


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


def no_database(where: object) -> NotADatabase:
    return NotADatabase(
        _("There is no bodesk database at {where}. Nothing was created.").format(where=where),
        code="store.no_database",
    )


def new_paths(path: Path) -> tuple[Path, ...]:
    """What creating a database at `path` makes: the file, then each folder above it that is missing."""
    if path.exists():
        return ()
    made = [path]
    folder = path.parent
    while not folder.exists() and folder != folder.parent:
        made.append(folder)
        folder = folder.parent
    return tuple(made)


def preflight(path: Path, mounts: str | None = None, create: bool = True) -> None:
    """Refuse, with a message, a file bodesk must not open; create the folder of a new one (when
    `create`: otherwise a missing or empty file is refused, and nothing is created)."""
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
        if not create:
            raise no_database(path)
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
