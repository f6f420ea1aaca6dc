"""Roles, and the permissions every service checks.

Each module declares its own permissions in its package (`permission(...)`, listed in its manifest),
each with the roles that get it; the owner may do everything. The UI hides what a role may not do,
but only as a courtesy: the service refuses it anyway. This module holds the foundation's own
permissions (accounts, users, the audit log, the company, backups, imports).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from bodesk.i18n import N_, _


class Role(StrEnum):
    OWNER = "owner"
    MANAGER = "manager"
    FINANCE = "finance"
    SALES = "sales"
    WAREHOUSE = "warehouse"
    HR = "hr"
    SUPPORT = "support"


ROLE_LABELS: dict[Role, str] = {
    Role.OWNER: N_("Owner"),
    Role.MANAGER: N_("Manager"),
    Role.FINANCE: N_("Finance"),
    Role.SALES: N_("Sales"),
    Role.WAREHOUSE: N_("Warehouse staff"),
    Role.HR: N_("Human resources"),
    Role.SUPPORT: N_("Support"),
}


@dataclass(frozen=True)
class Action:
    """Something a role may be allowed to do. `label` (marked with N_) completes "Your role may not …"."""

    code: str
    label: str
    roles: frozenset[Role]

    def __str__(self) -> str:
        return self.code


_ACTIONS: dict[str, Action] = {}


def permission(code: str, label: str, *roles: Role) -> Action:
    """Declare a permission that `roles` (and the owner) get; a module calls this once per permission."""
    if code in _ACTIONS and _ACTIONS[code] != Action(code, label, frozenset({Role.OWNER, *roles})):
        raise ValueError(f"permission {code!r} is declared twice")
    action = Action(code, label, frozenset({Role.OWNER, *roles}))
    _ACTIONS[code] = action
    return action


def is_allowed(role: str, action: Action) -> bool:
    return role in action.roles


def role_label(role: str) -> str:
    try:
        return _(ROLE_LABELS[Role(role)])
    except ValueError:
        return role


def action_label(action: Action) -> str:
    return _(action.label)


EVERYONE = tuple(Role)

ACCOUNT_PASSWORD = permission("account.password", N_("change one's own password"), *EVERYONE)
USERS_MANAGE = permission("users.manage", N_("manage users and roles"))
AUDIT_VIEW = permission("audit.view", N_("read the audit log"))
COMPANY_EDIT = permission("company.edit", N_("change the company's details"))
BACKUP_RUN = permission("backup.run", N_("back up the database"), Role.MANAGER)
BACKUP_RESTORE = permission("backup.restore", N_("restore the database from a backup"))
DATA_IMPORT = permission("data.import", N_("import data from spreadsheets"), Role.MANAGER)
