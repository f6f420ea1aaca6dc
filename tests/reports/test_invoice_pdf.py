"""The invoice PDF: the internal sales document with both parties, the items, the installments, the
NF-e, and a PIX QR that decodes back to exactly the "copia e cola" printed under it."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import update

from bodesk import i18n
from bodesk.domain.access.actor import Actor
from bodesk.domain.finance.credit_notes import cancel_invoice
from bodesk.domain.finance.invoice_document import invoice_document
from bodesk.domain.finance.invoicing import PostedInvoice, invoice_orders, record_nfe
from bodesk.domain.finance.models import FinanceSettings
from bodesk.domain.finance.pix import parse_emv
from bodesk.reports.invoice import write_invoice
from bodesk.store.engine import Database
from tests.builders.invoicing import build_books, shipped_order
from tests.builders.sales import line
from tests.helpers.pdf import pdf_pages

D = Decimal
KEY = "35261111222333000181550010000012341123456780"
PIX_KEY = "financeiro@distribuidora.com.br"


@pytest.fixture
def invoice(db: Database, owner: Actor) -> PostedInvoice:
    books = build_books(db, owner)
    with db.write() as session:
        session.execute(update(FinanceSettings).values(pix_key=PIX_KEY, state_registration="244.555.666.111"))
    first, second, _ = books.products
    order = shipped_order(
        db, owner, books.customer, line(first, 2, books.case, discount=D("5")), line(second, 7)
    )
    [posted] = invoice_orders(db, owner, [order], issued_on=date(2026, 11, 2))
    return posted


def _key() -> str:
    from bodesk.domain.finance.nfe_key import nfe_check_digit

    return KEY[:43] + str(nfe_check_digit(KEY[:43]))


def test_the_invoice_prints_both_parties_items_installments_and_the_marking(
    db: Database, owner: Actor, invoice: PostedInvoice, tmp_path: Path
) -> None:
    record_nfe(db, owner, invoice.id, "", "", _key())
    i18n.set_language("pt_BR")
    (text,) = pdf_pages(write_invoice(db, owner, invoice.id, tmp_path / "fatura.pdf"))
    page = " ".join(text.split())
    for expected in (
        "PEDIDO DE VENDA / FATURA nº 1",
        "DOCUMENTO SEM VALOR FISCAL",
        "Bar do Zé Comércio de Bebidas Ltda.",
        "30.000.001/0001-",
        "123456789110",  # the customer's IE, as the card keeps it
        "244.555.666.111",
        "BEB-1",
        "7890000000",  # an EAN
        "30/11/2026",  # 28 days after 02/11/2026: the first installment is due
        "1/3",
        "1234",
    ):
        assert expected in page, expected
    assert "".join(invoice_document(db, owner, invoice.id).pix.split()) in "".join(text.split())


def test_the_credit_note_prints_as_one_without_pix(
    db: Database, owner: Actor, invoice: PostedInvoice, tmp_path: Path
) -> None:
    note = cancel_invoice(db, owner, invoice.id, "Pedido em duplicidade")
    (page,) = pdf_pages(write_invoice(db, owner, note, tmp_path / "credit.pdf"))
    assert "CREDIT NOTE No. 1" in page and "DOCUMENTO SEM VALOR FISCAL" in page and "Pay with PIX" not in page
    (cancelled,) = pdf_pages(write_invoice(db, owner, invoice.id, tmp_path / "cancelled.pdf"))
    assert "CANCELLED" in cancelled and "Pay with PIX" not in cancelled


@pytest.mark.skipif(
    not (shutil.which("zbarimg") and shutil.which("pdftoppm")),
    reason="needs zbarimg and pdftoppm to read the QR",
)
def test_the_qr_decodes_to_exactly_the_printed_payload(
    db: Database, owner: Actor, invoice: PostedInvoice, tmp_path: Path
) -> None:
    payload = invoice_document(db, owner, invoice.id).pix
    fields = parse_emv(payload)
    assert fields["54"] == f"{invoice.total:.2f}" and fields["62"] == "0501" + "1"
    pdf = write_invoice(db, owner, invoice.id, tmp_path / "fatura.pdf")
    subprocess.run(["pdftoppm", "-png", "-r", "200", str(pdf), str(tmp_path / "page")], check=True)
    (png,) = sorted(tmp_path.glob("page*.png"))
    read = subprocess.run(["zbarimg", "--raw", "-q", str(png)], capture_output=True, text=True, check=True)
    assert read.stdout.strip() == payload
