"""`bodesk backup` of a PostgreSQL database: the server's own `pg_dump`, checked by `pg_restore --list`.

The dump is written beside the target under a temporary name, read back by `pg_restore --list` (a
truncated or foreign file fails there), then renamed into place, so a failed dump never leaves a
file that looks like a backup. Without PostgreSQL's client tools on this computer the refusal says
what to install, or the command to run on the server instead. A dump is restored with the server's
`pg_restore` (bodesk restores SQLite files only).
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
from pathlib import Path

from sqlalchemy import make_url

from bodesk.i18n import _
from bodesk.store.engine import Database
from bodesk.store.errors import BackupFailed

TIMEOUT_SECONDS = 3600


def _tool(name: str) -> str | None:
    """The newest `name` (pg_dump, pg_restore): on the PATH, else in Debian's versioned folders."""
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(
        glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), key=lambda path: int(Path(path).parts[4])
    )
    return candidates[-1] if candidates else None


def libpq_url(db: Database) -> str:
    """The database's URL as libpq reads it (no SQLAlchemy driver name)."""
    return make_url(db.url).set(drivername="postgresql").render_as_string(hide_password=False)


def _run(command: list[str], what: str) -> None:
    try:
        done = subprocess.run(
            command,
            check=False,
            capture_output=True,
            text=True,
            timeout=TIMEOUT_SECONDS,
            env={**os.environ, "PGCONNECT_TIMEOUT": "10"},
        )
    except subprocess.TimeoutExpired as exc:
        raise BackupFailed(
            _("{what} took more than {minutes} minutes and was stopped: no backup was written.").format(
                what=what, minutes=TIMEOUT_SECONDS // 60
            ),
            code="store.dump_failed",
        ) from exc
    if done.returncode != 0:
        reason = (done.stderr or done.stdout).strip().splitlines()
        raise BackupFailed(
            _("{what} failed, so no backup was written: {reason}").format(
                what=what, reason=reason[-1] if reason else done.returncode
            ),
            code="store.dump_failed",
        )


def dump_server(db: Database, target: Path) -> Path:
    """Write a verified `pg_dump --format=custom` of `db` at `target`."""
    pg_dump, pg_restore = _tool("pg_dump"), _tool("pg_restore")
    if pg_dump is None or pg_restore is None:
        parsed = make_url(db.url)
        raise BackupFailed(
            _(
                "PostgreSQL's client tools (pg_dump) are not installed on this computer. Install them "
                "(on Debian or Ubuntu: apt install postgresql-client), or run on the server: "
                "pg_dump --format=custom --file={file} {database}"
            ).format(file=target.name, database=parsed.database or ""),
            code="store.no_pg_dump",
        )
    partial = target.with_name(f".{target.name}.partial")
    try:
        _run([pg_dump, "--format=custom", f"--file={partial}", f"--dbname={libpq_url(db)}"], "pg_dump")
        _run([pg_restore, "--list", str(partial)], "pg_restore --list")
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
    return target
