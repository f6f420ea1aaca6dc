"""What every subcommand needs: the database it names, the acting user, passwords, files it writes,
the options every command takes, output."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from bodesk.domain.access.actor import Actor
from bodesk.domain.access.login import authenticate
from bodesk.domain.common.errors import UserError
from bodesk.domain.company.services import is_set_up
from bodesk.domain.registry import load_modules
from bodesk.i18n import _
from bodesk.settings import database_url, load_preferences
from bodesk.store.engine import Database
from bodesk.store.errors import NotADatabase
from bodesk.store.opening import discard, open_database

PASSWORD_ENV = "BODESK_PASSWORD"
NEW_PASSWORD_ENV = "BODESK_NEW_PASSWORD"


_OPENED: list[Database] = []
Parser = TypeVar("Parser", bound=argparse.ArgumentParser)


def shared_options() -> argparse.ArgumentParser:
    """--db and --user, which every command also takes after its own name (`bodesk backup --user ana`);
    given there, they win over the same option given before the command."""
    options = argparse.ArgumentParser(add_help=False)
    options.add_argument("--db", metavar="PATH_OR_URL", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
    options.add_argument("--user", metavar="LOGIN", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
    return options


def add_command(commands: argparse._SubParsersAction[Parser], name: str, **kwargs: Any) -> Parser:
    """A subcommand that takes the shared options too."""
    parents: list[Any] = [shared_options()]  # any parser may inherit the options of a plain one
    return commands.add_parser(name, parents=parents, **kwargs)


def open_db(args: argparse.Namespace, upgrade: bool = True) -> Database:
    """The database `--db` names, opened (and upgraded); closed by `close_all` when the command ends.
    A missing or empty one is refused with its path: only `init` and `demo` create one (`new_db`)."""
    load_modules()
    try:
        db = open_database(
            database_url(args.db), backup_dir=load_preferences().backup_folder, upgrade=upgrade, create=False
        )
    except NotADatabase as exc:
        if exc.code != "store.no_database":
            raise
        hint = _("Check --db (or BODESK_DB); bodesk init or bodesk demo creates a new one.")
        raise NotADatabase(f"{exc.message} {hint}", code="store.no_database") from None
    _OPENED.append(db)
    return db


@contextmanager
def new_db(args: argparse.Namespace) -> Iterator[Database]:
    """The database `--db` names, created if missing, for a command that sets one up (`init`, `demo`):
    if the command fails, a database it created is deleted again, so a failed command leaves no file."""
    load_modules()
    db = open_database(database_url(args.db), backup_dir=load_preferences().backup_folder, create=True)
    try:
        yield db
    except BaseException:
        discard(db)
        raise
    _OPENED.append(db)


def close_all() -> None:
    """Close every database a command opened, so that SQLite folds its write-ahead log into the file."""
    while _OPENED:
        _OPENED.pop().dispose()


def read_password(env: str, prompt: str, confirm: bool = False) -> str:
    """From the environment variable `env`, else asked on the terminal (twice when `confirm`)."""
    value = os.environ.get(env)
    if value is not None:
        return value
    if not sys.stdin.isatty():
        raise UserError(
            _("No password: set {env} or run in a terminal to be asked.").format(env=env),
            code="cli.no_password",
        )
    first = getpass.getpass(prompt)
    if confirm and getpass.getpass(_("Repeat the password: ")) != first:
        raise UserError(_("The two passwords differ."), code="cli.passwords_differ")
    return first


def acting_user(args: argparse.Namespace, db: Database) -> Actor:
    if not args.user:
        raise UserError(
            _("This command acts as a user: pass --user LOGIN (password in {env}).").format(env=PASSWORD_ENV),
            code="cli.no_user",
        )
    if not is_set_up(db):
        raise UserError(
            _(
                "{where} holds no company yet, so no user: set it up with bodesk init (or open it in the app)."
            ).format(where=db.describe()),
            code="cli.not_set_up",
        )
    password = read_password(PASSWORD_ENV, _("Password for {login}: ").format(login=args.user))
    return authenticate(db, args.user, password)


def output_file(name: str) -> Path:
    """The file a command is to write (-o FILE): refused, before any work, when its folder is missing,
    when it names a folder, or when the folder may not be written to."""
    path = Path(name).expanduser()
    if path.is_symlink():  # written through to what it points at, never replaced by a file of its own
        path = path.resolve()
    folder = path.parent.resolve()
    if path.exists() and not path.is_dir() and not path.is_file():
        raise UserError(
            _("{path} is not a file (a device or a pipe): name a file with -o.").format(path=name),
            code="cli.output_not_file",
        )
    if path.is_dir():
        raise UserError(
            _("{path} is a folder: name a file in it with -o.").format(path=path), code="cli.output_is_folder"
        )
    if not folder.is_dir():
        raise UserError(
            _(
                "The folder {folder} does not exist: create it first, or name a file in another folder with -o."
            ).format(folder=folder),
            code="cli.no_folder",
        )
    if not os.access(folder, os.W_OK):
        raise UserError(
            _("bodesk may not write in the folder {folder}: name a file in another folder with -o.").format(
                folder=folder
            ),
            code="cli.folder_unwritable",
        )
    return path


def say(text: str) -> None:
    print(text)
