"""Reading a CSV file as rows of text, streamed a line at a time (see tabular for what a table is).

- The text is UTF-8 (with or without a byte order mark) when every line decodes strictly as UTF-8;
  else each line is UTF-8, else Windows-1252, else Latin-1, so a file pasted together from two
  encodings reads right; UTF-16 with a byte order mark (Excel's "Unicode text") is read too. Binary
  content (a NUL byte, or many control characters at the start) is refused.
- The separator is the most frequent of ; TAB , | in the header (outside quotes; ; wins a tie), unless
  Excel's "sep=X" first line names it.
- Badly placed quotes make a `RowProblem` of their line; a quote that is never closed (a cut file)
  refuses the whole file, since everything after it was swallowed.

Only the rows are kept, never the whole text: reading stops at the first limit a row breaks
(tabular.TableLimits), and progress is reported by the bytes read.
"""

from __future__ import annotations

import codecs
import csv
import re
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from bodesk.domain.common.progress import report
from bodesk.domain.common.tabular import FileProblem, RowProblem, Table, TableLimits, build_table
from bodesk.i18n import _

SEPARATORS = (";", "\t", ",", "|")
SNIFF_CHARS = 65_536
MAX_CONTROL_SHARE = 0.01
CONTROLS_ALWAYS_ALLOWED = 8
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")
_CODECS = (("utf-8", "UTF-8"), ("cp1252", "Windows-1252"), ("latin-1", "Latin-1"))


def not_a_table() -> FileProblem:
    return FileProblem(
        _("This file is not a spreadsheet nor a text (CSV) file. Save it as CSV or XLSX and try again."),
        code="file.not_a_table",
    )


class _Decoder:
    """The file's lines as text, each ending as in the file; `encoding` names what was found."""

    def __init__(self, source: BinaryIO, size: int) -> None:
        self.source, self.size, self.done = source, max(size, 1), 0
        self.utf16 = source.read(2) in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
        source.seek(0)
        self.used: list[str] = []
        self.checked = self.controls = 0

    @property
    def encoding(self) -> str:
        return "UTF-16" if self.utf16 else " + ".join(self.used) or "UTF-8"

    def lines(self) -> Iterator[str]:
        judged = False
        for number, text in enumerate(self._utf16() if self.utf16 else self._by_line()):
            if not judged:
                self._count_controls(text)
                judged = self.checked >= SNIFF_CHARS
                if judged:
                    self._refuse_binary()
            yield from _LINE.findall(text)
            if number % 1000 == 0:
                report(_("Reading the file…"), self.done / self.size)
        if not judged:
            self._refuse_binary()

    def _utf16(self) -> Iterator[str]:
        """Whole lines of UTF-16 text (a line may straddle two blocks read)."""
        decoder = codecs.getincrementaldecoder("utf-16")()
        pending = ""
        try:
            while chunk := self.source.read(1 << 16):
                self.done += len(chunk)
                pending += decoder.decode(chunk)
                end = max(pending.rfind("\n"), pending.rfind("\r", 0, len(pending) - 1))
                if end >= 0:
                    yield pending[: end + 1]
                    pending = pending[end + 1 :]
            pending += decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            raise FileProblem(
                _("The file is damaged: it is not valid UTF-16 text."), code="file.bad_utf16"
            ) from None
        if pending:
            yield pending

    def _by_line(self) -> Iterator[str]:
        for number, line in enumerate(self.source):
            self.done += len(line)
            if b"\x00" in line:
                raise not_a_table()
            raw = line.removeprefix(codecs.BOM_UTF8) if number == 0 else line
            for codec, name in _CODECS:
                try:
                    text = raw.decode(codec)
                except UnicodeDecodeError:
                    continue
                if not raw.isascii() and name not in self.used:
                    self.used.append(name)
                yield text
                break

    def _count_controls(self, text: str) -> None:
        sample = text[: SNIFF_CHARS - self.checked]
        self.checked += len(sample)
        self.controls += sum(
            1 for char in sample if (char < " " and char not in "\t\r\n\f") or char == "\x7f"
        )

    def _refuse_binary(self) -> None:
        """Many control characters among the first SNIFF_CHARS characters: this is not text. The
        file is judged before its rows are used (the reader stops at the first one it refuses)."""
        if self.controls > max(CONTROLS_ALWAYS_ALLOWED, MAX_CONTROL_SHARE * self.checked):
            raise not_a_table()


def sniff_separator(header_line: str) -> str:
    """The candidate found most often outside quotes in the header line (; when none or a tie)."""
    counts = dict.fromkeys(SEPARATORS, 0)
    quoted = False
    for char in header_line:
        if char == '"':
            quoted = not quoted
        elif not quoted and char in counts:
            counts[char] += 1
    return max(SEPARATORS, key=lambda separator: counts[separator])


def _blank(line: str) -> bool:
    return not line.strip(" \t\r\n;,|\"'")


class _Lines:
    """The decoded lines with a look-ahead: the separator is sniffed from the first line with something
    in it before the csv reader takes them; Excel's "sep=X" line is taken out (Excel hides it, so the
    header still shows as line 1)."""

    def __init__(self, lines: Iterator[str]) -> None:
        self.lines = lines
        self.ahead: list[str] = []
        first = self._peek(0)
        self.separator = None
        if (
            first is not None
            and first.rstrip("\r\n").lower().startswith("sep=")
            and len(first.rstrip("\r\n")) == 5
        ):
            self.separator = first[4]
            self.ahead.pop(0)
        index = 0
        while (line := self._peek(index)) is not None and _blank(line) and index < 1000:
            index += 1
        self.separator = self.separator or sniff_separator(self._record_at(index))

    def _peek(self, index: int) -> str | None:
        while len(self.ahead) <= index:
            line = next(self.lines, None)
            if line is None:
                return None
            self.ahead.append(line)
        return self.ahead[index]

    def _record_at(self, index: int) -> str:
        """The record starting at line `index` (a quoted cell may span lines), up to SNIFF_CHARS."""
        text, quoted = "", False
        while (line := self._peek(index)) is not None and len(text) < SNIFF_CHARS:
            text += line
            quoted ^= line.count('"') % 2 == 1
            if not quoted:
                break
            index += 1
        return text.rstrip("\r\n")

    def __iter__(self) -> Iterator[str]:
        while self.ahead:
            yield self.ahead.pop(0)
        yield from self.lines


def read_csv(path: Path, size: int, limits: TableLimits) -> Table:
    """Read a CSV file into a Table (see the module notes)."""
    with path.open("rb") as source:
        decoder = _Decoder(source, size)
        lines = _Lines(decoder.lines())
        separator = lines.separator or ";"
        reader = csv.reader(iter(lines), delimiter=separator, strict=True)
        records: list[tuple[int, list[str]]] = []
        problems: list[RowProblem] = []
        record = 0
        while True:
            record += 1
            start = reader.line_num + 1
            try:
                cells = next(reader)
            except StopIteration:
                break
            except csv.Error as exc:
                message = str(exc)
                if "end of data" in message or "field larger" in message:
                    raise FileProblem(_unclosed_quote(record, start), code="file.unclosed_quote") from None
                problems.append(RowProblem(record, _('A quote (") is misplaced in this row.')))
                continue
            limits.admit(record, cells)
            records.append((record, cells))
    description = _("CSV, {encoding}, separator {separator}").format(
        encoding=decoder.encoding, separator="TAB" if separator == "\t" else separator
    )
    return build_table(records, description, problems)


def _unclosed_quote(record: int, text_line: int) -> str:
    where = _("Line {line}").format(line=record)
    if text_line != record:
        where = _("Line {line} (text line {text_line})").format(line=record, text_line=text_line)
    return _(
        '{where}: a quoted cell is never closed. The file may be cut short, or a quote (") is missing.'
    ).format(where=where)
