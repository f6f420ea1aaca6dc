"""Supplier bills: a matched bill clears goods received not billed against the supplier; one that differs
waits for approval and its difference goes to purchase price differences; refusals change nothing; the
books' checks hold after every bill."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import func, select

from bodesk.domain.access.actor import Actor
from bodesk.domain.common.listing import ListRequest
from bodesk.domain.finance.bill_queries import BillsQuery, ReceiptsToBillQuery, suppliers_to_bill
from bodesk.domain.finance.bills import (
    BillLineInput,
    InstallmentInput,
    approve_bill,
    discard_bill,
    draft_bill,
    post_bill,
    update_bill_lines,
)
from bodesk.domain.finance.boleto import barcode_check_digit, boleto_line_from_barcode, due_factor
from bodesk.domain.finance.chart import AccountRole, account_of
from bodesk.domain.finance.document_models import Bill, OpenItem
from bodesk.domain.finance.models import FinanceSettings, JournalEntry, JournalLine
from bodesk.domain.finance.permissions import BILL_APPROVE
from bodesk.domain.purchasing.models import Receipt, ReceiptLine
from bodesk.store.check import run_checks
from bodesk.store.engine import Database
from tests.builders.purchasing import Scene, build_scene, receive, sent_order
from tests.builders.readings import snapshot
from tests.helpers.refusals import denied, invalid, refused

D = Decimal
DAY = date.today()


def problems(db: Database) -> list[tuple[str, tuple[str, ...]]]:
    """The checks' problems, and whether goods received not billed holds exactly what the receipts not
    yet billed credited there (not a `bodesk check`: the demo's history marks receipts billed with no bill)."""
    found = [(result.name, result.problems) for result in run_checks(db) if not result.ok]
    with db.read() as session:
        grni = account_of(session, AccountRole.GRNI)
        books = session.execute(
            select(func.sum(JournalLine.credit - JournalLine.debit)).where(JournalLine.account_id == grni)
        ).scalar_one()
        unbilled = session.execute(
            select(func.sum(JournalLine.credit - JournalLine.debit))
            .join(JournalEntry, JournalEntry.id == JournalLine.entry_id)
            .join(Receipt, Receipt.id == JournalEntry.doc_id)
            .where(
                JournalEntry.doc_kind == "receipt", Receipt.billed.is_(False), JournalLine.account_id == grni
            )
        ).scalar_one()
    if (books or 0) != (unbilled or 0):
        found.append(("grni", (f"{books} != {unbilled}",)))
    return found


def books(db: Database) -> dict[str, Any]:
    """Everything a refused bill must leave as it was, besides the stock and purchasing snapshot."""
    with db.read() as session:
        return {
            **snapshot(db),
            "bills": session.execute(
                select(Bill.id, Bill.status, Bill.number, Bill.total).order_by(Bill.id)
            ).all(),
            "entries": session.execute(select(func.count()).select_from(JournalEntry)).scalar_one(),
            "items": session.execute(select(func.count()).select_from(OpenItem)).scalar_one(),
            "billed": session.execute(select(Receipt.id, Receipt.billed).order_by(Receipt.id)).all(),
        }


def balances(db: Database, entry_kind: str, doc_id: int) -> dict[str, tuple[Decimal, Decimal, int | None]]:
    """Per role account, the debit, credit and supplier of a document's entry lines."""
    with db.read() as session:
        names = {
            account_of(session, role): role.value
            for role in (AccountRole.GRNI, AccountRole.PAYABLES, AccountRole.PRICE_DIFFERENCES)
        }
        rows = session.execute(
            select(JournalLine.account_id, JournalLine.debit, JournalLine.credit, JournalLine.supplier_id)
            .join(JournalEntry, JournalEntry.id == JournalLine.entry_id)
            .where(JournalEntry.doc_kind == entry_kind, JournalEntry.doc_id == doc_id)
        ).all()
    return {
        names.get(account, str(account)): (debit, credit, supplier)
        for account, debit, credit, supplier in rows
    }


def lock_books(db: Database, day: date | None) -> None:
    with db.write() as session:
        settings = session.execute(select(FinanceSettings).order_by(FinanceSettings.id)).scalars().first()
        if settings is None:
            session.add(FinanceSettings(lock_date=day))
        else:
            settings.lock_date = day


def receipt_line_ids(db: Database, receipt_id: int) -> list[int]:
    with db.read() as session:
        return list(
            session.execute(
                select(ReceiptLine.id).where(ReceiptLine.receipt_id == receipt_id).order_by(ReceiptLine.id)
            ).scalars()
        )


def bill(db: Database, bill_id: int) -> Bill:
    with db.read() as session:
        found = session.get(Bill, bill_id)
        assert found is not None
        return found


@pytest.fixture
def scene(db: Database, owner: Actor) -> Scene:
    return build_scene(db, owner)


def water_receipt(
    db: Database, owner: Actor, scene: Scene, units: int = 24, supplier: int | None = None
) -> int:
    """A receipt of `units` bottles of water (18.90 a case of 12: 1.575 a bottle)."""
    order_id = sent_order(db, owner, supplier or scene.vale, scene.warehouse, (scene.water, 2, "18.90"))
    return receive(db, owner, order_id, [units])


def boleto_for(amount: Decimal, due: date) -> str:
    cents = int(amount * 100)
    without = f"0019{due_factor(due):04d}{cents:010d}0500940144816060680935031"
    return boleto_line_from_barcode(without[:4] + str(barcode_check_digit(without)) + without[4:])


def test_a_matched_bill_clears_goods_received_against_the_supplier(
    db: Database, owner: Actor, scene: Scene
) -> None:
    receipt = water_receipt(db, owner, scene)
    assert [choice.id for choice in suppliers_to_bill(db, owner)] == [scene.vale]
    bill_id = draft_bill(db, owner, scene.vale, [receipt], "NF 1234", DAY)
    drafted = bill(db, bill_id)
    assert (drafted.status, drafted.received_value, drafted.total, drafted.difference) == (
        "draft", D("37.80"), D("37.80"), D("0.00"),
    )  # fmt: skip
    assert drafted.differences == ""
    assert ReceiptsToBillQuery().count(db, owner, ListRequest(filters={"supplier": scene.vale})) == 0
    number = post_bill(db, owner, bill_id)
    assert number == 1
    assert balances(db, "bill", bill_id) == {
        "grni": (D("37.80"), D("0"), None),
        "payables": (D("0"), D("37.80"), scene.vale),
    }
    with db.read() as session:
        item = session.execute(select(OpenItem)).scalar_one()
        assert (item.direction, item.supplier_id, item.amount, item.due_on) == (
            "payable", scene.vale, D("37.80"), DAY + timedelta(days=28),
        )  # fmt: skip
        assert session.get(Receipt, receipt).billed is True  # type: ignore[union-attr]
    rows = BillsQuery().page(db, owner, ListRequest(), 0, 10)
    assert [BillsQuery().value(row, "due_on") for row in rows] == [DAY + timedelta(days=28)]
    assert BillsQuery().totals(db, owner, ListRequest()).values["total"] == D("37.80")
    assert problems(db) == []


def test_a_price_difference_waits_for_approval_and_goes_to_price_differences(
    db: Database, owner: Actor, scene: Scene, make_user: Callable[..., Actor]
) -> None:
    receipt = water_receipt(db, owner, scene)
    line = receipt_line_ids(db, receipt)[0]
    bill_id = draft_bill(
        db, owner, scene.vale, [receipt], "NF 77", DAY, lines=[BillLineInput(line, D(24), D("1.60"))]
    )
    waiting = bill(db, bill_id)
    assert (waiting.status, waiting.total, waiting.difference) == ("to_approve", D("38.40"), D("0.60"))
    assert waiting.differences == "Line 1: 1.60 billed, 1.5750 ordered"
    with refused("document.state"):
        post_bill(db, owner, bill_id)
    clerk = make_user("finance")
    with denied(BILL_APPROVE):
        approve_bill(db, clerk, bill_id, "Price raised in May")
    with invalid("note"):
        approve_bill(db, owner, bill_id, " ")
    approve_bill(db, owner, bill_id, "Price raised in May")
    approved = bill(db, bill_id)
    assert (approved.status, approved.approved_by, approved.approval_note) == (
        "draft", owner.user_id, "Price raised in May",
    )  # fmt: skip
    post_bill(db, clerk, bill_id)
    assert balances(db, "bill", bill_id) == {
        "grni": (D("37.80"), D("0"), None),
        "price_differences": (D("0.60"), D("0"), None),
        "payables": (D("0"), D("38.40"), scene.vale),
    }
    assert problems(db) == []


def test_a_quantity_difference_credits_price_differences_and_a_change_asks_approval_again(
    db: Database, owner: Actor, scene: Scene
) -> None:
    receipt = water_receipt(db, owner, scene)
    line = receipt_line_ids(db, receipt)[0]
    bill_id = draft_bill(
        db, owner, scene.vale, [receipt], "NF 9", DAY, lines=[BillLineInput(line, D(20), D("1.575"))]
    )
    assert bill(db, bill_id).differences == "Line 1: 20 billed, 24 received"
    approve_bill(db, owner, bill_id, "Four bottles came free")
    update_bill_lines(db, owner, bill_id, [BillLineInput(line, D(20), D("1.60"))])
    changed = bill(db, bill_id)
    assert (changed.status, changed.approved_by, changed.total) == ("to_approve", None, D("32.00"))
    assert changed.differences == "Line 1: 20 billed, 24 received; 1.60 billed, 1.5750 ordered"
    update_bill_lines(db, owner, bill_id, [BillLineInput(line, D(20), D("1.575"))])
    approve_bill(db, owner, bill_id, "Four bottles came free")
    post_bill(db, owner, bill_id)
    assert balances(db, "bill", bill_id) == {
        "grni": (D("37.80"), D("0"), None),
        "price_differences": (D("0"), D("6.30"), None),
        "payables": (D("0"), D("31.50"), scene.vale),
    }
    assert problems(db) == []


def test_installments_with_boletos(db: Database, owner: Actor, scene: Scene) -> None:
    receipt = water_receipt(db, owner, scene)
    bill_id = draft_bill(db, owner, scene.vale, [receipt], "NF 5", DAY)
    first, second = DAY + timedelta(days=30), DAY + timedelta(days=60)
    scanned = "".join(ch for ch in boleto_for(D("17.80"), second) if ch.isdigit())
    post_bill(
        db,
        owner,
        bill_id,
        [
            InstallmentInput(first, D("20.00"), boleto_for(D("20.00"), first)),
            InstallmentInput(second, D("17.80"), scanned),
        ],
    )
    with db.read() as session:
        items = session.execute(select(OpenItem).order_by(OpenItem.installment)).scalars().all()
        assert [(i.installment, i.installments, i.amount, i.due_on) for i in items] == [
            (1, 2, D("20.00"), first),
            (2, 2, D("17.80"), second),
        ]
        assert items[1].boleto == scanned and len(items[0].boleto) == 47
    assert problems(db) == []


def test_refusals_change_nothing(db: Database, owner: Actor, scene: Scene) -> None:
    receipt = water_receipt(db, owner, scene)
    other = water_receipt(db, owner, scene, supplier=scene.serra)
    before = books(db)
    with refused("bill.other_supplier"):
        draft_bill(db, owner, scene.vale, [receipt, other], "NF 1", DAY)
    with invalid("reference"):
        draft_bill(db, owner, scene.vale, [receipt], " ", DAY)
    with invalid("nfe_key"):
        draft_bill(db, owner, scene.vale, [receipt], "NF 1", DAY, nfe_key="1234")
    assert books(db) == before
    bill_id = draft_bill(db, owner, scene.vale, [receipt], "NF 1", DAY)
    before = books(db)
    with refused("bill.receipt_on_bill"):
        draft_bill(db, owner, scene.vale, [receipt], "NF 2", DAY)
    with refused("bill.installments"):
        post_bill(db, owner, bill_id, [InstallmentInput(DAY, D("30.00"))])
    with invalid("line:1:boleto"):  # one digit changed
        line = boleto_for(D("37.80"), DAY)
        post_bill(db, owner, bill_id, [InstallmentInput(DAY, D("37.80"), line[:-1] + "9")])
    with invalid("line:1:boleto"):  # a valid boleto for another amount
        post_bill(db, owner, bill_id, [InstallmentInput(DAY, D("37.80"), boleto_for(D("37.00"), DAY))])
    lock_books(db, DAY)
    before = books(db)
    with refused("journal.locked_period"):
        post_bill(db, owner, bill_id)
    assert books(db) == before
    lock_books(db, None)
    post_bill(db, owner, bill_id)
    before = books(db)
    with refused("bill.receipt_billed"):
        draft_bill(db, owner, scene.vale, [receipt], "NF 3", DAY)
    with refused("document.state"):
        post_bill(db, owner, bill_id)
    assert books(db) == before
    assert problems(db) == []


def test_a_discarded_bill_frees_its_receipts(db: Database, owner: Actor, scene: Scene) -> None:
    receipt = water_receipt(db, owner, scene)
    bill_id = draft_bill(db, owner, scene.vale, [receipt], "NF 1", DAY)
    discard_bill(db, owner, bill_id)
    again = draft_bill(db, owner, scene.vale, [receipt], "NF 1", DAY)
    post_bill(db, owner, again)
    with refused("document.transition"):
        discard_bill(db, owner, again)
    assert problems(db) == []
