"""The journey: the real main window on a temporary profile, driven by a `User`."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from chatplanner.services.workspace import Workspace
from chatplanner.ui.main_window import MainWindow
from tests.journey.user import User
from tests.profiles import ProfileTemplates


@dataclass
class App:
    """One run of the app on a profile: its window, the person using it, and its services
    (what a test reads back to check what was stored)."""

    window: MainWindow
    user: User
    workspace: Workspace

    def quit(self) -> None:
        """Close the window as the user does (Ctrl+Q), then let go of the profile."""
        if self.window.isVisible():
            self.window.close()
        self.workspace.close()


Launch = Callable[[Path], App]


@pytest.fixture
def profile(tmp_path: Path, profile_templates: ProfileTemplates) -> Path:
    """A new profile's folder (a copy of one made for the session)."""
    return profile_templates.copy_to(tmp_path / "profile")


@pytest.fixture
def launch(qtbot: QtBot) -> Iterator[Launch]:
    opened: list[App] = []

    def start(directory: Path) -> App:
        workspace = Workspace.open(directory)
        window = MainWindow(workspace)
        app = App(window, User.in_front_of(qtbot, window), workspace)
        opened.append(app)
        return app

    yield start
    for app in opened:
        app.quit()
    strays = [text for app in opened for text in app.user.stray_dialogs]
    assert not strays, f"Dialogs left unanswered: {strays}"


@pytest.fixture
def app(launch: Launch, profile: Path) -> App:
    return launch(profile)
