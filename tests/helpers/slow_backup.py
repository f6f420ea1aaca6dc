"""Child process: a backup that stops after its first step, to be killed there.

Usage: python slow_backup.py SOURCE TARGET — prints "copying" once the partial copy exists, then waits.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from bodesk.store.backup import backup_sqlite


def main() -> None:
    def stall(done: int, total: int) -> None:
        print("copying", flush=True)
        time.sleep(600)

    backup_sqlite(Path(sys.argv[1]), Path(sys.argv[2]), progress=stall)


if __name__ == "__main__":
    main()
