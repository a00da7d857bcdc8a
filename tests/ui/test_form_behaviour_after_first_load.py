"""The forms' shared behaviour (ui/widgets/form_behaviour.py) comes once Today is painted with
its data, at the app's start, and covers the widgets built before it as those built after."""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox, QPlainTextEdit
from pytestqt.qtbot import QtBot

from chatplanner import app
from chatplanner.services.workspace import Workspace
from chatplanner.ui.main_window import MainWindow
from chatplanner.ui.widgets.form_behaviour import FormBehaviour

ARGS = argparse.Namespace(demo=False, screenshot=None, view="today")
_INSTALLED = "chatplanner_form_behaviour"


def _application() -> QApplication:
    application = QApplication.instance()
    assert isinstance(application, QApplication)
    return application


@pytest.fixture
def without_form_behaviour() -> Iterator[None]:
    """The application as a new process has it: without the behaviour an earlier window of this
    test process installed; put back afterwards."""
    application = _application()
    earlier = application.findChildren(FormBehaviour)
    for guard in earlier:
        application.removeEventFilter(guard)
    installed = application.property(_INSTALLED)
    application.setProperty(_INSTALLED, False)
    try:
        yield
    finally:
        for guard in application.findChildren(FormBehaviour):
            if guard not in earlier:
                application.removeEventFilter(guard)
                guard.deleteLater()
        for guard in earlier:
            application.installEventFilter(guard)
        application.setProperty(_INSTALLED, installed)


@pytest.mark.usefixtures("without_form_behaviour")
def test_the_behaviour_comes_after_today_is_painted_and_covers_the_widgets_before_it(
    qtbot: QtBot, demo_profile: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: dict[str, object] = {}

    def run(application: QApplication, window: MainWindow, workspace: Workspace) -> int:
        qtbot.addWidget(window)
        # Text and value boxes on the window from the start, polished with its first paint.
        notes = QPlainTextEdit()
        choice = QComboBox()
        choice.addItems(["One", "Two"])
        window.statusBar().addWidget(notes)
        window.statusBar().addWidget(choice)
        window.first_load_done.connect(
            lambda: seen.update(at_content=bool(application.property(_INSTALLED)))
        )
        with qtbot.waitSignal(window.opened, timeout=10_000):
            window.show()
        seen.update(
            after=bool(application.property(_INSTALLED)),
            tab_moves_on=notes.tabChangesFocus(),
            wheel_arms_choice=choice.focusPolicy() == Qt.FocusPolicy.WheelFocus,
        )
        window.close()
        return 0

    monkeypatch.setattr(app, "_exec_with_raise_requests", run)
    workspace = app._lock_profile(demo_profile)
    try:
        assert app._run_window(ARGS, _application(), workspace, seed=False) == 0
    finally:
        workspace.close()
    assert seen == {
        "at_content": False,
        "after": True,
        "tab_moves_on": True,
        "wheel_arms_choice": False,
    }
