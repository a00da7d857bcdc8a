"""An error reaching the event loop becomes a dialog and a log line, never a crash."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from chatplanner.errors import ChatplannerError
from chatplanner.services.errors import StorageReadOnlyError
from chatplanner.ui.error_handler import UNEXPECTED_TEXT, ErrorReporter, start_log


@pytest.fixture
def shown(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str, str]]:
    boxes: list[tuple[str, str, str]] = []

    def fake_exec(box: QMessageBox) -> int:
        # The characters the box shows: its text is escaped markup (see ui/literal_text).
        document = QTextDocument()
        document.setHtml(box.text())
        boxes.append((box.windowTitle(), document.toPlainText(), box.detailedText()))
        return 0

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    return boxes


def test_an_expected_error_shows_its_own_sentence(
    qtbot: QtBot, tmp_path: Path, shown: list[tuple[str, str, str]]
) -> None:
    reporter = ErrorReporter(start_log(tmp_path / "logs"))
    error = StorageReadOnlyError("chatplanner cannot save to /p/db: the file is read-only.")
    reporter.handle(type(error), error, None)
    assert shown == [("chatplanner", str(error), "")]


def test_an_unexpected_error_is_logged_privately_and_reassures(
    qtbot: QtBot, tmp_path: Path, shown: list[tuple[str, str, str]]
) -> None:
    log = start_log(tmp_path / "logs")
    reporter = ErrorReporter(log)
    try:
        raise ZeroDivisionError("boom in a slot")
    except ZeroDivisionError as error:
        reporter.handle(type(error), error, error.__traceback__)
    (title, text, details) = shown[0]
    assert title == "Something went wrong"
    assert text.startswith(UNEXPECTED_TEXT)
    assert str(log) in text
    assert "ZeroDivisionError: boom in a slot" in details
    assert "ZeroDivisionError: boom in a slot" in log.read_text(encoding="utf-8")
    assert log.stat().st_mode & 0o777 == 0o600
    assert log.parent.stat().st_mode & 0o777 == 0o700


def test_install_makes_it_the_process_hook_and_uninstall_puts_the_old_one_back(
    qtbot: QtBot, shown: list[tuple[str, str, str]]
) -> None:
    before = sys.excepthook
    reporter = ErrorReporter(None)
    reporter.install()
    try:
        assert sys.excepthook == reporter.handle
        sys.excepthook(ChatplannerError, ChatplannerError("Plain words."), None)
    finally:
        reporter.uninstall()
    assert sys.excepthook is before
    assert shown[0][1] == "Plain words."
