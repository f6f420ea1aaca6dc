"""The company's manifest: its details, changed by the owner."""

from __future__ import annotations

from bodesk.domain.access.permissions import COMPANY_EDIT
from bodesk.domain.modules import Check, Lazy, Module
from bodesk.i18n import N_

MODULE = Module(
    key="company",
    title=N_("Company"),
    depends_on=("access",),
    permissions=(COMPANY_EDIT,),
    audit_actions={"company.setup": N_("Company set up"), "company.update": N_("Company changed")},
    audit_records={"company": N_("Company")},
    audit_fields={
        "name": N_("Name"),
        "tax_id": N_("CNPJ"),
        "city": N_("City"),
        "state": N_("State"),
        "email": N_("Email"),
        "phone": N_("Phone"),
        "street": N_("Street"),
        "number": N_("Number"),
        "district": N_("District"),
        "postal_code": N_("CEP"),
        "language": N_("Language"),
        "currency": N_("Currency"),
        "logo": N_("Logo"),
    },
    checks=(
        Check(
            "company.single",
            N_("One company with a valid CNPJ"),
            Lazy("bodesk.domain.company.checks:one_valid_company"),
        ),
    ),
)
