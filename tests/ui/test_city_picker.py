"""The matching places are greyed while there are none to choose."""

from __future__ import annotations

from PySide6.QtTest import QTest
from PySide6.QtWidgets import QFormLayout, QWidget
from pytestqt.qtbot import QtBot

from chatplanner.domain.places import City
from chatplanner.services.workspace import Workspace
from chatplanner.ui.dialogs.first_run import FirstRunDialog
from chatplanner.ui.venues.city_picker import CityPicker

TORONTO = City("Toronto", "CA", "08", 43.7064, -79.3986, 2_731_571, "America/Toronto")


def test_the_matches_are_usable_only_when_something_matches(qtbot: QtBot) -> None:
    holder = QWidget()
    qtbot.addWidget(holder)
    picker = CityPicker(lambda text: [TORONTO] if "toronto".startswith(text.lower()) else [])
    picker.setParent(holder)
    picker.add_rows(QFormLayout(holder), "City")
    holder.show()
    assert not picker.matches.isEnabled()  # nothing typed yet

    QTest.keyClicks(picker.edit, "Toro")
    qtbot.waitUntil(lambda: picker.matches.count() == 1)
    assert picker.matches.isEnabled()

    QTest.keyClicks(picker.edit, "x")
    qtbot.waitUntil(lambda: picker.matches.count() == 0)
    assert not picker.matches.isEnabled()


def test_a_name_half_typed_on_the_first_run_sheet_is_not_called_a_misspelling(
    qtbot: QtBot, demo: Workspace
) -> None:
    # Found in a walkthrough: typing "Toront" the sheet said "check the spelling".
    sheet = FirstRunDialog(demo.planning.venues.places.cities)
    qtbot.addWidget(sheet)
    sheet.show()
    QTest.keyClicks(sheet.city.edit, "Toront")
    qtbot.waitUntil(lambda: "whole name" in sheet.city.hint.text(), timeout=5000)
    assert "spelling" not in sheet.city.hint.text()
    assert not sheet.city.matches.isEnabled()

    QTest.keyClicks(sheet.city.edit, "o")
    qtbot.waitUntil(lambda: sheet.city.matches.count() > 0, timeout=5000)
    assert sheet.city.matches.currentText().startswith("Toronto, CA")
    assert "whole name" not in sheet.city.hint.text()
