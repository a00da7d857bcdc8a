"""The type of the `show_window` fixture (tests/ui/conftest.py), for annotations."""

from __future__ import annotations

from collections.abc import Callable

from chatplanner.ui.main_window import MainWindow

# show_window(workspace, size=(width, height)); size None leaves the window's own size.
ShowWindow = Callable[..., MainWindow]
