"""The company every test database is set up for (the `owner` fixture)."""

from __future__ import annotations

from bodesk.domain.company.services import CompanyDetails

CNPJ = "11.222.333/0001-81"
COMPANY = CompanyDetails(name="Distribuidora Teste Ltda.", tax_id=CNPJ, city="Campinas", state="SP")
