"""Where bodesk keeps its files (platformdirs), which database it opens, and a desk's preferences.

Preferences of this desk (language, backup folder, daily backup) live in a small JSON file in the
user's config folder; what belongs to the business (the company, its currency) lives in the database.
"""

from __future__ import annotations

import json
import logging
import logging.handlers
import os
from dataclasses import asdict, dataclass, fields
from datetime import datetime
from pathlib import Path

from platformdirs import PlatformDirs

from bodesk.i18n import chosen_language

APP_NAME = "bodesk"
_DIRS = PlatformDirs(APP_NAME, appauthor=False)
ENV_HOME = "BODESK_HOME"  # one folder for data, config and logs (tests, portable installs)
ENV_LANGUAGE = "BODESK_LANG"  # overrides the desk's language (unknown ones give English)
LOG_FILE = "bodesk.log"


def data_dir() -> Path:
    home = os.environ.get(ENV_HOME)
    return Path(home) / "data" if home else Path(_DIRS.user_data_dir)


def config_dir() -> Path:
    home = os.environ.get(ENV_HOME)
    return Path(home) / "config" if home else Path(_DIRS.user_config_dir)


def log_dir() -> Path:
    home = os.environ.get(ENV_HOME)
    return Path(home) / "logs" if home else Path(_DIRS.user_log_dir)


def default_backup_dir() -> Path:
    return data_dir() / "backups"


def default_db_path() -> Path:
    return data_dir() / "bodesk.sqlite"


def database_url(path_or_url: str | None = None) -> str:
    """A SQLAlchemy URL from `--db`: a URL as given, a path as a SQLite file, nothing as the default file."""
    if path_or_url is None or path_or_url == "":
        path_or_url = os.environ.get("BODESK_DB") or str(default_db_path())
    if "://" in path_or_url:
        return path_or_url
    return f"sqlite:///{Path(path_or_url).expanduser().resolve()}"


@dataclass
class Preferences:
    language: str = ""  # "" follows the system locale
    backup_dir: str = ""  # "" means default_backup_dir()
    daily_backup: bool = True
    backups_to_keep: int = 14
    last_daily_backup: str = ""  # ISO instant, UTC

    @property
    def backup_folder(self) -> Path:
        return Path(self.backup_dir) if self.backup_dir else default_backup_dir()

    @property
    def last_daily_backup_at(self) -> datetime | None:
        try:
            return datetime.fromisoformat(self.last_daily_backup) if self.last_daily_backup else None
        except ValueError:
            return None


def preferences_path() -> Path:
    return config_dir() / "preferences.json"


def load_preferences() -> Preferences:
    try:
        raw = json.loads(preferences_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return Preferences()
    known = {field.name for field in fields(Preferences)}
    values = {key: value for key, value in raw.items() if key in known} if isinstance(raw, dict) else {}
    try:
        return Preferences(**values)
    except TypeError:
        return Preferences()


def save_preferences(preferences: Preferences) -> None:
    path = preferences_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".tmp")
    temporary.write_text(json.dumps(asdict(preferences), indent=2), encoding="utf-8")
    os.replace(temporary, path)


def language_setting(preferences: Preferences) -> str | None:
    """The language chosen for this desk: BODESK_LANG, else its preference; None: the system's."""
    return chosen_language(os.environ.get(ENV_LANGUAGE), preferences.language)


def log_file() -> Path:
    return log_dir() / LOG_FILE


def configure_logging(level: int = logging.INFO) -> Path:
    """A rotating log file (1 MB x 5) in the user's log folder; returns its path, which is where the
    log goes even if an earlier call (another BODESK_HOME) pointed it elsewhere."""
    path = log_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    root = logging.getLogger()
    for handler in [h for h in root.handlers if isinstance(h, logging.handlers.RotatingFileHandler)]:
        if Path(handler.baseFilename) == path.resolve():
            break
        root.removeHandler(handler)
        handler.close()
    else:
        handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=1_000_000, backupCount=5, encoding="utf-8"
        )
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        root.addHandler(handler)
    root.setLevel(level)
    return path
