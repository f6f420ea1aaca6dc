"""The read side of every list: a query names its columns, filters in SQL, and hands out pages.

Rows are plain data (an id and a tuple of values), never live ORM objects. Sorting is always
completed by the id, so pages are stable. Every query checks the reader's permission. The pieces
every list's filters share live here too: text search (LIKE, escaped), words, date ranges, choices.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any, ClassVar, TypeAlias, TypeVar

from sqlalchemy import ColumnElement, Select, and_, func, select, true

from bodesk.domain.access.actor import Actor
from bodesk.domain.access.guard import require
from bodesk.domain.access.permissions import Action
from bodesk.domain.common.text import fold
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
    kind: str = "text"  # text, number, money, quantity, date, datetime, bool, role
    sortable: bool = True

    @property
    def translated_title(self) -> str:
        return _(self.title)

    @property
    def numeric(self) -> bool:
        return self.kind in ("number", "money", "quantity")


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
        expression = column.expression
        if descending:
            return stmt.order_by(expression.desc().nulls_last(), self.id_column.desc())
        # Empty values first going up, last going down, the same on SQLite and PostgreSQL.
        return stmt.order_by(expression.asc().nulls_first(), self.id_column.asc())

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
            require(session, actor, self.action)
            stmt = self._ordered(self.where(self.base(), request), request).offset(offset).limit(limit)
            return [ListRow(int(row[0]), tuple(row[1:])) for row in session.execute(stmt)]

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
