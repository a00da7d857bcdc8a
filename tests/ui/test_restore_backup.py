"""Restore from an automatic backup, from the File menu, with nothing lost."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMenu, QMessageBox
from pytestqt.qtbot import QtBot

from chatplanner.services.auto_backup import AutomaticBackup, take_automatic_backup
from chatplanner.services.workspace import Workspace
from chatplanner.ui.main_window import MainWindow
from chatplanner.ui.restore_backup import RestoreBackupDialog, describe_backup, offer_recovery


def test_the_file_menu_offers_the_restore(qtbot: QtBot, tmp_path: Path) -> None:
    with Workspace.open(tmp_path / "p") as workspace:
        window = MainWindow(workspace)
        qtbot.addWidget(window)
        file_menu = window.menuBar().actions()[0].menu()
        assert isinstance(file_menu, QMenu)
        texts = [a.text() for a in file_menu.actions()]
        assert "&Restore from Automatic Backup…" in texts


def test_restoring_from_the_menu_brings_back_that_day_and_keeps_the_current_file(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Workspace.open(tmp_path / "p") as workspace:
        workspace.settings.set("user.name", "Old")
        backup = take_automatic_backup(workspace.profile, datetime(2030, 1, 1, tzinfo=UTC))
        workspace.settings.set("user.name", "New")
        window = MainWindow(workspace)
        qtbot.addWidget(window)
        monkeypatch.setattr(RestoreBackupDialog, "exec", lambda _self: 1)
        monkeypatch.setattr(RestoreBackupDialog, "chosen", lambda _self: backup)
        monkeypatch.setattr("chatplanner.ui.restore_backup.confirm_restore", lambda *_a: True)
        window.restore_automatic_backup()
        assert workspace.settings.get("user.name") == "Old"
        assert "replaced-" in window.statusBar().currentMessage()
    kept = list((tmp_path / "p" / "backups").glob("replaced-*.sqlite3"))
    assert len(kept) == 1


def test_cancelling_the_confirmation_changes_nothing(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Workspace.open(tmp_path / "p") as workspace:
        backup = take_automatic_backup(workspace.profile, datetime(2030, 1, 1, tzinfo=UTC))
        workspace.settings.set("user.name", "New")
        window = MainWindow(workspace)
        qtbot.addWidget(window)
        monkeypatch.setattr(RestoreBackupDialog, "exec", lambda _self: 1)
        monkeypatch.setattr(RestoreBackupDialog, "chosen", lambda _self: backup)
        monkeypatch.setattr("chatplanner.ui.restore_backup.confirm_restore", lambda *_a: False)
        window.restore_automatic_backup()
        assert workspace.settings.get("user.name") == "New"
    assert not list((tmp_path / "p" / "backups").glob("replaced-*"))


def test_the_dialog_lists_backups_newest_first_with_date_and_size(
    qtbot: QtBot, tmp_path: Path
) -> None:
    backups = [
        AutomaticBackup(tmp_path / "auto-b", datetime(2030, 1, 2, 8, 0, tzinfo=UTC), 2_500_000),
        AutomaticBackup(tmp_path / "auto-a", datetime(2030, 1, 1, 8, 0, tzinfo=UTC), 1_000_000),
    ]
    dialog = RestoreBackupDialog(backups, str(tmp_path))
    qtbot.addWidget(dialog)
    assert dialog.list.count() == 2
    assert "2030" in dialog.list.item(0).text()
    assert "2.5 MB" in dialog.list.item(0).text()
    assert dialog.chosen() == backups[0]
    empty = RestoreBackupDialog([], str(tmp_path))
    qtbot.addWidget(empty)
    assert not empty.restore_button.isEnabled()


def test_the_damaged_start_dialog_names_the_backup_and_what_is_kept(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[str] = []

    def fake_exec(box: QMessageBox) -> int:
        seen.append(box.text() + "\n" + box.informativeText())
        return 0

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    latest = AutomaticBackup(tmp_path / "auto-x", datetime(2030, 5, 6, 7, 8, tzinfo=UTC), 10)
    assert offer_recovery(None, "The database is damaged.", latest, "/p/backups") is False
    assert describe_backup(latest) in seen[0]
    assert "kept aside in /p/backups" in seen[0]


def test_an_empty_backup_is_never_the_default_over_a_damaged_profile(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Enter on the damaged start's dialog quits when every backup is empty: one keypress must
    not put an empty profile in place of a damaged one that may hold the user's work."""
    from chatplanner.profile import Profile
    from chatplanner.services.auto_backup import list_automatic_backups

    Workspace.open(tmp_path / "p").close()  # its first backup: of an empty profile
    (latest,) = list_automatic_backups(Profile(tmp_path / "p"))
    seen: list[str] = []

    def press_enter(box: QMessageBox) -> int:
        seen.append(box.informativeText())
        default = box.defaultButton()
        assert default is not None
        seen.append(default.text())
        default.click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", press_enter)
    assert offer_recovery(None, "The database is damaged.", latest, "/p/backups") is False
    assert "hold no contacts and no chats" in seen[0]
    assert seen[1] == "Quit"


def test_the_restore_dialog_says_how_many_contacts_and_chats_each_backup_holds(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from chatplanner.domain.contacts import ContactDraft

    with Workspace.open(tmp_path / "p") as workspace:
        take_automatic_backup(workspace.profile, datetime(2030, 1, 1, tzinfo=UTC))
        workspace.people.contact_edits.create(ContactDraft(first_name="Zoë", last_name="Tremblay"))
        workspace.people.contact_edits.create(ContactDraft(first_name="Ana", last_name="Lima"))
        take_automatic_backup(workspace.profile, datetime(2030, 1, 2, tzinfo=UTC))
        window = MainWindow(workspace)
        qtbot.addWidget(window)
        shown: list[str] = []

        def look(dialog: RestoreBackupDialog) -> int:
            shown.extend(dialog.list.item(i).text() for i in range(dialog.list.count()))
            return 0  # cancelled

        monkeypatch.setattr(RestoreBackupDialog, "exec", look)
        file_menu = window.menuBar().actions()[0].menu()
        assert isinstance(file_menu, QMenu)
        action = next(a for a in file_menu.actions() if a.text().startswith("&Restore from"))
        action.trigger()
        assert "2 contacts and 0 chats" in shown[0]
        assert "no contacts and no chats" in shown[-1]
