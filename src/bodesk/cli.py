"""The `bodesk` command: with no subcommand it opens the application; subcommands do headless work.

Every subcommand takes --db PATH_OR_URL, acts as --user LOGIN where it reads or changes business
data (password from BODESK_PASSWORD or a prompt), and exits non-zero with a one-line message on error.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path

from bodesk import __version__
from bodesk.errors import BodeskError
from bodesk.i18n import _, set_language, system_language


def _language() -> str:
    from bodesk.settings import load_preferences

    return os.environ.get("BODESK_LANG") or load_preferences().language or system_language()


def cmd_screenshots(args: argparse.Namespace) -> int:
    from bodesk.ui.screenshots import render_screenshots

    written = render_screenshots(Path(args.out))
    print(_("{n} screenshots written to {folder}").format(n=len(written), folder=args.out))
    return 0


def build_parser() -> argparse.ArgumentParser:
    from bodesk.commands import admin, data, database

    parser = argparse.ArgumentParser(
        prog="bodesk",
        description=_("bodesk: the backoffice of a small distributor. Without a command, opens the app."),
    )
    parser.add_argument("--version", action="version", version=f"bodesk {__version__}")
    parser.add_argument(
        "--db", metavar="PATH_OR_URL", help=_("SQLite file or PostgreSQL URL (default: your data folder)")
    )
    parser.add_argument("--user", metavar="LOGIN", help=_("act as this user (password in BODESK_PASSWORD)"))
    parser.add_argument(
        "--self-test", action="store_true", help=_("start offscreen on a temporary database and exit")
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    admin.add_parsers(commands)
    database.add_parsers(commands)
    data.add_parsers(commands)
    shots = commands.add_parser("screenshots", help=_("render every screen with demo data to PNG files"))
    shots.add_argument("--out", required=True, metavar="DIR")
    shots.set_defaults(run=cmd_screenshots)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    set_language(_language())
    if not argv:
        from bodesk.ui.app import run_app

        return run_app(None)
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.self_test:
        from bodesk.ui.selftest import self_test

        return self_test()
    if args.command is None:
        from bodesk.ui.app import run_app

        return run_app(args.db)
    from bodesk.settings import configure_logging

    configure_logging()
    from bodesk.commands.context import close_all

    try:
        return int(args.run(args))
    except BodeskError as exc:
        print(f"bodesk: {exc.message}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(_("bodesk: interrupted"), file=sys.stderr)
        return 130
    except Exception:
        logging.getLogger("bodesk.cli").exception("command failed")
        print(_("bodesk: unexpected error; details are in the log file"), file=sys.stderr)
        return 70
    finally:
        close_all()
