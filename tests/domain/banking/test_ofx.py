"""The OFX reader on the files Brazilian banks really export: SGML and XML, any charset label, decimal
commas, time zones, cut files, unreadable transactions kept as line errors, and files that are no OFX
refused; and any generated statement written either way reads back to the same figures."""

from __future__ import annotations

import contextlib
from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from bodesk.domain.banking import ofx
from bodesk.domain.banking.ofx import Statement, read_ofx
from bodesk.domain.banking.ofx_values import SAO_PAULO
from tests.builders.ofx_files import Entry, statement_file
from tests.helpers.refusals import invalid

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "ofx"


def fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def only(name: str) -> Statement:
    statements = read_ofx(fixture(name))
    assert len(statements) == 1
    return statements[0]


def lines_of_transactions(name: str) -> list[int]:
    """The 1-based line of every <STMTTRN> in a fixture, as an editor shows them."""
    text = fixture(name).decode("latin-1")
    return [
        number
        for number, line in enumerate(text.splitlines(), start=1)
        if line.strip().upper() == "<STMTTRN>"
    ]


def amounts(statement: Statement) -> list[Decimal]:
    return [transaction.amount for transaction in statement.transactions]


def test_sgml_in_windows_1252() -> None:
    statement = only("sgml_1252.ofx")
    assert (statement.bank_id, statement.branch_id, statement.account_id) == ("0341", "1234", "56789-0")
    assert (statement.account_type, statement.currency) == ("CHECKING", "BRL")
    assert (statement.start, statement.end) == (date(2026, 11, 1), date(2026, 11, 30))
    assert (statement.ledger_balance, statement.balance_date) == (Decimal("1000.00"), date(2026, 11, 30))
    assert amounts(statement) == [Decimal("-123.45"), Decimal("500.00"), Decimal("-45.90")]
    first = statement.transactions[0]
    assert (first.fitid, first.kind, first.posted, first.check_number) == (
        "A1",
        "DEBIT",
        date(2026, 11, 3),
        "000123",
    )
    assert statement.transactions[1].ref_number == "R77"
    assert statement.transactions[2].memo == "Pão de Açúcar – loja 12"
    assert [t.line for t in statement.transactions] == lines_of_transactions("sgml_1252.ofx")
    assert statement.errors == []


def test_a_utf8_body_labelled_1252_is_read_as_utf8() -> None:
    statement = only("sgml_utf8_labelled_1252.ofx")
    assert statement.transactions[2].memo == "Pão de Açúcar – loja 12"
    assert statement.transactions[2].name == "Café São Brás"


def test_iso_8859_1() -> None:
    statement = only("iso_8859_1.ofx")
    assert statement.transactions[2].memo == "Pão de Açúcar"
    assert statement.transactions[2].name == "Padaria Conceição"


def test_xml_v2() -> None:
    statement = only("xml_v2.ofx")
    assert (statement.bank_id, statement.account_id, statement.ledger_balance) == (
        "0260",
        "1234567-8",
        Decimal("2345.67"),
    )
    assert amounts(statement) == [Decimal("-123.45"), Decimal("1500.00")]
    assert statement.transactions[0].name == "Tom & Jerry Bebidas"
    assert statement.transactions[0].memo == "Pão de Açúcar"
    assert statement.transactions[1].memo == ""
    assert [t.posted for t in statement.transactions] == [date(2026, 11, 3), date(2026, 11, 4)]
    assert (statement.start, statement.end) == (date(2026, 11, 1), date(2026, 11, 30))


def test_decimal_comma() -> None:
    statement = only("decimal_comma.ofx")
    assert amounts(statement) == [Decimal("-123.45"), Decimal("50.00"), Decimal("0.5")]
    assert statement.ledger_balance == Decimal("1000.00")


def test_thousands_separators() -> None:
    statement = only("thousands.ofx")
    assert amounts(statement) == [
        Decimal("1234.56"),
        Decimal("-1234.56"),
        Decimal("12345678.90"),
        Decimal("1234567.89"),
        Decimal("-2.5"),  # one dot is OFX's decimal point
    ]
    assert statement.ledger_balance == Decimal("-1234.56")


def test_no_dtserver() -> None:
    assert amounts(only("no_dtserver.ofx")) == [Decimal("-123.45"), Decimal("500.00")]


def test_time_zones_give_the_day_in_sao_paulo() -> None:
    statement = only("timezone_brt.ofx")
    assert [t.posted for t in statement.transactions] == [
        date(2026, 11, 3),  # 22:00 at −3
        date(2026, 11, 3),  # 01:00 GMT is 22:00 the day before
        date(2026, 11, 3),  # with milliseconds and [-03:00]
        date(2026, 11, 4),  # 03:00 UTC is midnight
        date(2026, 11, 4),  # no zone: as written
        date(2026, 1, 15),  # 01:30 at −2 is 00:30 at −3
    ]
    assert (statement.start, statement.end) == (date(2026, 11, 1), date(2026, 11, 30))


def test_bom_and_blank_lines_before_the_header() -> None:
    statement = only("blank_lines_before_header.ofx")
    assert amounts(statement) == [Decimal("-123.45"), Decimal("500.00")]
    assert [t.line for t in statement.transactions] == lines_of_transactions("blank_lines_before_header.ofx")


def test_a_transaction_without_a_date_is_a_line_error() -> None:
    statement = only("missing_date.ofx")
    assert [t.fitid for t in statement.transactions] == ["D1", "D5"]
    lines = lines_of_transactions("missing_date.ofx")
    assert [error.line for error in statement.errors] == lines[1:4]
    assert "D2" in statement.errors[0].message
    assert "DTPOSTED" in statement.errors[1].message
    assert str(lines[1]) in statement.errors[0].message
    assert "2026-11-ab" in statement.errors[2].message


def test_a_transaction_without_an_amount_is_a_line_error() -> None:
    statement = only("missing_amount.ofx")
    assert [t.fitid for t in statement.transactions] == ["M1", "M5"]
    assert [error.line for error in statement.errors] == lines_of_transactions("missing_amount.ofx")[1:4]
    assert "TRNAMT" in statement.errors[0].message
    assert "M3" in statement.errors[1].message
    assert "R$ 12" in statement.errors[2].message


def test_two_accounts_are_two_statements() -> None:
    first, second = read_ofx(fixture("two_accounts.ofx"))
    assert (first.account_id, first.ledger_balance, len(first.transactions)) == (
        "11111-1",
        Decimal("100.00"),
        2,
    )
    assert (second.bank_id, second.branch_id, second.account_id) == ("0001", "9999", "22222-2")
    assert amounts(second) == [Decimal("75.10")]


def test_a_credit_card_statement() -> None:
    statement = only("creditcard.ofx")
    assert (statement.account_type, statement.account_id, statement.bank_id) == (
        "CREDITCARD",
        "5555********1234",
        "",
    )
    assert amounts(statement) == [Decimal("-89.90"), Decimal("1500.00")]
    assert statement.transactions[1].kind == "PAYMENT"
    assert statement.ledger_balance == Decimal("-2345.67")


def test_lowercase_unknown_and_unclosed_tags_are_tolerated() -> None:
    statement = only("wrong_tags.ofx")
    assert (statement.bank_id, statement.account_id, statement.account_type) == ("0237", "12345-6", "SAVINGS")
    assert [(t.fitid, t.amount) for t in statement.transactions] == [
        ("W1", Decimal("-15.00")),
        ("W2", Decimal("20.00")),
    ]
    assert statement.transactions[0].name == "Conta & Luz"
    assert statement.ledger_balance is None


def test_a_file_cut_inside_a_transaction_keeps_the_ones_before() -> None:
    statement = only("truncated_mid_transaction.ofx")
    assert [t.fitid for t in statement.transactions] == ["A1"]
    assert [error.line for error in statement.errors] == lines_of_transactions(
        "truncated_mid_transaction.ofx"
    )[1:]


@pytest.mark.parametrize(
    ("name", "said"),
    [
        ("not_ofx.txt", "<OFX>"),
        ("truncated.ofx", "BANKTRANLIST"),
        ("binary.bin", "text file"),
        ("page.html", "HTML"),
        ("empty.ofx", "empty"),
    ],
)
def test_files_that_are_no_ofx_statement_are_refused(name: str, said: str) -> None:
    with invalid("file") as caught:
        read_ofx(fixture(name))
    assert said in caught.value.message


def test_an_empty_byte_string_is_refused() -> None:
    with invalid("file"):
        read_ofx(b"")


def test_a_file_over_20_mb_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ofx, "MAX_BYTES", 1000)
    with invalid("file") as caught:
        read_ofx(fixture("sgml_1252.ofx") + b" " * 1000)
    assert "MB" in caught.value.message


def test_the_size_limit_is_20_mb() -> None:
    assert ofx.MAX_BYTES == 20 * 1024 * 1024
    with invalid("file") as caught:
        read_ofx(b" " * (ofx.MAX_BYTES + 1))
    assert "20" in caught.value.message


def test_a_statement_over_the_transaction_limit_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ofx, "MAX_TRANSACTIONS", 2)
    with invalid("file") as caught:
        read_ofx(fixture("sgml_1252.ofx"))
    assert "2" in caught.value.message
    first, second = read_ofx(fixture("two_accounts.ofx"))  # the limit counts each statement apart
    assert (len(first.transactions), len(second.transactions)) == (2, 1)


def test_5000_transactions_are_read() -> None:
    moment = datetime(2026, 11, 3, 10, tzinfo=timezone(timedelta(hours=-3)))
    entries = [Entry(f"F{n}", moment, f"-{n},{n % 100:02d}", name=f"Fornecedor {n}") for n in range(5000)]
    (statement,) = read_ofx(statement_file(entries).encode("ascii"))
    assert len(statement.transactions) == 5000
    assert statement.transactions[-1].amount == Decimal("-4999.99")


# --- generated statements read back, as SGML and as XML ----------------------------------------------

TEXT = st.text(
    alphabet=st.characters(codec="utf-8", categories=("L", "N", "P", "S", "Zs"), exclude_characters="<>"),
    max_size=40,
).map(lambda text: " ".join(text.split()))
ZONES = st.sampled_from(
    [
        None,
        UTC,
        timezone(timedelta(hours=-3)),
        timezone(timedelta(hours=-2)),
        timezone(timedelta(hours=5, minutes=30)),
    ]
)


@st.composite
def entries(draw: st.DrawFn) -> list[Entry]:
    found = []
    for number in range(draw(st.integers(0, 8))):
        amount = draw(
            st.decimals(min_value=Decimal("-9999999.99"), max_value=Decimal("9999999.99"), places=2)
        )
        style = draw(st.sampled_from(["plain", "comma", "br", "us"]))
        moment = draw(st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2040, 12, 31)))
        found.append(
            Entry(
                fitid=f"{number}{draw(st.from_regex(r'[A-Za-z0-9]{0,20}', fullmatch=True))}",
                posted=moment.replace(tzinfo=draw(ZONES)),
                amount_text=written(amount, style),
                name=draw(TEXT),
                memo=draw(TEXT),
            )
        )
    return found


def written(amount: Decimal, style: str) -> str:
    plain = f"{amount:.2f}"
    if style == "comma":
        return plain.replace(".", ",")
    grouped = f"{amount:,.2f}"
    if style == "br":
        return grouped.replace(",", "_").replace(".", ",").replace("_", ".")
    return grouped if style == "us" else plain


def local_day(moment: datetime) -> date:
    return moment.date() if moment.tzinfo is None else moment.astimezone(SAO_PAULO).date()


@given(
    entries=entries(),
    xml=st.booleans(),
    charset=st.sampled_from(["utf-8", "cp1252"]),
    count=st.integers(1, 3),
)
def test_generated_statements_read_back(entries: list[Entry], xml: bool, charset: str, count: int) -> None:
    text = statement_file(entries, xml=xml, count=count)
    data = text.encode(charset, errors="strict") if charset == "utf-8" else _cp1252_or_utf8(text)
    statements = read_ofx(data)
    assert len(statements) == count
    for statement in statements:
        assert statement.errors == []
        assert [t.fitid for t in statement.transactions] == [entry.fitid for entry in entries]
        assert [t.amount for t in statement.transactions] == [
            Decimal(entry.amount_text.replace(".", "").replace(",", "")) / 100 for entry in entries
        ]
        assert [t.posted for t in statement.transactions] == [local_day(entry.posted) for entry in entries]
        assert [(t.name, t.memo) for t in statement.transactions] == [
            (entry.name, entry.memo) for entry in entries
        ]


def _cp1252_or_utf8(text: str) -> bytes:
    """The text in Windows-1252 where it fits, else in UTF-8; never cp1252 bytes that also happen to be
    valid UTF-8 of other letters ("Ã©" is "é"): no reader can tell those apart."""
    try:
        data = text.encode("cp1252")
    except UnicodeEncodeError:
        return text.encode("utf-8")
    with contextlib.suppress(UnicodeDecodeError):
        assume(data.decode("utf-8") == text)
    return data


def test_an_amount_beyond_the_books_limit_is_a_line_error_not_a_crash() -> None:
    moment = datetime(2026, 11, 3, 10, tzinfo=UTC)
    text = statement_file(
        [Entry("OK1", moment, "-10,00"), Entry("BIG", moment, "123456789012345678901234,00")]
    )
    (statement,) = read_ofx(text.encode())
    assert [t.fitid for t in statement.transactions] == ["OK1"]
    assert "BIG" in statement.errors[0].message and "9" in statement.errors[0].message
