"""Migrations: a new database reaches head, the models match the migrated schema, a database this
program cannot read is refused untouched, data is backed up before an upgrade, and every released
schema's frozen fixture database still upgrades."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

from bodesk.domain.access.actor import Actor
from bodesk.domain.access.login import authenticate
from bodesk.domain.company.services import company_details
from bodesk.domain.models import Base
from bodesk.store import migrate, opening
from bodesk.store.check import run_checks
from bodesk.store.engine import Database
from bodesk.store.errors import BackupFailed, NewerDatabase
from bodesk.store.opening import open_database
from tests.builders.access import PASSWORD
from tests.helpers.files import dump, execute, integrity, scalar, sha256
from tests.helpers.refusals import refused
from tests.helpers.server import TEST_DATABASE_URL

pytestmark = pytest.mark.skipif(bool(TEST_DATABASE_URL), reason="SQLite files only")

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
FOUNDATION_TABLES = {
    "company",
    "users",
    "login_throttle",
    "audit_log",
    "document_sequences",
    "alembic_version",
}


def _url(path: Path) -> str:
    return f"sqlite:///{path}"


def test_a_new_database_upgrades_to_head(db: Database, tmp_path: Path) -> None:
    with db.engine.connect() as connection:
        assert migrate.current_revision(connection) == migrate.head_revision()
        assert set(inspect(connection).get_table_names()) >= FOUNDATION_TABLES
    assert not migrate.needs_upgrade(db)
    assert not (tmp_path / "backups").exists()  # a new, empty database needs no backup


def test_the_models_match_the_migrated_schema(db: Database) -> None:
    with db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, Base.metadata)
    assert differences == []


def test_migrations_go_down_and_up_again(db: Database) -> None:
    with db.write_connection() as connection:
        command.downgrade(migrate.alembic_config(connection), "base")
    with db.engine.connect() as connection:
        assert migrate.current_revision(connection) is None
        assert set(inspect(connection).get_table_names()) <= {"alembic_version"}
    assert migrate.upgrade(db, backup=lambda: pytest.fail("an empty database is not backed up")) is None
    with db.engine.connect() as connection:
        assert migrate.current_revision(connection) == migrate.head_revision()


def _written_by_the_future(path: Path, tmp_path: Path) -> None:
    database = open_database(_url(path), backup_dir=tmp_path / "backups")
    database.dispose()
    execute(path, "UPDATE alembic_version SET version_num = '9999_future'")


def test_a_database_from_a_newer_version_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "future.sqlite"
    _written_by_the_future(path, tmp_path)
    before = sha256(path)
    with refused("store.newer") as caught:
        open_database(_url(path), backup_dir=tmp_path / "backups")
    assert "9999_future" in caught.value.message
    assert sha256(path) == before
    assert not (tmp_path / "backups").exists()
    with pytest.raises(NewerDatabase):
        open_database(_url(path), upgrade=False)
    assert sha256(path) == before


def test_upgrade_refuses_a_newer_database_itself(tmp_path: Path) -> None:
    path = tmp_path / "future.sqlite"
    _written_by_the_future(path, tmp_path)
    database = Database(_url(path))
    try:
        with pytest.raises(NewerDatabase):
            migrate.upgrade(database, backup=lambda: pytest.fail("nothing is backed up"))
    finally:
        database.dispose()
    assert scalar(path, "SELECT version_num FROM alembic_version") == "9999_future"


def test_a_sqlite_file_of_another_program_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite"
    execute(
        path,
        "CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)",
        "INSERT INTO customers VALUES (1, 'Ana')",
    )
    before = sha256(path)
    with refused("store.foreign_tables"):
        open_database(_url(path), backup_dir=tmp_path / "backups")
    assert sha256(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["other.sqlite"]


@pytest.fixture
def older_file(db: Database, owner: Actor, db_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """The database of `db` with data, seen by a program that knows one revision more than the file
    has (so the file is "older"); returns, for each schema change run, the backups that existed then."""
    db.dispose()
    monkeypatch.setattr(migrate, "head_revision", lambda: "9998_next")
    backups_when_changed: list[list[str]] = []

    def change_schema(config: object, target: str) -> None:
        backups_when_changed.append(sorted(path.name for path in db_path.parent.rglob("before-upgrade-*")))

    monkeypatch.setattr(command, "upgrade", change_schema)
    return backups_when_changed


def test_an_existing_database_is_backed_up_before_an_upgrade(
    older_file: list[list[str]], db_path: Path, tmp_path: Path
) -> None:
    content = dump(db_path)
    revision = scalar(db_path, "SELECT version_num FROM alembic_version")
    backups = tmp_path / "upgrade-backups"
    open_database(_url(db_path), backup_dir=backups).dispose()
    copies = list(backups.glob("before-upgrade-*.sqlite"))
    assert len(copies) == 1
    assert older_file == [[copies[0].name]]  # the copy existed before the schema was touched
    assert integrity(copies[0]) == ["ok"]
    assert dump(copies[0]) == content
    assert scalar(copies[0], "SELECT version_num FROM alembic_version") == revision


def test_no_upgrade_when_the_backup_fails(
    older_file: list[list[str]], db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full_disk(source: Path, folder: Path, prefix: str, now: object) -> Path:
        raise BackupFailed("The disk is full: the backup was not written.", code="store.backup_disk_full")

    monkeypatch.setattr(opening, "backup_to_new_file", full_disk)
    before = dump(db_path)
    with pytest.raises(BackupFailed):
        open_database(_url(db_path), backup_dir=tmp_path / "upgrade-backups")
    assert older_file == []  # the schema was never touched
    assert dump(db_path) == before


def test_no_backup_for_a_database_at_head(db: Database, owner: Actor) -> None:
    assert migrate.upgrade(db, backup=lambda: pytest.fail("a database at head needs no backup")) is None


def _fixture_files() -> list[Path]:
    return sorted(FIXTURES.glob("schema-*.sqlite"))


def test_there_is_a_frozen_fixture_for_every_released_schema() -> None:
    frozen = {path.stem.removeprefix("schema-") for path in _fixture_files()}
    assert frozen >= {"0001"}


@pytest.mark.parametrize("fixture", _fixture_files(), ids=lambda path: path.stem)
def test_a_frozen_fixture_database_upgrades_and_keeps_its_data(fixture: Path, tmp_path: Path) -> None:
    path = tmp_path / fixture.name
    shutil.copyfile(fixture, path)
    revision = scalar(path, "SELECT version_num FROM alembic_version")
    users_before = scalar(path, "SELECT count(*) FROM users")
    audit_before = scalar(path, "SELECT count(*) FROM audit_log")
    original = sha256(fixture)
    database = open_database(_url(path), backup_dir=tmp_path / "backups")
    try:
        with database.engine.connect() as connection:
            assert migrate.current_revision(connection) == migrate.head_revision()
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            assert compare_metadata(context, Base.metadata) == []  # the same schema as a new database
        assert company_details(database).name == "Distribuidora Fixture Ltda."
        assert [result.name for result in run_checks(database) if not result.ok] == []
        assert authenticate(database, "dono", PASSWORD).role == "owner"
    finally:
        database.dispose()
    assert scalar(path, "SELECT count(*) FROM users") == users_before == 2
    assert scalar(path, "SELECT count(*) FROM audit_log") == audit_before + 1  # + the login above
    copies = list((tmp_path / "backups").glob("before-upgrade-*.sqlite"))
    assert len(copies) == (0 if revision == migrate.head_revision() else 1)  # backed up when upgraded
    assert sha256(fixture) == original  # the frozen file itself is never opened


def test_moves_of_schema_0002_get_their_documents(tmp_path: Path) -> None:
    """Receipts' moves point at their receipts; every other move of the old free-text origins (a
    transfer, an adjustment, breakage, the demo's "shipment") becomes a stock operation of its own."""
    path = tmp_path / "old.sqlite"
    shutil.copyfile(FIXTURES / "schema-0002.sqlite", path)
    product, lot, _source, target, at, user = _first_move(path)
    for origin, ref, reason in (
        ("transfer", "CD1/A-01", None),
        ("adjustment", "CD1", "achado"),
        ("shipment", "", None),
    ):
        execute(
            path,
            "INSERT INTO stock_moves (product_id, lot_id, from_location_id, to_location_id, quantity, unit_cost,"
            " at, origin, origin_ref, user_id, reason) VALUES "
            # quantity 0, so that the stock stays as the fixture has it: the documents are the point
            f"({product}, {'NULL' if lot is None else lot}, {target}, {target}, 0, 9000, '{at}', '{origin}',"
            f" '{ref}', {user}, {'NULL' if reason is None else repr(reason)})",
        )
    database = open_database(_url(path), backup_dir=tmp_path / "backups")
    try:
        with database.engine.connect() as connection:
            kinds = connection.exec_driver_sql(
                "SELECT doc_kind, doc_number FROM stock_moves ORDER BY id"
            ).all()
            operations = connection.exec_driver_sql(
                "SELECT number, kind, reason, value FROM stock_operations ORDER BY number"
            ).all()
            series = connection.exec_driver_sql(
                "SELECT next_number FROM document_sequences WHERE series = 'stock_operation'"
            ).scalar_one()
        assert [kind for kind, _number in kinds[:-3]] == ["receipt"] * (len(kinds) - 3)
        assert kinds[-3:] == [("transfer", 1), ("adjustment", 2), ("issue", 3)]
        assert [(number, kind, reason) for number, kind, reason, _value in operations] == [
            (1, "transfer", ""),
            (2, "adjustment", "achado"),
            (3, "issue", ""),
        ]
        assert series == 4
        assert [result.name for result in run_checks(database) if not result.ok] == []
    finally:
        database.dispose()


def _first_move(path: Path) -> tuple[object, ...]:
    import sqlite3

    connection = sqlite3.connect(path)
    try:
        return tuple(
            connection.execute(
                "SELECT product_id, lot_id, from_location_id, to_location_id, at, user_id FROM stock_moves"
                " ORDER BY id LIMIT 1"
            ).fetchone()
        )
    finally:
        connection.close()
