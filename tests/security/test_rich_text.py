"""No name is rendered as rich text: every label, tooltip, item and message box showing user
data is plain or escaped.

The check walks every widget of the main window after visiting every page (labels, each
widget's tooltip, status and what's-this text, every item view's model and delegate, the status
bar), so pages added later are covered without changing this test; message boxes that quote
user text are captured as they open. `test_literal_text_calls.py` checks the source for
tooltips and message boxes that build text without `literal()`.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6 import QtGui
from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QGroupBox,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QStatusBar,
    QTableView,
    QTextBrowser,
    QTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from chatplanner.services.workspace import Workspace
from chatplanner.ui.archive.results import SNIPPET_HTML_ROLE
from chatplanner.ui.imports.preview_model import ImportPreviewModel
from chatplanner.ui.literal_text import literal
from chatplanner.ui.main_window import MainWindow
from chatplanner.ui.people.group_manager import GroupManagerDialog
from chatplanner.ui.views.venues import VenuesPage

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


def _renders_markup(text: object) -> bool:
    """True when Qt, guessing as it does for tooltips and message boxes, would render hostile
    markup in `text` (escaped markup inside `<qt>` is shown literally and is fine)."""
    return (
        isinstance(text, str)
        and bool(QtGui.Qt.mightBeRichText(text))
        and bool(_rendered_markup(text))
    )


# Roles Qt hands to rich-text-guessing code (tooltips, status tips, what's this), and the one
# role of the app that a delegate draws as HTML. Display and accessible text are always plain.
_CHECKED_ROLES = [
    Qt.ItemDataRole.ToolTipRole,
    Qt.ItemDataRole.StatusTipRole,
    Qt.ItemDataRole.WhatsThisRole,
    SNIPPET_HTML_ROLE,
]


# Delegates that paint item text themselves, each read for how it draws user text.
REVIEWED_DELEGATES = {
    "QStyledItemDelegate": "Qt's own: display text is drawn as plain text",
    "QAbstractItemDelegate": "Qt's internal ones (combo box popups) draw plain text",
    "MeetingListDelegate": "drawText only",
    "OwnerDelegate": "an editor with fixed choices",
    "_WrappedTextDelegate": "Qt's own painting (plain text); only its size hint is its own",
    "KnownThingsDelegate": "Qt's own painting (plain text); it only shortens the shown list",
    "_NavigationDelegate": "Qt's own painting (plain text); in a rail it only drops the text",
    "_RoomyRows": "row height only",
    "ChoiceDelegate": "fixed choice labels; names are drawn with drawText",
    "RankedVenueDelegate": "drawText only",
    "SearchResultDelegate": "HTML only from snippet_html, which escapes (test_archive_page)",
}


def _columns(model: QAbstractItemModel) -> int:
    try:
        return max(1, model.columnCount())
    except TypeError:  # a list model: one column
        return 1


def unsafe_items(view: QAbstractItemView, max_rows: int = 300) -> list[str]:
    """Item roles that would render hostile markup, and delegates that might draw it."""
    found: list[str] = []
    model = view.model()
    if model is None:
        return found
    delegates = [view.itemDelegate()]
    delegates += [view.itemDelegateForColumn(c) for c in range(_columns(model))]
    for delegate in delegates:
        name = type(delegate).__name__
        if delegate is not None and name not in REVIEWED_DELEGATES:
            found.append(f"{type(view).__name__} {view.objectName()!r}: unreviewed {name}")
    for row in range(min(model.rowCount(), max_rows)):
        for column in range(_columns(model)):
            index = model.index(row, column)
            for role in _CHECKED_ROLES:
                value = index.data(role)
                if _renders_markup(value):
                    found.append(
                        f"{type(model).__name__} row {row} col {column} role {int(role)}: "
                        f"{str(value)[:80]!r}"
                    )
    return found


def unsafe_widgets(root: QWidget) -> list[str]:
    found = []
    for widget in [root, *root.findChildren(QWidget)]:
        for kind, text in (
            ("tooltip", widget.toolTip()),
            ("status tip", widget.statusTip()),
            ("what's this", widget.whatsThis()),
        ):
            if _renders_markup(text):
                found.append(
                    f"{type(widget).__name__} {widget.objectName()!r} {kind}: {text[:80]!r}"
                )
    for view in root.findChildren(QAbstractItemView):
        found += unsafe_items(view)
    for bar in root.findChildren(QStatusBar):
        assert isinstance(bar.currentMessage(), str)  # showMessage never renders rich text
    for label in root.findChildren(QLabel):
        if _is_rendered_as_rich_text(label) and _rendered_markup(label.text()):
            found.append(f"QLabel {label.objectName()!r}: {label.text()[:80]!r}")
    for editor in root.findChildren(QTextEdit):  # QTextBrowser too
        document: QTextDocument = editor.document()
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
    tipped = QLabel("plain", root)
    tipped.setToolTip("Open <b>bold</b>")
    safe_tip = QLabel("plain", root)
    safe_tip.setToolTip(literal("Open <b>bold</b>"))
    listing = QListWidget(root)
    item = QListWidgetItem("<b>bold</b>")  # display text is drawn plain: fine
    item.setToolTip("<img src=x>")
    listing.addItem(item)
    assert len(unsafe_widgets(root)) == 4


def test_no_page_renders_user_data_as_rich_text(qtbot: QtBot, demo_profile: Path) -> None:
    with hostile_workspace(demo_profile) as workspace:
        window = MainWindow(workspace)
        qtbot.addWidget(window)
        window.resize(1280, 800)
        window.show()
        problems: list[str] = []
        for page in window.pages:
            window.show_page(page.key)
            page.refresh()
            QApplication.processEvents()
            qtbot.wait(100)  # lists that load on a worker thread
            views = page.findChildren(QAbstractItemView)
            for view in views:  # select a row, so detail panes fill too
                model = view.model()
                if model is not None and model.rowCount() and view.isVisible():
                    view.setCurrentIndex(model.index(0, 0))
                    QApplication.processEvents()
            problems += unsafe_widgets(window)
        window.close()
    assert problems == []


def shown_text(markup: str) -> tuple[str, str]:
    """What a message box or tooltip shows for `markup` (plain text, html), guessed as Qt does."""
    document = QTextDocument()
    if QtGui.Qt.mightBeRichText(markup):
        document.setHtml(markup)
    else:
        document.setPlainText(markup)
    return document.toPlainText(), document.toHtml()


def test_questions_that_quote_a_name_show_it_literally(
    qtbot: QtBot, demo_profile: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []

    def question(_parent: object, _title: str, text: str, *_rest: object) -> object:
        asked.append(text)
        return QMessageBox.StandardButton.Cancel

    monkeypatch.setattr(QMessageBox, "question", question)

    def get_item(_parent: object, _title: str, label: str, *_rest: object) -> tuple[str, bool]:
        asked.append(label)
        return "", False

    monkeypatch.setattr(QInputDialog, "getItem", get_item)
    with hostile_workspace(demo_profile) as workspace:
        group = workspace.people.groups.create("<img src=x> club")
        window = MainWindow(workspace)
        qtbot.addWidget(window)
        window.show()
        window.show_page("venues")
        venues = window.page("venues")
        assert isinstance(venues, VenuesPage)
        venues.refresh()
        venues.select_venue(workspace.planning.venues.list_venues()[0].id)
        venues.remove_selected()
        manager = GroupManagerDialog(workspace.people.groups, window)
        qtbot.addWidget(manager)
        manager.reload(group.id)
        manager.delete_group()
        workspace.people.groups.create("Another")
        manager.reload(group.id)
        manager.merge_group()
        window.close()
    assert len(asked) == 3
    names = ("<b>Café</b> <img src=x>", "<img src=x> club", "<img src=x> club")
    for text, name in zip(asked, names, strict=True):
        plain, html = shown_text(text)
        assert name in plain
        assert "<img" not in html


def test_the_import_preview_shows_hostile_names_literally(qtbot: QtBot, tmp_path: Path) -> None:
    card = tmp_path / "hostile.vcf"
    card.write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nN:<img src=x>;<b>bold</b>;;;\r\n"
        "FN:<b>bold</b> <img src=x>\r\nORG:<i>Acme</i>\r\nEND:VCARD\r\n",
        encoding="utf-8",
    )
    with Workspace.open(tmp_path / "p") as workspace:
        preview = workspace.people.contact_import.preview(card)
        model = ImportPreviewModel()
        model.set_preview(preview)
        view = QTableView()
        qtbot.addWidget(view)
        view.setModel(model)
        assert unsafe_items(view) == []
        texts = [
            str(model.index(row, column).data(Qt.ItemDataRole.DisplayRole))
            for row in range(model.rowCount())
            for column in range(_columns(model))
        ]
        assert any("<b>bold</b>" in text and "<img src=x>" in text for text in texts)
