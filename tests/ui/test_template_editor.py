"""The template editor: placeholders listed and inserted, errors where they stand, reset."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from chatplanner.domain.enums import TemplateKind
from chatplanner.domain.templates import PLACEHOLDERS
from chatplanner.interop.default_templates import load_default_template
from chatplanner.services.workspace import Workspace
from chatplanner.ui.dialogs.template_editor import TemplateEditorDialog


@pytest.fixture
def editor(qtbot: QtBot, workspace: Workspace) -> TemplateEditorDialog:
    dialog = TemplateEditorDialog(workspace)
    qtbot.addWidget(dialog)
    return dialog


def test_every_placeholder_is_listed_and_a_click_inserts_it(editor: TemplateEditorDialog) -> None:
    assert editor.placeholder_list.count() == len(PLACEHOLDERS)
    editor.body_edit.setPlainText("Hi ")
    editor.body_edit.moveCursor(editor.body_edit.textCursor().MoveOperation.End)
    editor._insert_placeholder(editor.placeholder_list.item(0))
    assert editor.body_edit.toPlainText() == "Hi {first_name}"


def test_an_unknown_placeholder_is_an_error_and_cannot_be_saved(
    editor: TemplateEditorDialog,
) -> None:
    editor.body_edit.setPlainText("Hi {nickname}")
    assert "{nickname} is not a placeholder" in editor.error_label.text()
    assert not editor.save_button.isEnabled()
    formats = editor.body_edit.document().firstBlock().layout().formats()
    assert any(f.start == 3 and f.length == 10 for f in formats)


def test_save_keeps_the_text_and_reset_brings_the_default_back(
    editor: TemplateEditorDialog, workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    editor.body_edit.setPlainText("Hi {first_name}, a short note.")
    assert editor.save_button.isEnabled()
    editor.save_button.click()
    assert workspace.pipeline.templates.get(TemplateKind.FIRST_MESSAGE).customised
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Reset)
    editor.reset_button.click()
    default = load_default_template(TemplateKind.FIRST_MESSAGE)
    assert editor.body_edit.toPlainText() == default.body
    assert not workspace.pipeline.templates.get(TemplateKind.FIRST_MESSAGE).customised


def shown_kind(editor: TemplateEditorDialog) -> TemplateKind:
    """The editor's kind, read again (after an assert, the type checker keeps the first)."""
    return editor.kind


def test_switching_templates_with_unsaved_changes_asks_first(
    editor: TemplateEditorDialog, monkeypatch: pytest.MonkeyPatch
) -> None:
    editor.body_edit.setPlainText("Changed")
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Cancel)
    editor.kind_list.setCurrentRow(1)
    assert editor.kind is TemplateKind.FIRST_MESSAGE
    assert editor.body_edit.toPlainText() == "Changed"
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Discard)
    editor.kind_list.setCurrentRow(1)
    assert shown_kind(editor) is TemplateKind.FOLLOW_UP
