"""What every subcommand needs: the database it names, the acting user, passwords, output."""

from __future__ import annotations

import argparse
import getpass
import os
import sys

from bodesk.domain.access.actor import Actor
from bodesk.domain.access.login import authenticate
from bodesk.domain.common.errors import UserError
from bodesk.domain.registry import load_modules
from bodesk.i18n import _
from bodesk.settings import database_url, load_preferences
from bodesk.store.engine import Database
from bodesk.store.opening import open_database

PASSWORD_ENV = "BODESK_PASSWORD"
NEW_PASSWORD_ENV = "BODESK_NEW_PASSWORD"


_OPENED: list[Database] = []


def open_db(args: argparse.Namespace, upgrade: bool = True) -> Database:
    """The database `--db` names, opened (and upgraded); closed by `close_all` when the command ends."""
    load_modules()
    preferences = load_preferences()
    db = open_database(database_url(args.db), backup_dir=preferences.backup_folder, upgrade=upgrade)
    _OPENED.append(db)
    return db


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
    password = read_password(PASSWORD_ENV, _("Password for {login}: ").format(login=args.user))
    return authenticate(db, args.user, password)


def say(text: str) -> None:
    print(text)
