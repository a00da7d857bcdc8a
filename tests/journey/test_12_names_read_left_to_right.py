"""A right-to-left name at the start of a line: the line still reads left to right, as the
app's English words around it do (the name at the left, its colon and commas after it)."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QComboBox, QLabel, QListView, QWidget

from chatplanner.domain.contacts import ContactDraft
from tests.journey.conftest import App
from tests.journey.story import messaged, planned, sorted_out
from tests.journey.test_04_first_messages import _select
from tests.journey.ui_finders import x_at

ARABIC_NAME = "محمد العلي"


def _arabic_contact(app: App) -> int:
    draft = ContactDraft(
        first_name="محمد", last_name="العلي", company="Metrolinx", title="PMO Lead"
    )
    return app.workspace.people.contact_edits.create(draft).id


def _ink_columns(label: QLabel) -> tuple[int, int]:
    """The leftmost and rightmost columns the label paints in, as it is on screen."""
    image = label.grab().toImage()
    background = image.pixelColor(0, 0)
    columns = [
        x
        for x in range(image.width())
        if any(image.pixelColor(x, y) != background for y in range(image.height()))
    ]
    assert columns, "the label paints nothing"
    return columns[0], columns[-1]


def _starts_at_the_left(label: QLabel) -> bool:
    """Whether the label's text is drawn against its left edge, not pushed to the right."""
    left, right = _ink_columns(label)
    room = label.width()
    assert right - left < room / 2, "the label must be wider than its text for this to tell"
    return left < room / 4


def _paragraph_reads_left_to_right(label: QLabel, fragment: str) -> bool:
    """Whether the paragraph of a rich-text label that holds `fragment` is laid out left to
    right by Qt: its direction, and its first character to the left of its last."""
    document = QTextDocument()
    document.setDefaultFont(label.font())
    document.setHtml(label.text())
    document.setTextWidth(max(label.width(), 400))
    document.size()  # lays the document out
    block = document.begin()
    while block.isValid() and fragment not in block.text():
        block = block.next()
    assert block.isValid(), f"{fragment!r} is not in the label"
    line = block.layout().lineAt(0)
    reads_forward = x_at(line, 0) < x_at(line, block.length() - 1)
    return block.textDirection() == Qt.LayoutDirection.LeftToRight and reads_forward


def test_the_placeholders_left_warning_lists_an_arabic_name_left_to_right(app: App) -> None:
    ids = sorted_out(app.workspace)
    _arabic_contact(app)
    user = app.user
    _select(app, "Jessica", ARABIC_NAME)
    found: dict[str, bool] = {}

    def write(dialog: QWidget) -> None:
        user.choose(user.named("Template", QComboBox, dialog), "First message")

        def read(box: QWidget) -> None:
            [label] = [
                label for label in user.all_visible(QLabel, box) if ARABIC_NAME in label.text()
            ]
            found["in order"] = _paragraph_reads_left_to_right(label, ARABIC_NAME)
            found["jessica too"] = _paragraph_reads_left_to_right(label, "Jessica")

        user.then_answer("Go back and fill them in", read)
        user.click_button("Log 2 messages as sent", dialog)
        user.click_button("Close", dialog)

    with user.in_next_dialog(write):
        user.click_button("Write message…")

    assert found == {"in order": True, "jessica too": True}
    assert not app.workspace.pipeline.outreach.messages(ids["Jessica"])


def test_a_today_card_shows_an_arabic_name_at_the_left(app: App) -> None:
    contact = _arabic_contact(app)
    messaged(app.workspace, contact, days_ago=20)  # past the 14 days before moving on
    user = app.user
    user.go_to("Today")
    user.wait_to_see(ARABIC_NAME)
    [label] = [
        label for label in user.all_visible(QLabel) if label.text().endswith(f"{ARABIC_NAME}</a>")
    ]
    assert _starts_at_the_left(label)


def test_a_chats_header_shows_an_arabic_name_at_the_left(app: App) -> None:
    contact = _arabic_contact(app)
    planned(app.workspace, contact, app.workspace.context.now() + timedelta(days=2))
    user = app.user
    user.go_to("Meetings")
    user.click_row(user.named("Meetings", QListView), ARABIC_NAME)
    user.wait_to_see(ARABIC_NAME)
    [label] = [
        label
        for label in user.all_visible(QLabel)
        if label.text().endswith(ARABIC_NAME) and label.property("role") == "heading"
    ]
    assert _starts_at_the_left(label)


def test_the_person_editor_shows_an_arabic_name_at_the_left(app: App) -> None:
    _arabic_contact(app)
    user = app.user
    user.go_to("People")
    _select(app, "محمد")
    user.wait_to_see(ARABIC_NAME)
    label = app.window.page("people").detail.name_label  # type: ignore[attr-defined]
    assert label.text().endswith(ARABIC_NAME)
    assert _starts_at_the_left(label)
