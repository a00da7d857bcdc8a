"""A CSV mixing UTF-8 and Latin-1 lines, imported from the running app: the preview says so,
each line reads right by default, and the user can choose another reading."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMenu
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from chatplanner.db.models import Contact
from chatplanner.services.workspace import Workspace
from chatplanner.ui.dialogs.import_contacts import ImportContactsDialog
from chatplanner.ui.imports.preview_model import ImportPreviewModel
from chatplanner.ui.main_window import MainWindow

HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"


def _mixed_csv(path: Path) -> Path:
    """Mostly UTF-8, one row pasted in from an older Latin-1 export."""
    path.write_bytes(
        HEADER.encode()
        + "Zoë,Lefèvre,https://www.linkedin.com/in/zoe,,Société Générale,Analyste,08 Feb 2026\n".encode()
        + b"Ngozi,Okafor,https://www.linkedin.com/in/ngozi,,Flutterwave,Designer,08 Feb 2026\n"
        + "José,Müller,https://www.linkedin.com/in/jose,,Bäckerei,Meister,08 Feb 2026\n".encode(
            "latin-1"
        )
    )
    return path


def _names(dialog: ImportContactsDialog) -> list[str]:
    model = dialog.preview_page.model
    return [
        str(model.index(row, ImportPreviewModel.NAME).data()) for row in range(model.rowCount())
    ]


def _open_import(qtbot: QtBot, window: MainWindow) -> ImportContactsDialog:
    file_menu = window.menuBar().actions()[0].menu()
    assert isinstance(file_menu, QMenu)
    action = next(a for a in file_menu.actions() if a.text() == "&Import Contacts…")
    assert action.shortcut().toString() == "Ctrl+I"
    action.trigger()
    dialog = window.findChild(ImportContactsDialog)
    assert isinstance(dialog, ImportContactsDialog)
    assert dialog.isVisible()
    return dialog


def test_a_mixed_file_is_read_line_by_line_said_so_and_the_reading_can_be_chosen(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = _mixed_csv(tmp_path / "Connections.csv")
    with Workspace.open(tmp_path / "p") as workspace:
        window = MainWindow(workspace)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        dialog = _open_import(qtbot, window)

        qtbot.keyClicks(dialog.choose_page.path_edit, str(source))
        qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
        page = dialog.preview_page
        qtbot.waitUntil(lambda: dialog.stack.currentWidget() is page, timeout=10_000)

        # Said plainly, with the evidence, and no mojibake either way.
        assert page.encoding_bar.isVisible()
        assert "mixes two text encodings: 1 line in UTF-8 and 1 in Windows-1252" in (
            page.encoding_label.text()
        )
        assert sorted(_names(dialog)) == ["José Müller", "Ngozi Okafor", "Zoë Lefèvre"]

        # The user reads it all as Windows-1252 instead: the preview follows that choice.
        combo = page.reading_combo
        assert combo.currentData() == "mixed"
        combo.setFocus()
        qtbot.keyClick(combo, Qt.Key.Key_End)
        qtbot.waitUntil(lambda: "ZoÃ« LefÃ¨vre" in _names(dialog), timeout=10_000)
        assert combo.currentData() == "cp1252"
        assert "Now read: all as Windows-1252" in page.encoding_label.text()

        # And back to each line as it fits, then import.
        qtbot.keyClick(combo, Qt.Key.Key_Home)
        qtbot.waitUntil(lambda: "Zoë Lefèvre" in _names(dialog), timeout=10_000)
        qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: dialog.stack.currentWidget() is dialog.summary_page, timeout=10_000)
        with workspace.context.sessions() as session:
            stored = sorted(
                f"{first} {last}"
                for first, last in session.execute(select(Contact.first_name, Contact.last_name))
            )
        assert stored == ["José Müller", "Ngozi Okafor", "Zoë Lefèvre"]


def test_a_file_in_one_encoding_shows_no_encoding_notice(qtbot: QtBot, tmp_path: Path) -> None:
    source = tmp_path / "latin1.csv"
    source.write_bytes((HEADER + "José,Müller,,,Bäckerei,Meister,08 Feb 2026\n").encode("latin-1"))
    with Workspace.open(tmp_path / "p") as workspace:
        window = MainWindow(workspace)
        qtbot.addWidget(window)
        window.show()
        dialog = _open_import(qtbot, window)
        qtbot.keyClicks(dialog.choose_page.path_edit, str(source))
        qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: dialog.stack.currentWidget() is dialog.preview_page, timeout=10_000)
        assert not dialog.preview_page.encoding_bar.isVisible()
        assert _names(dialog) == ["José Müller"]
