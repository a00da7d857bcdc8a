"""First launch: the app asks once who you are, what you are after and where you live, offers
the import, and then each empty page says the next step."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QCheckBox, QComboBox, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from chatplanner.services.workspace import Workspace
from chatplanner.ui.main_window import MainWindow

from .ui_finders import button, dress, field, open_dialog, texts

WELCOME = "Welcome to chatplanner"


def _launch(qtbot: QtBot, workspace: Workspace) -> MainWindow:
    """The window as the app opens it for a person (not the demo, not a screenshot)."""
    window = MainWindow(workspace, offer_first_run=True)
    dress(window)
    qtbot.addWidget(window)
    window.resize(1024, 700)
    window.show()
    qtbot.waitExposed(window)
    return window


def _welcome(qtbot: QtBot) -> QWidget:
    qtbot.waitUntil(lambda: open_dialog(WELCOME) is not None, timeout=5000)
    sheet = open_dialog(WELCOME)
    assert sheet is not None
    return sheet


def _type(qtbot: QtBot, text: str) -> None:
    focused = QApplication.focusWidget()
    assert focused is not None
    qtbot.keyClicks(focused, text)


def _tab(qtbot: QtBot) -> None:
    focused = QApplication.focusWidget()
    assert focused is not None
    qtbot.keyClick(focused, Qt.Key.Key_Tab)


def test_first_launch_asks_once_fills_the_profile_and_offers_the_import(
    qtbot: QtBot, workspace: Workspace
) -> None:
    window = _launch(qtbot, workspace)
    sheet = _welcome(qtbot)

    # Keyboard only: the name field has the focus, Tab walks down the questions.
    qtbot.waitUntil(lambda: QApplication.focusWidget() is field(sheet, "Your name", QLineEdit))
    _type(qtbot, "Ana Lima")
    _tab(qtbot)
    _type(qtbot, "Project engineer")
    _tab(qtbot)
    _type(qtbot, "Ana Lima")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    _type(qtbot, "Project coordinator · 416 555 0100")
    _tab(qtbot)
    _type(qtbot, "move from site engineering into project management")
    _tab(qtbot)
    _type(qtbot, "Toronto")
    matches = next(
        c for c in sheet.findChildren(QComboBox) if c.accessibleName() == "Matching places"
    )
    qtbot.waitUntil(lambda: matches.isEnabled() and matches.count() > 0, timeout=3000)
    assert matches.currentText().startswith("Toronto, CA")
    offer = next(c for c in sheet.findChildren(QCheckBox) if c.text() == "Import my contacts next")
    assert offer.isChecked()

    qtbot.mouseClick(button(sheet, "Get started"), Qt.MouseButton.LeftButton)

    # What is stored: the name once (the signature does not repeat it), the goal, the base.
    settings = workspace.settings
    assert settings.get("user.name") == "Ana Lima"
    assert settings.get("user.title") == "Project engineer"
    assert settings.get("user.signature") == "Project coordinator · 416 555 0100"
    assert settings.get("user.goal") == "move from site engineering into project management"
    base = workspace.planning.venues.base()
    assert base is not None
    assert (base.city, base.country) == ("Toronto", "CA")

    # The import comes next, as offered.
    qtbot.waitUntil(lambda: open_dialog("Import Contacts") is not None, timeout=5000)
    importer = open_dialog("Import Contacts")
    assert importer is not None
    qtbot.mouseClick(button(importer, "Cancel"), Qt.MouseButton.LeftButton)
    # What the sheet saved is said once the import is put off, not under its window.
    qtbot.waitUntil(lambda: open_dialog("Import Contacts") is None, timeout=5000)
    assert window.statusBar().currentMessage().startswith("Saved.")

    # Today says the next step, and its button does it.
    assert "Start with the people you know" in texts(window)
    qtbot.mouseClick(button(window, "Import your contacts"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: open_dialog("Import Contacts") is not None, timeout=5000)
    open_dialog("Import Contacts").close()  # type: ignore[union-attr]
    window.close()

    # Never again on this profile.
    again = _launch(qtbot, workspace)
    qtbot.wait(200)
    assert open_dialog(WELCOME) is None
    again.close()


def test_skipping_the_first_run_sheet_keeps_nothing_and_never_asks_again(
    qtbot: QtBot, workspace: Workspace
) -> None:
    window = _launch(qtbot, workspace)
    sheet = _welcome(qtbot)
    qtbot.keyClicks(field(sheet, "Your name", QLineEdit), "Not kept")
    qtbot.mouseClick(button(sheet, "Skip for now"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: open_dialog(WELCOME) is None)
    assert workspace.settings.get("user.name") == ""
    assert open_dialog("Import Contacts") is None
    window.close()
    again = _launch(qtbot, workspace)
    qtbot.wait(200)
    assert open_dialog(WELCOME) is None
    again.close()


def test_a_profile_that_holds_data_is_not_asked(qtbot: QtBot, demo: Workspace) -> None:
    window = _launch(qtbot, demo)
    qtbot.wait(200)
    assert open_dialog(WELCOME) is None
    window.close()
