"""Engine, units of work, migrations, backup and restore, integrity checks. Nothing outside this
package may depend on SQLite."""
