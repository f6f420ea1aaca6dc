"""Child process: hold the InstanceLock of a database until stdin closes.

Usage: python lock_holder.py DB_PATH — prints "locked" once it holds the lock.
"""

from __future__ import annotations

import sys
from pathlib import Path

from bodesk.store.lock import InstanceLock


def main() -> None:
    with InstanceLock(Path(sys.argv[1])):
        print("locked", flush=True)
        sys.stdin.read()


if __name__ == "__main__":
    main()
