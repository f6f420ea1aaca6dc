"""The list of known revisions that lets a current database open without Alembic matches the scripts."""

from alembic.script import ScriptDirectory

from bodesk.store import migrate
from bodesk.store.schema_versions import HEAD, REVISIONS


def test_known_revisions_are_the_migration_scripts_in_order() -> None:
    scripts = ScriptDirectory.from_config(migrate.alembic_config())
    walked = [script.revision for script in scripts.walk_revisions()]
    assert tuple(reversed(walked)) == REVISIONS
    assert scripts.get_current_head() == HEAD
