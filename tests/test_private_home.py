"""The tests never write into the real user's folders: HOME, the XDG folders and BODESK_HOME all point
into temporary folders while they run."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

from bodesk.settings import config_dir, data_dir, log_dir
from tests.conftest import REAL_HOME, TEST_HOME


def test_every_folder_a_test_may_write_is_temporary() -> None:
    assert Path.home() == TEST_HOME != REAL_HOME
    for folder in (
        platformdirs.user_config_path("bodesk"),
        platformdirs.user_cache_path("pyinstaller"),
        platformdirs.user_state_path("bodesk"),
    ):
        assert folder.is_relative_to(TEST_HOME), folder
    home = Path(os.environ["BODESK_HOME"])
    assert not home.is_relative_to(REAL_HOME)
    for folder in (config_dir(), data_dir(), log_dir()):
        assert folder.is_relative_to(home), folder
