"""How names sort, the same on SQLite and PostgreSQL: by a stored collation key.

A person expects "Água" among the A's and "ágil" next to "Agenda", whatever the case or the accents.
Neither database can be asked for that in the same way (SQLite compares bytes and has no accent
folding; PostgreSQL's order depends on the server's locale), so each name that lists sort by has a
twin column holding its key: the name folded by `domain.common.text.fold` (lower case, accents
removed, spaces collapsed), compared byte by byte on both engines (COLLATE "C" on PostgreSQL, SQLite's
own binary order), and indexed like any sorted column.

A model declares the twin with `sort_key_column("name", length)`. The key is kept by the domain
where the name is written: setting the mapped name (in a constructor or later) sets its key, so no
service has to remember it. Rows inserted in bulk, bypassing the ORM (the demo), fill it with
`sort_key`; the migration that added the keys filled the existing rows; `bodesk check` proves every
key equal to its name (`stale_sort_keys`). Lists find the twin by themselves (`sort_expression`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import String, event, inspect, select
from sqlalchemy.orm import ColumnProperty, MappedColumn, Mapper, Session, mapped_column
from sqlalchemy.types import TypeEngine

from bodesk.domain.common.text import fold
from bodesk.i18n import ngettext
from bodesk.store.types import Base

SORT_KEY_OF = "sort_key_of"  # in a key column's info: the attribute whose key it holds


def sort_key(text: str | None, length: int | None = None) -> str:
    """The key "Água Mineral" sorts by ("agua mineral"), cut to a column's `length`."""
    key = fold(text or "")
    return key[:length] if length else key


def sort_key_type(length: int) -> TypeEngine[str]:
    """Text compared byte by byte on both engines."""
    return String(length).with_variant(String(length, collation="C"), "postgresql")


def sort_key_column(source: str, length: int) -> MappedColumn[Any]:
    """The indexed twin of the mapped attribute `source`, kept equal to `sort_key(source)`."""
    return mapped_column(
        sort_key_type(length), default="", server_default="", index=True, info={SORT_KEY_OF: source}
    )


def _key_columns(mapper: Mapper[Any]) -> dict[str, tuple[str, int]]:
    """{source attribute: (key attribute, key length)} of a mapped class."""
    found = {}
    for column in mapper.columns:
        source = column.info.get(SORT_KEY_OF)
        if source:
            length = getattr(column.type, "length", None) or 0
            found[source] = (mapper.get_property_by_column(column).key, length)
    return found


@event.listens_for(Mapper, "mapper_configured")
def _keep_keys(mapper: Mapper[Any], cls: type[Any]) -> None:
    for source, (key, length) in _key_columns(mapper).items():

        def set_key(
            target: Any, value: Any, _old: Any, _initiator: Any, key: str = key, n: int = length
        ) -> None:
            setattr(target, key, sort_key(value, n))

        event.listen(getattr(cls, source), "set", set_key)


def keyed(cls: type[Any], rows: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rows of `cls` to insert in bulk (by column name, bypassing the ORM), with their sort keys."""
    keys = _key_columns(inspect(cls))
    return [
        {**row, **{key: sort_key(row.get(source), length) for source, (key, length) in keys.items()}}
        for row in rows
    ]


def sort_expression(expression: Any) -> Any:
    """What a list sorts `expression` by: a mapped name's key column when it has one (also through an
    alias of its class), else the expression itself."""
    prop = getattr(expression, "property", None)
    if not isinstance(prop, ColumnProperty):
        return expression
    partner = _key_columns(prop.parent).get(prop.key)
    if partner is None:
        return expression
    return getattr(expression.parent.entity, partner[0])


def stale_sort_keys(session: Session) -> list[str]:
    """`bodesk check`: every stored key equals the key of the name it stands for."""
    problems = []
    for mapper in Base.registry.mappers:
        for source, (key, length) in _key_columns(mapper).items():
            cls = mapper.class_
            rows = session.execute(select(mapper.primary_key[0], getattr(cls, source), getattr(cls, key)))
            stale = [row[0] for row in rows if row[2] != sort_key(row[1], length)]
            if stale:
                message = ngettext(
                    "{table}: {n} row sorts by an outdated key of its {column} (id {id}).",
                    "{table}: {n} rows sort by an outdated key of their {column} (the first: id {id}).",
                    len(stale),
                )
                problems.append(
                    message.format(
                        table=mapper.persist_selectable.description, n=len(stale), column=source, id=stale[0]
                    )
                )
    return problems
