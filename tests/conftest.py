"""Shared fixtures: a fresh migrated SQLite database per test (or the PostgreSQL server of
tests.helpers.server), a set-up company and its owner, and a private BODESK_HOME so no test touches the
real user folders."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hypothesis import settings

from bodesk import i18n
from bodesk.domain.access.actor import Actor
from bodesk.domain.access.services import add_user
from bodesk.domain.company.services import set_up_company
from bodesk.domain.registry import load_modules
from bodesk.store.engine import Database
from bodesk.store.opening import open_database
from tests.builders.access import PASSWORD
from tests.builders.company import COMPANY
from tests.helpers.server import TEST_DATABASE_URL, wiped_server_database

# Nothing a test runs may write into the real user's folders (configuration, logs, caches, Qt's own
# settings, PyInstaller's cache): HOME and the XDG folders point into a temporary folder for the run,
# before anything reads them. Each test then gets its own BODESK_HOME below.
TEST_HOME = Path(tempfile.mkdtemp(prefix="bodesk-test-home-"))
REAL_HOME = Path.home()
for _variable, _folder in (
    ("HOME", ""),
    ("XDG_CONFIG_HOME", ".config"),
    ("XDG_DATA_HOME", ".local/share"),
    ("XDG_STATE_HOME", ".local/state"),
    ("XDG_CACHE_HOME", ".cache"),
):
    os.environ[_variable] = str(TEST_HOME / _folder)

# No per-example deadline: a busy 2-core CI machine must not turn a slow example into a failure.
settings.register_profile("bodesk", deadline=None)
settings.load_profile("bodesk")


@pytest.fixture(autouse=True)
def _private_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Iterator[None]:
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("BODESK_HOME", str(home))
    monkeypatch.delenv("BODESK_DB", raising=False)
    monkeypatch.delenv("BODESK_PASSWORD", raising=False)
    load_modules()
    i18n.set_language("en")
    yield
    i18n.set_language("en")


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "bodesk.sqlite"


@pytest.fixture
def db(db_path: Path, tmp_path: Path) -> Iterator[Database]:
    url = wiped_server_database(TEST_DATABASE_URL) if TEST_DATABASE_URL else f"sqlite:///{db_path}"
    database = open_database(url, backup_dir=tmp_path / "backups")
    yield database
    database.dispose()


@pytest.fixture
def owner(db: Database) -> Actor:
    return set_up_company(db, COMPANY, "dono", "Dona Maria", PASSWORD)


@pytest.fixture
def make_user(db: Database, owner: Actor) -> Callable[..., Actor]:
    """make_user("sales") -> an Actor of that role, with password PASSWORD."""
    counter = iter(range(1, 10_000))

    def make(role: str, login: str | None = None) -> Actor:
        name = login or f"{role}{next(counter):03d}"
        user = add_user(db, owner, name, name.title(), role, PASSWORD)
        return Actor(user_id=user.id, login=user.login, full_name=user.full_name, role=user.role)

    return make
