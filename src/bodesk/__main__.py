"""`python -m bodesk` and the `bodesk` console entry."""

from __future__ import annotations

import sys

from bodesk.cli import main

if __name__ == "__main__":
    sys.exit(main())
