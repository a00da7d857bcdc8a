"""The first person saved in a fresh profile is stored once, whichever way it is saved."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from chatplanner.services.workspace import Workspace
from chatplanner.ui.main_window import MainWindow
from chatplanner.ui.views.people import PeoplePage
from tests.ui.windows import ShowWindow


@pytest.fixture
def window(show_window: ShowWindow, workspace: Workspace) -> MainWindow:
    return show_window(workspace)


def _button(parent: QWidget, text: str) -> QPushButton:
    found = [b for b in parent.findChildren(QPushButton) if b.text() == text and b.isVisible()]
    assert found, f"no visible button {text!r}"
    return found[0]


def _field_after(parent: QWidget, label: str) -> QLineEdit:
    for form in parent.findChildren(QFormLayout):
        for row in range(form.rowCount()):
            item = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
            name = item.widget() if item else None
            if isinstance(name, QLabel) and name.text() == label:
                field_item = form.itemAt(row, QFormLayout.ItemRole.FieldRole)
                assert field_item is not None
                field = field_item.widget()
                if isinstance(field, QLineEdit) and field.isVisible():
                    return field
    raise AssertionError(f"no visible field {label!r}")


def _new_contact(qtbot: QtBot, window: MainWindow) -> PeoplePage:
    window.show_page("people")
    page = window.page("people")
    assert isinstance(page, PeoplePage)
    qtbot.mouseClick(_button(page, "New contact"), Qt.MouseButton.LeftButton)
    first = _field_after(page, "First name")
    qtbot.mouseClick(first, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(first, "Mouse")
    last = _field_after(page, "Last name")
    qtbot.mouseClick(last, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(last, "Only")
    return page


def _stored_names(workspace: Workspace) -> list[str]:
    rows = workspace.people.contacts.list_summaries(include_archived=True)
    return [row.display_name for row in rows]


def test_clicking_save_on_the_first_new_person_stores_them_once(
    qtbot: QtBot, window: MainWindow, workspace: Workspace
) -> None:
    page = _new_contact(qtbot, window)
    qtbot.mouseClick(_button(page, "Save"), Qt.MouseButton.LeftButton)
    qtbot.wait(50)
    assert _stored_names(workspace) == ["Mouse Only"]
    assert page.model.rowCount() == 1


def test_ctrl_s_on_the_first_new_person_stores_them_once(
    qtbot: QtBot, window: MainWindow, workspace: Workspace
) -> None:
    page = _new_contact(qtbot, window)
    qtbot.keyClick(window.focusWidget(), Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.wait(50)
    assert _stored_names(workspace) == ["Mouse Only"]
    assert page.model.rowCount() == 1
