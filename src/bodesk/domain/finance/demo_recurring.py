"""Demo data: the recurring payables of a distributor — the warehouse's rent, energy, phone and internet,
and the salaries (until staff exists) — each to its payee, generated for every month of the history and
paid by bank transfer on their due days (those not yet due left open), through the services, so every
check of `bodesk check` holds. The history's months are closed by then: the lock date is lifted while
the history is written and put back, within the one unit of work."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import select
from stdnum.br import cnpj

from bodesk.domain.demo import DemoContext
from bodesk.domain.finance.document_models import OpenItem
from bodesk.domain.finance.models import Account, FinanceSettings, JournalEntry
from bodesk.domain.finance.payments import PaymentInput, register_payment_in
from bodesk.domain.finance.recurring import generate_in
from bodesk.domain.finance.recurring_models import RecurringCharge, RecurringPayable
from bodesk.domain.finance.reports.table import months_between
from bodesk.domain.finance.states import Direction, PaymentMethod
from bodesk.domain.purchasing.supplier_saving import SupplierData
from bodesk.domain.purchasing.suppliers import create_supplier_in
from bodesk.store.types import utcnow

# payee, what it is, expense account, amount a month, day due
PAYEES = (
    ("Imobiliária Paulista Ltda.", "Aluguel do galpão", "6.5", "12000.00", 5),
    ("Companhia Paulista de Força e Luz", "Energia elétrica", "6.7", "3800.00", 15),
    ("Telefônica Brasil S.A.", "Telefone e internet", "6.7", "650.00", 20),
    ("Folha de pagamento", "Salários do mês", "6.6", "48000.00", 5),
)


def _tax_id(serial: int) -> str:
    base = f"{70_000_000 + serial:08d}0001"
    return base + cnpj.calc_check_digits(base)


def demo_recurring(context: DemoContext) -> None:
    today = utcnow().astimezone().date()
    owner = context.owner
    with context.db.write() as session:
        first = session.execute(select(JournalEntry.day).order_by(JournalEntry.day).limit(1)).scalar()
        settings = session.execute(select(FinanceSettings)).scalar_one_or_none()
        lock = settings.lock_date if settings is not None else None
        if settings is not None:
            settings.lock_date = None
            session.flush()
        accounts = dict(session.execute(select(Account.code, Account.id)).all())
        for serial, (payee, description, code, amount, day) in enumerate(PAYEES, start=1):
            supplier = create_supplier_in(
                session, owner, SupplierData(payee, _tax_id(serial), city="São Paulo", state="SP")
            )
            session.add(
                RecurringPayable(
                    supplier_id=supplier.id, description=description, account_id=accounts[code],
                    amount=Decimal(amount), day=day, created_at=utcnow(),
                )
            )  # fmt: skip
        session.flush()
        months = months_between(first or today, today)
        for index, month in enumerate(months):
            for charge_id in generate_in(session, owner, month):
                _pay(session, context, charge_id, today)
            context.progress("finance_recurring", (index + 1) / len(months))
        if settings is not None:
            settings.lock_date = lock


def _pay(session: object, context: DemoContext, charge_id: int, today: date) -> None:
    from sqlalchemy.orm import Session

    assert isinstance(session, Session)
    charge = session.get(RecurringCharge, charge_id)
    assert charge is not None
    if charge.due_on >= today:
        return  # not yet due: left open
    item = session.execute(
        select(OpenItem).where(OpenItem.doc_kind == "recurring", OpenItem.doc_id == charge_id)
    ).scalar_one()
    register_payment_in(
        session,
        context.owner,
        PaymentInput(
            Direction.PAYABLE, item.supplier_id or 0, charge.due_on, PaymentMethod.TRANSFER, charge.amount,
            allocations=[(item.id, charge.amount)],
        ),
    )  # fmt: skip
