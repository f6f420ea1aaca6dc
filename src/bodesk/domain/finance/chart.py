"""The default chart of accounts of a small Brazilian distributor, and the accounts postings go to.

Adapted from ITG 1000 (the simplified chart for small companies): each account has its code, its name
in Portuguese (the accountant's) and in English (shown in the English interface), its kind, and the
DRE line an income or expense account feeds. Accounts the other modules post to automatically carry a
role; the company may rename, recode or add accounts (the accountant maps them to their plan), but a
role stays on one account, which is how postings find it.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.orm import Session

from bodesk.domain.common.errors import ValidationError
from bodesk.domain.finance.models import Account
from bodesk.domain.finance.states import AccountKind, DreLine
from bodesk.i18n import _, current_language


class AccountRole(StrEnum):
    CASH = "cash"
    BANK = "bank"
    RECEIVABLES = "receivables"
    STOCK = "stock"
    CONTAINERS = "containers"  # deposits of returnable containers held by customers
    TAXES_RECOVERABLE = "taxes_recoverable"
    PAYABLES = "payables"
    GRNI = "grni"  # goods received, not yet billed
    CUSTOMER_CREDITS = "customer_credits"
    TAXES_PAYABLE = "taxes_payable"
    CLEARING = "clearing"  # money collected not yet deposited (trips, cards)
    OPENING = "opening"
    SALES = "sales"
    RETURNS = "returns"
    DISCOUNTS_GIVEN = "discounts_given"
    COGS = "cogs"
    STOCK_ADJUSTMENTS = "stock_adjustments"
    STOCK_LOSSES = "stock_losses"
    GOODS_ISSUED = "goods_issued"  # samples, bonificações, own use
    PRICE_DIFFERENCES = "price_differences"
    BAD_DEBTS = "bad_debts"
    DISCOUNTS_TAKEN = "discounts_taken"
    INTEREST_EARNED = "interest_earned"
    INTEREST_PAID = "interest_paid"
    BANK_FEES = "bank_fees"
    OTHER_INCOME = "other_income"  # containers lost or broken, charged to customers


@dataclass(frozen=True)
class ChartAccount:
    code: str
    name: str  # Portuguese
    name_en: str
    kind: AccountKind
    role: AccountRole | None = None
    dre: DreLine | None = None
    postable: bool = True


A, L, E, IN, X = (
    AccountKind.ASSET,
    AccountKind.LIABILITY,
    AccountKind.EQUITY,
    AccountKind.INCOME,
    AccountKind.EXPENSE,
)
R, D = AccountRole, DreLine

DEFAULT_CHART: tuple[ChartAccount, ...] = (
    ChartAccount("1", "Ativo", "Assets", A, postable=False),
    ChartAccount("1.1", "Ativo circulante", "Current assets", A, postable=False),
    ChartAccount("1.1.01", "Caixa", "Cash", A, R.CASH),
    ChartAccount("1.1.02", "Bancos conta movimento", "Bank accounts", A, R.BANK),
    ChartAccount("1.1.03", "Numerário em trânsito", "Money in transit", A, R.CLEARING),
    ChartAccount("1.1.04", "Clientes", "Customers", A, R.RECEIVABLES),
    ChartAccount("1.1.05", "Estoque de mercadorias", "Merchandise inventory", A, R.STOCK),
    ChartAccount(
        "1.1.06", "Vasilhames em poder de clientes", "Containers held by customers", A, R.CONTAINERS
    ),
    ChartAccount("1.1.07", "Tributos a recuperar", "Recoverable taxes", A, R.TAXES_RECOVERABLE),
    ChartAccount("1.2", "Ativo não circulante", "Non-current assets", A, postable=False),
    ChartAccount("1.2.01", "Imobilizado", "Property and equipment", A),
    ChartAccount("1.2.02", "(-) Depreciação acumulada", "(-) Accumulated depreciation", A),
    ChartAccount("2", "Passivo", "Liabilities", L, postable=False),
    ChartAccount("2.1", "Passivo circulante", "Current liabilities", L, postable=False),
    ChartAccount("2.1.01", "Fornecedores", "Suppliers", L, R.PAYABLES),
    ChartAccount("2.1.02", "Mercadorias recebidas a faturar", "Goods received not billed", L, R.GRNI),
    ChartAccount("2.1.03", "Adiantamentos de clientes", "Customer advances", L, R.CUSTOMER_CREDITS),
    ChartAccount("2.1.04", "Tributos a recolher", "Taxes payable", L, R.TAXES_PAYABLE),
    ChartAccount("2.1.05", "Salários a pagar", "Salaries payable", L),
    ChartAccount("2.1.06", "Empréstimos e financiamentos", "Loans", L),
    ChartAccount("3", "Patrimônio líquido", "Equity", E, postable=False),
    ChartAccount("3.1", "Capital social", "Share capital", E),
    ChartAccount("3.2", "Lucros ou prejuízos acumulados", "Retained earnings", E),
    ChartAccount("3.3", "Saldos de abertura", "Opening balances", E, R.OPENING),
    ChartAccount("4", "Receitas", "Revenue", IN, postable=False),
    ChartAccount("4.1", "Receita de vendas de mercadorias", "Sales of goods", IN, R.SALES, D.GROSS_REVENUE),
    ChartAccount("4.2", "(-) Devoluções de vendas", "(-) Sales returns", IN, R.RETURNS, D.DEDUCTIONS),
    ChartAccount(
        "4.3", "(-) Descontos concedidos", "(-) Discounts given", IN, R.DISCOUNTS_GIVEN, D.DEDUCTIONS
    ),
    ChartAccount(
        "4.4", "(-) Simples Nacional (DAS)", "(-) Simples Nacional tax (DAS)", IN, None, D.DEDUCTIONS
    ),
    ChartAccount("4.5", "Receitas financeiras", "Financial income", IN, R.INTEREST_EARNED, D.FINANCIAL),
    ChartAccount("4.6", "Descontos obtidos", "Discounts received", IN, R.DISCOUNTS_TAKEN, D.FINANCIAL),
    ChartAccount("4.7", "Outras receitas", "Other income", IN, R.OTHER_INCOME, D.OTHER),
    ChartAccount("5", "Custos", "Costs", X, postable=False),
    ChartAccount("5.1", "Custo das mercadorias vendidas", "Cost of goods sold", X, R.COGS, D.COGS),
    ChartAccount(
        "5.2", "Diferenças de preço de compra", "Purchase price differences", X, R.PRICE_DIFFERENCES, D.COGS
    ),
    ChartAccount("6", "Despesas", "Expenses", X, postable=False),
    ChartAccount("6.1", "Despesas com vendas", "Selling expenses", X, None, D.SELLING),
    ChartAccount("6.2", "Bonificações e amostras", "Free goods and samples", X, R.GOODS_ISSUED, D.SELLING),
    ChartAccount("6.3", "Perdas com clientes", "Bad debts", X, R.BAD_DEBTS, D.SELLING),
    ChartAccount("6.4", "Despesas administrativas", "Administrative expenses", X, None, D.ADMINISTRATIVE),
    ChartAccount("6.5", "Aluguéis", "Rent", X, None, D.ADMINISTRATIVE),
    ChartAccount("6.6", "Salários e encargos", "Salaries and charges", X, None, D.ADMINISTRATIVE),
    ChartAccount("6.7", "Energia, água e telefone", "Utilities", X, None, D.ADMINISTRATIVE),
    ChartAccount(
        "6.8", "Combustíveis e manutenção de veículos", "Fuel and vehicle upkeep", X, None, D.SELLING
    ),
    ChartAccount("6.9", "Despesas financeiras", "Financial expenses", X, R.INTEREST_PAID, D.FINANCIAL),
    ChartAccount("6.10", "Tarifas bancárias", "Bank fees", X, R.BANK_FEES, D.FINANCIAL),
    ChartAccount("6.11", "Perdas de estoque", "Stock losses", X, R.STOCK_LOSSES, D.OTHER),
    ChartAccount("6.12", "Ajustes de inventário", "Stock count adjustments", X, R.STOCK_ADJUSTMENTS, D.OTHER),
)


def chart_rows() -> list[dict[str, object]]:
    """The default chart as rows to insert (the migration and a new database write these)."""
    return [
        {
            "code": account.code,
            "name": account.name,
            "name_en": account.name_en,
            "kind": account.kind.value,
            "role": account.role.value if account.role else None,
            "dre_line": account.dre.value if account.dre else "",
            "postable": account.postable,
            "active": True,
        }
        for account in DEFAULT_CHART
    ]


def account_name(name: str, name_en: str) -> str:
    """An account's name in the person's language: the English one in English, when it has one."""
    return name_en if name_en and not current_language().startswith("pt") else name


def role_accounts(session: Session) -> dict[str, int]:
    """Account id per role, read once per unit of work (a posting reads it for every line)."""
    cached: dict[str, int] | None = session.info.get("finance.roles")
    if cached is None:
        cached = {
            str(role): id_
            for id_, role in session.execute(
                select(Account.id, Account.role).where(Account.role.is_not(None))
            )
        }
        session.info["finance.roles"] = cached
    return cached


def account_of(session: Session, role: AccountRole) -> int:
    found = role_accounts(session).get(role.value)
    if found is None:
        raise ValidationError.single(
            "account",
            _(
                "No account takes the postings of “{role}”: give that role to an account in Finance → Accounts."
            ).format(role=role.value),
        )
    return found
