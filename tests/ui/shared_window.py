"""One main window for many tests: built once per profile and window size, for the tests that
only look at it (show a page, open a dialog and cancel it), instead of once per test."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from PySide6.QtCore import QSize
from PySide6.QtTest import QTest

from chatplanner.services.workspace import Workspace
from chatplanner.ui.main_window import MainWindow

from ..journey.ui_finders import dress


def _refuse(*_args: object, **_kwargs: object) -> None:
    raise RuntimeError("tests must not use the network")


@contextmanager
def isolated(home: Path) -> Iterator[None]:
    """The guards tests/conftest.py gives each test (a home of its own, no internet), for a
    fixture that is set up before them and outlives one test."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("HOME", str(home))
        patch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
        patch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
        patch.delenv("CHATPLANNER_HOME", raising=False)
        patch.setattr(socket, "create_connection", _refuse)
        patch.setattr(socket, "getaddrinfo", _refuse)
        yield


@contextmanager
def shown_window(
    workspace: Workspace, size: QSize, font_scale: float = 1.0
) -> Iterator[MainWindow]:
    """The main window on `workspace`, dressed as a user sees it, at `size`, on screen."""
    main = MainWindow(workspace)
    try:
        dress(main, font_scale)
        main.resize(size)
        main.show()
        assert QTest.qWaitForWindowExposed(main), "the window never reached the screen"
        yield main
    finally:
        main.close()
        main.deleteLater()
