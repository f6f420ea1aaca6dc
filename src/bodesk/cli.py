"""The `bodesk` command: with no subcommand it opens the application; subcommands do headless work.

Every subcommand takes --db PATH_OR_URL, acts as --user LOGIN where it reads or changes business
data (password from BODESK_PASSWORD or a prompt), both before or after its name, and exits non-zero with
a one-line message on error: 1 for a refusal (a rule, a file, a busy or full disk), 70 for a bug, whose
message names the log file that holds its details.
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
from bodesk.settings import language_setting, load_preferences


def cmd_screenshots(args: argparse.Namespace) -> int:
    from bodesk.ui.screenshots import render_screenshots

    written = render_screenshots(Path(args.out))
    print(_("{n} screenshots written to {folder}").format(n=len(written), folder=args.out))
    return 0


def build_parser() -> argparse.ArgumentParser:
    from bodesk.commands import admin, data, database
    from bodesk.commands.context import add_command

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
    shots = add_command(commands, "screenshots", help=_("render every screen with demo data to PNG files"))
    shots.add_argument("--out", required=True, metavar="DIR")
    shots.set_defaults(run=cmd_screenshots)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    set_language(language_setting(load_preferences()) or system_language())
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
    from bodesk.commands.context import close_all
    from bodesk.settings import configure_logging, log_file
    from bodesk.store.failures import file_error

    configure_logging()
    try:
        return int(args.run(args))
    except BodeskError as exc:
        print(f"bodesk: {exc.message}", file=sys.stderr)
        return 1
    except BrokenPipeError:  # `bodesk check | head`: whoever read the output stopped reading; not an error
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())  # so that Python's own flush at exit stays quiet too
        return 0
    except KeyboardInterrupt:
        interrupted = _("interrupted")  # outside the f-string, where the catalog extraction sees it
        print(f"bodesk: {interrupted}", file=sys.stderr)
        return 130
    except OSError as exc:
        return _os_error(exc, file_error(exc), log_file())
    except Exception:
        return _bug(log_file())
    finally:
        close_all()


def _os_error(exc: OSError, problem: BodeskError | None, log: Path) -> int:
    """A file the system refused (named in `problem`), or without one a bug."""
    if problem is None:
        return _bug(log)
    logging.getLogger("bodesk.cli").warning("%s", problem.message, exc_info=exc)
    print(f"bodesk: {problem.message}", file=sys.stderr)
    return 1


def _bug(log: Path) -> int:
    logging.getLogger("bodesk.cli").exception("command failed")
    message = _("unexpected error; the details are in the log file {file}").format(file=log)
    print(f"bodesk: {message}", file=sys.stderr)
    return 70
