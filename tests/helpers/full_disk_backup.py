"""Child process: a backup on a disk that is full for real (the file size limit of this process).

Usage: python full_disk_backup.py SOURCE TARGET LIMIT_BYTES — with SIGXFSZ ignored, any write past
LIMIT_BYTES fails with EFBIG. Prints one JSON line: {"error": class name, "code": ..., "message": ...} or {"ok": path}.
"""

from __future__ import annotations

import json
import resource
import signal
import sys
from pathlib import Path

from bodesk.i18n import set_language
from bodesk.store.backup import backup_sqlite
from bodesk.store.errors import StoreError


def main() -> None:
    source, target, limit = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3])
    set_language("en")
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    _soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, hard))
    try:
        written = backup_sqlite(source, target)
    except StoreError as exc:
        print(json.dumps({"error": type(exc).__name__, "code": exc.code, "message": exc.message}), flush=True)
        return
    print(json.dumps({"ok": str(written)}), flush=True)


if __name__ == "__main__":
    main()
