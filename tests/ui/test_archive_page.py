from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from chatplanner.domain.chat_notes import NoteSections
from chatplanner.interop.archive_markdown import SyncResult
from chatplanner.services.archive_search import SearchHit
from chatplanner.services.workspace import Workspace
from chatplanner.ui.archive.results import SNIPPET_HTML_ROLE, snippet_html
from chatplanner.ui.views.archive import NOTHING_FOUND, PROMPT, RESULTS, ArchivePage


def _page(qtbot: QtBot, workspace: Workspace) -> ArchivePage:
    page = ArchivePage(workspace, QUndoStack())
    qtbot.addWidget(page)
    page.show()
    return page


def test_snippets_are_escaped_and_only_matches_are_bold() -> None:
    hit = SearchHit(
        1,
        2,
        "Eve",
        __import__("datetime").date(2026, 3, 1),
        "<script>x</script> at Café & co",
        ((22, 26),),
    )
    assert snippet_html(hit) == "&lt;script&gt;x&lt;/script&gt; at <b>Café</b> &amp; co"


def test_bad_highlight_offsets_never_break_the_markup() -> None:
    hit = SearchHit(1, 2, "Eve", __import__("datetime").date(2026, 3, 1), "<i>", ((2, 9), (0, 1)))
    assert "<i>" not in snippet_html(hit).replace("<b>", "").replace("</b>", "")


def test_search_as_you_type_shows_highlighted_escaped_snippets(
    qtbot: QtBot, demo: Workspace
) -> None:
    anna = next(m for m in demo.chats.meetings.list_meetings() if m.contact_name.startswith("Anna"))
    demo.chats.meetings.save_notes(
        anna.id, NoteSections(free_notes="Met at <i>Café</i> Olimpico & talked shop")
    )
    page = _page(qtbot, demo)
    assert page.stack.currentIndex() == PROMPT
    qtbot.keyClicks(page.search, "olimpico cafe")
    qtbot.waitUntil(lambda: page.stack.currentIndex() == RESULTS, timeout=2000)
    html = page.model.index(0).data(SNIPPET_HTML_ROLE)
    assert "&lt;i&gt;<b>Café</b>&lt;/i&gt;" in html
    assert "<b>Olimpico</b> &amp; talked" in html
    assert page.model.index(0).data(Qt.ItemDataRole.DisplayRole).startswith("Anna Kowalska")


def test_enter_opens_the_first_meeting_at_the_words_found(qtbot: QtBot, demo: Workspace) -> None:
    page = _page(qtbot, demo)
    qtbot.keyClicks(page.search, "charter")
    with qtbot.waitSignal(page.open_meeting_notes) as opened:
        qtbot.keyClick(page.search, Qt.Key.Key_Return)
    zoe = next(m for m in demo.chats.meetings.list_meetings() if m.contact_name.startswith("Zoë"))
    assert opened.args[0] == zoe.id
    assert opened.args[1].lower().startswith("charter")


def test_hostile_queries_show_nothing_found(qtbot: QtBot, demo: Workspace) -> None:
    page = _page(qtbot, demo)
    qtbot.keyClicks(page.search, '"OR NEAR(')
    page.run_search()
    assert page.stack.currentIndex() == NOTHING_FOUND


def test_write_archive_runs_in_the_background_and_sums_up(qtbot: QtBot, demo: Workspace) -> None:
    page = _page(qtbot, demo)
    page.write_archive()
    qtbot.waitUntil(lambda: page.write_button.isEnabled(), timeout=10000)
    assert "Archive up to date: 8 written, 0 updated, 0 unchanged." in page.folder_label.text()
    page.write_archive()
    qtbot.waitUntil(lambda: page.write_button.isEnabled(), timeout=10000)
    assert "0 written, 0 updated, 8 unchanged" in page.folder_label.text()
    assert (demo.chats.archive.directory() / "index.md").is_file()


def test_choosing_a_folder_is_remembered(
    qtbot: QtBot, demo: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = _page(qtbot, demo)
    chosen = tmp_path / "my notes"
    chosen.mkdir()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(chosen))
    page._choose_folder()
    assert demo.chats.archive.directory() == chosen
    assert str(chosen) in page.folder_label.text()


def test_an_empty_profile_says_there_are_no_notes_yet(qtbot: QtBot, tmp_path: Path) -> None:
    with Workspace.open(tmp_path / "p") as workspace:
        page = _page(qtbot, workspace)
        assert page.prompt.title_label.text() == "No notes yet"


def test_an_unexpected_failure_is_reported_and_closing_does_not_wait(
    qtbot: QtBot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    import logging
    import time

    from PySide6.QtWidgets import QMessageBox, QPushButton

    from chatplanner.ui.main_window import MainWindow

    warnings: list[str] = []

    def warning(
        _parent: object, _title: str, text: str, *rest: object
    ) -> QMessageBox.StandardButton:
        warnings.append(text)
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "warning", warning)
    with Workspace.open(tmp_path / "p") as workspace:

        def broken(**_kwargs: object) -> None:
            raise KeyError("a bug, not a storage error")

        monkeypatch.setattr(workspace.chats.archive, "sync", broken)
        window = MainWindow(workspace)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        navigation = window.navigation
        archive_item = navigation.findItems("Archive", Qt.MatchFlag.MatchExactly)[0]
        qtbot.mouseClick(
            navigation.viewport(),
            Qt.MouseButton.LeftButton,
            pos=navigation.visualItemRect(archive_item).center(),
        )
        qtbot.waitUntil(lambda: window.stack.currentWidget() is window.page("archive"))
        write = next(
            b
            for b in window.page("archive").findChildren(QPushButton)
            if b.text() == "Write archive" and b.isVisible()
        )
        with caplog.at_level(logging.ERROR):
            qtbot.mouseClick(write, Qt.MouseButton.LeftButton)
            qtbot.waitUntil(lambda: write.isEnabled() and bool(warnings), timeout=5000)
        assert "KeyError" in warnings[0]
        assert any(r.exc_info and r.exc_info[0] is KeyError for r in caplog.records)

        started = time.monotonic()
        window.close()
        assert time.monotonic() - started < 5


def test_closing_while_a_stuck_write_runs_does_not_hang(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import threading
    import time

    from chatplanner.ui import background
    from chatplanner.ui.main_window import MainWindow

    monkeypatch.setattr(background, "CLOSE_WAIT_SECONDS", 0.3)
    release = threading.Event()
    with Workspace.open(tmp_path / "p") as workspace:

        def stuck(**_kwargs: object) -> SyncResult:
            release.wait(30)  # ignores its stop check, as a hung network folder would
            return SyncResult((), (), (), (), (), completed=False)

        monkeypatch.setattr(workspace.chats.archive, "sync", stuck)
        window = MainWindow(workspace)
        qtbot.addWidget(window)
        window.show()
        page = window.page("archive")
        assert isinstance(page, ArchivePage)
        page.write_archive()
        assert not page.write_button.isEnabled()
        started = time.monotonic()
        window.close()
        assert time.monotonic() - started < 3
        release.set()
        qtbot.waitUntil(lambda: page.write_button.isEnabled(), timeout=5000)
        assert "Stopped part-way" in page.folder_label.text()


def test_a_name_search_previews_the_notes_whichever_part_holds_them(
    qtbot: QtBot, demo: Workspace
) -> None:
    # Found in a walkthrough: notes written in "Their past" alone read "no notes yet".
    anna = next(m for m in demo.chats.meetings.list_meetings() if m.contact_name.startswith("Anna"))
    demo.chats.meetings.save_notes(anna.id, NoteSections(their_past="Ran a rail depot in Gdańsk"))
    page = _page(qtbot, demo)
    qtbot.keyClicks(page.search, "anna kowalska")
    qtbot.waitUntil(lambda: page.stack.currentIndex() == RESULTS, timeout=2000)
    previews = [
        page.model.index(row).data(SNIPPET_HTML_ROLE) for row in range(page.model.rowCount())
    ]
    assert any("Ran a rail depot in Gdańsk" in html for html in previews)
    assert not any("no notes yet" in html for html in previews)
