"""The foundation's manifest: users, roles and the audit log, with the shared pieces' own check."""

from __future__ import annotations

from bodesk.domain.access.permissions import (
    ACCOUNT_PASSWORD,
    AUDIT_VIEW,
    BACKUP_RESTORE,
    BACKUP_RUN,
    DATA_IMPORT,
    USERS_MANAGE,
)
from bodesk.domain.modules import Check, DemoStep, Lazy, Module, SearchProvider
from bodesk.i18n import N_

MODULE = Module(
    key="access",
    title=N_("Administration"),
    permissions=(ACCOUNT_PASSWORD, USERS_MANAGE, AUDIT_VIEW, BACKUP_RUN, BACKUP_RESTORE, DATA_IMPORT),
    audit_actions={
        "login": N_("Logged in"),
        "login.failed": N_("Login failed"),
        "login.locked": N_("Login of a locked user refused"),
        "login.blocked": N_("Login blocked after failures"),
        "user.add": N_("User added"),
        "user.update": N_("User changed"),
        "user.lock": N_("User locked"),
        "user.unlock": N_("User unlocked"),
        "user.password": N_("Password set"),
    },
    audit_records={"user": N_("User")},
    audit_fields={
        "login": N_("Login"),
        "full_name": N_("Name"),
        "role": N_("Role"),
        "is_locked": N_("Locked"),
        "password": N_("Password"),
        "failures": N_("Failed logins"),
    },
    checks=(
        Check(
            "access.roles",
            N_("Every user has a known role"),
            Lazy("bodesk.domain.access.checks:users_have_known_roles"),
        ),
        Check(
            "access.owner",
            N_("At least one owner can log in"),
            Lazy("bodesk.domain.access.checks:an_owner_can_log_in"),
        ),
        Check(
            "common.numbering",
            N_("Document numbering counters are sound"),
            Lazy("bodesk.domain.common.checks:sequences_are_sound"),
        ),
        Check(
            "common.sort_keys",
            N_("Every name sorts by the key of its current spelling"),
            Lazy("bodesk.domain.common.sorting:stale_sort_keys"),
        ),
    ),
    search=(SearchProvider("user", Lazy("bodesk.domain.access.search:find_users")),),
    demo=(
        DemoStep(10, "users", Lazy("bodesk.domain.access.demo:demo_users")),
        DemoStep(11, "audit", Lazy("bodesk.domain.access.demo:demo_audit_history")),
    ),
)
