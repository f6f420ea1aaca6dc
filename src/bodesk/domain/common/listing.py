"""The read side of every list: a query names its columns, filters in SQL, and hands out pages.

Rows are plain data (an id and a tuple of values), never live ORM objects. Sorting is always
completed by the id, so pages are stable. Every query checks the reader's permission. The pieces
every list's filters share live here too: text search (LIKE, escaped), words, date ranges, choices.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time, timedelta
from typing import Any, ClassVar, TypeAlias, TypeVar

from sqlalchemy import ColumnElement, Select, and_, func, literal, select, true
from sqlalchemy.orm import Session

from bodesk.domain.access.actor import Actor
from bodesk.domain.access.guard import may, require
from bodesk.domain.access.permissions import Action
from bodesk.domain.common.sorting import sort_expression
from bodesk.domain.common.text import fold
from bodesk.domain.common.tones import Tone
from bodesk.i18n import _
from bodesk.store.engine import Database

AnySelect: TypeAlias = Select[*tuple[Any, ...]]
LIKE_ESCAPE = "\\"
MAX_WORDS = 5  # a search looks at the first words typed: more would slow it and rarely narrow it
MAX_SEARCH_CHARS = 100
"""A search looks at the first 100 characters typed (or pasted): a longer text narrows nothing more,
and its LIKE pattern, escaped, would outgrow what SQLite takes (50,000 bytes: "LIKE or GLOB pattern too
complex"); every pattern is made by `like_pattern`, so this one cap holds for every list and search."""
IN_CHUNK = 500  # values per IN (...) list: well under every engine's limit on bound parameters
T = TypeVar("T")


@dataclass(frozen=True)
class ListColumn:
    key: str
    title: str  # untranslated (marked with N_); `translated_title` gives it in the current language
    expression: Any
    # text, code (a SKU, lot or location: text never cut), number, money, price (per unit), quantity,
    # ref (a number), date, datetime, bool, role
    kind: str = "text"
    sortable: bool = True
    total: bool = False  # summed over every row the request selects (`ListQuery.totals`)
    label: Callable[[Any], str] | None = None  # how a stored code reads ("sent" -> "Sent", translated)
    tone: Callable[[Any], Tone | None] | None = None  # how a value stands out (a document's state)
    permission: Action | None = None  # shown only to those allowed (a cost); others read None

    @property
    def translated_title(self) -> str:
        return _(self.title)

    @property
    def numeric(self) -> bool:
        return self.kind in ("number", "money", "price", "quantity", "ref")


@dataclass(frozen=True)
class ListRequest:
    search: str = ""
    filters: Mapping[str, Any] = field(default_factory=dict)
    sort: str | None = None
    descending: bool = False

    def filter(self, key: str) -> Any:
        return self.filters.get(key)


@dataclass(frozen=True)
class ListRow:
    id: int
    values: tuple[Any, ...]


@dataclass(frozen=True)
class ListTotals:
    """The sums of a list's total columns over every row a request selects, by column key; a quantity
    is summed only when those rows share one unit (`unit`), since 12 bottles and 3 kilos add up to
    nothing."""

    values: Mapping[str, Any] = field(default_factory=dict)
    unit: str | None = None


@dataclass(frozen=True)
class Choice:
    """One item of a combo box or a filter: a record's id, its code ("" for none) and its name."""

    id: int
    code: str
    name: str


def chunks(values: Iterable[T], size: int = IN_CHUNK) -> Iterator[list[T]]:
    """`values` a list of `size` at a time, for looking many codes up with `IN (...)`."""
    batch: list[T] = []
    for value in values:
        batch.append(value)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def like_pattern(text: str) -> str:
    """A LIKE pattern (with ESCAPE LIKE_ESCAPE) that finds the first MAX_SEARCH_CHARS characters of
    `text` anywhere: the wildcards % and _ and the escape character a person typed stand for themselves."""
    escaped = text[:MAX_SEARCH_CHARS].replace(LIKE_ESCAPE, LIKE_ESCAPE * 2).replace("%", LIKE_ESCAPE + "%")
    return "%" + escaped.replace("_", LIKE_ESCAPE + "_") + "%"


def contains(column: Any, text: str) -> ColumnElement[bool]:
    """Case-insensitive substring match that works the same on SQLite and PostgreSQL."""
    return func.lower(column).like(like_pattern(text.strip().lower()), escape=LIKE_ESCAPE)


def has_words(folded: Any, text: str) -> ColumnElement[bool]:
    """Every word typed (the first MAX_WORDS; case and accents ignored) appears in `folded`, a column
    of text folded by `domain.common.text.fold` (the search_text of products and suppliers), so
    compared as it is, without lower(); nothing typed matches everything."""
    words = fold(text).split()[:MAX_WORDS]
    return and_(true(), *(folded.like(like_pattern(word), escape=LIKE_ESCAPE) for word in words))


def day_start(day: date) -> datetime:
    """The first instant of `day` in this machine's time zone, in UTC."""
    return datetime.combine(day, time.min).astimezone(UTC)


def within_dates(stmt: AnySelect, column: Any, request: ListRequest) -> AnySelect:
    """Rows whose instant `column` falls between the request's "from" and "to" filters: days in this
    machine's time zone, both included; a filter left empty (None) does not limit."""
    start, end = request.filter("from"), request.filter("to")
    if isinstance(start, date):
        stmt = stmt.where(column >= day_start(start))
    if isinstance(end, date):
        stmt = stmt.where(column < day_start(end + timedelta(days=1)))
    return stmt


class ListQuery:
    """Subclasses set `entity`, `columns`, `default_sort`, `action` and override `where`."""

    entity: ClassVar[type[Any]]
    columns: ClassVar[tuple[ListColumn, ...]] = ()
    default_sort: ClassVar[str] = ""
    default_descending: ClassVar[bool] = False
    action: ClassVar[Action]
    unit_key: ClassVar[str | None] = None  # the column of each row's unit, for quantity totals

    @property
    def id_column(self) -> Any:
        return self.entity.id

    def base(self) -> AnySelect:
        return select(self.id_column, *(column.expression for column in self.columns))

    def where(self, stmt: AnySelect, request: ListRequest) -> AnySelect:
        return stmt

    def column(self, key: str) -> ListColumn:
        for column in self.columns:
            if column.key == key:
                return column
        raise KeyError(key)

    def _ordered(self, stmt: AnySelect, request: ListRequest) -> AnySelect:
        key = request.sort or self.default_sort
        descending = request.descending if request.sort else self.default_descending
        column = self.column(key)
        if not column.sortable:
            column = self.column(self.default_sort)
        expression = sort_expression(column.expression)  # a name by its collation key
        if descending:
            return stmt.order_by(expression.desc().nulls_last(), self.id_column.desc())
        # Empty values first going up, last going down, the same on SQLite and PostgreSQL.
        return stmt.order_by(expression.asc().nulls_first(), self.id_column.asc())

    def withheld(self, session: Session, actor: Actor) -> frozenset[str]:
        """The keys of the columns the actor may not see (their values read as None)."""
        return frozenset(
            column.key
            for column in self.columns
            if column.permission is not None and not may(session, actor, column.permission)
        )

    def readable(self, session: Session, actor: Actor, request: ListRequest) -> ListRequest:
        """The request, checked: the reader's permission, and no sort by a column withheld from them."""
        require(session, actor, self.action)
        if request.sort is not None and request.sort in self.withheld(session, actor):
            return replace(request, sort=None, descending=False)
        return request

    def rows(self, session: Session, actor: Actor, stmt: AnySelect) -> list[ListRow]:
        """The rows of a page's select, with the values withheld from the actor blanked."""
        withheld = self.withheld(session, actor)
        blank = [index for index, column in enumerate(self.columns) if column.key in withheld]
        found = []
        for row in session.execute(stmt):
            values = list(row[1:])
            for index in blank:
                values[index] = None
            found.append(ListRow(int(row[0]), tuple(values)))
        return found

    def count(self, db: Database, actor: Actor, request: ListRequest) -> int:
        with db.read() as session:
            require(session, actor, self.action)
            stmt: AnySelect = select(func.count()).select_from(self.entity)
            stmt = self.where(stmt, request)
            return int(session.execute(stmt).scalar_one())

    def page(
        self, db: Database, actor: Actor, request: ListRequest, offset: int, limit: int
    ) -> list[ListRow]:
        with db.read() as session:
            request = self.readable(session, actor, request)
            stmt = self._ordered(self.where(self.base(), request), request).offset(offset).limit(limit)
            return self.rows(session, actor, stmt)

    def totals(self, db: Database, actor: Actor, request: ListRequest) -> ListTotals:
        """The total columns summed in SQL over every row the request selects (not just a page)."""
        keys = [column.key for column in self.columns]
        with db.read() as session:
            require(session, actor, self.action)
            withheld = self.withheld(session, actor)
            summed = [column for column in self.columns if column.total and column.key not in withheld]
            if not summed:
                return ListTotals()
            rows = self.selected(request).subquery()
            picked = list(rows.c)[1:]  # after the id, in the order of the columns
            unit = picked[keys.index(self.unit_key)] if self.unit_key else None
            stmt = select(
                *(func.sum(picked[keys.index(column.key)]) for column in summed),
                func.count(func.distinct(unit)) if unit is not None else literal(1),
                func.min(unit) if unit is not None else literal(None),
            )
            *sums, units, one_unit = session.execute(stmt).one()
        mixed = units > 1
        values = {
            column.key: total
            for column, total in zip(summed, sums, strict=True)
            if total is not None and not (column.kind == "quantity" and mixed)
        }
        return ListTotals(values, None if mixed else one_unit)

    def selected(self, request: ListRequest) -> AnySelect:
        """Every row the request selects, with the page's columns, unordered (for totals)."""
        return self.where(self.base(), request)

    def row_tone(self, row: ListRow) -> Tone | None:
        """How a whole row stands out (a lot near expiry); subclasses state their rule."""
        return None

    def value(self, row: ListRow, key: str) -> Any:
        """The value of column `key` in one of this list's rows."""
        return row.values[[column.key for column in self.columns].index(key)]

    def iterate(
        self, db: Database, actor: Actor, request: ListRequest, batch: int = 2000
    ) -> Iterator[ListRow]:
        """Every row the request selects, in its order, a batch at a time (for exports)."""
        offset = 0
        while True:
            rows = self.page(db, actor, request, offset, batch)
            yield from rows
            if len(rows) < batch:
                return
            offset += batch
