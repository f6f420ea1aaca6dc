"""A tolerant reader of the OFX statements Brazilian banks export, our own (the libraries tried fail on
real files: brazil-formats.md §5).

It reads SGML 1.x (`<TAG>value`, leaves never closed) and XML 2.x alike, by walking the tags with one
regular expression and keeping only the aggregates a statement needs. The header's CHARSET is not
trusted: the body is read as UTF-8 when it is valid UTF-8, else as Windows-1252. A transaction that
cannot be read (no date, no amount) becomes a `LineError` and the rest is kept; a file that is no OFX
statement at all is refused.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from bodesk.domain.banking.ofx_values import parse_amount, parse_ofx_date
from bodesk.domain.common.errors import ValidationError
from bodesk.domain.common.money import AMOUNT_RULE
from bodesk.i18n import _, format_decimal

MAX_BYTES = 20 * 1024 * 1024
MAX_TRANSACTIONS = 100_000
STATEMENTS = frozenset({"STMTRS", "CCSTMTRS"})
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9_.]*)[^>]*>([^<]*)")
_OFX_TAG = re.compile(rb"<OFX[\s>]", re.IGNORECASE)
_HTML = re.compile(rb"<(html|!doctype\s+html|head|body)[\s>]", re.IGNORECASE)
_BINARY_STARTS = (b"\x89PNG", b"%PDF", b"PK\x03\x04", b"GIF8", b"\xff\xd8\xff", b"\xd0\xcf\x11\xe0", b"MZ")
_STATEMENT_LEAVES = frozenset({"BANKID", "BRANCHID", "ACCTID", "ACCTTYPE", "CURDEF", "DTSTART", "DTEND"})
_TRANSACTION_LEAVES = frozenset(
    {"TRNTYPE", "DTPOSTED", "TRNAMT", "FITID", "NAME", "MEMO", "CHECKNUM", "REFNUM"}
)


@dataclass(frozen=True, slots=True)
class LineError:
    line: int  # the line of the file (1-based) where the unreadable part starts
    message: str


@dataclass(frozen=True, slots=True)
class Transaction:
    line: int  # the line of the file where its <STMTTRN> is
    fitid: str
    kind: str  # TRNTYPE: CREDIT, DEBIT, PAYMENT, XFER, …
    posted: date  # its day in São Paulo
    amount: Decimal  # negative: money out of the account
    name: str
    memo: str
    check_number: str
    ref_number: str


@dataclass(frozen=True, slots=True)
class Statement:
    bank_id: str
    branch_id: str
    account_id: str
    account_type: str  # CHECKING, SAVINGS, …; CREDITCARD for a card statement
    currency: str
    start: date | None
    end: date | None
    ledger_balance: Decimal | None
    balance_date: date | None
    transactions: list[Transaction]
    errors: list[LineError]


def _refuse(message: str) -> ValidationError:
    return ValidationError.single("file", message)


@dataclass
class _Draft:
    """A statement while its tags are read."""

    line: int
    card: bool
    values: dict[str, str] = field(default_factory=dict)
    ledger: dict[str, str] = field(default_factory=dict)
    has_list: bool = False
    transactions: list[Transaction] = field(default_factory=list)
    errors: list[LineError] = field(default_factory=list)


def _unreadable(line: int, values: dict[str, str]) -> str | None:
    """Why a transaction cannot be kept (one sentence, formatted), or None when it can."""
    which = values.get("FITID") or _("no FITID")
    posted, amount = values.get("DTPOSTED", ""), values.get("TRNAMT", "")
    if not posted:
        return _("The transaction on line {line} ({fitid}) has no date (DTPOSTED)").format(
            line=line, fitid=which
        )
    if not amount:
        return _("The transaction on line {line} ({fitid}) has no amount (TRNAMT)").format(
            line=line, fitid=which
        )
    try:
        parse_ofx_date(posted)
    except ValueError:
        return _(
            "The transaction on line {line} ({fitid}) has a date that cannot be read (“{value}”)"
        ).format(line=line, fitid=which, value=posted)
    try:
        value = parse_amount(amount)
    except ValueError:
        return _(
            "The transaction on line {line} ({fitid}) has an amount that cannot be read (“{value}”)"
        ).format(line=line, fitid=which, value=amount)
    problem = AMOUNT_RULE.problem(value, amount)
    if problem is not None:
        return _("The transaction on line {line} ({fitid}): {problem}").format(
            line=line, fitid=which, problem=problem
        )
    return None


def _transaction(line: int, values: dict[str, str], draft: _Draft) -> None:
    problem = _unreadable(line, values)
    if problem is not None:
        tail = _("it was left out: enter it by hand, or export the statement from the bank again.")
        draft.errors.append(LineError(line, f"{problem}; {tail}"))
        return
    if len(draft.transactions) >= MAX_TRANSACTIONS:
        raise _refuse(
            _(
                "A statement in this file has more than {limit} transactions; "
                "export a shorter period from the bank."
            ).format(limit=format_decimal(MAX_TRANSACTIONS))
        )
    draft.transactions.append(
        Transaction(
            line=line,
            fitid=values.get("FITID", ""),
            kind=values.get("TRNTYPE", "").upper(),
            posted=parse_ofx_date(values["DTPOSTED"]),
            amount=parse_amount(values["TRNAMT"]),
            name=values.get("NAME", ""),
            memo=values.get("MEMO", ""),
            check_number=values.get("CHECKNUM", ""),
            ref_number=values.get("REFNUM", ""),
        )
    )


def _note_unreadable(draft: _Draft, tag: str, text: str) -> None:
    message = _(
        "The statement on line {line} has a {tag} that cannot be read (“{value}”); it was left empty."
    )
    draft.errors.append(LineError(draft.line, message.format(line=draft.line, tag=tag, value=text)))


def _optional_date(draft: _Draft, values: dict[str, str], tag: str) -> date | None:
    text = values.get(tag, "")
    if not text:
        return None
    try:
        return parse_ofx_date(text)
    except ValueError:
        _note_unreadable(draft, tag, text)
        return None


def _optional_amount(draft: _Draft, values: dict[str, str], tag: str) -> Decimal | None:
    text = values.get(tag, "")
    if not text:
        return None
    try:
        return parse_amount(text)
    except ValueError:
        _note_unreadable(draft, tag, text)
        return None


def _statement(draft: _Draft) -> Statement:
    values = draft.values
    start, end = _optional_date(draft, values, "DTSTART"), _optional_date(draft, values, "DTEND")
    balance = _optional_amount(draft, draft.ledger, "BALAMT")
    balance_date = _optional_date(draft, draft.ledger, "DTASOF")
    return Statement(
        bank_id=values.get("BANKID", ""),
        branch_id=values.get("BRANCHID", ""),
        account_id=values.get("ACCTID", ""),
        account_type="CREDITCARD" if draft.card else values.get("ACCTTYPE", "").upper(),
        currency=values.get("CURDEF", "").upper(),
        start=start,
        end=end,
        ledger_balance=balance,
        balance_date=balance_date,
        transactions=draft.transactions,
        errors=sorted(draft.errors, key=lambda error: error.line),
    )


def _body(data: bytes) -> tuple[str, int]:
    """The text from the <OFX> tag on, and how many lines come before it; refuses what is no OFX."""
    if len(data) > MAX_BYTES:
        raise _refuse(
            _(
                "The file has {size} MB; a bank statement is read up to {limit} MB. Export a shorter period."
            ).format(
                size=format_decimal(Decimal(len(data)) / 1024 / 1024, places=1),
                limit=MAX_BYTES // 1024 // 1024,
            )
        )
    head = data.lstrip(b"\xef\xbb\xbf \t\r\n")[:4096]
    if not head:
        raise _refuse(_("The file is empty; export the statement from the bank again."))
    if b"\x00" in head or head.startswith(_BINARY_STARTS):
        raise _refuse(
            _(
                "The file is not a text file (it looks like an image, a PDF, a spreadsheet or a program); "
                "choose the .ofx file the bank exported."
            )
        )
    found = _OFX_TAG.search(data)
    if found is None:
        if _HTML.search(head):
            raise _refuse(
                _(
                    "The file is a web page (HTML), not an OFX statement; "
                    "download the OFX file from the bank's site instead of saving the page."
                )
            )
        raise _refuse(
            _(
                "The file is not an OFX statement (it has no <OFX> tag); choose the .ofx file the bank exported."
            )
        )
    raw = data[found.start() :]
    try:
        body = raw.decode("utf-8")
    except UnicodeDecodeError:
        body = raw.decode("cp1252", errors="replace")
    return body, data.count(b"\n", 0, found.start()) + 1


def read_ofx(data: bytes) -> list[Statement]:
    """Every bank or credit card statement in an OFX file, in file order."""
    body, line = _body(data)
    drafts: list[_Draft] = []
    draft: _Draft | None = None
    transaction: dict[str, str] | None = None
    transaction_line = 0
    balance = ""  # the balance aggregate being read: LEDGERBAL, AVAILBAL, or none
    position = 0
    for match in _TAG.finditer(body):
        closing, name, raw = match.group(1), match.group(2).upper(), match.group(3)
        if name in STATEMENTS or name in ("STMTTRN", "BANKTRANLIST"):
            line += body.count("\n", position, match.start())
            position = match.start()
        if transaction is not None and name in ("STMTTRN", "BANKTRANLIST", *STATEMENTS):
            if draft is not None:
                _transaction(transaction_line, transaction, draft)
            transaction = None
        if closing:
            if name in STATEMENTS:
                draft = None
            elif name in ("LEDGERBAL", "AVAILBAL"):
                balance = ""
            continue
        if name in STATEMENTS:
            draft = _Draft(line, card=name == "CCSTMTRS")
            drafts.append(draft)
        elif name == "STMTTRN":
            transaction, transaction_line = {}, line
        elif name == "BANKTRANLIST" and draft is not None:
            draft.has_list = True
        elif name in ("LEDGERBAL", "AVAILBAL"):
            balance = name
        else:
            value = raw.strip()
            if "&" in value:
                value = html.unescape(value)
            if transaction is not None:
                if name in _TRANSACTION_LEAVES:
                    transaction.setdefault(name, value)
            elif draft is None:
                continue
            elif balance == "LEDGERBAL" and name in ("BALAMT", "DTASOF"):
                draft.ledger[name] = value
            elif name in _STATEMENT_LEAVES and not balance:
                draft.values.setdefault(name, value)
    if draft is not None:
        if transaction is not None:
            cut = _(
                "The file ends inside the transaction on line {line}; it was left out. Export the statement again."
            )
            draft.errors.append(LineError(transaction_line, cut.format(line=transaction_line)))
        else:
            cut = _(
                "The file ends before the end of the statement on line {line}; export it from the bank again."
            )
            draft.errors.append(LineError(draft.line, cut.format(line=draft.line)))
    if not any(each.has_list for each in drafts):
        raise _refuse(
            _(
                "The OFX file has no list of transactions (BANKTRANLIST): it may be cut short, or hold no bank "
                "or card statement. Export it from the bank again."
            )
        )
    return [_statement(each) for each in drafts]
