"""A small module written where a plug-in would be: a voucher with two states, one permission, one list,
one report, one check. Its tests register it without touching a file of bodesk itself."""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum
from pathlib import Path
from typing import Any

from sqlalchemy import MetaData, String, func, select
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column

from bodesk.domain.access import audit
from bodesk.domain.access.actor import Actor
from bodesk.domain.access.guard import require
from bodesk.domain.access.permissions import Role, permission
from bodesk.domain.common.lifecycle import Lifecycle
from bodesk.domain.common.listing import ListColumn, ListQuery
from bodesk.domain.common.models import Money
from bodesk.domain.common.postings import DocumentKind
from bodesk.domain.modules import Check, Lazy, Module, Report
from bodesk.i18n import N_
from bodesk.reports.base import build_pdf, header_for
from bodesk.reports.tables import ReportColumn, data_table
from bodesk.store.engine import Database

HERE = "tests.modules.example_module"


class ExampleBase(DeclarativeBase):
    metadata = MetaData()


class VoucherStatus(StrEnum):
    DRAFT = "draft"
    POSTED = "posted"


VOUCHER = Lifecycle(
    kind="voucher",
    noun=N_("Voucher"),
    states=VoucherStatus,
    labels={VoucherStatus.DRAFT: N_("Draft"), VoucherStatus.POSTED: N_("Posted")},
    transitions={VoucherStatus.DRAFT: frozenset({VoucherStatus.POSTED}), VoucherStatus.POSTED: frozenset()},
    finished=frozenset({VoucherStatus.POSTED}),
    series="voucher",
    numbered_in=VoucherStatus.POSTED,
    editable=frozenset({VoucherStatus.DRAFT}),
)


class Voucher(ExampleBase):
    __tablename__ = "example_vouchers"
    __frozen__ = VOUCHER

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[int | None] = mapped_column(unique=True)
    status: Mapped[str] = mapped_column(String(10))
    amount: Mapped[Decimal] = mapped_column(Money())


VOUCHERS = permission("example.vouchers", N_("work with vouchers"), Role.FINANCE)


def draft_voucher(db: Database, actor: Actor, amount: Decimal) -> int:
    with db.write() as session:
        require(session, actor, VOUCHERS)
        voucher = Voucher(amount=amount)
        VOUCHER.begin(session, voucher, VoucherStatus.DRAFT)
        session.add(voucher)
        session.flush()
        return voucher.id


def post_voucher(db: Database, actor: Actor, voucher_id: int) -> int:
    with db.write() as session:
        require(session, actor, VOUCHERS)
        voucher = session.get(Voucher, voucher_id)
        assert voucher is not None
        VOUCHER.move(voucher, VoucherStatus.POSTED)
        audit.record(session, actor, "voucher.post", "voucher", voucher.number)
        assert voucher.number is not None
        return voucher.number


class VouchersQuery(ListQuery):
    entity = Voucher
    action = VOUCHERS
    default_sort = "number"
    columns = (
        ListColumn("number", N_("Number"), Voucher.number, kind="number"),
        ListColumn("status", N_("Status"), Voucher.status),
        ListColumn("amount", N_("Amount"), Voucher.amount, kind="money"),
    )


def write_vouchers(db: Database, actor: Actor, path: Path) -> Path:
    with db.read() as session:
        require(session, actor, VOUCHERS)
        rows = session.execute(
            select(Voucher.number, Voucher.status, Voucher.amount).order_by(Voucher.id)
        ).all()
    header = header_for(db, actor, "Vouchers")
    columns = [ReportColumn("Number", "number"), ReportColumn("Status"), ReportColumn("Amount", "money")]
    return build_pdf(path, header, data_table(columns, [tuple(row) for row in rows]))


def no_negative_vouchers(session: Session) -> list[str]:
    negative = session.execute(
        select(func.count()).select_from(Voucher).where(Voucher.amount < 0)
    ).scalar_one()
    return [f"{negative} vouchers are negative."] if negative else []


MODULE = Module(
    key="example",
    title=N_("Vouchers"),
    depends_on=("access",),
    permissions=(VOUCHERS,),
    audit_actions={"voucher.post": N_("Voucher posted")},
    audit_records={"voucher": N_("Voucher")},
    documents=(DocumentKind("voucher", N_("Voucher"), Voucher),),
    checks=(Check("example.vouchers", N_("No voucher is negative"), Lazy(f"{HERE}:no_negative_vouchers")),),
    reports=(Report("vouchers", N_("vouchers"), Lazy(f"{HERE}:write_vouchers")),),
)


def register_in_isolation(monkeypatch: Any, db: Database) -> Module:
    """Register the example module for one test: every registry it reaches is copied first (and put back
    by `monkeypatch`), and its table is created in `db`."""
    from bodesk.domain import demo, registry, search
    from bodesk.domain.access import permissions as permission_table
    from bodesk.domain.common import postings
    from bodesk.store import check

    for owner, name in (
        (registry, "_LOADED"),
        (postings, "_KINDS"),
        (check, "_REGISTRY"),
        (search, "_PROVIDERS"),
        (permission_table, "_ACTIONS"),
    ):
        monkeypatch.setattr(owner, name, dict(getattr(owner, name)))
    monkeypatch.setattr(demo, "_STEPS", list(demo._STEPS))
    ExampleBase.metadata.create_all(db.engine)
    return registry.register_module(MODULE)
