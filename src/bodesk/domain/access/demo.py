"""Demo users, one per role, and an audit history of logins and changes."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import insert, select

from bodesk.domain.access.models import AuditEntry, User
from bodesk.domain.access.permissions import Role
from bodesk.domain.access.services import create_user
from bodesk.domain.demo import DemoContext
from bodesk.store.types import utcnow

DEMO_PEOPLE = {
    Role.MANAGER: ("gerente", "Marta Gonçalves"),
    Role.FINANCE: ("financeiro", "Paulo Nogueira"),
    Role.SALES: ("vendas", "Juliana Costa"),
    Role.WAREHOUSE: ("estoque", "Carlos Pereira"),
    Role.HR: ("pessoal", "Fernanda Ribeiro"),
    Role.SUPPORT: ("suporte", "Tiago Martins"),
}
EXTRA_NAMES = (
    "Ana",
    "Bruno",
    "Camila",
    "Diego",
    "Eduarda",
    "Felipe",
    "Gabriela",
    "Henrique",
    "Isabela",
    "João",
)
EXTRA_SURNAMES = (
    "Silva",
    "Santos",
    "Oliveira",
    "Souza",
    "Lima",
    "Carvalho",
    "Ferreira",
    "Rodrigues",
    "Alves",
)
BATCH = 5000


def demo_users(context: DemoContext) -> None:
    extra = context.pick(0, 10, 40)
    with context.db.write() as session:
        for role, (login, name) in DEMO_PEOPLE.items():
            create_user(session, context.owner, login, name, role, context.password)
        roles = [Role.SALES, Role.WAREHOUSE, Role.SALES, Role.FINANCE, Role.SUPPORT]
        for index in range(extra):
            name = f"{context.rng.choice(EXTRA_NAMES)} {context.rng.choice(EXTRA_SURNAMES)}"
            create_user(
                session,
                context.owner,
                f"user{index + 1:02d}",
                name,
                roles[index % len(roles)],
                context.password,
            )


def demo_audit_history(context: DemoContext) -> None:
    """Past logins and changes spread over the last year, bulk inserted."""
    count = context.pick(400, 20_000, 200_000)
    with context.db.read() as session:
        users = list(session.execute(select(User.id, User.login)))
    now = utcnow()
    actions = ["login"] * 8 + ["user.password", "user.update", "company.update"]
    rows = []
    for index in range(count):
        user = context.rng.choice(users)
        action = context.rng.choice(actions)
        at = now - timedelta(seconds=context.rng.randint(3600, 365 * 86400))
        entity, key = ("company", "1") if action == "company.update" else ("user", user.login)
        rows.append(
            {
                "at": at,
                "user_id": user.id,
                "user_login": user.login,
                "action": action,
                "entity": entity,
                "entity_key": key,
                "old_values": None,
                "new_values": None,
                "reason": None,
            }
        )
        if len(rows) == BATCH or index == count - 1:
            with context.db.write() as session:
                session.execute(insert(AuditEntry), rows)
            rows = []
            context.progress("audit", (index + 1) / count)
