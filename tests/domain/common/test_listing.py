"""The users list and the audit log list: pages, counts, every sort both ways (stable by id), search
that takes % and _ literally, filters, and the audit log's date range."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

import pytest
from sqlalchemy import select

from bodesk.domain.access import audit
from bodesk.domain.access.actor import Actor
from bodesk.domain.access.guard import actor_of
from bodesk.domain.access.login import authenticate
from bodesk.domain.access.models import AuditEntry
from bodesk.domain.access.queries import AuditQuery, UsersQuery, audit_filter_options
from bodesk.domain.access.services import add_user, set_locked
from bodesk.domain.common.listing import ListQuery, ListRequest, ListRow
from bodesk.domain.common.sorting import sort_expression, sort_key
from bodesk.domain.company.services import CompanyDetails, set_up_company
from bodesk.store.engine import Database
from bodesk.store.opening import open_database
from tests.builders.access import PASSWORD
from tests.builders.company import CNPJ

PEOPLE = [
    ("ana_b", "Ana Beatriz", "sales"),
    ("anaxb", "Anax Borges", "sales"),
    ("bruno", "100% Bruno", "warehouse"),
    ("carla", "Carla 100 Souza", "finance"),
    ("zeca", "Álvaro Zeca", "warehouse"),
    ("dora", "Dora_Lima", "support"),
]
KEYS = ["50%off", "5_0", "5x0", "500", "plain", "PLAIN-upper", "x%y_z"]


def _local(year: int, month: int, day: int, hour: int = 0, minute: int = 0, second: int = 0) -> datetime:
    """An instant given in this computer's local time (the audit date filters take local days)."""
    return datetime(year, month, day, hour, minute, second).astimezone(UTC)


@dataclass(frozen=True)
class Scene:
    db: Database
    owner: Actor
    people: dict[str, Actor]
    history: list[datetime]


@pytest.fixture(scope="module")
def scene(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Scene]:
    """One database shared by the module (every test here only reads): the owner and PEOPLE, two of
    whom logged in and one locked, and a history of probe audit rows around local midnights."""
    folder = tmp_path_factory.mktemp("listing")
    db = open_database(f"sqlite:///{folder / 'bodesk.sqlite'}")
    owner = set_up_company(
        db, CompanyDetails(name="Lists Ltda.", tax_id=CNPJ), "dono", "Dona Maria", PASSWORD
    )
    people = {
        login: actor_of(add_user(db, owner, login, name, role, PASSWORD)) for login, name, role in PEOPLE
    }
    authenticate(db, "bruno", PASSWORD, now=_local(2001, 1, 2, 9))
    authenticate(db, "ana_b", PASSWORD, now=_local(2001, 1, 3, 9))
    set_locked(db, owner, people["dora"].user_id, True)
    history = [
        _local(2001, 3, 9, 23, 59, 59),
        _local(2001, 3, 10, 0, 0, 0),
        _local(2001, 3, 10, 12, 30),
        _local(2001, 3, 10, 23, 59, 59),
        _local(2001, 3, 11, 0, 0, 0),
        _local(2001, 3, 12, 8, 0, 0),
        _local(2001, 3, 12, 8, 0, 0),  # two at the same instant: the id decides
    ]
    with db.write() as session:
        for index, (at, key) in enumerate(zip(history, KEYS, strict=True)):
            audit.record(
                session,
                None if index % 2 else owner,
                f"probe.{index % 3}",
                "probe",
                key,
                at=at,
                reason=f"r{index}",
            )
    yield Scene(db, owner, people, history)
    db.dispose()


def _all(query: ListQuery, scene: Scene, request: ListRequest) -> list[ListRow]:
    """Every row of the request, fetched three at a time; the pages add up to the count."""
    total = query.count(scene.db, scene.owner, request)
    rows: list[ListRow] = []
    for offset in range(0, total + 3, 3):
        rows.extend(query.page(scene.db, scene.owner, request, offset, 3))
    assert len(rows) == total
    return rows


def _expected_order(query: ListQuery, rows: list[ListRow], position: int, descending: bool) -> list[int]:
    expression = query.columns[position].expression
    by_key = sort_expression(expression) is not expression  # a name, by its collation key

    def key(row: ListRow) -> tuple[Any, ...]:
        value = row.values[position]
        value = sort_key(value) if by_key else value
        return (value is not None, value, row.id)  # SQL puts NULL first when ascending

    return [row.id for row in sorted(rows, key=key, reverse=descending)]


def _sort_cases(query: ListQuery) -> list[tuple[str, bool]]:
    return [
        (column.key, descending)
        for column in query.columns
        if column.sortable
        for descending in (False, True)
    ]


@pytest.mark.parametrize(("key", "descending"), _sort_cases(UsersQuery()))
def test_users_sort_by_every_sortable_column_both_ways(scene: Scene, key: str, descending: bool) -> None:
    query = UsersQuery()
    position = [column.key for column in query.columns].index(key)
    rows = _all(query, scene, ListRequest(sort=key, descending=descending))
    assert len(rows) == len(PEOPLE) + 1
    assert [row.id for row in rows] == _expected_order(query, rows, position, descending)


@pytest.mark.parametrize(("key", "descending"), _sort_cases(AuditQuery()))
def test_audit_sorts_by_every_sortable_column_both_ways(scene: Scene, key: str, descending: bool) -> None:
    query = AuditQuery()
    position = [column.key for column in query.columns].index(key)
    rows = _all(query, scene, ListRequest(sort=key, descending=descending))
    assert [row.id for row in rows] == _expected_order(query, rows, position, descending)


def test_default_sorts(scene: Scene) -> None:
    logins = [row.values[0] for row in _all(UsersQuery(), scene, ListRequest())]
    assert logins == sorted(logins)
    audit_rows = _all(AuditQuery(), scene, ListRequest())
    assert audit_rows == sorted(
        audit_rows, key=lambda row: (row.values[0], row.id), reverse=True
    )  # newest first


def test_an_unsortable_column_falls_back_to_the_default(scene: Scene) -> None:
    assert _all(AuditQuery(), scene, ListRequest(sort="reason")) == _all(
        AuditQuery(), scene, ListRequest(sort="at")
    )


def test_a_page_is_the_slice_of_the_whole_order(scene: Scene) -> None:
    query, request = UsersQuery(), ListRequest(sort="full_name", descending=True)
    everything = _all(query, scene, request)
    assert query.page(scene.db, scene.owner, request, 2, 3) == everything[2:5]
    assert query.page(scene.db, scene.owner, request, 100, 3) == []
    assert list(query.iterate(scene.db, scene.owner, request, batch=2)) == everything


def _logins(scene: Scene, **request: Any) -> list[str]:
    return [row.values[0] for row in _all(UsersQuery(), scene, ListRequest(**request))]


@pytest.mark.parametrize(
    ("text", "logins"),
    [
        ("a_b", ["ana_b"]),  # "_" is a character, not "any character" (which would find anaxb too)
        ("%", ["bruno"]),
        ("100%", ["bruno"]),
        ("100", ["bruno", "carla"]),
        ("a_l", ["dora"]),  # Dora_Lima
        ("o_l", []),
        ("_", ["ana_b", "dora"]),
        ("ANA", ["ana_b", "anaxb"]),
        ("  zeca ", ["zeca"]),
        ("álvaro", ["zeca"]),  # case folded beyond ASCII, as PostgreSQL does
        ("ÁLVARO", ["zeca"]),
        ("\\", []),
    ],
)
def test_users_search_takes_wildcards_literally(scene: Scene, text: str, logins: list[str]) -> None:
    assert _logins(scene, search=text) == logins


def test_users_filter_by_role(scene: Scene) -> None:
    assert _logins(scene, filters={"role": "warehouse"}) == ["bruno", "zeca"]
    assert _logins(scene, filters={"role": "sales"}, search="x") == ["anaxb"]


def test_users_rows_are_plain_values(scene: Scene) -> None:
    rows = {row.values[0]: row for row in _all(UsersQuery(), scene, ListRequest())}
    assert rows["dora"].values == ("dora", "Dora_Lima", "support", True, None)
    assert rows["bruno"].values[4] == _local(2001, 1, 2, 9)
    assert rows["bruno"].id == scene.people["bruno"].user_id


def _keys(scene: Scene, **request: Any) -> list[str]:
    rows = _all(AuditQuery(), scene, ListRequest(**request))
    return sorted(row.values[4] for row in rows if row.values[3] == "probe")


@pytest.mark.parametrize(
    ("text", "keys"),
    [
        ("%", ["50%off", "x%y_z"]),
        ("_", ["5_0", "x%y_z"]),
        ("5_0", ["5_0"]),
        ("%y_", ["x%y_z"]),
        ("plain", ["PLAIN-upper", "plain"]),
        ("probe.2", ["5x0", "PLAIN-upper"]),  # the action is searched too
    ],
)
def test_audit_search_takes_wildcards_literally(scene: Scene, text: str, keys: list[str]) -> None:
    assert _keys(scene, search=text) == sorted(keys)


def test_audit_filters_by_local_days(scene: Scene) -> None:
    march_10 = {"from": date(2001, 3, 10), "to": date(2001, 3, 10)}
    assert _keys(scene, filters=march_10) == sorted(["5_0", "5x0", "500"])
    assert _keys(scene, filters={"from": date(2001, 3, 11)}) == sorted(["plain", "PLAIN-upper", "x%y_z"])
    assert _keys(scene, filters={"to": date(2001, 3, 9)}) == ["50%off"]
    assert _keys(scene, filters={"from": date(2001, 3, 13), "to": date(2001, 3, 20)}) == []
    everything_since = AuditQuery().count(
        scene.db, scene.owner, ListRequest(filters={"from": date(2001, 3, 12)})
    )
    assert everything_since > 2  # the two probe rows of the 12th and today's rows


def test_audit_filters_by_user_and_record_type(scene: Scene) -> None:
    assert _keys(scene, filters={"user_login": "system", "entity": "probe"}) == sorted(
        ["5_0", "500", "PLAIN-upper"]
    )
    setup = _all(AuditQuery(), scene, ListRequest(filters={"entity": "company"}))
    assert [row.values[2] for row in setup] == ["company.setup"]


def test_audit_filter_options(scene: Scene) -> None:
    users, entities = audit_filter_options(scene.db, scene.owner)
    assert users == ["ana_b", "bruno", "dono", "system"]
    assert entities == ["company", "probe", "user"]


def test_audit_rows_carry_the_stored_instant(scene: Scene) -> None:
    rows = _all(AuditQuery(), scene, ListRequest(filters={"entity": "probe"}, sort="at"))
    assert [row.values[0] for row in rows] == scene.history
    assert all(row.values[0].tzinfo is UTC for row in rows)
    with scene.db.read() as session:
        ids = list(session.execute(select(AuditEntry.id).where(AuditEntry.entity == "probe")).scalars())
    assert [row.id for row in rows] == sorted(ids)
