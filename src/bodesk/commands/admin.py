"""`bodesk init`, `bodesk demo`, `bodesk user ...`."""

from __future__ import annotations

import argparse
import os
import sys

from bodesk.commands.context import (
    NEW_PASSWORD_ENV,
    PASSWORD_ENV,
    acting_user,
    add_command,
    new_db,
    open_db,
    read_password,
    say,
)
from bodesk.domain.access.permissions import Role, role_label
from bodesk.domain.access.queries import UsersQuery
from bodesk.domain.access.services import add_user, change_password, find_user_id, set_locked
from bodesk.domain.common.listing import ListRequest
from bodesk.domain.common.money import DEFAULT_CURRENCY
from bodesk.domain.company.services import CompanyDetails, set_up_company
from bodesk.domain.demo import DEMO_OWNER, DemoSize, load_demo
from bodesk.i18n import _, format_datetime

DEMO_PASSWORD = "demo-senha-2026"


def cmd_init(args: argparse.Namespace) -> int:
    password = read_password(PASSWORD_ENV, _("Password for {login}: ").format(login=args.admin), confirm=True)
    details = CompanyDetails(
        name=args.company, tax_id=args.tax_id, language=args.language, currency=args.currency
    )
    with new_db(args) as db:
        actor = set_up_company(db, details, args.admin, args.admin_name or args.admin, password)
    say(
        _("Company “{name}” set up in {where}; owner: {login}.").format(
            name=args.company, where=db.describe(), login=actor.login
        )
    )
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    password = os.environ.get(PASSWORD_ENV) or DEMO_PASSWORD
    last = [-1]

    def report(step: str, fraction: float) -> None:
        percent = int(fraction * 100)
        if sys.stderr.isatty() and percent != last[0]:
            last[0] = percent
            print(f"\r{step}: {percent:3d}%", end="", file=sys.stderr, flush=True)

    with new_db(args) as db:
        load_demo(db, DemoSize(args.size), args.seed, password, report=report)
    if sys.stderr.isatty():
        print(file=sys.stderr)
    say(
        _("Demo data ({size}, seed {seed}) loaded into {where}.").format(
            size=args.size, seed=args.seed, where=db.describe()
        )
    )
    say(
        _(
            "Log in as {login} (owner) or gerente, financeiro, vendas, estoque, pessoal, suporte; password: {pw}"
        ).format(login=DEMO_OWNER, pw="$" + PASSWORD_ENV if os.environ.get(PASSWORD_ENV) else password)
    )
    return 0


def cmd_user_add(args: argparse.Namespace) -> int:
    db = open_db(args)
    actor = acting_user(args, db)
    password = read_password(
        NEW_PASSWORD_ENV, _("Password for {login}: ").format(login=args.login), confirm=True
    )
    user = add_user(db, actor, args.login, args.name or args.login, args.role, password)
    say(_("User {login} added ({role}).").format(login=user.login, role=role_label(user.role)))
    return 0


def cmd_user_passwd(args: argparse.Namespace) -> int:
    db = open_db(args)
    actor = acting_user(args, db)
    user_id = find_user_id(db, args.login)
    password = read_password(
        NEW_PASSWORD_ENV, _("New password for {login}: ").format(login=args.login), confirm=True
    )
    current = read_password(PASSWORD_ENV, "") if user_id == actor.user_id else None
    change_password(db, actor, user_id, password, current)
    say(_("Password of {login} changed.").format(login=args.login))
    return 0


def cmd_user_list(args: argparse.Namespace) -> int:
    db = open_db(args)
    actor = acting_user(args, db)
    query = UsersQuery()
    rows = list(query.iterate(db, actor, ListRequest(sort="login")))
    header = (_("Login"), _("Name"), _("Role"), _("Locked"), _("Last login"))
    table = [header] + [
        (
            login,
            name,
            role_label(role),
            _("yes") if locked else "",
            format_datetime(last) if last else "",
        )
        for login, name, role, locked, last in (row.values for row in rows)
    ]
    widths = [max(len(str(line[i])) for line in table) for i in range(len(header))]
    for line in table:
        say("  ".join(str(cell).ljust(width) for cell, width in zip(line, widths, strict=True)).rstrip())
    return 0


def cmd_user_lock(args: argparse.Namespace) -> int:
    db = open_db(args)
    actor = acting_user(args, db)
    set_locked(db, actor, find_user_id(db, args.login), True, args.reason)
    say(_("User {login} locked.").format(login=args.login))
    return 0


def cmd_user_unlock(args: argparse.Namespace) -> int:
    db = open_db(args)
    actor = acting_user(args, db)
    set_locked(db, actor, find_user_id(db, args.login), False, args.reason)
    say(_("User {login} unlocked.").format(login=args.login))
    return 0


def add_parsers(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    init = add_command(commands, "init", help=_("set up a new database for a company (non-interactive)"))
    init.add_argument("--company", required=True, help=_("the company's name"))
    init.add_argument("--tax-id", required=True, help=_("the company's CNPJ"))
    init.add_argument(
        "--admin", required=True, help=_("login of the first owner (password in BODESK_PASSWORD)")
    )
    init.add_argument("--admin-name", help=_("the owner's full name"))
    init.add_argument("--language", default="pt_BR", choices=("pt_BR", "en"))
    init.add_argument("--currency", default=DEFAULT_CURRENCY)
    init.set_defaults(run=cmd_init)

    demo = add_command(commands, "demo", help=_("fill a new database with demo data"))
    demo.add_argument("--size", choices=[size.value for size in DemoSize], default="small")
    demo.add_argument("--seed", type=int, default=1)
    demo.set_defaults(run=cmd_demo)

    user = add_command(commands, "user", help=_("manage users")).add_subparsers(
        dest="user_command", required=True
    )
    add = add_command(user, "add", help=_("add a user (password in BODESK_NEW_PASSWORD)"))
    add.add_argument("login")
    add.add_argument("--name", help=_("full name"))
    add.add_argument("--role", required=True, choices=[role.value for role in Role])
    add.set_defaults(run=cmd_user_add)
    passwd = add_command(user, "passwd", help=_("set a user's password (new one in BODESK_NEW_PASSWORD)"))
    passwd.add_argument("login")
    passwd.set_defaults(run=cmd_user_passwd)
    add_command(user, "list", help=_("list the users")).set_defaults(run=cmd_user_list)
    for name, run, text in (
        ("lock", cmd_user_lock, _("lock a user out")),
        ("unlock", cmd_user_unlock, _("let a locked user in again")),
    ):
        sub = add_command(user, name, help=text)
        sub.add_argument("login")
        sub.add_argument("--reason")
        sub.set_defaults(run=run)
