"""Roles and the one permission table that every service checks.

The UI hides what a role may not do, but only as a courtesy: the service refuses it anyway.
Later modules add their actions here.
"""

from __future__ import annotations

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


class Action(StrEnum):
    ACCOUNT_PASSWORD = "account.password"
    USERS_MANAGE = "users.manage"
    AUDIT_VIEW = "audit.view"
    COMPANY_EDIT = "company.edit"
    BACKUP_RUN = "backup.run"
    BACKUP_RESTORE = "backup.restore"
    DASHBOARD_VIEW = "dashboard.view"
    STOCK_VIEW = "stock.view"
    PURCHASING_VIEW = "purchasing.view"
    SALES_VIEW = "sales.view"
    DELIVERIES_VIEW = "deliveries.view"
    FINANCE_VIEW = "finance.view"
    STAFF_VIEW = "staff.view"
    SUPPORT_VIEW = "support.view"
    MESSAGES_VIEW = "messages.view"
    CATALOGUE_EDIT = "catalogue.edit"
    WAREHOUSES_EDIT = "warehouses.edit"
    STOCK_MOVE = "stock.move"
    STOCK_COUNT = "stock.count"
    STOCK_COUNT_POST = "stock.count_post"
    SUPPLIERS_EDIT = "suppliers.edit"
    PURCHASE_ORDER = "purchasing.order"
    PURCHASE_RECEIVE = "purchasing.receive"
    PURCHASE_OVER_RECEIVE = "purchasing.over_receive"
    DATA_IMPORT = "data.import"


ROLE_LABELS: dict[Role, str] = {
    Role.OWNER: N_("Owner"),
    Role.MANAGER: N_("Manager"),
    Role.FINANCE: N_("Finance"),
    Role.SALES: N_("Sales"),
    Role.WAREHOUSE: N_("Warehouse staff"),
    Role.HR: N_("Human resources"),
    Role.SUPPORT: N_("Support"),
}

ACTION_LABELS: dict[Action, str] = {
    Action.ACCOUNT_PASSWORD: N_("change one's own password"),
    Action.USERS_MANAGE: N_("manage users and roles"),
    Action.AUDIT_VIEW: N_("read the audit log"),
    Action.COMPANY_EDIT: N_("change the company's details"),
    Action.BACKUP_RUN: N_("back up the database"),
    Action.BACKUP_RESTORE: N_("restore the database from a backup"),
    Action.DASHBOARD_VIEW: N_("see the dashboard"),
    Action.STOCK_VIEW: N_("work with stock"),
    Action.PURCHASING_VIEW: N_("work with purchasing"),
    Action.SALES_VIEW: N_("work with sales"),
    Action.DELIVERIES_VIEW: N_("work with deliveries"),
    Action.FINANCE_VIEW: N_("work with finance"),
    Action.STAFF_VIEW: N_("work with staff records"),
    Action.SUPPORT_VIEW: N_("work with internal support"),
    Action.MESSAGES_VIEW: N_("read and send messages"),
    Action.CATALOGUE_EDIT: N_("change the product catalogue"),
    Action.WAREHOUSES_EDIT: N_("set up warehouses and bins"),
    Action.STOCK_MOVE: N_("transfer stock and record adjustments and breakage"),
    Action.STOCK_COUNT: N_("count stock"),
    Action.STOCK_COUNT_POST: N_("post a stock count's adjustments"),
    Action.SUPPLIERS_EDIT: N_("change suppliers and their prices"),
    Action.PURCHASE_ORDER: N_("prepare, send and cancel purchase orders"),
    Action.PURCHASE_RECEIVE: N_("receive goods"),
    Action.PURCHASE_OVER_RECEIVE: N_("receive more than was ordered"),
    Action.DATA_IMPORT: N_("import data from spreadsheets"),
}

_EVERYONE = frozenset({Action.ACCOUNT_PASSWORD, Action.SUPPORT_VIEW, Action.MESSAGES_VIEW})

PERMISSIONS: dict[Role, frozenset[Action]] = {
    Role.OWNER: frozenset(Action),
    Role.MANAGER: frozenset(Action)
    - {Action.USERS_MANAGE, Action.AUDIT_VIEW, Action.COMPANY_EDIT, Action.BACKUP_RESTORE},
    Role.FINANCE: _EVERYONE
    | {
        Action.DASHBOARD_VIEW,
        Action.FINANCE_VIEW,
        Action.SALES_VIEW,
        Action.PURCHASING_VIEW,
        Action.STOCK_VIEW,
        Action.SUPPLIERS_EDIT,
    },
    Role.SALES: _EVERYONE
    | {Action.DASHBOARD_VIEW, Action.SALES_VIEW, Action.STOCK_VIEW, Action.DELIVERIES_VIEW},
    Role.WAREHOUSE: _EVERYONE
    | {
        Action.STOCK_VIEW,
        Action.PURCHASING_VIEW,
        Action.DELIVERIES_VIEW,
        Action.STOCK_MOVE,
        Action.STOCK_COUNT,
        Action.PURCHASE_RECEIVE,
    },
    Role.HR: _EVERYONE | {Action.STAFF_VIEW},
    Role.SUPPORT: _EVERYONE,
}


def is_allowed(role: str, action: Action) -> bool:
    try:
        return action in PERMISSIONS[Role(role)]
    except ValueError:
        return False


def role_label(role: str) -> str:
    try:
        return _(ROLE_LABELS[Role(role)])
    except ValueError:
        return role


def action_label(action: Action) -> str:
    return _(ACTION_LABELS[action])
