"""No name is rendered as rich text: every label showing user data is plain or escaped.

The check walks every widget of the main window after visiting every page, so pages added
later are covered without changing this test.
"""

from __future__ import annotations

from pathlib import Path

from PySide6 import QtGui
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QGroupBox,
    QLabel,
    QTextBrowser,
    QTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from chatplanner.ui.main_window import MainWindow

from .hostile_profile import MARKERS, hostile_workspace


def _is_rendered_as_rich_text(label: QLabel) -> bool:
    text_format = label.textFormat()
    if text_format == Qt.TextFormat.PlainText:
        return False
    if text_format == Qt.TextFormat.AutoText:
        # QtGui's Qt namespace holds the function Qt itself uses for AutoText.
        return bool(QtGui.Qt.mightBeRichText(label.text()))
    return True


def _rendered_markup(text: str) -> list[str]:
    """Hostile markup that Qt would turn into formatting (it is there as tags, not escaped)."""
    return [marker for marker in MARKERS if marker in text]


def unsafe_widgets(root: QWidget) -> list[str]:
    found = []
    for label in root.findChildren(QLabel):
        if _is_rendered_as_rich_text(label) and _rendered_markup(label.text()):
            found.append(f"QLabel {label.objectName()!r}: {label.text()[:80]!r}")
    for view in root.findChildren(QTextEdit):  # QTextBrowser too
        document: QTextDocument = view.document()
        # Rich text from user data shows up as real images or bold runs in the document.
        html = document.toHtml()
        if "<img" in html or ("evil.example" in html and "href" in html):
            found.append(f"{type(view).__name__} {view.objectName()!r} renders markup")
    for widget in root.findChildren(QAbstractButton) + root.findChildren(QGroupBox):
        title = widget.title() if isinstance(widget, QGroupBox) else widget.text()
        assert isinstance(title, str)  # buttons and group boxes never render rich text
    return found


def test_the_checker_catches_a_label_that_renders_a_name(qtbot: QtBot) -> None:
    root = QWidget()
    qtbot.addWidget(root)
    QLabel("Meeting <b>bold</b>", root)
    escaped = QLabel("Meeting &lt;b&gt;bold&lt;/b&gt;", root)
    escaped.setTextFormat(Qt.TextFormat.RichText)
    plain = QLabel("<img src=x>", root)
    plain.setTextFormat(Qt.TextFormat.PlainText)
    browser = QTextBrowser(root)
    browser.setHtml("<p><img src=x></p>")
    assert len(unsafe_widgets(root)) == 2


def test_no_page_renders_user_data_as_rich_text(qtbot: QtBot, tmp_path: Path) -> None:
    with hostile_workspace(tmp_path / "p") as workspace:
        window = MainWindow(workspace)
        qtbot.addWidget(window)
        window.resize(1280, 800)
        window.show()
        problems: list[str] = []
        for page in window.pages:
            window.show_page(page.key)
            page.refresh()
            QApplication.processEvents()
            problems += unsafe_widgets(window)
        window.close()
    assert problems == []
