"""Bank statement files as banks write them: the same transactions as OFX 1.x (SGML) or 2.x (XML)."""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import datetime, timedelta

SGML_HEADER = (
    "OFXHEADER:100\nDATA:OFXSGML\nVERSION:102\nSECURITY:NONE\nENCODING:USASCII\nCHARSET:1252\n"
    "COMPRESSION:NONE\nOLDFILEUID:NONE\nNEWFILEUID:NONE\n\n"
)
XML_HEADER = (
    '<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n'
    '<?OFX OFXHEADER="200" VERSION="220" SECURITY="NONE" OLDFILEUID="NONE" NEWFILEUID="NONE"?>\n'
)


@dataclass(frozen=True)
class Entry:
    fitid: str
    posted: datetime  # aware, or naive for a bank that writes its local time without a zone
    amount_text: str  # as the bank writes it: "-1.234,56"
    name: str = ""
    memo: str = ""


def ofx_time(moment: datetime) -> str:
    """20261103220000[-3:BRT], or 20261103220000 for a naive time."""
    text = moment.strftime("%Y%m%d%H%M%S")
    offset = moment.utcoffset()
    if offset is None:
        return text
    minutes = int(offset / timedelta(minutes=1))
    sign = "-" if minutes < 0 else "+"
    hours, rest = divmod(abs(minutes), 60)
    return f"{text}[{sign}{hours:02d}:{rest:02d}]" if rest else f"{text}[{sign}{hours}:XYZ]"


def _element(tag: str, value: str, xml: bool) -> str:
    return f"<{tag}>{html.escape(value, quote=False)}" + (f"</{tag}>" if xml else "")


def statement_file(entries: list[Entry], account: str = "12345-6", xml: bool = False, count: int = 1) -> str:
    """An OFX file with `count` bank statements of `entries` each (the account ids numbered after the first)."""
    parts = [XML_HEADER if xml else SGML_HEADER, "<OFX>\n<BANKMSGSRSV1>\n"]
    for number in range(count):
        parts.append("<STMTTRNRS>\n<STMTRS>\n" + _element("CURDEF", "BRL", xml) + "\n<BANKACCTFROM>\n")
        parts.append(_element("BANKID", "0341", xml) + "\n")
        parts.append(_element("ACCTID", account if number == 0 else f"{account}-{number}", xml) + "\n")
        parts.append(_element("ACCTTYPE", "CHECKING", xml) + "\n</BANKACCTFROM>\n<BANKTRANLIST>\n")
        for entry in entries:
            parts.append("<STMTTRN>\n")
            parts.append(
                _element("TRNTYPE", "DEBIT" if entry.amount_text.startswith("-") else "CREDIT", xml) + "\n"
            )
            parts.append(_element("DTPOSTED", ofx_time(entry.posted), xml) + "\n")
            parts.append(_element("TRNAMT", entry.amount_text, xml) + "\n")
            parts.append(_element("FITID", entry.fitid, xml) + "\n")
            if entry.name:
                parts.append(_element("NAME", entry.name, xml) + "\n")
            if entry.memo:
                parts.append(_element("MEMO", entry.memo, xml) + "\n")
            parts.append("</STMTTRN>\n")
        parts.append("</BANKTRANLIST>\n</STMTRS>\n</STMTTRNRS>\n")
    parts.append("</BANKMSGSRSV1>\n</OFX>\n")
    return "".join(parts)
