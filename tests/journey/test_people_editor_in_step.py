"""The People editor shows what is stored, its new-person form opens at the top, names read as
everywhere else, the bulk bar keeps its height, and bulk changes say what they did."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QInputMethodEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QWidget,
)

from chatplanner.domain.enums import ContactKind, Stage
from chatplanner.ui.theme import Theme, colors_for
from tests.journey.conftest import App
from tests.journey.story import messaged, met, sorted_out
from tests.journey.test_04_first_messages import _select
from tests.journey.ui_finders import dress
from tests.journey.user import WAIT_MS


def _stage_shown(app: App) -> str:
    return app.user.named("Stage", QComboBox).currentText()


def _timeline_texts(app: App) -> list[str]:
    app.user.open_tab("Timeline")
    view = app.window.page("people").detail.timeline_view  # type: ignore[attr-defined]
    return app.user.rows(view)


def test_planning_a_chat_from_people_shows_the_new_stage_at_once(app: App) -> None:
    ids = sorted_out(app.workspace)
    messaged(app.workspace, ids["Jessica"], days_ago=5)
    user = app.user
    _select(app, "Jessica")
    assert _stage_shown(app) == Stage.MESSAGED.label

    def plan(dialog: QWidget) -> None:
        user.click_button("Online call", dialog)
        user.type_into(user.labelled("Call link", dialog), "https://meet.example.org/jt")
        user.click_button("Plan Chat", dialog)

    with user.in_next_dialog(plan):
        user.click_button("Plan a chat…")

    assert app.workspace.people.contacts.get(ids["Jessica"]).stage is Stage.CHAT_PLANNED
    user.qtbot.waitUntil(lambda: _stage_shown(app) == Stage.CHAT_PLANNED.label, timeout=WAIT_MS)


def test_back_on_people_the_editor_shows_what_another_page_stored(app: App) -> None:
    ids = sorted_out(app.workspace)
    messaged(app.workspace, ids["Jessica"], days_ago=9)
    user = app.user
    _select(app, "Jessica")
    assert _stage_shown(app) == Stage.MESSAGED.label
    before = _timeline_texts(app)

    user.go_to("Meetings")
    met(app.workspace, ids["Jessica"], days_ago=1)  # the chat logged while People is away
    stored = app.workspace.people.contacts.get(ids["Jessica"]).stage
    assert stored is not Stage.MESSAGED
    user.go_to("People")

    assert _stage_shown(app) == stored.label
    assert len(_timeline_texts(app)) > len(before)
    people = user.table("Stage")
    jessica = next(i for i, name in enumerate(user.rows(people, 0)) if "Jessica" in name)
    assert user.rows(people, 5)[jessica] == stored.label
    assert people.selectionModel().selectedRows()[0].row() == jessica  # still selected


def test_unsaved_edits_are_kept_when_people_is_shown_again(app: App) -> None:
    ids = sorted_out(app.workspace)
    messaged(app.workspace, ids["Jessica"], days_ago=9)
    user = app.user
    _select(app, "Jessica")
    notes = user.labelled("Notes")
    assert isinstance(notes, QPlainTextEdit)
    user.type_into(notes, "Ask about the PMP exam")

    user.go_to("Meetings")
    met(app.workspace, ids["Jessica"], days_ago=1)
    user.go_to("People")

    assert "Ask about the PMP exam" in notes.toPlainText()
    assert user.button("Save").isEnabled()


def test_a_search_that_hides_the_person_shown_empties_the_editor(app: App) -> None:
    sorted_out(app.workspace)
    user = app.user
    _select(app, "Jessica")
    assert user.sees("Jessica Tran")
    user.type_into(user.named("Search people", QLineEdit), "Omar")
    user.wait_to_see("Select a person to see their details")
    assert not user.sees("Jessica Tran")


def test_a_person_a_search_hid_comes_back_in_the_editor_as_stored(app: App) -> None:
    ids = sorted_out(app.workspace)
    messaged(app.workspace, ids["Jessica"], days_ago=9)
    user = app.user
    _select(app, "Jessica")
    before = _timeline_texts(app)
    search = user.named("Search people", QLineEdit)
    for _ in range(2):  # hidden, then shown again: the editor holds her as stored
        user.type_into(search, "Omar", replace=True)
        user.wait_to_see("Select a person to see their details")
        user.type_into(search, "", replace=True)
        user.qtbot.waitUntil(
            lambda: not user.sees("Select a person to see their details"), timeout=WAIT_MS
        )
        assert user.named("Stage", QComboBox).isVisible()
        assert _stage_shown(app) == Stage.MESSAGED.label
        assert _timeline_texts(app) == before


def test_a_search_keeps_a_person_with_unsaved_edits_in_the_editor(app: App) -> None:
    sorted_out(app.workspace)
    user = app.user
    _select(app, "Jessica")
    notes = user.labelled("Notes")
    user.type_into(notes, "Ask about the PMP exam")
    user.type_into(user.named("Search people", QLineEdit), "Omar")
    user.qtbot.wait(50)
    assert notes.isVisible()
    assert "Ask about the PMP exam" in notes.toPlainText()  # type: ignore[attr-defined]
    assert user.button("Save").isEnabled()


def _new_person(app: App) -> QScrollArea:
    app.user.click_button("New contact")
    first = app.user.labelled("First name")
    app.user.qtbot.waitUntil(first.hasFocus, timeout=WAIT_MS)
    return _form_scroll(first)


def _form_scroll(field: QWidget) -> QScrollArea:
    """The scroll area the person's form scrolls in (the nearest around the field)."""
    holder = field.parentWidget()
    while not isinstance(holder, QScrollArea):
        assert holder is not None
        holder = holder.parentWidget()
    return holder


def test_the_new_person_form_opens_at_its_first_field(app: App) -> None:
    sorted_out(app.workspace)
    dress(app.window)  # the app's look: what greys out a button
    user = app.user
    _select(app, "Jessica")
    form = _form_scroll(user.labelled("Notes"))
    # The user had scrolled Jessica's form to its end.
    for _ in range(10):
        user.wheel(form.viewport(), -3)
    assert form.verticalScrollBar().value() > 0

    assert _new_person(app) is form
    first = user.labelled("First name")
    assert form.verticalScrollBar().value() == 0
    top_left = first.mapTo(form.viewport(), first.rect().topLeft())
    assert form.viewport().rect().contains(top_left)
    # Nobody saved to write to or meet yet: the buttons are greyed out, and look it.
    for text in ("Write message…", "Plan a chat…"):
        assert not user.button(text).isEnabled()
        assert _accent_pixels(user.button(text)) == 0, text
    user.type_into(user.labelled("First name"), "Ana")
    user.click_button("Save")
    user.qtbot.waitUntil(user.button("Plan a chat…").isEnabled, timeout=WAIT_MS)
    assert _accent_pixels(user.button("Plan a chat…")) > 0


def _accent_pixels(button: QAbstractButton) -> int:
    """How many pixels of the button are in the accent colour of a link (a button's words
    in that colour read as clickable)."""
    accent = QColor(colors_for(Theme.LIGHT).accent_text)
    image = button.grab().toImage()
    return sum(
        1
        for y in range(image.height())
        for x in range(image.width())
        if _near(image.pixelColor(x, y), accent)
    )


def _near(color: QColor, other: QColor) -> bool:
    return all(
        abs(a - b) <= 24
        for a, b in zip(
            (color.red(), color.green(), color.blue()),
            (other.red(), other.green(), other.blue()),
            strict=True,
        )
    )


def _type_with_input_method(app: App, field: QWidget, text: str) -> None:
    """Click the field and type `text` as a Chinese input method does: it commits the text
    (the keyboard cannot type 伟 key by key)."""
    app.user.click(field)
    event = QInputMethodEvent("", [])
    event.setCommitString(text)
    QApplication.sendEvent(field, event)


def test_a_chinese_name_reads_the_same_in_the_editor_and_the_status_bar(app: App) -> None:
    sorted_out(app.workspace)
    user = app.user
    user.go_to("People")
    _new_person(app)
    _type_with_input_method(app, user.labelled("First name"), "伟")
    _type_with_input_method(app, user.labelled("Last name"), "李")
    user.click_button("Save")
    user.qtbot.waitUntil(lambda: "Saved" in user.status_text(), timeout=WAIT_MS)
    assert user.status_text() == "Saved 李伟"
    titles = [
        label.text() for label in user.all_visible(QLabel) if label.property("role") == "title"
    ]
    assert "李伟" in titles
    assert "伟 李" not in " | ".join(user.texts())
    people = user.table("Stage")
    assert "李伟" in user.rows(people, 0)


def test_the_bulk_bar_keeps_its_height_with_or_without_a_selection(app: App) -> None:
    sorted_out(app.workspace)
    dress(app.window)  # the app's look and font size, as the user sees it
    user = app.user
    _select(app, "Jessica")
    people = user.table("Stage")
    delete = user.button("Delete")
    # Window widths where the words for no selection are too long for the bar's line.
    for width in (1280, 1100, 1000, 900):
        app.window.resize(width, 860)
        user.qtbot.wait(50)
        if not people.selectionModel().selectedRows():
            user.click_row(people, "Jessica")
        user.wait_to_see("1 selected")
        user.qtbot.wait(50)  # a reflow comes with the next pass of the event loop
        table_top, delete_top = people.mapTo(app.window, people.rect().topLeft()), delete.y()

        user.click_row(people, "Jessica", Qt.KeyboardModifier.ControlModifier)  # unselected
        # In a sentence, or in two words where the buttons leave it no room.
        user.qtbot.waitUntil(
            lambda: user.sees("Select people to change many at once") or user.sees("None selected")
        )
        user.qtbot.wait(50)

        assert delete.y() == delete_top, width
        assert people.mapTo(app.window, people.rect().topLeft()) == table_top, width


def _suggestion(app: App) -> QAbstractButton | None:
    found = [b for b in app.user.all_visible(QAbstractButton) if "use it" in b.text()]
    return found[0] if found else None


def _settled_y(app: App, widget: QWidget) -> int:
    """Where the widget sits once the form's layout passes are over (a fixed wait was too
    short on a busy machine): the same place three looks in a row."""
    looks = [widget.y()]

    def still() -> bool:
        looks.append(widget.y())
        return len(looks) >= 3 and looks[-1] == looks[-2] == looks[-3]

    app.user.qtbot.waitUntil(still, timeout=WAIT_MS)
    return looks[-1]


def test_the_kind_suggestion_shows_only_when_it_would_change_the_kind(app: App) -> None:
    ids = sorted_out(app.workspace)
    user = app.user
    _select(app, "Omar")
    kind = user.labelled("Kind")
    assert isinstance(kind, QComboBox)
    below = user.labelled("You want")
    hidden_gap = below.y() - kind.y()

    user.type_into(user.labelled("Title"), "Technical Recruiter", replace=True)
    suggestion = _suggestion(app)
    assert suggestion is not None
    shown_below = _settled_y(app, below)  # the form makes room for it in a later layout pass
    user.click(suggestion)
    assert kind.currentText() == ContactKind.RECRUITER.label
    assert _suggestion(app) is None
    assert (
        _settled_y(app, below) == shown_below
    )  # taking it does not move the form under the pointer
    user.click_button("Save")
    user.qtbot.waitUntil(lambda: not user.button("Save").isEnabled(), timeout=WAIT_MS)
    assert app.workspace.people.contacts.get(ids["Omar"]).draft.kind is ContactKind.RECRUITER

    # Shown again, a recruiter titled Recruiter gets no suggestion, nor a gap where it was.
    _select(app, "Jessica")
    _select(app, "Omar")
    assert _suggestion(app) is None
    assert _settled_y(app, below) - kind.y() == hidden_gap


def test_bulk_goal_and_kind_say_what_was_done(app: App) -> None:
    ids = sorted_out(app.workspace)
    user = app.user
    _select(app, "Omar", "Lucas")
    user.wait_to_see("2 selected")
    user.pick_from_menu("Set goal", "Job lead")
    user.qtbot.waitUntil(lambda: "Goal set for 2 people" in user.status_text(), timeout=WAIT_MS)
    assert app.workspace.people.contacts.get(ids["Omar"]).draft.goal is not None
    user.pick_from_menu("Set kind", "Recruiter")
    user.qtbot.waitUntil(lambda: "Kind set for 2 people" in user.status_text(), timeout=WAIT_MS)
    assert app.workspace.people.contacts.get(ids["Lucas"]).draft.kind is ContactKind.RECRUITER


def test_one_year_in_role_reads_one_year(app: App) -> None:
    from PySide6.QtWidgets import QSpinBox

    sorted_out(app.workspace)
    user = app.user
    _select(app, "Jessica")
    box = user.labelled("Years in role")
    assert isinstance(box, QSpinBox)
    box.setFocus()
    box.lineEdit().selectAll()
    user.qtbot.keyClicks(box, "1")
    assert box.text() == "1 year"
    user.qtbot.keyClick(box, Qt.Key.Key_Up)
    assert box.text() == "2 years"


def test_saving_an_edit_keeps_a_field_a_sync_changed_meanwhile(app: App) -> None:
    # The user edits Jessica's notes; meanwhile a sync brings her new phone number. Saving
    # stores the notes and keeps the new number (the whole form used to write the old one back).
    ids = sorted_out(app.workspace)
    user = app.user
    _select(app, "Jessica")
    phone = user.labelled("Phone")
    assert isinstance(phone, QLineEdit)
    shown_phone = phone.text()
    notes = user.labelled("Notes")
    assert isinstance(notes, QPlainTextEdit)
    user.type_into(notes, "Ask about the PMP exam")

    workspace = app.workspace
    stored = workspace.people.contacts.get(ids["Jessica"]).draft
    workspace.people.contact_edits.update(ids["Jessica"], replace(stored, phone="+1 416 555 0888"))
    assert phone.text() == shown_phone  # the form keeps what the user is editing

    user.click_button("Save")
    user.qtbot.waitUntil(lambda: not user.button("Save").isEnabled(), timeout=WAIT_MS)
    saved = workspace.people.contacts.get(ids["Jessica"]).draft
    assert "Ask about the PMP exam" in (saved.notes or "")
    assert saved.phone == "+1 416 555 0888"
    user.qtbot.waitUntil(lambda: phone.text() == "+1 416 555 0888", timeout=WAIT_MS)
