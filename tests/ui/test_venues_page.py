"""The Venues page with qtbot: add, edit, visits, remove with undo; the base; the picker and map."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QUndoStack
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from chatplanner.domain.enums import VenueKind
from chatplanner.domain.venues import UserBase, VenueDraft
from chatplanner.services.workspace import Workspace
from chatplanner.ui.venues import picker as picker_module
from chatplanner.ui.venues.base_dialog import BaseDialog
from chatplanner.ui.venues.editor import VenueEditor
from chatplanner.ui.venues.map_view import MapPoint, MapVenue, MapView, ring_step
from chatplanner.ui.venues.table_model import NAME, VISITS
from chatplanner.ui.views.venues import PICKER_TAB, VenuesPage


def make_page(qtbot: QtBot, workspace: Workspace) -> tuple[VenuesPage, QUndoStack]:
    stack = QUndoStack()
    page = VenuesPage(workspace, stack)
    qtbot.addWidget(page)
    page.resize(1100, 760)
    page.refresh()
    return page, stack


def fill_editor(monkeypatch: pytest.MonkeyPatch, **fields: str) -> None:
    def fake_exec(self: VenueEditor) -> int:
        if "name" in fields:
            self.name.setText(fields["name"])
        if "coordinates" in fields:
            self.coordinates.edit.setText(fields["coordinates"])
        if "quiet" in fields:
            self.quietness.setCurrentIndex(self.quietness.findData(int(fields["quiet"])))
        self.accept()
        return int(self.result())

    monkeypatch.setattr(VenueEditor, "exec", fake_exec)


def names(page: VenuesPage) -> list[str]:
    return [page.proxy.index(row, NAME).data() for row in range(page.proxy.rowCount())]


def test_empty_profile_shows_the_empty_state_and_adding_a_venue_can_be_undone(
    qtbot: QtBot, workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    page, stack = make_page(qtbot, workspace)
    assert page.list_stack.currentWidget() is page.empty
    assert "not set" in page.base_label.text()

    fill_editor(
        monkeypatch,
        name="<b>Lantern</b> & Leaf",
        coordinates="https://www.openstreetmap.org/?mlat=43.647&mlon=-79.403#map=17/43.647/-79.403",
    )
    page.add_venue()
    assert page.list_stack.currentWidget() is page.table
    assert names(page) == ["<b>Lantern</b> & Leaf"]
    [record] = workspace.planning.venues.list_venues()
    assert record.point == (43.647, -79.403)

    stack.undo()
    assert workspace.planning.venues.list_venues() == []
    assert page.list_stack.currentWidget() is page.empty
    stack.redo()
    assert [v.name for v in workspace.planning.venues.list_venues()] == ["<b>Lantern</b> & Leaf"]


def test_editing_is_undoable(
    qtbot: QtBot, workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    venue_id = workspace.planning.venues.add(
        VenueDraft("Annex", VenueKind.COFFEE_SHOP, quietness=2)
    )
    page, stack = make_page(qtbot, workspace)
    page.select_venue(venue_id)
    fill_editor(monkeypatch, name="Annex Roasters", quiet="5")
    page.edit_selected()
    assert workspace.planning.venues.get(venue_id).name == "Annex Roasters"
    assert workspace.planning.venues.get(venue_id).quietness == 5
    stack.undo()
    assert workspace.planning.venues.get(venue_id).name == "Annex"
    assert workspace.planning.venues.get(venue_id).quietness == 2


def test_been_here_counts_a_visit_and_undo_takes_it_back(
    qtbot: QtBot, workspace: Workspace
) -> None:
    venue_id = workspace.planning.venues.add(VenueDraft("Annex"))
    page, stack = make_page(qtbot, workspace)
    page.select_venue(venue_id)
    assert page.visit_button.isEnabled()
    qtbot.mouseClick(page.visit_button, Qt.MouseButton.LeftButton)
    assert workspace.planning.venues.get(venue_id).visit_count == 1
    assert page.proxy.index(0, VISITS).data() == "1"
    stack.undo()
    assert workspace.planning.venues.get(venue_id).visit_count == 0


def test_remove_asks_first_and_can_be_undone(
    qtbot: QtBot, workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    venue_id = workspace.planning.venues.add(VenueDraft("Annex"))
    page, stack = make_page(qtbot, workspace)
    page.select_venue(venue_id)
    asked: list[str] = []

    def answer(reply: QMessageBox.StandardButton) -> object:
        def question(_parent: object, _title: str, text: str, *_args: object) -> object:
            asked.append(text)
            return reply

        return question

    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.StandardButton.Cancel))
    page.remove_selected()
    assert len(workspace.planning.venues.list_venues()) == 1
    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.StandardButton.Yes))
    page.remove_selected()
    assert workspace.planning.venues.list_venues() == []
    assert "Annex" in asked[0]
    stack.undo()
    assert len(workspace.planning.venues.list_venues()) == 1


def test_changing_the_base_with_a_city_from_the_offline_list(
    qtbot: QtBot, workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    page, _stack = make_page(qtbot, workspace)

    def choose_london_ontario(self: BaseDialog) -> int:
        self.city.setText("London")
        self._look_up_city()
        assert self.matches.count() >= 2  # London, GB and London, Ontario
        index = next(
            i for i in range(self.matches.count()) if self.matches.itemData(i).country == "CA"
        )
        self.matches.setCurrentIndex(index)
        self.accept()
        return int(self.result())

    monkeypatch.setattr(BaseDialog, "exec", choose_london_ontario)
    page.change_base()
    base = workspace.planning.venues.base()
    assert base is not None
    assert (base.city, base.country, base.timezone) == ("London", "CA", "America/Toronto")
    assert page.base_label.text() == "Your base: Home — London"


def test_picker_ranks_with_reasons_for_a_contact_and_saves_weights(
    qtbot: QtBot, demo: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    page, _stack = make_page(qtbot, demo)
    page.tabs.setCurrentIndex(PICKER_TAB)
    picker = page.picker
    jessica = next(
        c.id for c in demo.planning.scheduling.contact_choices() if c.name.startswith("Jessica")
    )
    picker.choose_contact(jessica)
    qtbot.waitUntil(
        lambda: picker._suggestions is not None and picker._suggestions.contact_name == "Jessica",
        timeout=5000,
    )
    first = picker.model.record_or_none(0)
    assert first is not None
    # Jessica is known only by her city: the venue is in it, at no distance from its centre.
    assert "in Jessica's city" in first.reasons, first.reasons
    shown = [picker.model.record_or_none(i) for i in range(picker.model.rowCount())]
    assert all(venue is not None and venue.kind is not VenueKind.BAR for venue in shown)

    picker.allow_bars.setChecked(True)
    qtbot.waitUntil(
        lambda: any(
            picker.model.record_or_none(i).kind is VenueKind.BAR  # type: ignore[union-attr]
            for i in range(picker.model.rowCount())
        ),
        timeout=5000,
    )
    assert demo.settings.get("places.allow_bars") is True
    picker.sliders["quiet"].setValue(90)
    qtbot.waitUntil(lambda: demo.settings.get("places.weights")["quiet"] == 0.9, timeout=5000)

    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url))
    qtbot.mouseClick(picker.open_map, Qt.MouseButton.LeftButton)
    assert opened
    assert opened[0].toString().startswith("https://www.openstreetmap.org/?mlat=")


def test_map_draws_offline_and_a_click_on_a_dot_chooses_the_venue(qtbot: QtBot) -> None:
    view = MapView()
    qtbot.addWidget(view)
    view.resize(400, 300)
    view.set_places(
        MapPoint(43.6532, -79.3832, "You"),
        MapPoint(45.42, -75.70, "<i>Chloé</i>"),  # far away: drawn on the edge
        [MapVenue(7, 1, "Annex", 43.6655, -79.41), MapVenue(8, 2, "Far", 43.59, -79.64)],
    )
    view.set_selected(7)
    view.show()
    assert not view.grab().isNull()
    centre, venue = view._dots[-1]
    with qtbot.waitSignal(view.venue_clicked) as clicked:
        qtbot.mouseClick(
            view, Qt.MouseButton.LeftButton, pos=QPoint(round(centre.x()), round(centre.y()))
        )
    assert clicked.args == [venue.id]
    assert ring_step(3.0) == 1
    assert ring_step(30.0) == 10


def test_empty_map_says_what_it_needs(qtbot: QtBot) -> None:
    view = MapView()
    qtbot.addWidget(view)
    view.set_places(None, None, [])
    view.resize(300, 200)
    assert not view.grab().isNull()


def test_the_user_base_caption() -> None:
    assert UserBase("Home", "Toronto", 43.6, -79.3).caption == "Home — Toronto"
    assert UserBase("", "Toronto", 43.6, -79.3).caption == "Toronto"


def test_typing_another_city_clears_the_old_point(qtbot: QtBot) -> None:
    current = UserBase("Home", "Toronto", 43.6532, -79.3832, "CA", "America/Toronto")
    dialog = BaseDialog(lambda name: [], lambda query: None, current)
    qtbot.addWidget(dialog)
    assert dialog.coordinates.point() == (43.6532, -79.3832)
    qtbot.keyClicks(dialog.city, "x")
    assert dialog.coordinates.point() is None
    dialog.accept()
    assert dialog.base() is None
    assert "Choose a city" in dialog.error.text()


def test_the_suggestions_tab_is_built_when_first_chosen(qtbot: QtBot, demo: Workspace) -> None:
    page, _stack = make_page(qtbot, demo)
    tab = page.tabs.widget(PICKER_TAB)
    assert tab is not None
    assert tab.findChildren(picker_module.VenuePicker) == []
    page.tabs.setCurrentIndex(PICKER_TAB)
    [built] = tab.findChildren(picker_module.VenuePicker)
    assert built is page.picker
    assert built.contact.count() > 0


def test_one_venue_suggested_is_counted_in_the_singular(qtbot: QtBot, workspace: Workspace) -> None:
    workspace.planning.venues.add(VenueDraft(name="Lantern", latitude=43.647, longitude=-79.403))
    page, _stack = make_page(qtbot, workspace)
    page.tabs.setCurrentIndex(PICKER_TAB)
    picker = page.picker
    qtbot.waitUntil(lambda: picker._suggestions is not None, timeout=5000)
    assert picker.status.text().startswith("1 venue, best first.")
