"""Opening a file that bodesk must not use gives the right StoreError with a clear message, and
leaves the file (and its folder) exactly as it was."""

from __future__ import annotations

import os
import random
import shutil
import stat
from collections.abc import Callable
from pathlib import Path

import pytest

from bodesk.store import migrate, sqlite_file
from bodesk.store.errors import (
    NetworkShareRefused,
    StoreError,
)
from bodesk.store.opening import discard, open_database
from bodesk.store.sqlite_file import is_network_path, mount_filesystem, preflight
from tests.helpers.files import execute, sha256
from tests.helpers.refusals import refused

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "schema-0001.sqlite"
PNG_HEADER = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"


def _folder_state(folder: Path) -> dict[str, str]:
    return {path.name: sha256(path) for path in sorted(folder.iterdir()) if path.is_file()}


def _refused(path: Path, code: str, *named: str) -> StoreError:
    """Open `path`, expecting a refusal with `code` whose message names the file (and `named`); prove
    that nothing in its folder changed."""
    before = _folder_state(path.parent)
    with refused(code) as caught:
        open_database(f"sqlite:///{path}", backup_dir=path.parent / "backups")
    for part in (str(path), *named):
        assert part in caught.value.message
    assert _folder_state(path.parent) == before
    assert not (path.parent / "backups").exists()
    return caught.value


def _text_file(path: Path) -> None:
    path.write_text("name;amount\nAna;10\n", encoding="utf-8")


def _png_file(path: Path) -> None:
    path.write_bytes(PNG_HEADER + bytes(200))


def _garbage_pages(path: Path) -> None:
    """A valid first page (the SQLite header and the schema), then noise."""
    data = bytearray(FIXTURE.read_bytes())
    rng = random.Random(5)
    data[4096:] = bytes(rng.randrange(256) for _ in range(len(data) - 4096))
    path.write_bytes(bytes(data))


def _truncated(path: Path) -> None:
    path.write_bytes(FIXTURE.read_bytes()[: 4096 * 3])


def _header_only(path: Path) -> None:
    path.write_bytes(b"SQLite format 3\x00" + bytes(300))


@pytest.mark.parametrize(
    ("make", "code"),
    [
        (_text_file, "store.not_sqlite"),
        (_png_file, "store.not_sqlite"),
        (_garbage_pages, "store.corrupt"),
        (_truncated, "store.corrupt"),
        (_header_only, "store.not_a_database"),
    ],
    ids=["text", "png", "garbage-pages", "truncated", "header-only"],
)
def test_a_bad_file_is_refused_untouched(tmp_path: Path, make: Callable[[Path], None], code: str) -> None:
    path = tmp_path / "bodesk.sqlite"
    make(path)
    _refused(path, code)


def test_a_folder_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "a-folder"
    folder.mkdir()
    _refused(folder, "store.folder")
    assert list(folder.iterdir()) == []


def test_a_folder_is_refused_where_folders_have_size_zero(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """btrfs, for one, reports an empty folder's size as 0."""
    folder = tmp_path / "a-folder"
    folder.mkdir()
    real_stat = Path.stat

    def stat_with_empty_folders(self: Path, *, follow_symlinks: bool = True) -> os.stat_result:
        result = real_stat(self, follow_symlinks=follow_symlinks)
        if stat.S_ISDIR(result.st_mode):
            values = list(result)
            values[stat.ST_SIZE] = 0
            return os.stat_result(values)
        return result

    monkeypatch.setattr(Path, "stat", stat_with_empty_folders)
    with refused("store.folder"):
        preflight(folder)
    assert list(folder.iterdir()) == []


def test_a_read_only_file_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "bodesk.sqlite"
    shutil.copyfile(FIXTURE, path)
    path.chmod(0o444)  # the tests run as root, who may write anyway: the mode alone must refuse it
    try:
        _refused(path, "store.read_only")
    finally:
        path.chmod(0o644)


def test_a_database_of_a_newer_version_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "bodesk.sqlite"
    shutil.copyfile(FIXTURE, path)
    execute(path, "UPDATE alembic_version SET version_num = '9999_future'")
    _refused(path, "store.newer", "9999_future")


def test_a_good_file_opens_again(tmp_path: Path) -> None:
    path = tmp_path / "bodesk.sqlite"
    open_database(f"sqlite:///{path}").dispose()
    database = open_database(f"sqlite:///{path}", backup_dir=tmp_path / "backups")
    database.dispose()
    assert not (tmp_path / "backups").exists()  # already at head: nothing to back up


def test_a_new_file_in_a_new_folder_is_created(tmp_path: Path) -> None:
    path = tmp_path / "new" / "deeper" / "bodesk.sqlite"
    database = open_database(f"sqlite:///{path}")
    database.dispose()
    assert path.is_file()


def test_without_create_a_missing_file_is_refused_naming_it_and_nothing_is_made(tmp_path: Path) -> None:
    path = tmp_path / "typo" / "deeper" / "bodesk.sqlite"
    with refused("store.no_database") as caught:
        open_database(f"sqlite:///{path}", create=False)
    assert str(path) in caught.value.message
    assert list(tmp_path.iterdir()) == []


def test_without_create_an_empty_file_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "bodesk.sqlite"
    path.touch()
    with refused("store.no_database"):
        open_database(f"sqlite:///{path}", create=False)
    assert path.read_bytes() == b""
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bodesk.sqlite"]


def test_without_create_an_existing_database_opens(tmp_path: Path) -> None:
    path = tmp_path / "bodesk.sqlite"
    open_database(f"sqlite:///{path}").dispose()
    open_database(f"sqlite:///{path}", create=False).dispose()


def test_a_new_database_that_fails_to_open_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def disk_full(db: object, backup: object = None) -> None:
        raise StoreError("The disk is full.", code="store.disk_full")

    monkeypatch.setattr(migrate, "upgrade", disk_full)
    with refused("store.disk_full"):
        open_database(f"sqlite:///{tmp_path / 'new' / 'bodesk.sqlite'}")
    assert list(tmp_path.iterdir()) == []


def test_discard_deletes_only_what_opening_created(tmp_path: Path) -> None:
    existing = tmp_path / "kept.sqlite"
    open_database(f"sqlite:///{existing}").dispose()
    discard(open_database(f"sqlite:///{existing}"))
    assert existing.is_file()
    new = tmp_path / "made" / "bodesk.sqlite"
    discard(open_database(f"sqlite:///{new}"))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kept.sqlite", "kept.sqlite.inuse"]


def _mounts(point: Path, fstype: str) -> str:
    point_text = str(point.resolve()).replace(" ", "\\040")
    return (
        "/dev/vda1 / ext4 rw,relatime 0 0\n"
        "proc /proc proc rw,nosuid 0 0\n"
        f"server:/export {point_text} {fstype} rw,relatime 0 0\n"
    )


@pytest.mark.parametrize(
    "fstype",
    ["nfs", "nfs4", "cifs", "smb3", "fuse.sshfs", "fuse.gvfsd-fuse", "vboxsf", "vmhgfs", "fuse.vmhgfs-fuse"],
)
def test_a_network_share_is_refused(tmp_path: Path, fstype: str) -> None:
    share = tmp_path / "shared folder"
    share.mkdir()
    mounts = _mounts(share, fstype)
    path = share / "bodesk.sqlite"
    assert mount_filesystem(path, mounts) == fstype
    assert is_network_path(path, mounts)
    with refused("store.network_share"):
        preflight(path, mounts)
    assert list(share.iterdir()) == []
    with pytest.raises(NetworkShareRefused):
        preflight(share / "sub" / "folder" / "bodesk.sqlite", mounts)  # below the share, not yet made
    assert list(share.iterdir()) == []


def test_an_existing_file_on_a_network_share_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "bodesk.sqlite"
    shutil.copyfile(FIXTURE, path)
    before = sha256(path)
    with pytest.raises(NetworkShareRefused):
        preflight(path, _mounts(tmp_path, "cifs"))
    assert sha256(path) == before


def test_a_local_disk_is_accepted(tmp_path: Path) -> None:
    mounts = _mounts(tmp_path / "elsewhere", "nfs") + f"/dev/sdb1 {tmp_path.resolve()} ext4 rw 0 0\n"
    path = tmp_path / "data" / "bodesk.sqlite"
    assert mount_filesystem(path, mounts) == "ext4"
    assert not is_network_path(path, mounts)
    preflight(path, mounts)
    assert path.parent.is_dir()
    assert not path.exists()


def test_a_mount_point_is_matched_by_whole_folder_names(tmp_path: Path) -> None:
    mounts = _mounts(tmp_path / "share", "nfs")
    assert mount_filesystem(tmp_path / "shared" / "bodesk.sqlite", mounts) != "nfs"
    assert mount_filesystem(tmp_path / "share" / "bodesk.sqlite", mounts) == "nfs"


def test_network_filesystems_listed_include_the_common_ones() -> None:
    assert {"nfs", "nfs4", "cifs", "smb3", "fuse.sshfs"} <= sqlite_file.NETWORK_FILESYSTEMS
    assert "ext4" not in sqlite_file.NETWORK_FILESYSTEMS
