"""The Import Contacts dialog: choose, preview on a worker thread, decide, import, summary."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMenu
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from chatplanner.db.models import Contact
from chatplanner.services.import_preview import Decision
from chatplanner.services.workspace import Workspace
from chatplanner.ui.dialogs.import_contacts import ImportContactsDialog
from chatplanner.ui.imports.preview_model import ImportPreviewModel
from tests.ui.windows import ShowWindow

FIXTURES = Path(__file__).resolve().parents[1] / "interop" / "fixtures"
HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"


def contact_count(workspace: Workspace) -> int:
    with workspace.context.sessions() as session:
        return int(session.scalar(select(func.count()).select_from(Contact)) or 0)


def choose_file(monkeypatch: pytest.MonkeyPatch, path: Path) -> list[str]:
    asked: list[str] = []

    def fake_open(_parent: object, caption: str, *_args: object) -> tuple[str, str]:
        asked.append(caption)
        return str(path), ""

    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(fake_open))
    return asked


def open_dialog(qtbot: QtBot, workspace: Workspace, kind: str = "") -> ImportContactsDialog:
    dialog = ImportContactsDialog(workspace, kind)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_importing_a_small_linkedin_file_end_to_end(
    qtbot: QtBot, workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked = choose_file(monkeypatch, FIXTURES / "linkedin_connections_modern.csv")
    dialog = open_dialog(qtbot, workspace)

    qtbot.mouseClick(dialog.choose_page.browse_button, Qt.MouseButton.LeftButton)
    assert asked
    assert "linkedin" in dialog.choose_page.detected_label.text().lower()
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.stack.currentWidget() is dialog.preview_page, timeout=10_000)

    assert dialog.preview is not None
    assert dialog.preview.count("new") == 7
    assert "7 new people" in dialog.preview_page.counts_label.text()
    assert dialog.next_button.text() == "Import 7 Contacts"
    assert contact_count(workspace) == 0  # the preview writes nothing

    with qtbot.waitSignal(dialog.imported, timeout=10_000):
        qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.stack.currentWidget() is dialog.summary_page)
    assert dialog.summary is not None
    assert dialog.summary.new == 7
    assert "Row 11: Hidden profile" in dialog.summary_page.skipped_text.toPlainText()
    assert contact_count(workspace) == 7
    qtbot.keyClick(dialog, Qt.Key.Key_Return)
    assert not dialog.isVisible()


def test_names_are_shown_literally_and_labels_never_read_rich_text(
    qtbot: QtBot, workspace: Workspace
) -> None:
    dialog = open_dialog(qtbot, workspace, "linkedin")
    dialog.choose_page.path_edit.setText(str(FIXTURES / "linkedin_connections_modern.csv"))
    dialog.start_preview()
    qtbot.waitUntil(lambda: dialog.stack.currentWidget() is dialog.preview_page, timeout=10_000)
    model = dialog.preview_page.model
    names = [
        model.data(model.index(row, ImportPreviewModel.NAME)) for row in range(model.rowCount())
    ]
    assert "<b>Bold</b> O'Brien" in names
    for label in dialog.findChildren(type(dialog.preview_page.counts_label)):
        assert label.textFormat() == Qt.TextFormat.PlainText


def test_a_likely_duplicate_is_merged_only_when_chosen(
    qtbot: QtBot, workspace: Workspace, tmp_path: Path
) -> None:
    first = tmp_path / "first.csv"
    first.write_text(HEADER + "Grace,Mensah,,,Acme,PM,\n", encoding="utf-8")
    workspace.people.contact_import.commit(workspace.people.contact_import.preview(first))
    second = tmp_path / "second.csv"
    second.write_text(
        HEADER + "Grace,Mensah,https://www.linkedin.com/in/gm,,Acme,PM,\n", encoding="utf-8"
    )
    dialog = open_dialog(qtbot, workspace)
    dialog.choose_page.path_edit.setText(str(second))
    dialog.start_preview()
    qtbot.waitUntil(lambda: dialog.stack.currentWidget() is dialog.preview_page, timeout=10_000)
    assert dialog.preview_page.likely_bar.isVisibleTo(dialog)
    assert dialog.next_button.text() == "Nothing to Import"  # skipped unless chosen

    model = dialog.preview_page.model
    choice = model.index(0, ImportPreviewModel.CHOICE)
    assert str(model.data(choice)).startswith("Skip")
    assert model.setData(choice, Decision.MERGE.value)
    assert str(model.data(choice)).startswith("Merge into Grace Mensah")
    assert dialog.next_button.text() == "Import 1 Contact"

    with qtbot.waitSignal(dialog.imported, timeout=10_000):
        dialog.start_import()
    assert dialog.summary is not None
    assert dialog.summary.merged == 1
    assert contact_count(workspace) == 1


def test_a_file_that_is_not_contacts_shows_a_plain_message_and_changes_nothing(
    qtbot: QtBot, workspace: Workspace, tmp_path: Path
) -> None:
    workspace.people.contact_import.commit(
        workspace.people.contact_import.preview(FIXTURES / "linkedin_connections_modern.csv")
    )
    bad = tmp_path / "photo.csv"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    dialog = open_dialog(qtbot, workspace)
    dialog.choose_page.path_edit.setText(str(bad))
    assert "does not look like" in dialog.choose_page.detected_label.text()
    dialog.start_preview()
    qtbot.waitUntil(lambda: dialog.choose_page.error_label.isVisibleTo(dialog), timeout=10_000)
    assert "not a contact file" in dialog.choose_page.error_label.text()
    assert dialog.stack.currentWidget() is dialog.choose_page
    assert contact_count(workspace) == 7


def test_choosing_a_file_of_another_kind_switches_the_kind_and_says_so(
    qtbot: QtBot, workspace: Workspace
) -> None:
    dialog = open_dialog(qtbot, workspace, "linkedin")
    dialog.choose_page.path_edit.setText(str(FIXTURES / "apple_contacts.vcf"))
    assert dialog.choose_page.kind == "vcard"
    assert "changed to match" in dialog.choose_page.detected_label.text()


def test_escape_closes_the_dialog_when_nothing_runs(qtbot: QtBot, workspace: Workspace) -> None:
    dialog = open_dialog(qtbot, workspace)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_cancel_while_reading_goes_back_and_writes_nothing(
    qtbot: QtBot, workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    service = workspace.people.contact_import
    real_preview = service.preview

    def slow_preview(*args: object, **kwargs: object) -> object:
        # Runs on the worker thread: wait for Cancel without touching Qt.
        stop = kwargs["should_stop"]
        deadline = time.monotonic() + 5
        while not stop() and time.monotonic() < deadline:  # type: ignore[operator]
            time.sleep(0.01)
        return real_preview(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(service, "preview", slow_preview)
    dialog = open_dialog(qtbot, workspace)
    dialog.choose_page.path_edit.setText(str(FIXTURES / "linkedin_connections_modern.csv"))
    dialog.start_preview()
    assert dialog.stack.currentWidget() is dialog.working_page
    dialog.reject()  # Esc or Cancel while working
    assert dialog.isVisible()
    qtbot.waitUntil(lambda: dialog.stack.currentWidget() is dialog.choose_page, timeout=10_000)
    assert contact_count(workspace) == 0


def test_the_file_menu_opens_the_import_dialog_with_ctrl_i(
    qtbot: QtBot, workspace: Workspace
) -> None:
    from chatplanner.ui.main_window import MainWindow

    window = MainWindow(workspace)
    qtbot.addWidget(window)
    file_menu = window.menuBar().actions()[0].menu()
    assert isinstance(file_menu, QMenu)
    action = next(a for a in file_menu.actions() if "Import Contacts" in a.text())
    assert action.shortcut().toString() == "Ctrl+I"
    dialog = window.import_contacts("vcard")
    assert isinstance(dialog, ImportContactsDialog)
    assert dialog.isVisible()
    assert dialog.choose_page.kind == "vcard"
    dialog.reject()


def test_a_second_request_to_import_brings_the_open_dialog_forward(
    qtbot: QtBot, show_window: ShowWindow, workspace: Workspace
) -> None:
    """Ctrl+I, then the first-run sheet's "import my contacts next" (which opened over it):
    one import dialog, never two stacked with the same title."""
    window = show_window(workspace, None)
    qtbot.keyClick(window, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)

    def import_dialogs() -> list[ImportContactsDialog]:
        return [d for d in window.findChildren(ImportContactsDialog) if d.isVisible()]

    qtbot.waitUntil(lambda: len(import_dialogs()) == 1, timeout=5_000)
    (first,) = import_dialogs()
    assert window.import_contacts("linkedin") is first
    assert import_dialogs() == [first]
    qtbot.keyClick(first, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not import_dialogs(), timeout=5_000)
    qtbot.keyClick(window, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: len(import_dialogs()) == 1, timeout=5_000)
    import_dialogs()[0].reject()


def test_an_import_into_a_profile_with_people_keeps_a_backup_of_it_first(
    qtbot: QtBot, show_window: ShowWindow, demo: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An import changes too much to undo step by step: the profile as it was is kept in an
    automatic backup, which the summary names and File › Restore from Automatic Backup… lists."""
    from chatplanner.services.auto_backup import backup_contents, list_automatic_backups

    before = contact_count(demo)
    window = show_window(demo, None)
    choose_file(monkeypatch, FIXTURES / "linkedin_connections_modern.csv")
    qtbot.keyClick(window, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: bool(window.findChildren(ImportContactsDialog)), timeout=5_000)
    (dialog,) = window.findChildren(ImportContactsDialog)
    qtbot.mouseClick(dialog.choose_page.browse_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.stack.currentWidget() is dialog.preview_page, timeout=10_000)
    with qtbot.waitSignal(dialog.imported, timeout=10_000):
        qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.stack.currentWidget() is dialog.summary_page)

    shown = dialog.summary_page.backup_label
    assert shown.isVisible()
    assert "File › Restore from Automatic Backup… puts them back" in shown.text()
    assert dialog.summary is not None
    (backup,) = [
        b for b in list_automatic_backups(demo.profile) if b.name == dialog.summary.backup_name
    ]
    contents = backup_contents(backup)
    assert contents is not None
    assert contents.contacts == before
    assert contact_count(demo) > before
    qtbot.keyClick(dialog, Qt.Key.Key_Return)


def test_a_right_to_left_name_in_the_row_detail_keeps_its_colon_after_it(
    qtbot: QtBot, workspace: Workspace, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    source = tmp_path / "Connections.csv"
    source.write_text(HEADER + "נועה,כהן,,,Tidewater,Analyst,08 Feb 2026\n", encoding="utf-8")
    choose_file(monkeypatch, source)
    dialog = open_dialog(qtbot, workspace)
    qtbot.mouseClick(dialog.choose_page.browse_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.stack.currentWidget() is dialog.preview_page, timeout=10_000)
    table = dialog.preview_page.table
    first_cell = table.visualRect(table.model().index(0, 0)).center()
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=first_cell)
    shown = dialog.preview_page.row_label.text()
    # The name fenced in isolates (FSI … PDI): drawn right to left, the colon still follows it.
    assert "\u2068נועה כהן\u2069:" in shown, shown
