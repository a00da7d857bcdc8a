"""The composer: filled in, counted, problems shown where they stand, sent your way, logged."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication, QUndoStack
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from chatplanner.db.models import Contact
from chatplanner.domain.enums import ContactKind, Stage, TemplateKind
from chatplanner.services.workspace import Workspace
from chatplanner.ui.dialogs.composer import ComposerDialog
from tests.profiles import OpenWorkspace


@pytest.fixture
def workspace(open_workspace: OpenWorkspace) -> Workspace:
    opened = open_workspace()
    opened.settings.set("user.name", "Sam Lee")
    return opened


def add_contact(workspace: Workspace, **fields: object) -> int:
    now = workspace.context.now()
    values: dict[str, object] = {
        "first_name": "Priya",
        "last_name": "Shah",
        "company": "IBM",
        "title": "Project Manager",
        "previous_title": "Junior Engineer",
        "years_in_role": 6,
        "email": "priya@example.com",
        "linkedin_url": "https://www.linkedin.com/in/priya",
    }
    values.update(fields)
    with workspace.context.sessions.begin() as session:
        contact = Contact(created_at=now, updated_at=now, **values)
        session.add(contact)
        session.flush()
        return contact.id


def make(qtbot: QtBot, workspace: Workspace, ids: list[int], **kw: object) -> ComposerDialog:
    dialog = ComposerDialog(workspace, ids, **kw)  # type: ignore[arg-type]
    qtbot.addWidget(dialog)
    return dialog


def test_the_first_message_is_filled_in_for_the_contact(qtbot: QtBot, workspace: Workspace) -> None:
    dialog = make(qtbot, workspace, [add_contact(workspace)])
    assert dialog.template_kind is TemplateKind.FIRST_MESSAGE
    body = dialog.body_edit.toPlainText()
    assert body.startswith("Hi Priya,")
    assert "from Junior Engineer to Project Manager at IBM over the past six years" in body
    assert body.rstrip().endswith("Sam Lee")
    assert dialog.subject_edit.text() == "A question about your path to Project Manager"
    assert dialog.word_count_label.text().endswith("words")
    assert not dialog.problem_label.isVisibleTo(dialog)


def test_recruiters_get_the_recruiter_template(qtbot: QtBot, workspace: Workspace) -> None:
    recruiter = add_contact(workspace, kind=ContactKind.RECRUITER.value)
    dialog = make(qtbot, workspace, [recruiter])
    assert dialog.template_kind is TemplateKind.RECRUITER
    assert dialog.body_edit.toPlainText().startswith("Dear Priya,")


def test_the_word_count_follows_typing_and_warns_gently_past_a_hundred(
    qtbot: QtBot, workspace: Workspace
) -> None:
    dialog = make(qtbot, workspace, [add_contact(workspace)])
    dialog.body_edit.setPlainText("one two three")
    assert dialog.word_count_label.text() == "3 words"
    dialog.body_edit.setPlainText("word " * 120)
    assert dialog.word_count_label.text().startswith("120 words. Good first messages stay under")


def test_an_unknown_placeholder_is_shown_as_an_error_where_it_stands(
    qtbot: QtBot, workspace: Workspace
) -> None:
    dialog = make(qtbot, workspace, [add_contact(workspace)])
    dialog.body_edit.setPlainText("Hi {nickname}, see you soon")
    assert dialog.problem_label.isVisibleTo(dialog)
    assert "{nickname}" in dialog.problem_label.text()
    block = dialog.body_edit.document().firstBlock()
    formats = block.layout().formats()
    marked = [(f.start, f.length) for f in formats if f.format.underlineStyle().value]
    assert (3, 10) in marked


def test_a_value_missing_for_this_person_stays_visible_with_a_hint(
    qtbot: QtBot, workspace: Workspace
) -> None:
    # Chosen by hand: on its own the composer prefers a template the record fills.
    dialog = make(
        qtbot,
        workspace,
        [add_contact(workspace, previous_title=None)],
        template_kind=TemplateKind.FIRST_MESSAGE,
    )
    assert "{previous_title}" in dialog.body_edit.toPlainText()
    assert "Not on record for this person" in dialog.gap_label.text()


def test_with_several_people_a_missing_value_names_whose_record_lacks_it(
    qtbot: QtBot, workspace: Workspace
) -> None:
    known = add_contact(workspace)
    unknown = add_contact(workspace, first_name="Omar", last_name="Haddad", previous_title=None)
    dialog = make(qtbot, workspace, [known, unknown], template_kind=TemplateKind.FIRST_MESSAGE)
    dialog.people_list.setCurrentRow(0)
    assert not dialog.gap_label.text()
    dialog.people_list.setCurrentRow(1)
    words = "".join(c for c in dialog.gap_label.text() if c not in "\u2068\u2069")
    assert "Not on record for Omar Haddad, so write it in: {previous_title}" in words


def test_a_record_without_their_path_starts_from_the_short_introduction(
    qtbot: QtBot, workspace: Workspace
) -> None:
    dialog = make(qtbot, workspace, [add_contact(workspace, previous_title=None)])
    assert dialog.template_kind is TemplateKind.INTRODUCTION
    assert "{" not in dialog.body_edit.toPlainText()


def test_copy_puts_the_message_on_the_clipboard(qtbot: QtBot, workspace: Workspace) -> None:
    dialog = make(qtbot, workspace, [add_contact(workspace)])
    dialog.body_edit.setPlainText("Hello there")
    dialog.copy_button.click()
    assert QGuiApplication.clipboard().text() == "Hello there"


def test_mail_opens_a_mailto_link(
    qtbot: QtBot, workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[str] = []

    def open_url(url: QUrl) -> bool:
        opened.append(url.toString())
        return True

    monkeypatch.setattr(QDesktopServices, "openUrl", open_url)
    dialog = make(qtbot, workspace, [add_contact(workspace)])
    dialog.mail_button.click()
    assert opened
    assert opened[0].startswith("mailto:priya@example.com?subject=")


def test_a_message_too_long_for_mailto_is_copied_instead_and_says_so(
    qtbot: QtBot, workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[QUrl] = []

    def open_url(url: QUrl) -> bool:
        opened.append(url)
        return True

    monkeypatch.setattr(QDesktopServices, "openUrl", open_url)
    dialog = make(qtbot, workspace, [add_contact(workspace)])
    long_text = "A long and heartfelt sentence. " * 200
    dialog.body_edit.setPlainText(long_text)
    dialog.mail_button.click()
    assert opened == []
    assert QGuiApplication.clipboard().text() == long_text
    assert "copied instead" in dialog.notice_label.text()


def test_linkedin_opens_the_profile_and_only_web_addresses(
    qtbot: QtBot, workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toString()))
    dialog = make(qtbot, workspace, [add_contact(workspace)])
    dialog.linkedin_button.click()
    assert opened == ["https://www.linkedin.com/in/priya"]
    odd = make(qtbot, workspace, [add_contact(workspace, linkedin_url="file:///etc/passwd")])
    assert not odd.linkedin_button.isEnabled()


def test_log_as_sent_moves_everyone_to_messaged_and_can_be_undone(
    qtbot: QtBot, workspace: Workspace
) -> None:
    ids = [add_contact(workspace), add_contact(workspace, first_name="Ana")]
    stack = QUndoStack()
    dialog = make(qtbot, workspace, ids, undo_stack=stack)
    dialog.people_list.setCurrentRow(1)
    assert dialog.body_edit.toPlainText().startswith("Hi Ana,")
    dialog.log_button.click()
    assert dialog.logged
    with workspace.context.sessions() as session:
        stages = session.scalars(select(Contact.stage).order_by(Contact.id)).all()
    assert stages == [Stage.MESSAGED.value, Stage.MESSAGED.value]
    assert workspace.pipeline.outreach.messages(ids[1])[0].kind.value == "first_message"
    stack.undo()
    with workspace.context.sessions() as session:
        stages = session.scalars(select(Contact.stage).order_by(Contact.id)).all()
    assert stages == [Stage.NOT_CONTACTED.value, Stage.NOT_CONTACTED.value]
