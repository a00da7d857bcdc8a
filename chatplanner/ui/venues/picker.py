"""Suggest a venue for a chat: choose a person, see ranked venues with reasons and a map."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSlider,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from chatplanner.domain.map_links import osm_url
from chatplanner.domain.moments import plural
from chatplanner.domain.places import Location
from chatplanner.domain.venue_ranking import RankingWeights
from chatplanner.domain.venues import VenueSuggestions
from chatplanner.services.workspace import Workspace
from chatplanner.ui.background import BackgroundTask
from chatplanner.ui.literal_text import literal
from chatplanner.ui.venues.map_view import MapPoint, MapVenue, MapView
from chatplanner.ui.venues.ranked_list import ID_ROLE, RankedVenueModel, ranked_list_view

FACTORS = (
    ("familiarity", "Familiar", "Visits, and knowing the commute, parking and menu"),
    ("quiet", "Quiet", "Quiet places make a first chat easier"),
    ("convenience", "Close by", "Near your base and, when known, the contact"),
    ("kind", "Kind", "Coffee shops and restaurants before other places"),
)
NOBODY = 0


class VenuePicker(QWidget):
    """`plan_chat(contact_id or 0)` asks the window to open the plan dialog."""

    plan_chat = Signal(int)

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:  # noqa: PLR0915 - the picker's list, filters and details, built in one place
        super().__init__(parent)
        self._workspace = workspace
        # Only the newest ranking is shown: an older answer is dropped on arrival.
        self._ranking = BackgroundTask(
            self, explain=lambda _error: "Ranking failed.", name="venue-ranking"
        )
        self._ranking.succeeded.connect(self._show)
        self._ranking.failed.connect(self._failed)
        self._suggestions: VenueSuggestions | None = None

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 12, 0, 0)
        layout.setSpacing(12)

        top = QHBoxLayout()
        top.setSpacing(10)
        who = QLabel("For a chat with")
        top.addWidget(who)
        self.contact = QComboBox()
        self.contact.setMinimumWidth(220)
        self.contact.setAccessibleName("Contact")
        who.setBuddy(self.contact)
        top.addWidget(self.contact)
        top.addStretch(1)
        self.plan_button = QPushButton("Plan a Chat…")
        self.plan_button.setProperty("role", "primary")
        self.plan_button.clicked.connect(lambda: self.plan_chat.emit(self._contact_id() or NOBODY))
        top.addWidget(self.plan_button)
        layout.addLayout(top)

        self.status = QLabel()
        self.status.setProperty("role", "muted")
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)
        layout.addWidget(self.status)

        split = QSplitter(Qt.Orientation.Horizontal)
        self.model = RankedVenueModel()
        self.list = ranked_list_view(self.model)
        self.list.setAccessibleName("Suggested venues, best first")
        self.list.setMinimumWidth(340)
        split.addWidget(self.list)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.setSpacing(8)
        self.map = MapView()
        self.map.setMinimumHeight(140)  # room for the legend below it in a 700 px window
        right_layout.addWidget(self.map, 1)
        map_row = QHBoxLayout()
        map_row.setContentsMargins(6, 0, 0, 0)
        self.legend = QLabel("⌂ you  ◆ them  ● venues")
        self.legend.setToolTip("Suggested venues are numbered in ranking order")
        self.legend.setWordWrap(True)  # two lines with a large font rather than cut
        self.legend.setMinimumHeight(2 * self.legend.fontMetrics().lineSpacing())
        self.legend.setProperty("role", "muted")
        map_row.addWidget(self.legend, 1)
        self.open_map = QPushButton("Open in Map")
        self.open_map.setToolTip("Show the chosen venue on OpenStreetMap in your browser")
        self.open_map.clicked.connect(self._open_in_map)
        map_row.addWidget(self.open_map)
        right_layout.addLayout(map_row)
        split.addWidget(right)
        split.setStretchFactor(0, 5)
        split.setStretchFactor(1, 4)
        split.setSizes([520, 420])
        layout.addWidget(split, 1)

        layout.addWidget(self._weights_panel())

        self._rank_timer = QTimer(self)
        self._rank_timer.setSingleShot(True)
        self._rank_timer.setInterval(250)
        self._rank_timer.timeout.connect(self._save_weights_and_rank)
        self.contact.currentIndexChanged.connect(lambda _i: self.rank())
        self.list.selectionModel().currentRowChanged.connect(self._selected)
        self.map.venue_clicked.connect(self.select_venue)

    # Weights ------------------------------------------------------------------------------------
    def _weights_panel(self) -> QFrame:
        panel = QFrame()
        panel.setProperty("role", "card")
        grid = QGridLayout(panel)
        grid.setContentsMargins(16, 12, 16, 12)
        grid.setHorizontalSpacing(18)
        grid.setVerticalSpacing(6)
        heading = QLabel("How much each factor counts")
        heading.setProperty("role", "heading")
        grid.addWidget(heading, 0, 0, 1, 3)
        self.sliders: dict[str, QSlider] = {}
        weights = self._workspace.planning.venues.weights()
        for column, (key, label, tip) in enumerate(FACTORS):
            name = QLabel(label)
            name.setToolTip(literal(tip))
            slider = QSlider(Qt.Orientation.Horizontal)
            slider.setRange(0, 100)
            slider.setValue(round(getattr(weights, key) * 100))
            slider.setToolTip(literal(tip))
            slider.setAccessibleName(f"Weight: {label}")
            slider.valueChanged.connect(lambda _v: self._rank_timer.start())
            name.setBuddy(slider)
            grid.addWidget(name, 1, column)
            grid.addWidget(slider, 2, column)
            self.sliders[key] = slider
        self.allow_bars = QCheckBox("Allow bars")
        self.allow_bars.setChecked(weights.allow_bars)
        self.allow_bars.setToolTip("Some people like to meet at a bar; it still ranks after cafés")
        self.allow_bars.toggled.connect(lambda _on: self._rank_timer.start())
        grid.addWidget(self.allow_bars, 2, len(FACTORS))
        reset = QPushButton("Reset")
        reset.setProperty("role", "flat")
        reset.clicked.connect(self._reset_weights)
        grid.addWidget(reset, 1, len(FACTORS))
        return panel

    def weights(self) -> RankingWeights | None:
        values = {key: slider.value() / 100 for key, slider in self.sliders.items()}
        try:
            return RankingWeights(**values, allow_bars=self.allow_bars.isChecked())
        except ValueError:
            return None

    def _reset_weights(self) -> None:
        default = RankingWeights()
        for key, slider in self.sliders.items():
            slider.setValue(round(getattr(default, key) * 100))
        self.allow_bars.setChecked(False)

    def _save_weights_and_rank(self) -> None:
        weights = self.weights()
        if weights is None:
            self.status.setText("At least one factor must count: move a slider above zero.")
            return
        self._workspace.planning.venues.set_weights(weights)
        self.rank()

    # Contacts -----------------------------------------------------------------------------------
    def refresh(self) -> None:
        current = self._contact_id()
        self.contact.blockSignals(True)
        self.contact.clear()
        self.contact.addItem("Nobody in particular", NOBODY)
        for choice in self._workspace.planning.scheduling.contact_choices():
            text = f"{choice.name} — {choice.city}" if choice.city else choice.name
            self.contact.addItem(text, choice.id)
        position = self.contact.findData(current) if current else 0
        self.contact.setCurrentIndex(max(0, position))
        self.contact.blockSignals(False)
        self.rank()

    def choose_contact(self, contact_id: int) -> None:
        position = self.contact.findData(contact_id)
        if position >= 0:
            self.contact.setCurrentIndex(position)

    def _contact_id(self) -> int | None:
        value = self.contact.currentData()
        return int(value) if isinstance(value, int) and value != NOBODY else None

    # Ranking ------------------------------------------------------------------------------------
    def rank(self) -> None:
        contact_id = self._contact_id()
        weights = self.weights()
        venues = self._workspace.planning.venues
        if not self.model.rowCount():
            self.status.setText("Ranking your venues…")
        self._ranking.call(lambda: venues.suggest(contact_id, weights=weights))

    def _show(self, result: object) -> None:
        if not isinstance(result, VenueSuggestions):
            return
        self._suggestions = result
        chosen = self._current_venue_id()
        self.model.set_rows(result.venues)
        self.status.setText(self._summary(result))
        self.map.set_places(
            _map_point(result.base, "You"),
            _map_point(result.contact, result.contact_name or "Them"),
            [
                MapVenue(v.id, number, v.name, *result.points[v.id])
                for number, v in enumerate(result.venues, start=1)
                if v.id in result.points
            ],
        )
        row = self.model.row_of(chosen) if chosen is not None else None
        self._select_row(row if row is not None else 0)

    def _failed(self, message: str) -> None:
        self.status.setText(message)

    @staticmethod
    def _summary(result: VenueSuggestions) -> str:
        if not result.venues:
            return "No venues to suggest yet: add the places you know on the first tab."
        parts = [f"{plural(len(result.venues), 'venue')}, best first."]
        if result.base is None:
            parts.append("Set your base to rank by distance.")
        if result.contact_name and result.contact is None:
            parts.append(f"We don't know where {result.contact_name} is: add their city.")
        return " ".join(parts)

    # Selection and the map ----------------------------------------------------------------------
    def _current_venue_id(self) -> int | None:
        index = self.list.currentIndex()
        value = index.data(ID_ROLE) if index.isValid() else None
        return int(value) if isinstance(value, int) else None

    def _select_row(self, row: int) -> None:
        if 0 <= row < self.model.rowCount():
            self.list.selectionModel().setCurrentIndex(
                self.model.index(row), QItemSelectionModel.SelectionFlag.ClearAndSelect
            )
        else:
            self.map.set_selected(None)
        self.open_map.setEnabled(self._map_target() is not None)

    def select_venue(self, venue_id: int) -> None:
        row = self.model.row_of(venue_id)
        if row is not None:
            self._select_row(row)

    def _selected(self, *_args: object) -> None:
        self.map.set_selected(self._current_venue_id())
        self.open_map.setEnabled(self._map_target() is not None)

    def _map_target(self) -> tuple[float, float] | None:
        venue_id = self._current_venue_id()
        if self._suggestions is None:
            return None
        if venue_id is not None and venue_id in self._suggestions.points:
            return self._suggestions.points[venue_id]
        base = self._suggestions.base
        return None if base is None else (base.latitude, base.longitude)

    def _open_in_map(self) -> None:
        target = self._map_target()
        if target is not None:
            QDesktopServices.openUrl(QUrl(osm_url(*target)))


def _map_point(location: Location | None, label: str) -> MapPoint | None:
    return None if location is None else MapPoint(location.latitude, location.longitude, label)
