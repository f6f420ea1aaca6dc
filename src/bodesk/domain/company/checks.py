"""Invariants of the company record that `bodesk check` proves."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bodesk.domain.common.errors import ValidationError
from bodesk.domain.common.taxid import validate_cnpj
from bodesk.domain.company.models import Company
from bodesk.i18n import _


def one_valid_company(session: Session) -> list[str]:
    count = session.execute(select(func.count()).select_from(Company)).scalar_one()
    if count == 0:
        return [_("The database holds no company yet: set one up (bodesk init, or the app's first start).")]
    if count > 1:
        return [_("The database holds {n} companies; bodesk expects one.").format(n=count)]
    problems = []
    for tax_id in session.execute(select(Company.tax_id)).scalars():
        try:
            validate_cnpj(tax_id)
        except ValidationError as exc:
            problems.append(exc.message)
    return problems
